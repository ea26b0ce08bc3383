/**
 * Findings of several sweeps side by side, for the reproduction of the reference study
 * (sim/REPRODUCTION.md): the figures the study states, each sweep's value beside the study's; the
 * spread of every figure over replicate sweeps (the same design under other master seeds); and the
 * runs split by whether their pools can ever buy an engineering secret (sim/MODEL.md fact 5:
 * never when value_multiplier_eng + eng_productivity_factor < 5).
 *
 * Tables are Markdown, so that they can be pasted into a document as printed.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { ParamName } from "../params/index.js";
import { cleanLine, parseDecimal, splitCsvLine } from "../sweep/csv.js";
import { ProblemList, SweepInputError } from "../sweep/errors.js";
import { locateResults, type Findings } from "./findings.js";
import { NumberColumn } from "./stats.js";

export type FigureKind = "share" | "r" | "mean" | "money" | "count";

/** One figure of the findings the study states (or that we print beside them). */
export interface Figure {
  key: string;
  label: string;
  kind: FigureKind;
  /** The study's value, when it gives a number. */
  study?: number;
  /** What the study says when it gives no number (or an approximate one), e.g. "higher". */
  studyText?: string;
  get(f: Findings): number | null;
}

const param = (f: Findings, name: ParamName) => f.parameters.find((p) => p.name === name);
const rFlips = (name: ParamName) => (f: Findings) => param(f, name)?.correlation.flips ?? null;
const rProfit = (name: ParamName) => (f: Findings) => param(f, name)?.correlation.profit ?? null;
const meanSP = (name: ParamName) => (f: Findings) => param(f, name)?.mean.safeAndProfitable ?? null;
const meanRest = (name: ParamName) => (f: Findings) => param(f, name)?.mean.rest ?? null;

/**
 * The study's findings ("Key Findings" and §10 of ../shared/seeds/insurance-sink-study.txt) and the
 * figure each is compared with. Rows without a study value are printed for context.
 */
