/**
 * An agent run's output folder (format 1, sim/harness/README.md "Output folder"): summary.json and
 * steps.csv (one row per step, chain and model columns side by side). Empty cells (the model's columns
 * under --no-check) read as NaN.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cleanLine, parseDecimal, splitCsvLine } from "../../sweep/csv.js";
import { ProblemList, SweepInputError } from "../../sweep/errors.js";

export const AGENT_SUMMARY = "summary.json";
export const AGENT_STEPS = "steps.csv";
/** The harness output format this report reads. */
export const AGENT_FORMAT = 1;

/** The summary's fields the report uses (the harness writes more). */
export interface AgentSummary {
  format: number;
  status: "agreed" | "diverged" | "unchecked" | "failed";
  command: string;
  startedAt?: string;
  network?: string;
  seed: string;
  runSeed: string;
  readings?: string;
  agents: number;
  pools: number;
  steps: number;
  stepsRun: number;
  paramsSource?: string;
  params: Record<string, number>;
  check?: {
    enabled: boolean;
    tolerance?: { relative: number; absoluteFloorTokens: number; statement: string };
    stepsCompared?: number;
    stepsAgreed?: number;
    fieldsCompared?: number;
    fieldsAgreed?: number;
    largestRelativeDifference?: number;
    largestRelativeDifferenceAt?: string;
    firstDivergence?: { step: number; field: string } | null;
    firstDivergenceText?: string | null;
    bookVerifications?: number;
  };
  metrics?: { chain: Record<string, number> | null; model: Record<string, number> | null };
  counts?: Record<string, number>;
  throughput?: { transactions?: number; agentTransactions?: number; blocks?: number; stepSeconds?: number; transactionsPerSecond?: number; setupSeconds?: number; totalSeconds?: number };
  error?: string | null;
}

export interface AgentData {
  folder: string;
  summary: AgentSummary;
  header: string[];
  /** Rows read. */
  n: number;
  col: Map<string, Float64Array>;
  nPools: number;
}

/** Is this an agent run's folder? */
export function isAgentFolder(folder: string): boolean {
  return existsSync(join(folder, AGENT_SUMMARY)) && existsSync(join(folder, AGENT_STEPS));
}

export function loadAgentRun(folder: string): AgentData {
  const sp = join(folder, AGENT_SUMMARY);
  const cp = join(folder, AGENT_STEPS);
  const fail = (where: string, problems: string[]) => {
    throw new SweepInputError(where, problems, { consequence: "no report was written" });
  };
  let summary: AgentSummary;
  try {
    summary = JSON.parse(readFileSync(sp, "utf8")) as AgentSummary;
  } catch (e) {
    return fail(sp, [`not valid JSON (${(e as Error).message}); is this an agent run's folder (the --out of npm run agents)?`]);
  }
  if (summary.format !== AGENT_FORMAT) fail(sp, [`format ${JSON.stringify(summary.format)}; this report reads format ${AGENT_FORMAT} (sim/harness/README.md)`]);
  const missing = ["status", "seed", "runSeed", "pools", "steps", "stepsRun", "params", "command"].filter((k) => (summary as unknown as Record<string, unknown>)[k] === undefined);
  if (missing.length > 0) fail(sp, [`missing ${missing.join(", ")}`]);

  const text = readFileSync(cp, "utf8");
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  else if (lines.length > 1) lines.pop(); // a torn last line (the run was writing it)
  if (lines.length === 0) fail(cp, ["the file is empty"]);
  const header = splitCsvLine(cleanLine(lines[0]!, true));
  if (!Array.isArray(header)) return fail(cp, [`line 1 (header): ${header.error}`]);
  const need = ["step", "flips", "insured_chain", "gini_chain", "capital_chain_0"];
  const absent = need.filter((c) => !header.includes(c));
  if (absent.length > 0) fail(cp, [`line 1 (header): no ${absent.join(", ")}; is this the steps.csv of npm run agents?`]);
  const rows = lines.slice(1);
  const n = rows.length;
  const cols = header.map(() => new Float64Array(n).fill(Number.NaN));
  const problems = new ProblemList();
  rows.forEach((raw, r) => {
    const f = splitCsvLine(cleanLine(raw, false));
    if (!Array.isArray(f) || f.length !== header.length) {
      problems.add(`line ${r + 2}: ${Array.isArray(f) ? `${f.length} fields where the header has ${header.length}` : f.error}`);
      return;
    }
    f.forEach((cell, i) => {
      if (cell === "") return;
      const v = parseDecimal(cell);
      if (v === undefined) problems.add(`line ${r + 2}, column ${header[i]}: ${JSON.stringify(cell)} is not a number`);
      else cols[i]![r] = v;
    });
  });
  problems.throwIfAny(cp, "no report was written");
  const col = new Map(header.map((h, i) => [h, cols[i]!]));
  let nPools = 0;
  while (col.has(`capital_chain_${nPools}`)) nPools++;
  return { folder, summary, header, n, col, nPools };
}

/** Per-step amounts from a cumulative column (the first step's amount is its value). */
export function perStep(cumulative: Float64Array): Float64Array {
  return cumulative.map((v, i) => (i === 0 ? v : v - cumulative[i - 1]!));
}

/** The money and rate fields compared with a tolerance (the rest are counts and flags). */
export const MONEY_FIELDS = ["capital", "premiums", "subscriptions", "claims", "purchase_cost", "investment_income", "eng_capital", "loading"] as const;

/**
 * Per step, the largest relative difference |chain − model| / max(|chain|, |model|) over every pool's
 * money fields and the Gini (0 where both are below `floor`); NaN when the model was not run.
 */
export function relativeDifferences(d: AgentData, floor = 1e-12): Float64Array {
  const out = new Float64Array(d.n);
  const pairs: [Float64Array, Float64Array][] = [];
  for (let q = 0; q < d.nPools; q++) {
    for (const f of MONEY_FIELDS) {
      const c = d.col.get(`${f}_chain_${q}`);
      const m = d.col.get(`${f}_model_${q}`);
      if (c && m) pairs.push([c, m]);
    }
  }
  const gc = d.col.get("gini_chain");
  const gm = d.col.get("gini_model");
  if (gc && gm) pairs.push([gc, gm]);
  for (let i = 0; i < d.n; i++) {
    let worst = 0;
    let any = false;
    for (const [c, m] of pairs) {
      const a = c[i]!;
      const b = m[i]!;
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      any = true;
      const scale = Math.max(Math.abs(a), Math.abs(b));
      if (scale < floor) continue;
      worst = Math.max(worst, Math.abs(a - b) / scale);
    }
    out[i] = any ? worst : Number.NaN;
  }
  return out;
}
