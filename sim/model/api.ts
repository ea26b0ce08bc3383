/**
 * The model's public contract with its consumers (the sweep engine, the CLI, the harness's
 * differential check, the reports). Implementations live beside this file; consumers import only
 * from here and from `./run.js`.
 */
import type { ModelParams } from "../params/index.js";

/** Named sets of readings of the specification's ambiguities (see sim/MODEL.md). */
export type ReadingsName = "study" | "protocol";

/**
 * One switch per ambiguity where more than one reading is plausible (sim/MODEL.md "Readings").
 * A named set (`READINGS` in ./readings.ts) fixes all of them; `RunOptions.switches` overrides some.
 */
export interface ReadingSwitches {
  /** Order in which pools evaluate an offer: 0..n−1, a fresh random order per offer, or the protocol's fair order starting at (listingId + step) mod n. */
  poolOrder: "fixed" | "shuffled" | "fair";
  /** May a bankrupt pool buy secrets (when its capital covers the ask)? */
  bankruptBuys: boolean;
  /**
   * "sticky": an agent's last pool stays on record when it buys no cover; it is covered while that
   * pool is solvent, and counts as insured. "perStep": covered (and counted) only in a step it paid for.
   */
  cover: "sticky" | "perStep";
  /** Flip attempts: only when weighted ≥ flip_threshold (P = 1 then), or for every weighted > 0 with P = min(1, weighted/flip_threshold). */
  flipRule: "threshold" | "proportional";
  /** Does a flip also purge the unsold engineering secrets of the flipped engineer? */
  purgeEngineering: boolean;
  /** The ask of a secret: drawn afresh each step it is offered, or drawn once when it is listed. */
  ask: "redraw" | "fixed";
  /** Wealth that sets a loss amount: at the start of the step (when the loss is drawn) or after premiums (at the claim). */
  lossWealth: "stepStart" | "afterPremium";
}

/** The per-run metrics: the study's eight (specification §8) and ours. */
export interface RunMetrics {
  /** Agents flipped by the end of the run. */
  flips: number;
  /** Σ over pools of (final capital − init_cap). */
  total_pool_profit: number;
  /** Fraction of non-flipped agents insured at the end. */
  insurance_penetration: number;
  /** Mean final capital across pools. */
  mean_pool_capital: number;
  /** Σ of ask prices paid by all pools. */
  total_secret_purchases: number;
  /** Σ of claims paid by all pools. */
  total_claims: number;
  /** Σ of future returns realised by all pools. */
  total_investment_income: number;
  /** Σ of premiums collected by all pools (subscriptions included when the fee is non-zero). */
  total_premiums: number;
  /** Gini coefficient of final wealth over non-flipped agents. */
  gini: number;
  /** Pools bankrupt at the end. */
  bankrupt_pools: number;
  /** Non-flipped agents insured at the end. */
  insured_end: number;
}

/** One pool's totals at the end of a run, from which `runMetrics` sums the pool metrics. */
export interface PoolTotals {
  /** Final capital − the capital the pool started with. */
  profit: number;
  capital: number;
  /** Σ of ask prices paid. */
  purchaseCost: number;
  claims: number;
  investmentIncome: number;
  /** Premiums and subscriptions collected. */
  premiums: number;
  bankrupt: boolean;
}

/**
 * `RunMetrics` from the pools' totals (one per pool, in pool order) and the agents' counts at the end of a
 * run: the one definition the fast model and the harness's chain metrics share (the slow reference in
 * ./reference.ts keeps its own, to check the model's).
 */
export function runMetrics(
  pools: readonly PoolTotals[],
  agents: { total: number; alive: number; insured: number; gini: number },
): RunMetrics {
  let profit = 0;
  let capSum = 0;
  let purchases = 0;
  let claims = 0;
  let income = 0;
  let premiums = 0;
  let bankrupt = 0;
  for (const pool of pools) {
    profit += pool.profit;
    capSum += pool.capital;
    purchases += pool.purchaseCost;
    claims += pool.claims;
    income += pool.investmentIncome;
    premiums += pool.premiums;
    if (pool.bankrupt) bankrupt++;
  }
  const { alive, insured } = agents;
  return {
    flips: agents.total - alive,
    total_pool_profit: profit,
    insurance_penetration: alive > 0 ? insured / alive : 0,
    mean_pool_capital: capSum / pools.length,
    total_secret_purchases: purchases,
    total_claims: claims,
    total_investment_income: income,
    total_premiums: premiums,
    gini: agents.gini,
    bankrupt_pools: bankrupt,
    insured_end: insured,
  };
}

