/**
 * Reports: any results folder → one self-contained HTML page. A sweep folder (results.csv, the --out
 * of `npm run sweep`) or an agent-run folder (the --out of `npm run agents`).
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { SweepInputError } from "../sweep/errors.js";
import { RESULTS_FILE } from "../sweep/results-file.js";
import { isAgentFolder } from "./agents/data.js";
import { agentReport } from "./agents/index.js";
import { sweepReport } from "./sweep/index.js";
import type { SweepReportOptions } from "./sweep/render.js";

export type FolderKind = "sweep" | "agents";

/** What kind of results folder this is; throws SweepInputError (with what was expected) when neither. */
export function detectKind(folder: string): FolderKind {
  const what = "a results folder (the --out of npm run sweep or of npm run agents)";
  if (!existsSync(folder)) throw new SweepInputError(folder, [`no such folder; give ${what}`], { consequence: "no report was written" });
  if (!statSync(folder).isDirectory()) throw new SweepInputError(folder, [`not a folder; give ${what} itself, not a file in it`], { consequence: "no report was written" });
  if (existsSync(join(folder, RESULTS_FILE))) return "sweep";
  if (isAgentFolder(folder)) return "agents";
  throw new SweepInputError(folder, [`not a results folder: no ${RESULTS_FILE} (a sweep's --out) and no summary.json with steps.csv (an agent run's --out)`], { consequence: "no report was written" });
}

export interface BuiltReport {
  kind: FolderKind;
  html: string;
  /** One line for the terminal: what the page holds. */
  summary: string;
}

export async function buildReport(folder: string, opts: { sweep?: SweepReportOptions } = {}): Promise<BuiltReport> {
  const kind = detectKind(folder);
  if (kind === "agents") {
    const r = agentReport(folder);
    const s = r.data.summary;
    return {
      kind,
      html: r.html,
      summary: `agent run (${s.status}): ${s.agents} agents, ${s.pools} pools, ${s.stepsRun}/${s.steps} steps${s.check?.enabled ? `, ${s.check.stepsAgreed}/${s.check.stepsCompared} steps agreed with the model` : ""}`,
    };
  }
  const r = await sweepReport(folder, opts.sweep);
  const s = r.analysis.findings.summary;
  return {
    kind,
    html: r.html,
    summary: `sweep of ${r.data.n} runs: ${(100 * s.zeroFlips.fraction).toFixed(1)}% safe, ${(100 * s.profitable.fraction).toFixed(1)}% profitable, ${(100 * s.safeAndProfitable.fraction).toFixed(1)}% both; ${r.analysis.named.length} named runs with replay commands`,
  };
}
