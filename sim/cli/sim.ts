/**
 * npm run sim -- --seed 7 [--steps 5000] [--run i] [--params p.json] [--readings study|protocol]
 *                [--switch name=value …] [--trace out.csv [--trace-gini-every k]]
 *
 * One model run; prints its metrics as JSON on stdout (a one-line summary goes to stderr).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { ParamsError, STUDY_STEPS, resolveParams, type ModelParams } from "../params/index.js";
import { deriveRunSeed } from "../rng/index.js";
import type { ReadingSwitches } from "../model/api.js";
import { READINGS_NAMES, ReadingsError, SWITCH_NAMES, resolveReadings } from "../model/readings.js";
import { runModel } from "../model/run.js";
import { traceColumns, traceToCsv } from "../model/trace.js";

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

class UsageError extends Error {
  override name = "UsageError";
}

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
  const problems: string[] = [];
  const raw = new Map<string, string>();
  const switches: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-h" || arg === "--help") return "help";
    if (!arg.startsWith("--")) {
      problems.push(`unexpected argument "${arg}"; every option is a --flag`);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!VALUE_FLAGS.includes(name)) {
      problems.push(`unknown option --${name} (known: ${VALUE_FLAGS.map((f) => "--" + f).join(", ")})`);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--")) value = argv[++i];
    if (value === undefined || value === "") {
      problems.push(`--${name} needs a value`);
      continue;
    }
    if (name === "switch") {
      const m = /^([A-Za-z]+)=(.+)$/.exec(value);
      if (!m) {
        problems.push(`--switch ${value}: expected NAME=VALUE, for example --switch poolOrder=shuffled`);
        continue;
      }
      const v = m[2] === "true" ? true : m[2] === "false" ? false : m[2];
      switches[m[1]!] = v;
      continue;
    }
    if (raw.has(name)) problems.push(`--${name} is given twice (${raw.get(name)} and ${value}); give it once`);
    raw.set(name, value);
  }
  const int = (name: string, min: number, max: number, dflt?: number): number | undefined => {
    const text = raw.get(name);
    if (text === undefined) return dflt;
    const v = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(v) || v < min || v > max) {
      problems.push(`--${name} ${text}: expected an integer from ${min} to ${max}`);
      return dflt;
    }
    return v;
  };
  const seed = int("seed", 0, Number.MAX_SAFE_INTEGER);
  if (!raw.has("seed")) problems.push("--seed is required (for example --seed 7): the run is a function of its seed");
  const run = int("run", 0, Number.MAX_SAFE_INTEGER, 0)!;
  const steps = int("steps", 0, 100_000_000, STUDY_STEPS)!;
  const traceGiniEvery = int("trace-gini-every", 0, 100_000_000, 0)!;
  if (raw.has("trace-gini-every") && !raw.has("trace")) problems.push("--trace-gini-every needs --trace FILE");
  const readings = raw.get("readings") ?? "study";
  try {
    resolveReadings(readings, switches);
  } catch (e) {
    if (!(e instanceof ReadingsError)) throw e;
    problems.push(e.message.startsWith("unknown readings") ? `--readings: ${e.message}` : `--switch: ${e.message}`);
  }
  if (problems.length > 0) throw new UsageError(`command line:\n  - ${problems.join("\n  - ")}`);
  return { seed: String(seed), run, steps, params: raw.get("params"), readings, switches, trace: raw.get("trace"), traceGiniEvery };
}

function loadParams(path: string | undefined): ModelParams {
  if (path === undefined) return resolveParams({}, "defaults");
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`--params ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--params ${path}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
    throw new UsageError(`--params ${path}: expected a JSON object of parameter values, such as {"lambda_komp": 1.2, "n_pools": 3}`);
  }
  return resolveParams(obj as Record<string, unknown>, path);
}

function main(): number {
  let flags: Flags | "help";
  let params: ModelParams;
  try {
    flags = parseFlags(process.argv.slice(2));
    if (flags === "help") {
      process.stdout.write(HELP + "\n");
      return 0;
    }
    params = loadParams(flags.params);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ParamsError) {
      process.stderr.write(`${e.message}\n\nRun with --help for usage.\n`);
      return 2;
    }
    throw e;
  }
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
