/**
 * `<out>/results.csv`: one row per run — run_index, seed, every parameter (table order), every metric
 * (METRIC_NAMES order) — in design order. Rows are appended whole; a kill can leave at most a torn last
 * line, which resume cuts off.
 */
import { closeSync, openSync, readSync, createReadStream, statSync, truncateSync } from "node:fs";
import { createInterface } from "node:readline";
import { METRIC_NAMES, type RunMetrics } from "../model/api.js";
import { PARAM_NAMES, type ModelParams } from "../params/index.js";
import { formatNumber } from "./csv.js";

export const RESULTS_FILE = "results.csv";

/** The column names of results.csv. */
export function resultsColumns(): string[] {
  return ["run_index", "seed", ...PARAM_NAMES, ...METRIC_NAMES];
}

/** One results row, with its line end. Throws if the model left out a metric or gave a non-number. */
export function formatResultRow(runIndex: number, seed: string, params: ModelParams, metrics: RunMetrics): string {
  let s = `${runIndex},${seed}`;
  for (const name of PARAM_NAMES) s += "," + formatNumber(params[name]);
  for (const name of METRIC_NAMES) {
    const v = (metrics as unknown as Record<string, unknown>)[name];
    if (typeof v !== "number") throw new Error(`the model returned no number for metric "${name}" (got ${JSON.stringify(v)})`);
    s += "," + formatNumber(v);
  }
  return s + "\n";
}

export interface ExistingResults {
  /** Complete data rows. */
  rows: number;
  /** The last complete data row (without its line end), when there is one. */
  lastRow?: string;
  /** Bytes of a torn last line that were cut off. */
  tornBytes: number;
  /** Whether the header line is present (false: the file was empty or held only a torn header). */
  hasHeader: boolean;
}

/** Offset just after the last "\n" in the file, or 0. */
function endOfLastLine(fd: number, size: number): number {
  const buf = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - buf.length);
    const n = readSync(fd, buf, 0, end - start, start);
    const i = buf.subarray(0, n).lastIndexOf(10);
    if (i >= 0) return start + i + 1;
    end = start;
  }
  return 0;
}

/** Cut a torn last line (bytes after the last line end) off the file; returns how many bytes were cut. */
export function cutTornLine(path: string): number {
  const size = statSync(path).size;
  if (size === 0) return 0;
  const fd = openSync(path, "r");
  let keep = size;
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    if (last[0] !== 10) keep = endOfLastLine(fd, size);
  } finally {
    closeSync(fd);
  }
  if (keep < size) truncateSync(path, keep);
  return size - keep;
}

/**
 * Check an existing results file for resume: cut a torn last line, check the header and every row's
 * shape. Returns problems (strings saying what is wrong) instead of throwing, so the caller can say
 * what to do.
 */
export async function scanResults(path: string): Promise<ExistingResults | { problems: string[] }> {
  const tornBytes = cutTornLine(path);
  const expected = resultsColumns();
  const problems: string[] = [];
  let lineNo = 0;
  let lastRow: string | undefined;
  const input = createReadStream(path, { encoding: "utf8" });
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    lineNo++;
    if (lineNo === 1) {
      if (line !== expected.join(",")) {
        problems.push(`line 1: the header is not this sweep's columns (expected ${expected.length} columns starting run_index,seed,…)`);
        break;
      }
      continue;
    }
    const fields = line.split(",");
    if (fields.length !== expected.length || !/^\d+$/.test(fields[0]!)) {
      problems.push(`line ${lineNo}: not a complete results row (${fields.length} fields, expected ${expected.length})`);
      if (problems.length >= 5) break;
      continue;
    }
    lastRow = line;
  }
  lines.close();
  input.destroy();
  if (problems.length > 0) return { problems };
  return { rows: Math.max(0, lineNo - 1), lastRow, tornBytes, hasHeader: lineNo >= 1 };
}
