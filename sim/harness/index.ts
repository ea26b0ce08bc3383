/**
 * The agent harness as a library (sim/harness/README.md): a deployed system, funded agent wallets with
 * pluggable behaviours, the environment and a step driver, with the model alongside for the differential
 * check.
 */
export { AgentRun, HarnessError, type AgentRunOptions, type ClaimRecord, type PoolChainState, type StepReport } from "./run.js";
export { agentFixture, defaultScenario, mixBehaviours, DEFAULT_SCENARIO_PATH, type AgentFixtureOptions } from "./fixture.js";
export * from "./behaviours.js";
export { DifferentialCheck, TOLERANCE_STATEMENT, describeDivergence, moneyAgrees, type Divergence } from "./check.js";
export { ChainError } from "./chain.js";
export { DAMAGES_SINK, PROCEEDS_VAULT } from "./accounts.js";
export { fromWad, toWad } from "./units.js";