export const FIGURES: readonly Figure[] = [
  { key: "zeroFlips", label: "runs with zero flips", kind: "share", study: 0.591, get: (f) => f.summary.zeroFlips.fraction },
  { key: "profitable", label: "profitable runs", kind: "share", study: 0.05, get: (f) => f.summary.profitable.fraction },
  { key: "safeAndProfitable", label: "safe and profitable runs", kind: "share", study: 0.029, get: (f) => f.summary.safeAndProfitable.fraction },
  { key: "medianFlips", label: "median flips", kind: "count", study: 0, get: (f) => f.summary.medianFlips },
  { key: "medianProfit", label: "median profit", kind: "money", study: -4300, studyText: "~−4,300", get: (f) => f.summary.medianProfit },
  { key: "maxProfit", label: "max profit", kind: "money", study: 4.7e6, studyText: "~4.7M", get: (f) => f.summary.maxProfit },
  { key: "r.flips.lambda_komp", label: "r(lambda_komp, flips)", kind: "r", study: 0.38, get: rFlips("lambda_komp") },
  { key: "r.flips.f_hunters", label: "r(f_hunters, flips)", kind: "r", study: 0.3, get: rFlips("f_hunters") },
  { key: "r.flips.theta_sell", label: "r(theta_sell, flips)", kind: "r", study: -0.34, get: rFlips("theta_sell") },
  { key: "r.flips.flip_threshold", label: "r(flip_threshold, flips)", kind: "r", studyText: "negative (a predictor of zero flips)", get: rFlips("flip_threshold") },
  { key: "r.profit.eng_productivity_factor", label: "r(eng_productivity_factor, profit)", kind: "r", study: 0.2, studyText: "0.20, the highest", get: rProfit("eng_productivity_factor") },
  { key: "r.profit.lambda_eng", label: "r(lambda_eng, profit)", kind: "r", studyText: "below 0.20", get: rProfit("lambda_eng") },
  { key: "r.profit.mandatory_insurance_frac", label: "r(mandatory_insurance_frac, profit)", kind: "r", studyText: "negative", get: rProfit("mandatory_insurance_frac") },
  { key: "r.profit.init_cap", label: "r(init_cap, profit)", kind: "r", studyText: "(positive: \"high initial capital\")", get: rProfit("init_cap") },
  { key: "sp.lambda_komp", label: "lambda_komp: mean safe&profitable", kind: "mean", study: 1.18, get: meanSP("lambda_komp") },
  { key: "rest.lambda_komp", label: "lambda_komp: mean rest", kind: "mean", study: 1.51, get: meanRest("lambda_komp") },
  { key: "sp.eng_productivity_factor", label: "eng_productivity_factor: mean safe&profitable", kind: "mean", study: 4.38, get: meanSP("eng_productivity_factor") },
  { key: "rest.eng_productivity_factor", label: "eng_productivity_factor: mean rest", kind: "mean", study: 2.96, get: meanRest("eng_productivity_factor") },
  { key: "sp.init_cap", label: "init_cap: mean safe&profitable", kind: "mean", study: 3368, get: meanSP("init_cap") },
  { key: "rest.init_cap", label: "init_cap: mean rest", kind: "mean", study: 2989, get: meanRest("init_cap") },
  { key: "sp.mandatory_insurance_frac", label: "mandatory_insurance_frac: mean safe&profitable", kind: "mean", study: 0.032, get: meanSP("mandatory_insurance_frac") },
  { key: "rest.mandatory_insurance_frac", label: "mandatory_insurance_frac: mean rest", kind: "mean", study: 0.102, get: meanRest("mandatory_insurance_frac") },
  { key: "sp.f_hunters", label: "f_hunters: mean safe&profitable", kind: "mean", study: 0.33, get: meanSP("f_hunters") },
  { key: "rest.f_hunters", label: "f_hunters: mean rest", kind: "mean", study: 0.35, get: meanRest("f_hunters") },
  { key: "sp.theta_sell", label: "theta_sell: mean safe&profitable", kind: "mean", study: 0.67, get: meanSP("theta_sell") },
  { key: "rest.theta_sell", label: "theta_sell: mean rest", kind: "mean", study: 0.65, get: meanRest("theta_sell") },
  { key: "sp.flip_threshold", label: "flip_threshold: mean safe&profitable", kind: "mean", study: 25.3, get: meanSP("flip_threshold") },
  { key: "rest.flip_threshold", label: "flip_threshold: mean rest", kind: "mean", get: meanRest("flip_threshold") },
  { key: "sp.capital_high", label: "capital_high: mean safe&profitable", kind: "mean", studyText: "higher than the rest", get: meanSP("capital_high") },
  { key: "rest.capital_high", label: "capital_high: mean rest", kind: "mean", get: meanRest("capital_high") },
  { key: "sp.value_multiplier_komp", label: "value_multiplier_komp: mean safe&profitable", kind: "mean", studyText: "slightly lower than the rest", get: meanSP("value_multiplier_komp") },
  { key: "rest.value_multiplier_komp", label: "value_multiplier_komp: mean rest", kind: "mean", get: meanRest("value_multiplier_komp") },
];

/** A figure as printed: shares in percent, correlations to 3 decimals, means to 4 significant digits. */
export function formatFigure(kind: FigureKind, x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  switch (kind) {
    case "share":
      return (100 * x).toFixed(1) + "%";
    case "r":
      return x.toFixed(3);
    case "count":
      return String(x);
    case "money":
      return Math.abs(x) >= 1e6 ? (x / 1e6).toFixed(2) + "M" : Math.round(x).toString();
    case "mean":
      return Math.abs(x) >= 1000 ? Math.round(x).toString() : Number(x.toPrecision(3)).toString();
  }
}

function markdownTable(header: string[], rows: string[][], rightFrom = 1): string {
  const line = (cells: string[]) => "| " + cells.join(" | ") + " |";
  const sep = header.map((_, i) => (i >= rightFrom ? "---:" : "---"));
  return [line(header), line(sep), ...rows.map(line)].join("\n");
}

export interface Column {
  label: string;
  findings: Findings;
}

/** The figures of every column side by side (Markdown), the study's first when `study` is set. */
export function formatComparison(columns: readonly Column[], options: { study?: boolean; figures?: readonly Figure[] } = {}): string {
  const figures = options.figures ?? FIGURES;
  const header = ["figure", ...(options.study ? ["study"] : []), ...columns.map((c) => c.label)];
  const rows = figures.map((fig) => [
    fig.label,
    ...(options.study ? [fig.studyText ?? (fig.study === undefined ? "" : formatFigure(fig.kind, fig.study))] : []),
    ...columns.map((c) => formatFigure(fig.kind, fig.get(c.findings))),
  ]);
  return markdownTable(header, rows);
}

