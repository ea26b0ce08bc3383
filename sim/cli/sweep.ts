/**
 * npm run sweep -- --runs 2000 --steps 5000 --seed 42 --out results/ref [--workers N] [--config c.json]
 *                  [--design d.csv] [--readings study|protocol] [--switch name=value …]
 */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { STUDY_STEPS } from "../params/index.js";
import type { ReadingSwitches, ReadingsName } from "../model/api.js";
import { ReadingsError, SWITCH_NAMES, resolveReadings } from "../model/readings.js";
import { fixedValuesForDesign, loadConfig, spaceFromConfig, type SweepConfig } from "../sweep/config.js";
import { csvDesign } from "../sweep/design-csv.js";
import { generatedDesign } from "../sweep/design-generated.js";
import type { Design } from "../sweep/design.js";
import { ProblemList, SweepInputError, didYouMean } from "../sweep/errors.js";
import { MAX_LHS_POINTS } from "../sweep/lhs.js";
import { formatDuration, formatRate } from "../sweep/progress.js";
import { DEFAULT_MODEL_PATH, RunFailedError, runSweep } from "../sweep/run-sweep.js";
import { isRandom, layoutOf } from "../sweep/space.js";
import { DEFAULT_MESSAGES, parseArgv, readCommandLine } from "./flags.js";

const HELP = `Run a parameter sweep of the model on all cores.

Usage:
  npm run sweep -- --runs 2000 --steps 5000 --seed 42 --out results/ref
  npm run sweep -- --design ../shared/reference/study-design-2000.csv --steps 5000 --seed 42 --out results/ref

Design (one of):
  --runs N            Latin hypercube of N points over the study's 17 ranges (n_pools uniform in {1,2,3})
  --config FILE       JSON ranges, fixed values and grids (see sim/sweep/README.md); --runs N gives the
                      hypercube's points per grid cell (or replicates per cell when nothing is ranged)
  --design FILE       a CSV of parameter rows (header = parameter names, optional run_index); --config
                      may add fixed values; --runs N runs only its first N rows

Options:
  --seed N            master seed, a non-negative integer (required): run i has seed "N/i"
  --steps N           steps per run (default ${STUDY_STEPS})
  --out DIR           output folder (required): sweep.json, results.csv
  --workers N         worker threads (default: all ${availableParallelism()} cores)
  --readings NAME     the model's readings: study (default) or protocol
  --switch NAME=VALUE override one reading switch (repeatable; sim/MODEL.md "Readings"):
                      ${SWITCH_NAMES.join(", ")}
  --model MODULE      the module exporting runModel (default sim/model/run.ts)
  --quiet             no progress line
  --progress-every S  seconds between progress lines when stderr is not a terminal (default 10)
  -h, --help          this help

Rerunning the same command on the same folder continues an interrupted sweep.
Analyse the results with: npm run analyze -- DIR`;

interface Flags {
  runs?: number;
  steps: number;
  seed?: string;
  out?: string;
  workers: number;
  config?: string;
  design?: string;
  readings: ReadingsName;
  /** Reading switches overridden on the command line ({} when none). */
  switches: Partial<ReadingSwitches>;
  model?: string;
  quiet: boolean;
  progressEvery: number;
}

const VALUE_FLAGS = ["runs", "steps", "seed", "out", "workers", "config", "design", "readings", "switch", "model", "progress-every"] as const;
const BOOL_FLAGS = ["quiet", "help"] as const;
const ALL_FLAGS = [...VALUE_FLAGS, ...BOOL_FLAGS].map((f) => `--${f}`);

function parseFlags(argv: string[]): Flags | "help" {
  const args = parseArgv(argv, {
    values: VALUE_FLAGS,
    booleans: BOOL_FLAGS,
    switches: { example: "bankruptBuys=false", once: true },
    skipUnknownValue: true,
    messages: {
      unexpected: (arg) => `${DEFAULT_MESSAGES.unexpected(arg)} (see --help)`,
      unknown: (name) => `unknown option --${name}${didYouMean("--" + name, ALL_FLAGS)} (see --help)`,
    },
  });
  if (args.help) return "help";
  const { problems, switches } = args;
  const runs = args.int("runs", 1, MAX_LHS_POINTS);
  const steps = args.int("steps", 1, 100_000_000) ?? STUDY_STEPS;
  const workers = args.int("workers", 1, 1024) ?? availableParallelism();
  const seedNum = args.int("seed", 0, Number.MAX_SAFE_INTEGER);
  const progressEvery = args.int("progress-every", 1, 86_400) ?? 10;
  const readings = args.get("readings") ?? "study";
  if (readings !== "study" && readings !== "protocol") problems.push(`--readings ${readings}: expected study or protocol`);
  else {
    try {
      resolveReadings(readings, switches);
    } catch (e) {
      if (!(e instanceof ReadingsError)) throw e;
      problems.push(`--switch: ${e.message}`);
    }
  }
  if (!args.has("seed")) problems.push(`--seed is required (for example --seed 42): every run's seed derives from it`);
  if (!args.has("out")) problems.push(`--out is required: the folder for sweep.json and results.csv (for example --out results/ref)`);
  if (!args.has("design") && !args.has("runs") && !args.has("config")) {
    problems.push(`say what to run: --runs N for a Latin hypercube of the study's ranges, --config FILE, or --design FILE`);
  }
  if (problems.length > 0) {
    const list = new ProblemList();
    for (const p of problems) list.add(p);
    list.throwIfAny("command line");
  }
  return {
    runs,
    steps,
    seed: seedNum === undefined ? undefined : String(seedNum),
    out: args.get("out"),
    workers,
    config: args.get("config"),
    design: args.get("design"),
    readings: readings as ReadingsName,
    // in the switches' own order, so the same overrides give the same manifest whatever the flag order
    switches: Object.fromEntries(SWITCH_NAMES.filter((k) => Object.hasOwn(switches, k)).map((k) => [k, switches[k]])) as Partial<ReadingSwitches>,
    model: args.get("model"),
    quiet: args.flag("quiet"),
    progressEvery,
  };
}