/** Metric column names, in output order. */
export const METRIC_NAMES = [
  "flips",
  "total_pool_profit",
  "insurance_penetration",
  "mean_pool_capital",
  "total_secret_purchases",
  "total_claims",
  "total_investment_income",
  "total_premiums",
  "gini",
  "bankrupt_pools",
  "insured_end",
] as const satisfies readonly (keyof RunMetrics)[];

export interface RunOptions {
  /** The run seed (see `deriveRunSeed` in sim/rng). Same params + seed ⇒ bit-identical result. */
  seed: string;
  /** Number of steps (the study: 5000). */
  steps: number;
  /** Readings of the specification's ambiguities: a named set, optionally with switches overridden. */
  readings?: ReadingsName;
  /** Switches overriding the named set's (sim/MODEL.md "Readings"). */
  switches?: Partial<ReadingSwitches>;
  /** Record a per-step time series. */
  trace?: boolean;
  /** With `trace`: also record the Gini of wealth every this many steps (0 or absent: never). */
  traceGiniEvery?: number;
}

export interface RunResult {
  metrics: RunMetrics;
  /** Agent-steps simulated (n_agents × steps), for throughput figures. */
  agentSteps: number;
  /** Per-step rows when `trace` was requested (columns: `traceColumns(nPools)` in ./trace.ts). */
  trace?: readonly Record<string, number>[];
}

/** One pool's state (a stepwise run's snapshot; the harness compares it with the chain). */
export interface PoolSnapshot {
  capital: number;
  loading: number;
  /** Cumulative premiums (voluntary cover). */
  premiums: number;
  /** Cumulative subscription fees (mandatory members). */
  subscriptions: number;
  claims: number;
  /** Cumulative ask prices paid. */
  purchaseCost: number;
  /** Cumulative stream income received. */
  investmentIncome: number;
  kompCapital: number;
  engCapital: number;
  avgKompPotency: number;
  avgEngPotency: number;
  bankrupt: boolean;
  /** Secrets bought so far. */
  purchases: number;
  /** Return streams still paying. */
  activeStreams: number;
}

/** The state of a run after its last completed step. */
export interface RunSnapshot {
  /** Steps completed. */
  step: number;
  pools: PoolSnapshot[];
  /** Per-agent wealth (a copy). */
  wealth: Float64Array;
  /** Per-agent flipped flag (1 = flipped). */
  flipped: Uint8Array;
  /** Per-agent pool on record (−1: none). */
  insuredPool: Int32Array;
  /** Per-agent: counted as insured at the end of the step under the run's `cover` switch (1/0; flipped agents 0). */
  insured: Uint8Array;
  flips: number;
  insuredCount: number;
  /** Unsold engineering secrets on the market. */
  unsoldEngineering: number;
}

/** A run advanced one step at a time (the harness's differential check; `runModel` uses the same code). */
export interface ModelRun {
  readonly params: ModelParams;
  readonly switches: Readonly<ReadingSwitches>;
  /** Steps the run was created for. */
  readonly steps: number;
  /** Steps completed so far. */
  readonly stepIndex: number;
  /** Advance one step; throws when `stepIndex === steps`. */
  step(): void;
  /** State after the last completed step (allocates; not for the hot path). */
  snapshot(): RunSnapshot;
  /** The metrics as they stand (after the last completed step). */
  metrics(): RunMetrics;
}

/** Signature of `createRun` in ./run.ts. */
export type CreateRun = (params: ModelParams, options: RunOptions) => ModelRun;

/** Signature of the model's entry point, `runModel` in ./run.ts. */
export type RunModel = (params: ModelParams, options: RunOptions) => RunResult;
