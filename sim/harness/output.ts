/**
 * The output folder of an agent run (format: sim/harness/README.md, "Output folder"):
 *   steps.csv     one row per step, chain and model side by side
 *   summary.json  the run: parameters, seed, network, contracts, check result, metrics, throughput
 */
import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import type { RunMetrics } from "../model/api.js";
import { TOLERANCE_STATEMENT, describeDivergence, type Divergence } from "./check.js";
import type { AgentRun, StepReport } from "./run.js";

/** Version of the folder format (bump on an incompatible change). */
export const OUTPUT_FORMAT_VERSION = 1;

const POOL_FIELDS: [string, keyof StepReport["chain"]["pools"][number]][] = [
  ["capital", "capital"],
  ["premiums", "premiums"],
  ["subscriptions", "subscriptions"],
  ["claims", "claims"],
  ["purchase_cost", "purchaseCost"],
  ["investment_income", "investmentIncome"],
  ["eng_capital", "engCapital"],
  ["loading", "loading"],
  ["purchases", "purchases"],
  ["active_streams", "activeStreams"],
  ["bankrupt", "bankrupt"],
];

/** The CSV header for `nPools` pools. */
export function csvHeader(nPools: number): string[] {
  const cols = ["step", "epoch", "txs", "agent_txs", "blocks", "wall_ms", "tx_per_s", "losses", "claims_paid", "new_listings", "offers", "sold", "purged", "deliveries", "flips", "insured_chain", "insured_model", "gini_chain", "gini_model"];
  for (let q = 0; q < nPools; q++) for (const [name] of POOL_FIELDS) cols.push(`${name}_chain_${q}`, `${name}_model_${q}`);
  cols.push("agreed");
  return cols;
}

const cell = (v: number | boolean | undefined | null): string => (v === undefined || v === null ? "" : typeof v === "boolean" ? (v ? "1" : "0") : String(v));

/** One CSV row for a step. */
export function csvRow(r: StepReport, run: AgentRun): string[] {
  const m = r.model;
  const insuredChain = r.chain.insured.reduce((a, b) => a + b, 0);
  const row = [
    r.step,
    Number(r.epoch),
    r.txs,
    r.agentTxs,
    r.blocks,
    Math.round(r.wallMs),
    r.wallMs > 0 ? Math.round((r.txs / r.wallMs) * 1000) : 0,
    r.losses,
    r.claims.length,
    r.newListings,
    r.offers,
    r.sold.length,
    r.purged,
    r.deliveries,
    r.chain.flips,
    insuredChain,
    m?.insuredCount,
    run.chainGini(),
    run.model ? run.model.gini() : null,
  ].map(cell);
  for (let q = 0; q < r.chain.pools.length; q++) {
    const c = r.chain.pools[q]!;
    const mp = m?.pools[q];
    for (const [, key] of POOL_FIELDS) row.push(cell(c[key] as number | boolean), cell(mp ? (mp[key] as number | boolean) : null));
  }
  row.push(m ? (r.divergences.length === 0 ? "1" : "0") : "");
  return row;
}

/** Writes steps.csv row by row (a run that stops early still leaves its rows). */
export class StepsCsv {
  private readonly out: WriteStream;
  constructor(readonly path: string, nPools: number) {
    this.out = createWriteStream(path);
    this.out.write(csvHeader(nPools).join(",") + "\n");
  }
  write(r: StepReport, run: AgentRun): void {
    this.out.write(csvRow(r, run).join(",") + "\n");
  }
  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
}

export interface SummaryInput {
  run: AgentRun;
  status: "agreed" | "diverged" | "unchecked" | "failed";
  command: string;
  masterSeed: string;
  paramsSource: string;
  startedAt: Date;
  totalSeconds: number;
  stepSeconds: number;
  settled: number;
  error?: string;
  counts: Record<string, number>;
  divergences: Divergence[];
}

const metricsOrNull = (m: RunMetrics | null): RunMetrics | null => m;

/** The summary.json object. */
export function buildSummary(s: SummaryInput): Record<string, unknown> {
  const { run } = s;
  const check = run.check;
  const stepTxs = run.stepTxs;
  return {
    format: OUTPUT_FORMAT_VERSION,
    status: s.status,
    command: s.command,
    startedAt: s.startedAt.toISOString(),
    network: run.net.name,
    seed: s.masterSeed,
    runSeed: run.seed,
    readings: "protocol",
    agents: run.agentCount,
    pools: run.params.n_pools,
    steps: run.steps,
    stepsRun: run.stepIndex,
    paramsSource: s.paramsSource,
    params: run.params,
    contracts: {
      asset: run.system.addr.asset,
      clock: run.system.addr.clock,
      registry: run.system.addr.registry,
      membership: run.system.addr.membership,
      streams: run.system.addr.streams,
      market: run.system.addr.market,
      lens: run.system.addr.lens,
      pools: run.system.addr.pools,
    },
    epochs: { genesis: Number(run.system.genesis), epochLength: Number(run.system.epochLength), firstStepEpoch: Number(run.system.firstStepEpoch) },
    check: check
      ? {
          enabled: true,
          tolerance: { relative: 1e-9, absoluteFloorTokens: 1e-12, statement: TOLERANCE_STATEMENT },
          stepsCompared: run.stepIndex,
          stepsAgreed: check.stepsAgreed,
          fieldsCompared: check.fieldsCompared,
          fieldsAgreed: check.fieldsAgreed,
          largestRelativeDifference: check.worst.relativeDifference,
          largestRelativeDifferenceAt: check.worst.where,
          firstDivergence: run.firstDivergence,
          firstDivergenceText: run.firstDivergence ? describeDivergence(run.firstDivergence) : null,
          divergencesInThatStep: s.divergences.length,
          divergences: s.divergences.slice(0, 50),
          bookVerifications: run.verifications,
        }
      : { enabled: false, bookVerifications: run.verifications },
    metrics: {
      chain: run.stepIndex > 0 ? run.chainMetrics() : null,
      model: metricsOrNull(run.model && run.stepIndex > 0 ? run.model.metrics() : null),
    },
    counts: { ...s.counts, claims: run.claims.length, settledAfterLastStep: s.settled },
    throughput: {
      transactions: stepTxs,
      agentTransactions: run.stepAgentTxs,
      blocks: run.chain.blocksMined,
      stepSeconds: s.stepSeconds,
      transactionsPerSecond: s.stepSeconds > 0 ? stepTxs / s.stepSeconds : 0,
      setupSeconds: run.setupMs / 1000,
      totalSeconds: s.totalSeconds,
    },
    error: s.error ?? null,
  };
}

export function writeSummary(dir: string, summary: Record<string, unknown>): string {
  const path = join(dir, "summary.json");
  writeFileSync(path, JSON.stringify(summary, null, 2) + "\n");
  return path;
}

export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
}

/** "1m 05s", "12.3s". */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m ${String(Math.round(s - 60 * m)).padStart(2, "0")}s`;
}
