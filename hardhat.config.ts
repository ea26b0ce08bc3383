import { createRequire } from "node:module";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";
import { numericCloseToHooks } from "./test/setup/numeric-close-to.js";

const require = createRequire(import.meta.url);

/** Compile offline with the npm `solc` package: Hardhat cannot download compilers on these machines. */
const SOLC_VERSION = "0.8.28";
const solcPath = require.resolve("solc/soljson.js");


export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    profiles: {
      default: {
        version: SOLC_VERSION,
        path: solcPath,
        settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
      },
      production: {
        version: SOLC_VERSION,
        path: solcPath,
        settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
      },
    },
  },
  test: {
    // chai's numeric closeTo before every mocha test, whichever test opened the first chain (test/setup/).
    mocha: { rootHooks: numericCloseToHooks },
    // Solidity fuzz and invariant tests (test/solidity/): `default` runs inside `npm test`; `deep` is the soak of
    // `npm run test:deep` (`--test-profile deep`). The invariant suite may append its per-run call counts to
    // the one file below (test/solidity/README.md).
    solidity: {
      profiles: {
        default: {
          fuzz: { runs: 256 },
          invariant: { runs: 24, depth: 60 },
          fsPermissions: { writeFile: ["./cache/invariant-calls.csv"] },
        },
        deep: {
          fuzz: { runs: 5000 },
          invariant: { runs: 500, depth: 200 },
          fsPermissions: { writeFile: ["./cache/invariant-calls.csv"] },
        },
      },
    },
  },
  paths: {
    sources: "./contracts",
    tests: { mocha: "./test", solidity: "./test/solidity" },
  },
  typechain: {
    outDir: "typechain-types",
  },
  networks: {
    // The agent harness's chain: it opens this network with one funded account per agent
    // (`network.create({ network: "hardhat", override: { accounts } })`, sim/harness/network.ts) and
    // batches a whole epoch's transactions into a few blocks, hence the large block gas limit.
    hardhat: {
      type: "edr-simulated",
      chainType: "l1",
      blockGasLimit: 1_000_000_000n,
    },
    localhost: {
      type: "http",
      chainType: "l1",
      url: "http://127.0.0.1:8545",
    },
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("SEPOLIA_PRIVATE_KEY")],
    },
  },
});
