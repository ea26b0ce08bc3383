/**
 * Everything a sweep report shows, computed from the loaded results: the findings (sim/analysis, the
 * same code as `npm run analyze`), the sensitivity ranking, the risk figures, the parameter pairs for
 * the heat maps, per-level tables for few-valued parameters (grids, n_pools) and the runs worth naming.
 */
import { analyzeResults, type Findings } from "../../analysis/findings.js";
import { PARAM_NAMES, type ParamName } from "../../params/index.js";
import { cellGrid, distinctValues, type CellGrid } from "../stats/cells.js";
import { orthonormalBasis, pearson, ranks, residuals } from "../stats/rank.js";
import { expectedShortfallSorted, quantileInterval, quantileSorted, sorted, wilson, type Proportion, type QuantileInterval } from "../stats/risk.js";
import { prcc, type PrccResult } from "../stats/sensitivity.js";
import type { SweepData } from "./data.js";

export const OUTPUTS = ["flips", "total_pool_profit"] as const;
export type Output = (typeof OUTPUTS)[number];

export interface Sensitivity {
  name: ParamName;
  pearson: number | null;
  prcc: number | null;
  interval: [number, number] | null;
}

export interface QuantileFigure {
  p: number;
  value: number | null;
  interval: QuantileInterval | null;
}

export interface Risk {
  /** Steps per run: the horizon every figure refers to; null without sweep.json. */
  horizon: number | null;
  anyBankrupt: Proportion | null;
  allBankrupt: Proportion | null;
  /** Pools bankrupt at the horizon over pools run. */
  poolsBankrupt: { count: number; pools: number } | null;
  loss: Proportion;
  quantiles: QuantileFigure[];
  /** Mean of the worst 5% of runs. */
  expectedShortfall5: number | null;
}

export interface PairStrength {
  a: ParamName;
  b: ParamName;
  epsilon2: number | null;
}

export interface HeatmapPair extends PairStrength {
  grid: CellGrid;
  /** Why it is shown: its rank among the pairs, or "the study's pair". */
  why: string;
}

export interface LevelRow {
  value: number;
  runs: number;
  safe: number;
  profitable: number;
  safeAndProfitable: number;
  meanFlips: number;
  medianFlips: number;
  medianProfit: number;
  p5Profit: number | null;
  anyBankrupt: Proportion | null;
  meanPremiums: number | null;
  meanPenetration: number | null;
  /** Against the first level, run by run over the same parameter points (grids crossed with one hypercube). */
  paired?: { medianProfitChange: number; meanFlipsChange: number; profitRose: number; pairs: number };
}

export interface LevelTable {
  name: ParamName;
  rows: LevelRow[];
  /** Runs are paired across levels (every other parameter point appears once at each level). */
  paired: boolean;
}

export interface NamedRun {
  /** Position in results.csv (0-based, header excluded). */
  row: number;
  role: string;
  /** One sentence: why this run is named. */
  why: string;
  /** Short tag drawn beside its mark. */
  tag: string;
}

export interface SweepAnalysis {
  findings: Findings;
  n: number;
  varying: ParamName[];
  constant: { name: ParamName; value: number }[];
  safe: Uint8Array;
  profitable: Uint8Array;
  safeAndProfitable: Uint8Array;
  sensitivity: Record<Output, Sensitivity[]>;
  risk: Risk;
  pairs: PairStrength[];
  heatmaps: HeatmapPair[];
  /** Why there are no heat maps, when there are none. */
  heatmapNote?: string;
  levels: LevelTable[];
  named: NamedRun[];
}

/** The pair the study's next step names (lambda_komp 1.0–1.5, eng_productivity_factor 3.5–5.0). */
export const STUDY_PAIR: [ParamName, ParamName] = ["lambda_komp", "eng_productivity_factor"];

/** How many pairs get a heat map (besides the study's pair when it is not among them). */
export const HEATMAP_PAIRS = 3;
export const HEATMAP_BINS = 8;

function varies(v: Float64Array): boolean {
  for (let i = 1; i < v.length; i++) if (v[i] !== v[0]) return true;
  return false;
}

function median(values: ArrayLike<number>): number {
  return quantileSorted(sorted(values), 0.5)!;
}

function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

/** A rank, with ".5" kept for ties. */
const fmtRank = (r: number): string => (Number.isInteger(r) ? String(r) : r.toFixed(1));

function pick(v: Float64Array, rows: number[]): Float64Array {
  return Float64Array.from(rows, (r) => v[r]!);
}

