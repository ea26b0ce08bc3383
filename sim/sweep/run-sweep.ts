/**
 * Run a sweep into an output folder: validate the design, write the manifest, run every run on a pool
 * of worker threads, and append results.csv in design order through a bounded reorder buffer, so the
 * file's bytes do not depend on the number of workers. Rerunning the same sweep on the same folder
 * continues where it stopped.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync, writeSync } from "node:fs";
import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ReadingSwitches, ReadingsName, RunMetrics } from "../model/api.js";

const hasSwitches = (s: Partial<ReadingSwitches> | undefined): s is Partial<ReadingSwitches> =>
  s !== undefined && Object.keys(s).length > 0;
import { deriveRunSeed } from "../rng/seed.js";
import { canonicalRow, validateDesign, type Design, type DesignRow } from "./design.js";
import { ProblemList, SweepInputError } from "./errors.js";
import { modelFingerprint, REPO_ROOT, type ModelFingerprint } from "./fingerprint.js";
import { lockFolder } from "./lock.js";
import {
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  gitInfo,
  identityDifferences,
  packageVersion,
  readManifest,
  writeManifest,
  type SweepIdentity,
  type SweepManifest,
  type SweepSession,
} from "./manifest.js";
import { Progress } from "./progress.js";
import { RESULTS_FILE, formatResultRow, resultsColumns, scanResults } from "./results-file.js";
import type { RunTask, WorkerReply, WorkerSetup } from "./worker.js";
import { formatNumber } from "./csv.js";
import { PARAM_NAMES } from "../params/index.js";

/** The model module a sweep runs by default. */
export const DEFAULT_MODEL_PATH = join(REPO_ROOT, "sim/model/run.ts");

export interface SweepOptions {
  /** The output folder. */
  out: string;
  design: Design;
  steps: number;
  /** The master seed (a non-negative integer, as text). */
  masterSeed: string;
  readings: ReadingsName;
  /** Reading switches overridden for every run (none by default). */
  switches?: Partial<ReadingSwitches>;
  workers: number;
  /** The module exporting runModel (default sim/model/run.ts). */
  modelPath?: string;
  /** The command line, for the manifest. */
  command: string;
  /** Progress line options (stream, interval for non-terminals, quiet). */
  progress?: { stream?: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean }; intervalMs?: number; quiet?: boolean };
  /** Notes for people (default: stderr). */
  log?: (message: string) => void;
  /** Aborting stops dispatching, writes what is in order, and returns with status "interrupted". */
  signal?: AbortSignal;
}

export interface SweepOutcome {
  status: "complete" | "interrupted" | "already-complete";
  out: string;
  runs: number;
  /** Runs in results.csv at the start of this session. */
  runsAtStart: number;
  /** Runs written in this session. */
  runsWritten: number;
  seconds: number;
  runsPerSecond: number;
  agentStepsPerSecond: number;
}

/** A run that threw in the model. Runs before it are saved; resuming retries it. */
export class RunFailedError extends Error {
  override name = "RunFailedError";
  constructor(
    readonly runIndex: number,
    readonly seed: string,
    readonly detail: string,
  ) {
    super(`run ${runIndex} (seed ${seed}) failed in the model:\n${detail}`);
  }
}

function folderProblem(out: string, problem: string, fix: string): SweepInputError {
  return new SweepInputError(out, [`${problem}; ${fix}`]);
}

