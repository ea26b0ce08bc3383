/**
 * npm run sim -- --seed 7 [--steps 5000] [--run i] [--params p.json] [--readings study|protocol]
 *                [--switch name=value …] [--trace out.csv [--trace-gini-every k]]
 *
 * One model run; prints its metrics as JSON on stdout (a one-line summary goes to stderr).
 */
import { writeFileSync } from "node:fs";
import { ParamsError, STUDY_STEPS, resolveParams, type ModelParams } from "../params/index.js";
import { deriveRunSeed } from "../rng/index.js";
import type { ReadingSwitches } from "../model/api.js";
import { READINGS_NAMES, ReadingsError, SWITCH_NAMES, resolveReadings } from "../model/readings.js";
import { runModel } from "../model/run.js";
import { traceColumns, traceToCsv } from "../model/trace.js";
import { UsageError, parseArgv, readCommandLine, readParamsFile } from "./flags.js";

const HELP = `Run the model once and print its metrics as JSON.

Usage:
  npm run sim -- --seed 7 --steps 5000
  npm run sim -- --seed 42 --run 17 --params p.json --trace out.csv

Options:
  --seed N              master seed, a non-negative integer (required)
  --run I               run index (default 0): the run seed is "N/I", as run I of a sweep with --seed N
  --steps N             steps (default ${STUDY_STEPS})
  --params FILE         JSON object of parameter values; the rest are the defaults (midpoints of the
                        study's ranges, 2 pools)
  --readings NAME       ${READINGS_NAMES.join(" or ")} (default study); see sim/MODEL.md
  --switch NAME=VALUE   override one reading switch (repeatable): ${SWITCH_NAMES.join(", ")}
  --trace FILE          write the per-step time series as CSV
  --trace-gini-every K  with --trace: the Gini of wealth every K steps (default 0: never)
  -h, --help            this help`;

interface Flags {
  seed: string;
  run: number;
  steps: number;
  params?: string;
  readings: string;
  switches: Record<string, unknown>;
  trace?: string;
  traceGiniEvery: number;
}

const VALUE_FLAGS = ["seed", "run", "steps", "params", "readings", "switch", "trace", "trace-gini-every"];

function parseFlags(argv: string[]): Flags | "help" {
  const args = parseArgv(argv, { values: VALUE_FLAGS, switches: { example: "poolOrder=shuffled" } });
  if (args.help) return "help";
  const { problems, switches } = args;
  const seed = args.int("seed", 0, Number.MAX_SAFE_INTEGER);
  if (!args.has("seed")) problems.push("--seed is required (for example --seed 7): the run is a function of its seed");
  const run = args.int("run", 0, Number.MAX_SAFE_INTEGER, 0);
  const steps = args.int("steps", 0, 100_000_000, STUDY_STEPS);
  const traceGiniEvery = args.int("trace-gini-every", 0, 100_000_000, 0);
  if (args.has("trace-gini-every") && !args.has("trace")) problems.push("--trace-gini-every needs --trace FILE");
  const readings = args.get("readings") ?? "study";
  try {
    resolveReadings(readings, switches);
  } catch (e) {
    if (!(e instanceof ReadingsError)) throw e;
    problems.push(e.message.startsWith("unknown readings") ? `--readings: ${e.message}` : `--switch: ${e.message}`);
  }
  if (problems.length > 0) throw new UsageError(`command line:\n  - ${problems.join("\n  - ")}`);
  return { seed: String(seed), run, steps, params: args.get("params"), readings, switches, trace: args.get("trace"), traceGiniEvery };
}

function loadParams(path: string | undefined): ModelParams {
  if (path === undefined) return resolveParams({}, "defaults");
  return resolveParams(readParamsFile(path), path);
}

function main(): number {
  const read = readCommandLine(
    () => {
      const flags = parseFlags(process.argv.slice(2));
      return flags === "help" ? flags : { flags, params: loadParams(flags.params) };
    },
    HELP,
    (e) => e instanceof UsageError || e instanceof ParamsError,
  );
  if (typeof read === "number") return read;
  const { flags, params } = read;
  const runSeed = deriveRunSeed(flags.seed, flags.run);
  const t0 = performance.now();
  const res = runModel(params, {
    seed: runSeed,
    steps: flags.steps,
    readings: flags.readings as "study" | "protocol",
    switches: flags.switches as Partial<ReadingSwitches>,
    trace: flags.trace !== undefined,
    traceGiniEvery: flags.traceGiniEvery,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (flags.trace !== undefined && res.trace) {
    writeFileSync(flags.trace, traceToCsv(res.trace, traceColumns(params.n_pools)));
  }
  process.stdout.write(JSON.stringify(res.metrics, null, 2) + "\n");
  const sw = Object.keys(flags.switches).length > 0 ? ` switches ${JSON.stringify(flags.switches)}` : "";
  process.stderr.write(
    `run seed ${runSeed}, ${flags.steps} steps, readings ${flags.readings}${sw}: ${seconds.toFixed(3)} s` +
      (flags.trace !== undefined ? `; trace (${res.trace?.length ?? 0} rows) → ${flags.trace}` : "") +
      "\n",
  );
  return 0;
}

process.exitCode = main();