export async function analyzeSweep(d: SweepData): Promise<SweepAnalysis> {
  const findings = await analyzeResults(d.folder);
  const n = d.n;
  const flips = d.col.get("flips")!;
  const profit = d.col.get("total_pool_profit")!;
  const params = PARAM_NAMES.filter((p) => d.col.has(p));
  const varying = params.filter((p) => varies(d.col.get(p)!));
  const constant = params.filter((p) => !varying.includes(p)).map((name) => ({ name, value: d.col.get(name)![0]! }));
  const safe = Uint8Array.from(flips, (f) => (f === 0 ? 1 : 0));
  const profitable = Uint8Array.from(profit, (p) => (p > 0 ? 1 : 0));
  const safeAndProfitable = safe.map((s, i) => s & profitable[i]!);

  const inputs = varying.map((name) => ({ name, values: d.col.get(name)! }));
  const sensitivity = {} as Record<Output, Sensitivity[]>;
  for (const out of OUTPUTS) {
    const y = d.col.get(out)!;
    const pr: PrccResult[] = prcc(inputs, y);
    sensitivity[out] = varying.map((name, k) => ({ name, pearson: pearson(d.col.get(name)!, y), prcc: pr[k]!.prcc, interval: pr[k]!.interval }));
  }

  // Risk at the horizon.
  const bankrupt = d.col.get("bankrupt_pools");
  const pools = d.col.get("n_pools");
  let anyB = 0;
  let allB = 0;
  let poolsB = 0;
  let poolsN = 0;
  if (bankrupt && pools) {
    for (let i = 0; i < n; i++) {
      if (bankrupt[i]! > 0) anyB++;
      if (bankrupt[i]! >= pools[i]!) allB++;
      poolsB += bankrupt[i]!;
      poolsN += pools[i]!;
    }
  }
  const sp = sorted(profit);
  let losses = 0;
  for (let i = 0; i < n; i++) if (profit[i]! < 0) losses++;
  const risk: Risk = {
    horizon: d.manifest?.identity?.steps ?? null,
    anyBankrupt: bankrupt && pools ? wilson(anyB, n) : null,
    allBankrupt: bankrupt && pools ? wilson(allB, n) : null,
    poolsBankrupt: bankrupt && pools ? { count: poolsB, pools: poolsN } : null,
    loss: wilson(losses, n),
    quantiles: [0.01, 0.05, 0.5].map((p) => ({ p, value: quantileSorted(sp, p), interval: quantileInterval(sp, p) })),
    expectedShortfall5: expectedShortfallSorted(sp, 0.05),
  };

  // Pairs for the safe-and-profitable heat maps: ε² of the indicator over an 8 × 8 grid of cells.
  const spFloat = Float64Array.from(safeAndProfitable);
  const pairs: PairStrength[] = [];
  const grids = new Map<string, CellGrid>();
  for (let i = 0; i < varying.length; i++) {
    for (let j = i + 1; j < varying.length; j++) {
      const a = varying[i]!;
      const b = varying[j]!;
      const g = cellGrid(d.col.get(a)!, d.col.get(b)!, spFloat, HEATMAP_BINS);
      grids.set(`${a} ${b}`, g);
      pairs.push({ a, b, epsilon2: g.epsilon2 });
    }
  }
  pairs.sort((p, q) => (q.epsilon2 ?? -Infinity) - (p.epsilon2 ?? -Infinity));
  const heatmaps: HeatmapPair[] = [];
  let heatmapNote: string | undefined;
  const spCount = findings.summary.safeAndProfitable.count;
  if (varying.length < 2) heatmapNote = "fewer than two parameters vary in this sweep, so there is no pair to map";
  else if (spCount === 0) heatmapNote = "no run is safe and profitable, so there is no region to map";
  else if (spCount === n) heatmapNote = "every run is safe and profitable, so the region is everything";
  else {
    pairs.slice(0, HEATMAP_PAIRS).forEach((p, k) => heatmaps.push({ ...p, grid: grids.get(`${p.a} ${p.b}`)!, why: `#${k + 1} of ${pairs.length} pairs by ε²` }));
    const [sa, sb] = STUDY_PAIR;
    const ia = varying.indexOf(sa);
    const ib = varying.indexOf(sb);
    if (ia >= 0 && ib >= 0 && !heatmaps.some((h) => (h.a === sa && h.b === sb) || (h.a === sb && h.b === sa))) {
      const [a, b] = ia < ib ? [sa, sb] : [sb, sa];
      const rank = pairs.findIndex((p) => p.a === a && p.b === b);
      heatmaps.push({ ...pairs[rank]!, grid: grids.get(`${a} ${b}`)!, why: `the study's pair (#${rank + 1} of ${pairs.length} by ε²)` });
    }
  }

  const levels = levelTables(d, varying, safe, profitable, safeAndProfitable);
  const named = namedRuns(d, varying);
  return { findings, n, varying, constant, safe, profitable, safeAndProfitable, sensitivity, risk, pairs, heatmaps, heatmapNote, levels, named };
}

