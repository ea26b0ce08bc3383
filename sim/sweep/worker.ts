/**
 * A sweep worker thread: loads the model module once, then runs the runs it is sent, one at a time,
 * and posts each result back. A run is runModel(params, {seed, steps, readings, switches}): nothing else.
 */
import { parentPort, workerData } from "node:worker_threads";
import { pathToFileURL } from "node:url";
import type { ReadingSwitches, RunModel, ReadingsName } from "../model/api.js";
import type { ModelParams } from "../params/index.js";

export interface WorkerSetup {
  modelPath: string;
  steps: number;
  readings: ReadingsName;
  switches: Partial<ReadingSwitches>;
}

export interface RunTask {
  seq: number;
  runIndex: number;
  seed: string;
  params: ModelParams;
}

export type WorkerReply =
  | { type: "ready" }
  | { type: "result"; seq: number; metrics: Record<string, number>; agentSteps: number }
  | { type: "error"; seq: number; message: string }
  | { type: "fatal"; message: string };

const port = parentPort;
if (!port) throw new Error("sim/sweep/worker.ts runs only as a worker thread");
const setup = workerData as WorkerSetup;

let runModel: RunModel;
try {
  const mod = (await import(pathToFileURL(setup.modelPath).href)) as { runModel?: unknown };
  if (typeof mod.runModel !== "function") throw new Error(`${setup.modelPath} does not export a runModel function`);
  runModel = mod.runModel as RunModel;
} catch (e) {
  port.postMessage({ type: "fatal", message: (e as Error)?.stack ?? String(e) } satisfies WorkerReply);
  throw e;
}

port.on("message", (task: RunTask) => {
  let reply: WorkerReply;
  try {
    const res = runModel(task.params, { seed: task.seed, steps: setup.steps, readings: setup.readings, switches: setup.switches });
    reply = { type: "result", seq: task.seq, metrics: res.metrics as unknown as Record<string, number>, agentSteps: res.agentSteps };
  } catch (e) {
    reply = { type: "error", seq: task.seq, message: (e as Error)?.stack ?? String(e) };
  }
  port.postMessage(reply);
});
port.postMessage({ type: "ready" } satisfies WorkerReply);
