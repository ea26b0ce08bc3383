/**
 * The study's findings table from a results folder (specification §10 and "Key Findings"): the share
 * of runs with zero flips (safe), profitable (total_pool_profit > 0), safe and profitable; median
 * flips; median and max profit; the Pearson correlation of every parameter with flips and with profit;
 * parameter means in safe-and-profitable runs against the rest. results.csv is streamed; only the flips
 * and profit columns are kept (for the medians).
 */
import { closeSync, createReadStream, existsSync, openSync, readSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { PARAM_NAMES, type ParamName } from "../params/index.js";
import { cleanLine, parseDecimal, splitCsvLine } from "../sweep/csv.js";
import { ProblemList, SweepInputError } from "../sweep/errors.js";
import { MANIFEST_FILE, readManifest, type SweepManifest } from "../sweep/manifest.js";
import { RESULTS_FILE } from "../sweep/results-file.js";
import { MeanAccumulator, NumberColumn, PearsonAccumulator } from "./stats.js";

export const FINDINGS_FILE = "findings.json";

export interface Share {
  count: number;
  fraction: number;
}

export interface ParameterFindings {
  name: ParamName;
  /** Pearson r with flips and with total_pool_profit; null when undefined (see notes). */
  correlation: { flips: number | null; profit: number | null };
  /** Mean in safe-and-profitable runs and in the rest; null when the group is empty. */
  mean: { safeAndProfitable: number | null; rest: number | null };
  /** The value when it is the same in every run. */
  constant?: number;
  /** Why a figure is null. */
  notes?: string[];
}

export interface Findings {
  source: {
    folder: string;
    results: string;
    /** Runs analysed. */
    runs: number;
    /** Runs the sweep's design has, when sweep.json is there. */
    plannedRuns: number | null;
    complete: boolean | null;
    steps: number | null;
    masterSeed: string | null;
    readings: string | null;
    design: string | null;
    /** Bytes of a torn last line that were left out. */
    tornBytes?: number;
  };
  definitions: { safe: string; profitable: string; correlation: string; median: string };
  summary: {
    runs: number;
    zeroFlips: Share;
    profitable: Share;
    safeAndProfitable: Share;
    medianFlips: number | null;
    medianProfit: number | null;
    maxProfit: number | null;
  };
  parameters: ParameterFindings[];
}

function describeUndefined(reason: "too-few" | "x-constant" | "y-constant", x: string, y: string, runs: number, yValue: number | undefined): string {
  if (reason === "too-few") return `correlation with ${y} undefined: ${runs} run${runs === 1 ? "" : "s"} (needs at least 2)`;
  if (reason === "x-constant") return `correlation with ${y} undefined: ${x} is the same in every run`;
  return `correlation with ${y} undefined: ${y} is the same (${yValue}) in every run`;
}

/** Locate results.csv from a folder or the file itself. */
export function locateResults(path: string): { folder: string; results: string } {
  if (!existsSync(path)) throw new SweepInputError(path, [`no such folder or file; give a sweep's output folder (the --out of npm run sweep)`], { consequence: "nothing to analyse" });
  if (statSync(path).isDirectory()) {
    const results = join(path, RESULTS_FILE);
    if (!existsSync(results)) {
      throw new SweepInputError(path, [`no ${RESULTS_FILE} in this folder; give a sweep's output folder (the --out of npm run sweep)`], { consequence: "nothing to analyse" });
    }
    return { folder: path, results };
  }
  return { folder: dirname(path), results: path };
}

/** Analyse a results folder (or a results.csv). Throws SweepInputError when it cannot be read. */
export async function analyzeResults(path: string): Promise<Findings> {
  const { folder, results } = locateResults(path);
  let manifest: SweepManifest | undefined;
  if (basename(results) === RESULTS_FILE && existsSync(join(folder, MANIFEST_FILE))) {
    try {
      manifest = readManifest(folder);
    } catch {
      manifest = undefined;
    }
  }

  const problems = new ProblemList();
  const size = statSync(results).size;
  const input = createReadStream(results, { encoding: "utf8" });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let tornBytes = 0;
  let flipsCol = -1;
  let profitCol = -1;
  const paramCols: { name: ParamName; col: number }[] = [];
  let width = 0;
  const flipsCorr = new Map<ParamName, PearsonAccumulator>();
  const profitCorr = new Map<ParamName, PearsonAccumulator>();
  const meanSP = new Map<ParamName, MeanAccumulator>();
  const meanRest = new Map<ParamName, MeanAccumulator>();
  const all = new Map<ParamName, MeanAccumulator>();
  const flipsAll = new NumberColumn();
  const profitAll = new NumberColumn();
  const flipsMean = new MeanAccumulator();
  const profitMean = new MeanAccumulator();
  let zero = 0;
  let profitable = 0;
  let both = 0;
  let maxProfit = Number.NEGATIVE_INFINITY;
  let runs = 0;

  const handle = (raw: string, lineNo: number): boolean => {
    const line = cleanLine(raw, lineNo === 1);
    if (lineNo === 1) {
      const fields = splitCsvLine(line);
      if (!Array.isArray(fields)) {
        problems.add(`line 1 (header): ${fields.error}`);
        return false;
      }
      width = fields.length;
      fields.forEach((name, col) => {
        if (name === "flips") flipsCol = col;
        else if (name === "total_pool_profit") profitCol = col;
        else if ((PARAM_NAMES as readonly string[]).includes(name)) paramCols.push({ name: name as ParamName, col });
      });
      if (flipsCol < 0) problems.add(`line 1 (header): no "flips" column; is this a sweep's results.csv?`);
      if (profitCol < 0) problems.add(`line 1 (header): no "total_pool_profit" column; is this a sweep's results.csv?`);
      if (paramCols.length === 0) problems.add(`line 1 (header): no parameter columns`);
      if (!problems.empty) return false;
      for (const { name } of paramCols) {
        flipsCorr.set(name, new PearsonAccumulator());
        profitCorr.set(name, new PearsonAccumulator());
        meanSP.set(name, new MeanAccumulator());
        meanRest.set(name, new MeanAccumulator());
        all.set(name, new MeanAccumulator());
      }
      return true;
    }
    if (line.trim() === "") return true;
    const fields = splitCsvLine(line);
    if (!Array.isArray(fields) || fields.length !== width) {
      problems.add(`line ${lineNo}: ${Array.isArray(fields) ? `${fields.length} fields where the header has ${width}` : fields.error}`);
      return true;
    }
    const num = (col: number, name: string): number | undefined => {
      const v = parseDecimal(fields[col]!);
      if (v === undefined) problems.add(`line ${lineNo}, column ${name}: ${JSON.stringify(fields[col])} is not a finite number`);
      return v;
    };
    const flips = num(flipsCol, "flips");
    const profit = num(profitCol, "total_pool_profit");
    const values = paramCols.map(({ name, col }) => num(col, name));
    if (flips === undefined || profit === undefined || values.some((v) => v === undefined)) return true;
    runs++;
    const safe = flips === 0;
    const prof = profit > 0;
    if (safe) zero++;
    if (prof) profitable++;
    if (safe && prof) both++;
    if (profit > maxProfit) maxProfit = profit;
    flipsAll.push(flips);
    profitAll.push(profit);
    flipsMean.add(flips);
    profitMean.add(profit);
    paramCols.forEach(({ name }, k) => {
      const x = values[k]!;
      flipsCorr.get(name)!.add(x, flips);
      profitCorr.get(name)!.add(x, profit);
      (safe && prof ? meanSP : meanRest).get(name)!.add(x);
      all.get(name)!.add(x);
    });
    return true;
  };

  // A last line without a line end is torn (a sweep was killed while writing it, or is writing it now).
  let tornAtEnd = false;
  if (size > 0) {
    const fd = openSync(results, "r");
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, size - 1);
    closeSync(fd);
    tornAtEnd = b[0] !== 10;
  }
  let prev: string | undefined;
  let lineNo = 0;
  let going = true;
  for await (const raw of lines) {
    if (prev !== undefined) going = handle(prev, lineNo);
    if (!going) break;
    prev = raw;
    lineNo++;
  }
  if (going && prev !== undefined) {
    if (tornAtEnd && lineNo > 1) tornBytes = Buffer.byteLength(prev);
    else handle(prev, lineNo);
  }
  lines.close();
  input.destroy();
  if (lineNo === 0) problems.add("the file is empty");
  problems.throwIfAny(results, "nothing was analysed");
  if (runs === 0) throw new SweepInputError(results, ["no runs yet (only a header)"], { consequence: "nothing to analyse" });

  const share = (count: number): Share => ({ count, fraction: count / runs });
  const parameters: ParameterFindings[] = paramCols.map(({ name }) => {
    const notes: string[] = [];
    const a = all.get(name)!;
    const corr = (acc: PearsonAccumulator, y: string, yMean: MeanAccumulator): number | null => {
      const res = acc.result();
      if (res.r === null) {
        if (res.reason !== "x-constant") notes.push(describeUndefined(res.reason, name, y, runs, yMean.first));
        return null;
      }
      return res.r;
    };
    const f: ParameterFindings = {
      name,
      correlation: { flips: corr(flipsCorr.get(name)!, "flips", flipsMean), profit: corr(profitCorr.get(name)!, "total_pool_profit", profitMean) },
      mean: { safeAndProfitable: meanSP.get(name)!.mean, rest: meanRest.get(name)!.mean },
    };
    if (a.constant) {
      f.constant = a.first;
      notes.unshift(`the same (${a.first}) in every run: correlations undefined`);
    }
    if (both === 0) notes.push("no safe-and-profitable runs: that group's mean is undefined");
    if (both === runs) notes.push("every run is safe and profitable: the rest's mean is undefined");
    if (notes.length > 0) f.notes = notes;
    return f;
  });

  return {
    source: {
      folder,
      results,
      runs,
      plannedRuns: manifest?.identity?.runs ?? null,
      complete: manifest ? runs === manifest.identity.runs : null,
      steps: manifest?.identity?.steps ?? null,
      masterSeed: manifest?.identity?.masterSeed ?? null,
      readings: manifest?.identity?.readings
        ? manifest.identity.readings + (manifest.identity.switches ? ` ${JSON.stringify(manifest.identity.switches)}` : "")
        : null,
      design: manifest?.design?.summary ?? null,
      ...(tornBytes > 0 ? { tornBytes } : {}),
    },
    definitions: {
      safe: "flips = 0",
      profitable: "total_pool_profit > 0",
      correlation: "Pearson r over all runs; null when a side is the same in every run",
      median: "the middle value; the mean of the two middle values for an even number of runs",
    },
    summary: {
      runs,
      zeroFlips: share(zero),
      profitable: share(profitable),
      safeAndProfitable: share(both),
      medianFlips: flipsAll.median(),
      medianProfit: profitAll.median(),
      maxProfit: runs > 0 ? maxProfit : null,
    },
    parameters,
  };
}
