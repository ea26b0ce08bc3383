/**
 * The project's configuration for `npm run coverage` (test/coverage/coverage.ts): the instrumented build goes
 * to coverage/artifacts and coverage/cache, so it never replaces the project's artifacts (which other test
 * runs and the gas snapshot use), and the mocks are not instrumented (they are not counted).
 */
import config from "./hardhat.config.js";

export default {
  ...config,
  paths: { ...config.paths, artifacts: "./coverage/artifacts", cache: "./coverage/cache" },
  coverage: { skipFiles: ["contracts/mocks/**"] },
};
