/**
 * A sweep's results folder in memory: sweep.json (when there) and results.csv as one Float64Array per
 * numeric column (8 bytes per run per column: 2000 runs × 37 columns ≈ 0.6 MB). A torn last line (a
 * sweep killed while writing, or still writing) is left out, as `npm run analyze` does.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cleanLine, parseDecimal, splitCsvLine } from "../../sweep/csv.js";
import { ProblemList, SweepInputError } from "../../sweep/errors.js";
import { MANIFEST_FILE, type SweepManifest } from "../../sweep/manifest.js";
import { RESULTS_FILE } from "../../sweep/results-file.js";

export interface SweepData {
  folder: string;
  manifest: SweepManifest | null;
  /** Why sweep.json could not be used, when it is there but unreadable. */
  manifestProblem?: string;
  header: string[];
  /** Runs read. */
  n: number;
  runIndex: Float64Array;
  /** The run seed column ("master/index"). */
  seed: string[];
  /** Every numeric column by name (run_index included). */
  col: Map<string, Float64Array>;
  /** Bytes of a torn last line left out. */
  tornBytes: number;
}

const REQUIRED = ["run_index", "seed", "flips", "total_pool_profit"];

export function loadSweep(folder: string): SweepData {
  const path = join(folder, RESULTS_FILE);
  if (!existsSync(path)) throw new SweepInputError(folder, [`no ${RESULTS_FILE} here; give a sweep's output folder (the --out of npm run sweep)`], { consequence: "no report was written" });
  let manifest: SweepManifest | null = null;
  let manifestProblem: string | undefined;
  if (existsSync(join(folder, MANIFEST_FILE))) {
    try {
      manifest = JSON.parse(readFileSync(join(folder, MANIFEST_FILE), "utf8")) as SweepManifest;
      if (!manifest?.identity?.masterSeed) throw new Error("no identity.masterSeed");
    } catch (e) {
      manifestProblem = `${MANIFEST_FILE} is not a sweep manifest (${(e as Error).message})`;
      manifest = null;
    }
  }
  const text = readFileSync(path, "utf8");
  let lines = text.split("\n");
  let tornBytes = 0;
  if (text.length > 0 && !text.endsWith("\n")) {
    const last = lines.pop()!;
    if (lines.length > 0) tornBytes = Buffer.byteLength(last);
    else lines = [last]; // a header without a line end is still a header
  } else if (lines[lines.length - 1] === "") lines.pop();
  const problems = new ProblemList();
  if (lines.length === 0) throw new SweepInputError(path, ["the file is empty"], { consequence: "no report was written" });
  const headerFields = splitCsvLine(cleanLine(lines[0]!, true));
  if (!Array.isArray(headerFields)) throw new SweepInputError(path, [`line 1 (header): ${headerFields.error}`], { consequence: "no report was written" });
  const header = headerFields;
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new SweepInputError(path, [`line 1 (header): no ${missing.map((m) => `"${m}"`).join(", ")} column${missing.length > 1 ? "s" : ""}; is this a sweep's results.csv?`], { consequence: "no report was written" });
  }
  const seedCol = header.indexOf("seed");
  const rows = lines.slice(1).filter((l) => l.trim() !== "");
  const n = rows.length;
  if (n === 0) throw new SweepInputError(path, ["no runs yet (only a header)"], { consequence: "no report was written" });
  const numeric = header.map((h, i) => (i === seedCol ? null : new Float64Array(n)));
  const seed: string[] = new Array(n);
  rows.forEach((raw, r) => {
    const fields = splitCsvLine(cleanLine(raw, false));
    const lineNo = r + 2;
    if (!Array.isArray(fields) || fields.length !== header.length) {
      problems.add(`line ${lineNo}: ${Array.isArray(fields) ? `${fields.length} fields where the header has ${header.length}` : fields.error}`);
      return;
    }
    fields.forEach((f, i) => {
      if (i === seedCol) {
        seed[r] = f;
        return;
      }
      const v = parseDecimal(f);
      if (v === undefined) problems.add(`line ${lineNo}, column ${header[i]}: ${JSON.stringify(f)} is not a finite number`);
      else numeric[i]![r] = v;
    });
  });
  problems.throwIfAny(path, "no report was written");
  const col = new Map<string, Float64Array>();
  header.forEach((h, i) => {
    if (numeric[i]) col.set(h, numeric[i]!);
  });
  return { folder, manifest, manifestProblem, header, n, runIndex: col.get("run_index")!, seed, col, tornBytes };
}