export interface Spread {
  figure: Figure;
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1); null with fewer than two values. */
  sd: number | null;
  min: number | null;
  max: number | null;
}

/** Mean, sample standard deviation, min and max of every figure over replicate sweeps. */
export function spread(columns: readonly Column[], figures: readonly Figure[] = FIGURES): Spread[] {
  return figures.map((figure) => {
    const xs = columns.map((c) => figure.get(c.findings)).filter((x): x is number => x !== null && !Number.isNaN(x));
    const n = xs.length;
    if (n === 0) return { figure, n, mean: null, sd: null, min: null, max: null };
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const sd = n < 2 ? null : Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    return { figure, n, mean, sd, min: Math.min(...xs), max: Math.max(...xs) };
  });
}

export function formatSpread(spreads: readonly Spread[], options: { study?: boolean } = {}): string {
  const header = ["figure", ...(options.study ? ["study"] : []), "mean", "sd", "min", "max", "sweeps"];
  const rows = spreads.map((s) => {
    const k = s.figure.kind;
    const sdKind: FigureKind = k === "count" ? "mean" : k;
    return [
      s.figure.label,
      ...(options.study ? [s.figure.studyText ?? (s.figure.study === undefined ? "" : formatFigure(k, s.figure.study))] : []),
      formatFigure(k === "count" ? "mean" : k, s.mean),
      formatFigure(sdKind, s.sd),
      formatFigure(k, s.min),
      formatFigure(k, s.max),
      String(s.n),
    ];
  });
  return markdownTable(header, rows);
}

/** The study's shares within one group of runs. */
export interface GroupShares {
  runs: number;
  zeroFlips: number;
  profitable: number;
  safeAndProfitable: number;
  /** Profitable runs in which every pool ended bankrupt. */
  profitableAllBankrupt: number;
  /** Runs in which some pool bought at least one secret. */
  withPurchases: number;
  medianProfit: number | null;
  maxProfit: number | null;
}

export interface EngineeringSplit {
  /** value_multiplier_eng + eng_productivity_factor < 5: no pool can ever buy an engineering secret. */
  neverBuys: GroupShares;
  /** value_multiplier_eng + eng_productivity_factor ≥ 5. */
  canBuy: GroupShares;
  all: GroupShares;
}

/** The threshold of sim/MODEL.md fact 5: below it no pool ever buys an engineering secret. */
export const ENGINEERING_BUY_THRESHOLD = 5;

const SPLIT_COLUMNS = [
  "value_multiplier_eng",
  "eng_productivity_factor",
  "flips",
  "total_pool_profit",
  "bankrupt_pools",
  "n_pools",
  "total_secret_purchases",
] as const;

class GroupAccumulator {
  runs = 0;
  zeroFlips = 0;
  profitable = 0;
  safeAndProfitable = 0;
  profitableAllBankrupt = 0;
  withPurchases = 0;
  private readonly profits = new NumberColumn();
  private max = Number.NEGATIVE_INFINITY;

  add(flips: number, profit: number, allBankrupt: boolean, purchases: number): void {
    this.runs++;
    if (flips === 0) this.zeroFlips++;
    if (profit > 0) {
      this.profitable++;
      if (flips === 0) this.safeAndProfitable++;
      if (allBankrupt) this.profitableAllBankrupt++;
    }
    if (purchases > 0) this.withPurchases++;
    this.profits.push(profit);
    if (profit > this.max) this.max = profit;
  }

  result(): GroupShares {
    const { runs, zeroFlips, profitable, safeAndProfitable, profitableAllBankrupt, withPurchases } = this;
    return {
      runs,
      zeroFlips,
      profitable,
      safeAndProfitable,
      profitableAllBankrupt,
      withPurchases,
      medianProfit: this.profits.median(),
      maxProfit: runs > 0 ? this.max : null,
    };
  }
}

/**
 * Split a sweep's runs by whether their pools can ever buy an engineering secret (MODEL.md fact 5)
 * and count the study's outcomes in each group. Streams results.csv; a torn last line is left out.
 */
