/**
 * The command that replays one run of a sweep alone: the parameters of its results.csv row as JSON on
 * standard input, and the sweep's master seed, run index, steps, readings and switches as flags.
 *
 *   echo '{"lambda_komp":1.81,…}' | npm run sim -- --seed 42 --run 17 --steps 5000 --params /dev/stdin
 *
 * The row's numbers are written in JavaScript's shortest round-trip form, so the JSON gives back the
 * exact doubles the run used, and `npm run sim` prints the row's metrics bit for bit.
 */
import { PARAM_NAMES } from "../../params/index.js";
import { DEFAULT_MODEL_PATH } from "../../sweep/run-sweep.js";
import { REPO_ROOT } from "../../sweep/fingerprint.js";
import { relative, resolve } from "node:path";
import type { SweepData } from "./data.js";

export type Replay = { command: string } | { command: null; reason: string };

/** Shell-quote one word (POSIX single quotes). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Why no run of this sweep can be replayed by `npm run sim`, or null when they all can. */
export function replayBlocker(d: SweepData): string | null {
  const m = d.manifest;
  if (!m) return `there is no usable sweep.json in the folder${d.manifestProblem ? ` (${d.manifestProblem})` : ""}, so the master seed, steps and readings are unknown`;
  const module = m.model?.module;
  if (module && relative(resolve(REPO_ROOT, module), DEFAULT_MODEL_PATH) !== "") {
    return `the sweep ran the model module ${module}; npm run sim runs only the default model (sim/model/run.ts)`;
  }
  return null;
}

/** The replay command of row r (0-based position in results.csv). */
export function replayCommand(d: SweepData, r: number): Replay {
  const blocker = replayBlocker(d);
  if (blocker) return { command: null, reason: blocker };
  const id = d.manifest!.identity;
  const runIndex = d.runIndex[r]!;
  const expectedSeed = `${id.masterSeed}/${runIndex}`;
  if (d.seed[r] !== expectedSeed) {
    return { command: null, reason: `row ${r + 1}'s seed is ${d.seed[r]}, not ${expectedSeed} (master seed ${id.masterSeed}, run ${runIndex})` };
  }
  const params: Record<string, number> = {};
  for (const name of PARAM_NAMES) {
    const c = d.col.get(name);
    if (c) params[name] = c[r]!;
  }
  const flags = ["--seed", id.masterSeed, "--run", String(runIndex), "--steps", String(id.steps)];
  if (id.readings !== "study") flags.push("--readings", id.readings);
  for (const [k, v] of Object.entries(id.switches ?? {})) flags.push("--switch", `${k}=${String(v)}`);
  flags.push("--params", "/dev/stdin");
  return { command: `echo ${shellQuote(JSON.stringify(params))} | npm run sim -- ${flags.map(shellQuote).join(" ")}` };
}
