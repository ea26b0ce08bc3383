/**
 * `<out>/sweep.json`, written before the first run: what the sweep is (its identity, compared on
 * resume), how it was started, and each session's outcome.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ReadingSwitches, ReadingsName } from "../model/api.js";
import type { DesignInfo } from "./design.js";
import { REPO_ROOT, type ModelFingerprint } from "./fingerprint.js";

export const MANIFEST_FILE = "sweep.json";
export const MANIFEST_FORMAT = "ingenesist-sweep/1";

/** What must match for a folder's results to be continued. */
export interface SweepIdentity {
  format: typeof MANIFEST_FORMAT;
  masterSeed: string;
  steps: number;
  readings: ReadingsName;
  /** Reading switches overridden for every run; absent when none. */
  switches?: Partial<ReadingSwitches>;
  /** Runs in the design. */
  runs: number;
  /** sha256 of the design's canonical rows (run index + every parameter). */
  designSha256: string;
  /** results.csv's columns. */
  columns: string[];
  /** The model's code fingerprint. */
  modelSha256: string;
}

export interface SweepSession {
  startedAt: string;
  /** Runs already in results.csv when the session started. */
  runsAtStart: number;
  workers: number;
  /** "killed": the session ended without a word (SIGKILL, power loss); found so by the next session. */
  status: "running" | "complete" | "interrupted" | "failed" | "killed";
  finishedAt?: string;
  runsAtEnd?: number;
  seconds?: number;
  /** Agent-steps per second over the session's runs. */
  agentStepsPerSecond?: number;
  error?: string;
}

export interface SweepManifest {
  identity: SweepIdentity;
  /** The command line that started the sweep. */
  command: string;
  design: DesignInfo & { runs: number; rowsSha256: string };
  model: { module: string; readings: ReadingsName; switches?: Partial<ReadingSwitches>; fingerprint: ModelFingerprint };
  versions: {
    ingenesist: string;
    node: string;
    platform: string;
    git: { commit: string; dirty: boolean } | null;
  };
  createdAt: string;
  sessions: SweepSession[];
}

export function gitInfo(): { commit: string; dirty: boolean } | null {
  try {
    const opts = { cwd: REPO_ROOT, encoding: "utf8" as const, timeout: 5000, stdio: ["ignore", "pipe", "ignore"] as ["ignore", "pipe", "ignore"] };
    const commit = execFileSync("git", ["rev-parse", "HEAD"], opts).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], opts).trim() !== "";
    return { commit, dirty };
  } catch {
    return null;
  }
}

export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

export function readManifest(folder: string): SweepManifest {
  return JSON.parse(readFileSync(join(folder, MANIFEST_FILE), "utf8")) as SweepManifest;
}

/** Write the manifest atomically (a kill leaves the old or the new file, never half of one). */
export function writeManifest(folder: string, manifest: SweepManifest): void {
  const path = join(folder, MANIFEST_FILE);
  writeFileSync(path + ".tmp", JSON.stringify(manifest, null, 2) + "\n");
  renameSync(path + ".tmp", path);
}

/** Differences between a folder's identity and this command's, as sentences; [] when they match. */
export function identityDifferences(
  folder: SweepManifest,
  now: SweepIdentity,
  nowModel: ModelFingerprint,
): string[] {
  const was = folder.identity as Partial<SweepIdentity> | undefined;
  if (!was || was.format !== MANIFEST_FORMAT) return [`its manifest has format ${JSON.stringify(was?.format)}, this tool writes ${MANIFEST_FORMAT}`];
  const out: string[] = [];
  if (was.masterSeed !== now.masterSeed) out.push(`master seed: ${was.masterSeed} there, --seed ${now.masterSeed} now`);
  if (was.steps !== now.steps) out.push(`steps: ${was.steps} there, --steps ${now.steps} now`);
  if (was.readings !== now.readings) out.push(`readings: ${was.readings} there, --readings ${now.readings} now`);
  const switchesText = (s: Partial<ReadingSwitches> | undefined): string => JSON.stringify(s ?? {});
  if (switchesText(was.switches) !== switchesText(now.switches)) {
    out.push(`reading switches: ${switchesText(was.switches)} there, ${switchesText(now.switches)} now`);
  }
  if (was.runs !== now.runs || was.designSha256 !== now.designSha256) {
    out.push(
      `design: ${was.runs} runs (${folder.design?.summary ?? "?"}, rows sha256 ${was.designSha256?.slice(0, 12)}…) there, ` +
        `${now.runs} runs (rows sha256 ${now.designSha256.slice(0, 12)}…) now`,
    );
  }
  if (JSON.stringify(was.columns) !== JSON.stringify(now.columns)) out.push(`results columns differ (the model's metrics or parameters changed)`);
  if (was.modelSha256 !== now.modelSha256) {
    const before = folder.model?.fingerprint?.files ?? {};
    const changed = [...new Set([...Object.keys(before), ...Object.keys(nowModel.files)])]
      .filter((f) => before[f] !== nowModel.files[f])
      .sort();
    out.push(`model code changed since those runs${changed.length ? ` (${changed.join(", ")})` : " (package versions)"}`);
  }
  return out;
}
