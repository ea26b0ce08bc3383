/**
 * The model's public contract with its consumers (the sweep engine, the CLI, the harness's
 * differential check, the reports). Implementations live beside this file; consumers import only
 * from here and from `./run.js`.
 */
import type { ModelParams } from "../params/index.js";

/** Named sets of readings of the specification's ambiguities (see sim/MODEL.md). */
export type ReadingsName = "study" | "protocol";

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
  /** Record a per-step time series. */
  trace?: boolean;
}

export interface RunResult {
  metrics: RunMetrics;
  /** Agent-steps simulated (n_agents × steps), for throughput figures. */
  agentSteps: number;
  /** Per-step rows when `trace` was requested. */
  trace?: readonly Record<string, number>[];
}

/** Signature of the model's entry point, `runModel` in ./run.ts. */
export type RunModel = (params: ModelParams, options: RunOptions) => RunResult;