function levelTables(d: SweepData, varying: ParamName[], safe: Uint8Array, profitable: Uint8Array, sp: Uint8Array): LevelTable[] {
  const flips = d.col.get("flips")!;
  const profit = d.col.get("total_pool_profit")!;
  const bankrupt = d.col.get("bankrupt_pools");
  const premiums = d.col.get("total_premiums");
  const penetration = d.col.get("insurance_penetration");
  const out: LevelTable[] = [];
  for (const name of varying) {
    const v = d.col.get(name)!;
    const values = distinctValues(v);
    if (!values) continue;
    const byLevel = values.map(() => [] as number[]);
    for (let i = 0; i < d.n; i++) byLevel[values.indexOf(v[i]!)]!.push(i);
    // Paired: the other varying parameters take the same points at every level.
    const others = varying.filter((p) => p !== name);
    const keyOf = (i: number) => others.map((p) => d.col.get(p)![i]!).join(",");
    const groups = new Map<string, number[]>();
    for (let i = 0; i < d.n; i++) {
      const k = keyOf(i);
      const g = groups.get(k) ?? new Array<number>(values.length).fill(-1);
      const li = values.indexOf(v[i]!);
      if (g[li]! !== -1) g[li] = -2; // the same point twice at a level: not a paired design
      else g[li] = i;
      groups.set(k, g);
    }
    const paired = others.length > 0 && groups.size > 1 && [...groups.values()].every((g) => g.every((i) => i >= 0));
    const rows: LevelRow[] = values.map((value, li) => {
      const rs = byLevel[li]!;
      const count = (flag: Uint8Array) => rs.reduce((s, r) => s + flag[r]!, 0) / rs.length;
      const pr = pick(profit, rs);
      const sp5 = sorted(pr);
      const row: LevelRow = {
        value,
        runs: rs.length,
        safe: count(safe),
        profitable: count(profitable),
        safeAndProfitable: count(sp),
        meanFlips: mean(pick(flips, rs)),
        medianFlips: median(pick(flips, rs)),
        medianProfit: median(pr),
        p5Profit: quantileSorted(sp5, 0.05),
        anyBankrupt: bankrupt ? wilson(rs.filter((r) => bankrupt[r]! > 0).length, rs.length) : null,
        meanPremiums: premiums ? mean(pick(premiums, rs)) : null,
        meanPenetration: penetration ? mean(pick(penetration, rs)) : null,
      };
      if (paired && li > 0) {
        const dp: number[] = [];
        const df: number[] = [];
        let rose = 0;
        for (const g of groups.values()) {
          const base = g[0]!;
          const here = g[li]!;
          dp.push(profit[here]! - profit[base]!);
          df.push(flips[here]! - flips[base]!);
          if (profit[here]! > profit[base]!) rose++;
        }
        row.paired = { medianProfitChange: median(dp), meanFlipsChange: mean(df), profitRose: rose / dp.length, pairs: dp.length };
      }
      return row;
    });
    out.push({ name, rows, paired });
  }
  return out;
}

/**
 * Best, worst and median profit, most flips, and outliers: the three runs whose profit rank is
 * farthest from what a least-squares fit of the profit rank on the parameters' ranks predicts (runs the
 * parameters do not explain, worth replaying), and the one such run for flips.
 */
export function namedRuns(d: SweepData, varying: readonly ParamName[]): NamedRun[] {
  const flips = d.col.get("flips")!;
  const profit = d.col.get("total_pool_profit")!;
  const n = d.n;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => profit[a]! - profit[b]! || a - b);
  const named: NamedRun[] = [];
  const seen = new Set<number>();
  const add = (row: number, role: string, why: string, tag: string) => {
    if (seen.has(row)) {
      named.find((x) => x.row === row)!.role += `, ${role}`;
      return;
    }
    seen.add(row);
    named.push({ row, role, why, tag });
  };
  add(order[n - 1]!, "best profit", "the highest total pool profit", "best");
  add(order[0]!, "worst profit", "the lowest total pool profit", "worst");
  add(order[Math.floor((n - 1) / 2)]!, "median profit", `the run in the middle of the profit order (position ${Math.floor((n - 1) / 2) + 1} of ${n})`, "median");
  let most = 0;
  for (let i = 1; i < n; i++) if (flips[i]! > flips[most]!) most = i;
  if (flips[most]! > 0) add(most, "most flips", "the most agents flipped", "most flips");
  if (varying.length > 0 && n > varying.length + 2) {
    const basis = orthonormalBasis(varying.map((p) => ranks(d.col.get(p)!)));
    const outliers = (y: Float64Array, metric: string, count: number) => {
      if (!y.some((v) => v !== y[0])) return;
      const res = residuals(ranks(y), basis);
      const ry = ranks(y);
      const pickRows = Array.from({ length: n }, (_, i) => i)
        .filter((i) => !seen.has(i))
        .sort((a, b) => Math.abs(res[b]!) - Math.abs(res[a]!) || a - b)
        .slice(0, count);
      for (const i of pickRows) {
        const predicted = ry[i]! - res[i]!;
        add(
          i,
          `outlier (${metric})`,
          `it ranks ${fmtRank(ry[i]!)} of ${n} by ${metric}, where a least-squares fit of that rank on the parameters' ranks predicts ${Math.round(predicted)}: ${res[i]! > 0 ? "far higher" : "far lower"} than its parameters explain`,
          "outlier",
        );
      }
    };
    outliers(profit, "profit", 3);
    outliers(flips, "flips", 1);
  }
  return named;
}