async function buildDesign(flags: Flags): Promise<Design> {
  const config: SweepConfig | undefined = flags.config ? loadConfig(resolve(flags.config), flags.config) : undefined;
  if (flags.design) {
    return csvDesign({
      path: resolve(flags.design),
      displayPath: flags.design,
      fixed: config ? fixedValuesForDesign(config) : {},
      configPath: config?.path,
      limit: flags.runs,
    });
  }
  const space = spaceFromConfig(config);
  const layout = layoutOf(space);
  if (isRandom(layout) && flags.runs === undefined) {
    throw new SweepInputError("command line", [
      `--runs is required: the number of Latin hypercube points${layout.cells > 1 ? ` per grid cell (${layout.cells} cells)` : ""}`,
    ]);
  }
  const points = flags.runs ?? 1;
  if (points * layout.cells > MAX_LHS_POINTS) {
    throw new SweepInputError("command line", [`${points} points × ${layout.cells} grid cells = ${points * layout.cells} runs, more than ${MAX_LHS_POINTS}; lower --runs or the grids`]);
  }
  const what = isRandom(layout) ? `Latin hypercube of ${points} points` : `${points} replicate${points > 1 ? "s" : ""}`;
  const summary =
    (config ? `config ${config.path}: ` : "study ranges: ") +
    what +
    (layout.cells > 1 ? ` × ${layout.cells} grid cells (${layout.grids.join(", ")})` : "") +
    `, seed ${flags.seed}`;
  return generatedDesign({
    space,
    points,
    masterSeed: flags.seed!,
    info: { kind: config ? "config" : "lhs", summary, file: config?.path, fileSha256: config?.sha256 },
  });
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const flags = readCommandLine(() => parseFlags(argv), HELP, (e) => e instanceof SweepInputError);
  if (typeof flags === "number") return flags;
  const abort = new AbortController();
  let firstSignal = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    const now = Date.now();
    if (firstSignal > 0) {
      // the same Ctrl-C can arrive twice (from the terminal and relayed by npm/tsx): only a later one quits
      if (now - firstSignal > 1000) process.exit(130);
      return;
    }
    firstSignal = now;
    process.stderr.write(`\n${sig}: stopping; the finished runs are saved in order (Ctrl-C again quits at once)\n`);
    abort.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const design = await buildDesign(flags);
    process.stderr.write(
      `sweep: ${design.info.summary}; ${flags.steps} steps per run; readings ${flags.readings}` +
        (Object.keys(flags.switches).length > 0 ? ` with ${JSON.stringify(flags.switches)}` : "") +
        `; ${plural(flags.workers, "worker")} → ${flags.out}\n`,
    );
    const outcome = await runSweep({
      out: flags.out!,
      design,
      steps: flags.steps,
      masterSeed: flags.seed!,
      readings: flags.readings,
      switches: flags.switches,
      workers: flags.workers,
      modelPath: flags.model ? resolve(flags.model) : DEFAULT_MODEL_PATH,
      command: ["npm run sweep --", ...argv].join(" "),
      progress: { quiet: flags.quiet, intervalMs: flags.progressEvery * 1000 },
      signal: abort.signal,
    });
    if (outcome.status === "interrupted") return 130;
    if (outcome.status === "complete") {
      process.stdout.write(
        `done: ${outcome.runsWritten} runs in ${formatDuration(outcome.seconds)} (${outcome.seconds.toFixed(1)} s): ` +
          `${formatRate(outcome.runsPerSecond)} runs/s, ${formatRate(outcome.agentStepsPerSecond)} agent-steps/s on ${plural(Math.min(flags.workers, outcome.runs - outcome.runsAtStart), "worker")}\n` +
          `results: ${resolve(outcome.out, "results.csv")} (${outcome.runs} runs)\n` +
          `analyse: npm run analyze -- ${flags.out}\n`,
      );
    }
    return 0;
  } catch (e) {
    if (e instanceof SweepInputError) {
      process.stderr.write(e.message + "\n");
      return 2;
    }
    if (e instanceof RunFailedError) {
      process.stderr.write(
        `${e.message}\nThe runs before it are saved; fix the model and rerun the same command to continue.\n`,
      );
      return 1;
    }
    throw e;
  }
}

process.exitCode = await main();
