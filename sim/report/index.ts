/**
 * Reports: any results folder → one self-contained HTML page. A sweep folder (results.csv, the --out
 * of `npm run sweep`) or an agent-run folder (the --out of `npm run agents`).
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { SweepInputError } from "../sweep/errors.js";
import { RESULTS_FILE } from "../sweep/results-file.js";
import { sweepReport } from "./sweep/index.js";
import type { SweepReportOptions } from "./sweep/render.js";

export type FolderKind = "sweep";

/** What kind of results folder this is; throws SweepInputError (with what was expected) when neither. */
export function detectKind(folder: string): FolderKind {
  if (!existsSync(folder)) throw new SweepInputError(folder, ["no such folder; give a results folder (the --out of npm run sweep)"], { consequence: "no report was written" });
  if (!statSync(folder).isDirectory()) throw new SweepInputError(folder, ["not a folder; give the results folder itself (the --out of npm run sweep), not a file in it"], { consequence: "no report was written" });
  if (existsSync(join(folder, RESULTS_FILE))) return "sweep";
  throw new SweepInputError(folder, [`not a results folder: no ${RESULTS_FILE} (a sweep's --out)`], { consequence: "no report was written" });
}

export interface BuiltReport {
  kind: FolderKind;
  html: string;
  /** One line for the terminal: what the page holds. */
  summary: string;
}

export async function buildReport(folder: string, opts: { sweep?: SweepReportOptions } = {}): Promise<BuiltReport> {
  const kind = detectKind(folder);
  const r = await sweepReport(folder, opts.sweep);
  const s = r.analysis.findings.summary;
  return {
    kind,
    html: r.html,
    summary: `sweep of ${r.data.n} runs: ${(100 * s.zeroFlips.fraction).toFixed(1)}% safe, ${(100 * s.profitable.fraction).toFixed(1)}% profitable, ${(100 * s.safeAndProfitable.fraction).toFixed(1)}% both; ${r.analysis.named.length} named runs with replay commands`,
  };
}