export async function engineeringSplit(path: string): Promise<EngineeringSplit> {
  const { results } = locateResults(path);
  const problems = new ProblemList();
  const groups = { neverBuys: new GroupAccumulator(), canBuy: new GroupAccumulator(), all: new GroupAccumulator() };
  const input = createReadStream(results, { encoding: "utf8" });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const cols: Record<string, number> = {};
  let width = 0;
  let lineNo = 0;
  let pending: string | undefined;
  const handle = (raw: string, n: number): void => {
    const line = cleanLine(raw, n === 1);
    if (line.trim() === "") return;
    const fields = splitCsvLine(line);
    if (!Array.isArray(fields)) {
      problems.add(`line ${n}: ${fields.error}`);
      return;
    }
    if (n === 1) {
      width = fields.length;
      fields.forEach((name, i) => (cols[name] = i));
      for (const c of SPLIT_COLUMNS) if (cols[c] === undefined) problems.add(`line 1 (header): no "${c}" column; is this a sweep's results.csv?`);
      return;
    }
    if (fields.length !== width) {
      problems.add(`line ${n}: ${fields.length} fields where the header has ${width}`);
      return;
    }
    const v: Record<string, number> = {};
    for (const c of SPLIT_COLUMNS) {
      const x = parseDecimal(fields[cols[c]!]!);
      if (x === undefined) {
        problems.add(`line ${n}, column ${c}: ${JSON.stringify(fields[cols[c]!])} is not a finite number`);
        return;
      }
      v[c] = x;
    }
    const allBankrupt = v.bankrupt_pools! === v.n_pools!;
    const buys = v.value_multiplier_eng! + v.eng_productivity_factor! >= ENGINEERING_BUY_THRESHOLD;
    (buys ? groups.canBuy : groups.neverBuys).add(v.flips!, v.total_pool_profit!, allBankrupt, v.total_secret_purchases!);
    groups.all.add(v.flips!, v.total_pool_profit!, allBankrupt, v.total_secret_purchases!);
  };
  for await (const raw of lines) {
    if (pending !== undefined) handle(pending, lineNo);
    if (lineNo === 1 && !problems.empty) break;
    pending = raw;
    lineNo++;
  }
  // The last line counts only when the file ends with a line end (else a sweep is writing it).
  if (pending !== undefined && problems.empty) {
    if (lineNo === 1) handle(pending, lineNo);
    else if (await endsWithNewline(results)) handle(pending, lineNo);
  }
  lines.close();
  input.destroy();
  if (lineNo === 0) problems.add("the file is empty");
  problems.throwIfAny(results, "nothing was analysed");
  if (groups.all.runs === 0) throw new SweepInputError(results, ["no runs yet (only a header)"], { consequence: "nothing to analyse" });
  return { neverBuys: groups.neverBuys.result(), canBuy: groups.canBuy.result(), all: groups.all.result() };
}

async function endsWithNewline(file: string): Promise<boolean> {
  const { open } = await import("node:fs/promises");
  const h = await open(file, "r");
  try {
    const { size } = await h.stat();
    if (size === 0) return false;
    const b = Buffer.alloc(1);
    await h.read(b, 0, 1, size - 1);
    return b[0] === 10;
  } finally {
    await h.close();
  }
}

const share = (k: number, n: number) => (n === 0 ? "—" : `${k} (${((100 * k) / n).toFixed(1)}%)`);

/** One row per (sweep, group): runs, zero flips, profitable, safe and profitable, profitable with every pool bankrupt, median and max profit. */
export function formatSplit(splits: readonly { label: string; split: EngineeringSplit }[]): string {
  const header = ["sweep", "runs (vme + epf)", "runs", "with purchases", "zero flips", "profitable", "safe & profitable", "profitable, every pool bankrupt", "median profit", "max profit"];
  const rows: string[][] = [];
  for (const { label, split } of splits) {
    for (const [name, g] of [
      ["< 5 (never buys)", split.neverBuys],
      ["≥ 5 (can buy)", split.canBuy],
      ["all", split.all],
    ] as const) {
      rows.push([
        label,
        name,
        String(g.runs),
        share(g.withPurchases, g.runs),
        share(g.zeroFlips, g.runs),
        share(g.profitable, g.runs),
        share(g.safeAndProfitable, g.runs),
        share(g.profitableAllBankrupt, g.profitable),
        formatFigure("money", g.medianProfit),
        formatFigure("money", g.maxProfit),
      ]);
    }
  }
  return markdownTable(header, rows, 2);
}
