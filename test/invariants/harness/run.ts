/**
 * Runs the model-based property: fast-check generates command sequences; each run starts from the snapshot
 * of the deployed system and a fresh copy of the initial model. A failure is shrunk, printed with its seed
 * and replay path, and (unless FUZZ_RECORD=0) written to test/invariants/regressions/ as JSON, which
 * regressions.test.ts then replays on every `npm test`.
 */
import fc from "fast-check";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Budget } from "./budget.js";
import type { Command } from "./commands/base.js";
import { COMMAND_ARBITRARIES, commandFromJSON } from "./commands/index.js";
import { cloneModel } from "./model.js";
import type { Stats } from "./stats.js";
import { resetWorld, type World } from "./world.js";

export const REGRESSIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "regressions");

export interface Regression {
  /** What the case shows, in a sentence. */
  title: string;
  recorded: string;
  seed?: number;
  path?: string;
  error?: string;
  commands: { type: string; args: Command["args"] }[];
}

/** Runs `commands` from the deployed system's snapshot, checking every invariant after each. */
export async function runCommands(w: World, stats: Stats, commands: Iterable<Command>): Promise<void> {
  await resetWorld(w);
  stats.runs++;
  const trace: string[] = [];
  try {
    await fc.asyncModelRun(() => ({ model: cloneModel(w.initialModel), real: { w, stats, trace } }), commands);
  } catch (e) {
    if (e instanceof Error) e.message += `\nThis run, command by command:\n  ${trace.join("\n  ")}`;
    throw e;
  }
}

/** The commands of a (shrunk) counterexample that ran. */
function ranCommands(value: Iterable<unknown>): Command[] {
  const wrapped = [...value] as { cmd?: Command; hasRan?: boolean }[];
  const ran = wrapped.filter((c) => c.hasRan);
  return (ran.length > 0 ? ran : wrapped).map((c) => (c.cmd ?? (c as unknown as Command)));
}

/** Writes a regression file: the metadata, then one command per line. */
export function writeRegression(r: Regression): string {
  mkdirSync(REGRESSIONS_DIR, { recursive: true });
  const file = join(REGRESSIONS_DIR, `${r.recorded.slice(0, 10)}-seed${r.seed}.json`);
  const { commands, ...meta } = r;
  const head = JSON.stringify(meta, null, 2).replace(/\n}$/, "");
  const body = commands.map((c) => `    ${JSON.stringify(c)}`).join(",\n");
  writeFileSync(file, `${head},\n  "commands": [\n${body}\n  ]\n}\n`);
  return file;
}

export function readRegressions(): { file: string; regression: Regression }[] {
  let files: string[] = [];
  try {
    files = readdirSync(REGRESSIONS_DIR).filter((f) => f.endsWith(".json")).sort();
  } catch {
    return [];
  }
  return files.map((f) => ({ file: f, regression: JSON.parse(readFileSync(join(REGRESSIONS_DIR, f), "utf8")) as Regression }));
}

export async function replayRegression(w: World, stats: Stats, r: Regression): Promise<void> {
  await runCommands(w, stats, r.commands.map(commandFromJSON));
}

/** Runs the property under `budget`; throws with the seed, the replay path and the regression file on failure. */
export async function runModelBased(w: World, budget: Budget, stats: Stats): Promise<void> {
  const started = Date.now();
  /** A progress line every this many runs in long soaks (0: none). */
  const progressEvery = budget.runs >= 1000 ? 200 : 0;
  const property = fc.asyncProperty(
    fc.commands(COMMAND_ARBITRARIES, { maxCommands: budget.maxCommands, size: "max", replayPath: budget.replayPath }),
    async (commands) => {
      await runCommands(w, stats, commands as Iterable<Command>);
      if (progressEvery > 0 && stats.runs % progressEvery === 0) {
        const s = (Date.now() - started) / 1000;
        console.log(`      … ${stats.runs} runs, ${stats.totalCommands} commands, ${s.toFixed(0)} s`);
      }
    },
  );
  const details = await fc.check(property, { numRuns: budget.runs, seed: budget.seed, path: budget.path });
  if (!details.failed) return;
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const lines = [fc.defaultReportMessage(details) ?? "property failed", `Error: ${error}`];
  const replay = /replayPath="([^"]+)"/.exec(fc.stringify(details.counterexample))?.[1];
  lines.push(
    `Replay: FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath}${replay ? ` FUZZ_REPLAY='${replay}'` : ""} ` +
      "npx hardhat test mocha test/invariants/solvency.model.test.ts",
  );
  if (budget.record && details.counterexample) {
    const file = writeRegression({
      title: `found by seed ${details.seed}: ${error.split("\n")[0]}`,
      recorded: new Date().toISOString(),
      seed: details.seed,
      path: details.counterexamplePath ?? undefined,
      error,
      commands: ranCommands(details.counterexample[0] as Iterable<unknown>).map((c) => c.toJSON()),
    });
    lines.push(`Shrunk commands kept as a regression: ${file} (commit it once fixed; regressions.test.ts replays it)`);
  }
  throw new Error(lines.join("\n"));
}