/** Run (or continue) a sweep. Throws SweepInputError for bad input or a folder of another sweep. */
export async function runSweep(opts: SweepOptions): Promise<SweepOutcome> {
  const log = opts.log ?? ((m: string) => process.stderr.write(m + "\n"));
  const out = resolve(opts.out);
  const modelPath = resolve(opts.modelPath ?? DEFAULT_MODEL_PATH);
  // 1. The whole design must be valid before anything runs.
  const validated = await validateDesign(opts.design, opts.design.info.file ?? opts.design.info.summary);
  const { runs, rowsSha256 } = validated;
  const ignored = opts.design.info.ignoredColumns ?? [];
  if (ignored.length > 0) log(`note: ignoring design columns ${ignored.join(", ")}`);

  if (!existsSync(modelPath)) {
    throw new SweepInputError("model", [`the model module ${modelPath} does not exist; pass --model <module exporting runModel>`]);
  }
  await checkModelModule(modelPath);
  const fingerprint = modelFingerprint(modelPath);
  const identity: SweepIdentity = {
    format: MANIFEST_FORMAT,
    masterSeed: opts.masterSeed,
    steps: opts.steps,
    readings: opts.readings,
    ...(hasSwitches(opts.switches) ? { switches: opts.switches } : {}),
    runs,
    designSha256: rowsSha256,
    columns: resultsColumns(),
    modelSha256: fingerprint.sha256,
  };
  const session: SweepSession = {
    startedAt: new Date().toISOString(),
    runsAtStart: 0,
    workers: opts.workers,
    status: "running",
  };

  // 2. The folder: new, or this same sweep (resume). One process at a time.
  const resultsPath = join(out, RESULTS_FILE);
  const folder = await openFolder({ out, resultsPath, identity, fingerprint, runs, log, ignored, opts, modelPath, session });
  try {
    const { manifest, done, lastRow } = folder;
    session.runsAtStart = done;
    manifest.sessions.push(session);
    writeManifest(out, manifest);

    const finishSession = (status: SweepSession["status"], written: number, progress: Progress | undefined, error?: string) => {
      session.status = status;
      session.finishedAt = new Date().toISOString();
      session.runsAtEnd = done + written;
      if (progress) {
        session.seconds = Number(progress.elapsed.toFixed(3));
        session.agentStepsPerSecond = Math.round(progress.agentStepsPerSecond);
      }
      if (error) session.error = error;
      writeManifest(out, manifest);
    };

    if (done === runs) {
      log(`${out}: all ${runs} runs are already in ${RESULTS_FILE}; nothing to do`);
      finishSession("complete", 0, undefined);
      return { status: "already-complete", out, runs, runsAtStart: done, runsWritten: 0, seconds: 0, runsPerSecond: 0, agentStepsPerSecond: 0 };
    }
    if (done > 0) log(`resuming: ${done}/${runs} runs already in ${resultsPath}`);

    // 3. Run.
    return await execute({ opts, out, resultsPath, runs, done, lastRow, rowsSha256, modelPath, log, finishSession });
  } finally {
    folder.release();
  }
}

interface OpenFolderArgs {
  out: string;
  resultsPath: string;
  identity: SweepIdentity;
  fingerprint: ModelFingerprint;
  runs: number;
  log: (m: string) => void;
  ignored: string[];
  opts: SweepOptions;
  modelPath: string;
  session: SweepSession;
}

/** Check the folder is new or holds this same sweep, lock it, and find where to continue. */
async function openFolder(a: OpenFolderArgs): Promise<{ manifest: SweepManifest; done: number; lastRow?: string; release: () => void }> {
  const { out, resultsPath, identity, fingerprint, runs, log } = a;
  if (existsSync(out) && !statSync(out).isDirectory()) {
    throw folderProblem(out, "--out names a file, not a folder", "choose a folder path");
  }
  if (!existsSync(join(out, MANIFEST_FILE))) {
    if (existsSync(out) && readdirSync(out).length > 0) {
      throw folderProblem(out, `the folder is not empty and has no ${MANIFEST_FILE}`, "choose a new or empty --out folder");
    }
    mkdirSync(out, { recursive: true });
    const release = lockFolder(out);
    const manifest: SweepManifest = {
      identity,
      command: a.opts.command,
      design: { ...a.opts.design.info, ignoredColumns: a.ignored.length ? [...a.ignored] : undefined, runs, rowsSha256: identity.designSha256 },
      model: {
        module: a.modelPath.startsWith(REPO_ROOT + "/") ? a.modelPath.slice(REPO_ROOT.length + 1) : a.modelPath,
        readings: identity.readings,
        ...(identity.switches ? { switches: identity.switches } : {}),
        fingerprint,
      },
      versions: { ingenesist: packageVersion(), node: process.version, platform: `${process.platform}-${process.arch}`, git: gitInfo() },
      createdAt: a.session.startedAt,
      sessions: [],
    };
    writeManifest(out, manifest); // before any result
    writeHeader(resultsPath);
    return { manifest, done: 0, release };
  }

  let previous: SweepManifest;
  try {
    previous = readManifest(out);
  } catch (e) {
    throw folderProblem(out, `${MANIFEST_FILE} cannot be read (${(e as Error).message})`, "choose another --out folder");
  }
  const diffs = identityDifferences(previous, identity, fingerprint);
  if (diffs.length > 0) {
    throw new SweepInputError(
      out,
      [`this folder holds a different sweep (${previous.command ?? "unknown command"}):\n      ${diffs.join("\n      ")}`],
      {
        consequence: "nothing was run and the folder is unchanged",
        hint: "To continue that sweep, rerun its own command; to run this one, choose another --out folder (or delete this one).",
      },
    );
  }
  const release = lockFolder(out);
  try {
    for (const s of previous.sessions) if (s.status === "running") s.status = "killed";
    let done = 0;
    let lastRow: string | undefined;
    if (existsSync(resultsPath)) {
      const scan = await scanResults(resultsPath);
      if ("problems" in scan) {
        throw new SweepInputError(resultsPath, scan.problems, {
          hint: "The file is damaged beyond a torn last line: move it away and rerun to start over.",
        });
      }
      if (scan.tornBytes > 0) log(`note: cut a torn last line (${scan.tornBytes} bytes) from ${RESULTS_FILE}; that run will be redone`);
      done = scan.rows;
      lastRow = scan.lastRow;
      if (!scan.hasHeader) writeHeader(resultsPath);
    } else writeHeader(resultsPath);
    if (done > runs) {
      throw folderProblem(resultsPath, `holds ${done} rows but the design has ${runs} runs`, "the file was edited; move it away and rerun to start over");
    }
    return { manifest: previous, done, lastRow, release };
  } catch (e) {
    release();
    throw e;
  }
}

