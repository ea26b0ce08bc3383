/**
 * Run a study plan: each stage's command in a child process (its progress on this terminal), then the
 * findings and the report of each folder, then the index page. Rerunning reuses what is done: a
 * complete sweep folder is checked by the sweep itself ("nothing to do") and an interrupted one
 * resumes; a finished agent run with the same command is kept.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { analyzeResults, FINDINGS_FILE } from "../analysis/findings.js";
import { buildReport } from "../report/index.js";
import { REPO_ROOT } from "../sweep/fingerprint.js";
import { stageCommand, type Stage, type StudyPlan } from "./plan.js";

const require = createRequire(import.meta.url);

export type StageStatus = "done" | "reused" | "failed" | "interrupted" | "refused";

export interface StageResult {
  name: Stage["name"];
  command: string;
  status: StageStatus;
  /** Exit code of the stage's command (null when it was not run). */
  exitCode: number | null;
  seconds: number;
  reportSeconds: number;
  /** The report, relative to the study folder, when one was written. */
  report: string | null;
  /** Why the stage failed, or what to do. */
  message?: string;
}

export interface StudyRecord {
  format: "ingenesist-study/1";
  command: string;
  quick: boolean;
  startedAt: string;
  finishedAt?: string;
  seconds?: number;
  stages: StageResult[];
}

export const STUDY_FILE = "study.json";

/** Run a CLI of this repository (sim/cli/<name>.ts) on this Node with tsx; resolves to its exit code. */
export function runCli(script: string, args: string[], opts: { quiet?: boolean; signal?: AbortSignal } = {}): Promise<number> {
  const tsx = pathToFileURL(require.resolve("tsx")).href;
  return new Promise((resolveExit, reject) => {
    const child = spawn(process.execPath, ["--import", tsx, join("sim/cli", script), ...args], {
      cwd: REPO_ROOT,
      stdio: opts.quiet ? ["ignore", "ignore", "ignore"] : ["ignore", "inherit", "inherit"],
    });
    const onAbort = () => child.kill("SIGINT");
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", reject);
    child.on("exit", (code, sig) => {
      opts.signal?.removeEventListener("abort", onAbort);
      resolveExit(code ?? (sig ? 130 : 1));
    });
  });
}

/** A finished agent run made by this very command (kept on a rerun). */
export function agentRunDone(folder: string, command: string): boolean {
  const path = join(folder, "summary.json");
  if (!existsSync(path) || !existsSync(join(folder, "steps.csv"))) return false;
  try {
    const s = JSON.parse(readFileSync(path, "utf8")) as { command?: string; status?: string; steps?: number; stepsRun?: number };
    return s.command === command && s.status !== "failed" && s.steps !== undefined && s.stepsRun === s.steps;
  } catch {
    return false;
  }
}

/** A sweep folder whose results are complete (the sweep will say "nothing to do"). */
function sweepComplete(folder: string): boolean {
  try {
    const m = JSON.parse(readFileSync(join(folder, "sweep.json"), "utf8")) as { identity: { runs: number }; sessions: { status: string; runsAtEnd?: number }[] };
    const last = m.sessions[m.sessions.length - 1];
    return last?.status === "complete" && last.runsAtEnd === m.identity.runs;
  } catch {
    return false;
  }
}

function writeRecord(out: string, record: StudyRecord): void {
  const path = join(out, STUDY_FILE);
  writeFileSync(path + ".tmp", JSON.stringify(record, null, 2) + "\n");
  renameSync(path + ".tmp", path);
}

export interface RunStudyOptions {
  /** Where progress lines go. */
  log: (line: string) => void;
  signal?: AbortSignal;
  /** Run the stages' commands without their own output (tests). */
  quiet?: boolean;
}

export async function runStudy(plan: StudyPlan, o: RunStudyOptions): Promise<StudyRecord> {
  mkdirSync(plan.out, { recursive: true });
  const t0 = performance.now();
  const record: StudyRecord = { format: "ingenesist-study/1", command: plan.command, quick: plan.quick, startedAt: new Date().toISOString(), stages: [] };
  for (const stage of plan.stages) {
    if (o.signal?.aborted) break;
    const command = stageCommand(stage);
    o.log(`\n== ${stage.title} ==\n${command}`);
    const ts = performance.now();
    let status: StageStatus;
    let exitCode: number | null = null;
    let message: string | undefined;
    if (stage.kind === "agents" && agentRunDone(stage.folder, command)) {
      status = "reused";
      o.log(`(kept: ${stage.folder} holds the finished run of this command)`);
    } else {
      const wasComplete = stage.kind === "sweep" && sweepComplete(stage.folder);
      exitCode = await runCli(stage.kind === "sweep" ? "sweep.ts" : "agents.ts", stage.args, { quiet: o.quiet, signal: o.signal });
      if (exitCode === 0) status = wasComplete ? "reused" : "done";
      else if (exitCode === 130) status = "interrupted";
      else if (stage.kind === "sweep" && exitCode === 2) {
        status = "refused";
        message = `the sweep refused the folder ${stage.folder} (see its message above): it holds another sweep. Give the study another --out, or remove that folder.`;
      } else if (stage.kind === "agents" && exitCode === 1) {
        status = "done";
        message = "the chain diverged from the model: the report shows where";
      } else {
        status = "failed";
        message = `exit code ${exitCode}`;
      }
    }
    const seconds = (performance.now() - ts) / 1000;
    let report: string | null = null;
    const tr = performance.now();
    if ((status === "done" || status === "reused" || status === "interrupted") && existsSync(stage.folder)) {
      try {
        if (stage.kind === "sweep") {
          const findings = await analyzeResults(stage.folder);
          writeFileSync(join(stage.folder, FINDINGS_FILE), JSON.stringify(findings, null, 2) + "\n");
        }
        const built = await buildReport(stage.folder, { sweep: { title: `${stage.title} — ${stage.name}` } });
        writeFileSync(join(stage.folder, "report.html"), built.html);
        report = `${stage.name}/report.html`;
        o.log(`report: ${join(stage.folder, "report.html")} — ${built.summary}`);
      } catch (e) {
        message = `${message ? message + "; " : ""}no report: ${(e as Error).message.split("\n")[0]}`;
        o.log(`no report for ${stage.name}: ${(e as Error).message}`);
      }
    }
    record.stages.push({ name: stage.name, command, status, exitCode, seconds, reportSeconds: (performance.now() - tr) / 1000, report, ...(message ? { message } : {}) });
    writeRecord(plan.out, record);
    if (status === "interrupted") break;
  }
  record.finishedAt = new Date().toISOString();
  record.seconds = (performance.now() - t0) / 1000;
  writeRecord(plan.out, record);
  return record;
}
