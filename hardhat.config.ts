import { createRequire } from "node:module";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

/** Compile offline with the npm `solc` package: Hardhat cannot download compilers on these machines. */
const SOLC_VERSION = "0.8.28";
const solcPath = require.resolve("solc/soljson.js");

/** Agent wallets on the in-process chain (`INGENESIST_ACCOUNTS`, default 200; the harness needs one per agent). */
const accountCount = Number(process.env.INGENESIST_ACCOUNTS ?? 200);
if (!Number.isInteger(accountCount) || accountCount < 1 || accountCount > 5000) {
  throw new Error(`INGENESIST_ACCOUNTS must be an integer in 1..5000, got "${process.env.INGENESIST_ACCOUNTS}"`);
}

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
    hardhat: {
      type: "edr-simulated",
      chainType: "l1",
      accounts: { count: accountCount, accountsBalance: 10n ** 24n },
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