/** Load the model module once here, so that a broken module is reported before the folder is touched. */
async function checkModelModule(modelPath: string): Promise<void> {
  let mod: { runModel?: unknown };
  try {
    mod = (await import(pathToFileURL(modelPath).href)) as { runModel?: unknown };
  } catch (e) {
    throw new SweepInputError("model", [`cannot load ${modelPath}: ${(e as Error)?.message ?? String(e)}`]);
  }
  if (typeof mod.runModel !== "function") {
    throw new SweepInputError("model", [`${modelPath} does not export a runModel function (see sim/model/api.ts)`]);
  }
}

function writeHeader(path: string): void {
  const fd = openSync(path, "w");
  writeSync(fd, resultsColumns().join(",") + "\n");
  closeSync(fd);
}

interface ExecuteArgs {
  opts: SweepOptions;
  out: string;
  resultsPath: string;
  runs: number;
  done: number;
  lastRow: string | undefined;
  rowsSha256: string;
  modelPath: string;
  log: (m: string) => void;
  finishSession: (status: SweepSession["status"], written: number, progress: Progress | undefined, error?: string) => void;
}

type Event = { kind: "reply"; worker: Worker; reply: WorkerReply } | { kind: "crash"; error: Error } | { kind: "abort" };

async function execute(a: ExecuteArgs): Promise<SweepOutcome> {
  const { opts, runs, done } = a;
  const nWorkers = Math.max(1, Math.min(opts.workers, runs - done));
  const depth = 2; // runs queued per worker, so no worker waits for the main thread
  const window = Math.max(64, nWorkers * 16); // bound on runs dispatched ahead of the next one to write

  // Events from workers and the abort signal, consumed by one loop.
  const events: Event[] = [];
  let wake: (() => void) | undefined;
  const push = (e: Event) => {
    events.push(e);
    wake?.();
  };
  const nextEvent = async (): Promise<Event> => {
    while (events.length === 0) await new Promise<void>((r) => (wake = r));
    wake = undefined;
    return events.shift()!;
  };
  const onAbort = () => push({ kind: "abort" });
  opts.signal?.addEventListener("abort", onAbort);

  const setup: WorkerSetup = { modelPath: a.modelPath, steps: opts.steps, readings: opts.readings, switches: opts.switches ?? {} };
  const workers: Worker[] = [];
  let stopping = false;
  for (let i = 0; i < nWorkers; i++) {
    const w = new Worker(new URL("./worker-boot.mjs", import.meta.url), { workerData: setup });
    w.on("message", (reply: WorkerReply) => push({ kind: "reply", worker: w, reply }));
    w.on("error", (error) => push({ kind: "crash", error }));
    w.on("exit", (code) => {
      if (code !== 0 && !stopping) push({ kind: "crash", error: new Error(`a worker exited with code ${code}`) });
    });
    workers.push(w);
  }

  const fd = openSync(a.resultsPath, "a");
  const pending = new Map<number, string>(); // seq → results row, waiting for its turn
  const tasks = new Map<number, RunTask>();
  let nextWrite = done;
  let nextSeq = 0;
  let written = 0;
  const progress = new Progress({ total: runs, already: done, ...opts.progress });
  const idle: Worker[] = [];

  const problems = new ProblemList();
  const hash = createHash("sha256");
  const rows = opts.design.rows(problems);
  let exhausted = false;
  const pull = async (): Promise<DesignRow | undefined> => {
    const r = await rows.next();
    if (!problems.empty) problems.throwIfAny(opts.design.info.file ?? "design", "the design changed while the sweep was starting; nothing more was run");
    if (r.done) {
      exhausted = true;
      return undefined;
    }
    hash.update(canonicalRow(r.value));
    return r.value;
  };

  let closed = false;
  const flush = () => {
    if (closed) return;
    let chunk = "";
    while (pending.has(nextWrite)) {
      chunk += pending.get(nextWrite)!;
      pending.delete(nextWrite);
      nextWrite++;
      written++;
    }
    if (chunk) writeSync(fd, chunk);
  };

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    opts.signal?.removeEventListener("abort", onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
    if (!closed) closeSync(fd);
    closed = true;
    await rows.return(undefined).catch(() => {}); // close a design file left part-read
  };

  try {
    // Skip the runs already written, checking the last one against the design.
    for (let i = 0; i < done; i++) {
      const row = await pull();
      if (!row) break;
      nextSeq++;
      if (i === done - 1 && a.lastRow !== undefined) {
        const seed = deriveRunSeed(opts.masterSeed, row.runIndex);
        let prefix = `${row.runIndex},${seed}`;
        for (const name of PARAM_NAMES) prefix += "," + formatNumber(row.params[name]);
        if (!a.lastRow.startsWith(prefix + ",")) {
          throw new SweepInputError(a.resultsPath, [
            `the last row does not match run ${row.runIndex} of the design; the file was edited or comes from another sweep: move it away and rerun to start over`,
          ]);
        }
      }
    }

    // Wait until every worker has loaded the model.
    let ready = 0;
    while (ready < nWorkers) {
      const e = await nextEvent();
      if (e.kind === "abort") throw new Interrupted();
      if (e.kind === "crash") throw new Error(`a worker could not start: ${e.error.stack ?? e.error.message}`);
      if (e.reply.type === "fatal") throw new SweepInputError("model", [`cannot load ${a.modelPath}:\n${e.reply.message}`]);
      if (e.reply.type === "ready") {
        ready++;
        for (let k = 0; k < depth; k++) idle.push(e.worker);
      }
    }

    progress.begin();
    let inFlight = 0;
    for (;;) {
      while (!exhausted && idle.length > 0 && nextSeq - nextWrite < window) {
        const row = await pull();
        if (!row) break;
        const task: RunTask = { seq: nextSeq++, runIndex: row.runIndex, seed: deriveRunSeed(opts.masterSeed, row.runIndex), params: row.params };
        tasks.set(task.seq, task);
        idle.pop()!.postMessage(task);
        inFlight++;
      }
      if (exhausted && inFlight === 0) break;
      const e = await nextEvent();
      if (e.kind === "abort") throw new Interrupted();
      if (e.kind === "crash") throw new Error(`a worker crashed: ${e.error.stack ?? e.error.message}`);
      const reply = e.reply;
      if (reply.type === "fatal") throw new SweepInputError("model", [`cannot load ${a.modelPath}:\n${reply.message}`]);
      if (reply.type === "ready") continue;
      const task = tasks.get(reply.seq)!;
      if (reply.type === "error") throw new RunFailedError(task.runIndex, task.seed, reply.message);
      let line: string;
      try {
        line = formatResultRow(task.runIndex, task.seed, task.params, reply.metrics as unknown as RunMetrics);
      } catch (err) {
        throw new RunFailedError(task.runIndex, task.seed, (err as Error).message);
      }
      tasks.delete(reply.seq);
      inFlight--;
      idle.push(e.worker);
      pending.set(reply.seq, line);
      flush();
      progress.tick(reply.agentSteps);
    }
    flush();
    if (hash.digest("hex") !== a.rowsSha256) {
      throw new SweepInputError(opts.design.info.file ?? "design", ["the design changed during the sweep; the results mix two designs: move the folder away and rerun"], {
        consequence: "the sweep stopped",
      });
    }
    await stop();
    progress.finish();
    a.finishSession("complete", written, progress);
    return outcome("complete");
  } catch (e) {
    flush();
    await stop();
    progress.finish();
    if (e instanceof Interrupted) {
      a.finishSession("interrupted", written, progress);
      a.log(`interrupted: ${done + written}/${runs} runs are in ${a.resultsPath}; rerun the same command to continue`);
      return outcome("interrupted");
    }
    a.finishSession("failed", written, progress, (e as Error).message);
    throw e;
  }

  function outcome(status: SweepOutcome["status"]): SweepOutcome {
    return {
      status,
      out: a.out,
      runs,
      runsAtStart: done,
      runsWritten: written,
      seconds: progress.elapsed,
      runsPerSecond: progress.runsPerSecond,
      agentStepsPerSecond: progress.agentStepsPerSecond,
    };
  }
}

class Interrupted extends Error {}
