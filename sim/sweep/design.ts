/**
 * Designs: the ordered list of runs of a sweep, each a run index and a full parameter set.
 *
 * A design is streamed twice: once to validate it completely (nothing runs until every row is valid)
 * and to hash its rows, then again to feed the workers. Rows are never all held in memory.
 */
import { createHash, type Hash } from "node:crypto";
import { PARAM_NAMES, type ModelParams } from "../params/index.js";
import { formatNumber } from "./csv.js";
import { ProblemList } from "./errors.js";

export interface DesignRow {
  /** The run index: the run's seed is deriveRunSeed(masterSeed, runIndex). */
  runIndex: number;
  params: ModelParams;
}

export interface DesignInfo {
  kind: "lhs" | "config" | "csv";
  /** One line for people. */
  summary: string;
  /** The config or design file, as given. */
  file?: string;
  /** sha256 of that file's bytes. */
  fileSha256?: string;
  /** Columns of a design CSV that were ignored. */
  ignoredColumns?: string[];
  /** Extra facts for the manifest (points, grid cells, …). */
  details?: Record<string, unknown>;
}

export interface Design {
  info: DesignInfo;
  /**
   * Stream the rows. Problems (invalid rows) go to `problems`; invalid rows are not yielded. The
   * design is usable only when a full pass reports none.
   */
  rows(problems: ProblemList): AsyncGenerator<DesignRow, void, undefined>;
}

/** The canonical text of a design row, as hashed: run index and every parameter in table order. */
export function canonicalRow(row: DesignRow): string {
  let s = String(row.runIndex);
  for (const name of PARAM_NAMES) s += "," + formatNumber(row.params[name]);
  return s + "\n";
}

export function hashRow(hash: Hash, row: DesignRow): void {
  hash.update(canonicalRow(row));
}

export interface ValidatedDesign {
  design: Design;
  /** Number of runs. */
  runs: number;
  /** sha256 over the canonical rows: the design's identity, whatever its source. */
  rowsSha256: string;
}

/** Stream the whole design once; throw SweepInputError with every problem, or return its size and hash. */
export async function validateDesign(design: Design, source: string): Promise<ValidatedDesign> {
  const problems = new ProblemList();
  const hash = createHash("sha256");
  let runs = 0;
  for await (const row of design.rows(problems)) {
    hashRow(hash, row);
    runs++;
  }
  if (runs === 0 && problems.empty) problems.add("the design has no rows: add at least one run");
  problems.throwIfAny(source);
  return { design, runs, rowsSha256: hash.digest("hex") };
}
