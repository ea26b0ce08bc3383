/**
 * A sweep folder → its HTML report.
 *
 * @example
 * const html = await sweepReport("results/ref");
 */
import { modelFingerprint } from "../../sweep/fingerprint.js";
import { DEFAULT_MODEL_PATH } from "../../sweep/run-sweep.js";
import { analyzeSweep, type SweepAnalysis } from "./analysis.js";
import { loadSweep, type SweepData } from "./data.js";
import { renderSweepReport, type SweepReportOptions } from "./render.js";

export interface SweepReport {
  html: string;
  data: SweepData;
  analysis: SweepAnalysis;
}

/** Files of the model that differ from the fingerprint in the sweep's manifest (null: unchanged or unknown). */
export function modelChanges(d: SweepData): { files: string[] } | null {
  const m = d.manifest;
  if (!m?.identity?.modelSha256 || !m.model?.fingerprint?.files) return null;
  let now;
  try {
    now = modelFingerprint(DEFAULT_MODEL_PATH);
  } catch {
    return null;
  }
  if (now.sha256 === m.identity.modelSha256) return null;
  const before = m.model.fingerprint.files;
  const files = [...new Set([...Object.keys(before), ...Object.keys(now.files)])].filter((f) => before[f] !== now.files[f]).sort();
  return { files };
}

export async function sweepReport(folder: string, opts: SweepReportOptions = {}): Promise<SweepReport> {
  const data = loadSweep(folder);
  const analysis = await analyzeSweep(data);
  const html = renderSweepReport(data, analysis, { modelChanged: modelChanges(data), ...opts });
  return { html, data, analysis };
}
