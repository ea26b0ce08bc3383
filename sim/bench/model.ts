/**
 * npm run bench:model [-- --sample N] [--design FILE] [--steps N]
 *
 * The model's speed, as figures and as ratios against baselines measured in the same process:
 * - the random generators (draws per second; the model uses GENERATOR);
 * - the draw floor: 200 uniform draws per step (what drawing each agent's loss would cost);
 * - the reference implementation (sim/model/reference.ts) on the same run;
 * - agent-steps per second and seconds per 5000-step run at fixed parameter points;
 * - the projected time of the study's full sweep (2000 runs × 5000 steps) on this machine: mean
 *   seconds per run over a sample of the reference design's rows × 2000 / cores.
 * Timings on a shared machine are noisy: compare the ratios, and read the load printed with them.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, loadavg } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SWEPT_PARAMS, STUDY_STEPS, defaultParams, type ModelParams } from "../params/index.js";
import { CANDIDATE_GENERATORS, GENERATOR, RandomStream } from "../rng/index.js";
import { runModel } from "../model/run.js";
import { referenceRun } from "../model/reference.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DEFAULT_DESIGN = resolve(REPO, "../shared/reference/study-design-2000.csv");

interface Flags {
  sample: number;
  design: string;
  steps: number;
}

function parseFlags(argv: string[]): Flags {
  const flags: Flags = { sample: 200, design: DEFAULT_DESIGN, steps: STUDY_STEPS };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    if (a === "--sample" && v && /^\d+$/.test(v) && Number(v) >= 1) (flags.sample = Number(v)), i++;
    else if (a === "--design" && v) (flags.design = resolve(v)), i++;
    else if (a === "--steps" && v && /^\d+$/.test(v) && Number(v) >= 100) (flags.steps = Number(v)), i++;
    else {
      process.stderr.write(`bench:model: bad option "${a}"${v ? ` ${v}` : ""}; usage: npm run bench:model -- [--sample N ≥ 1] [--design FILE] [--steps N ≥ 100]\n`);
      process.exit(2);
    }
  }
  return flags;
}

const now = () => performance.now() / 1000;
const load = () => loadavg().map((x) => x.toFixed(2)).join(" ");
const fmt = (x: number, d = 2) => x.toFixed(d);
const si = (x: number) => (x >= 1e6 ? `${fmt(x / 1e6)}M` : x >= 1e3 ? `${fmt(x / 1e3)}k` : fmt(x, 0));

/** Seconds per call of f, best of `reps` timings of `inner` calls each (the best is the least disturbed by other load). */
function timeBest(f: () => void, inner: number, reps: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < reps; r++) {
    const t0 = now();
    for (let k = 0; k < inner; k++) f();
    best = Math.min(best, (now() - t0) / inner);
  }
  return best;
}

let sink = 0;

/** Seconds for `draws` uniform() draws from a stream of the given generator. */
function drawCost(gen: (typeof CANDIDATE_GENERATORS)[number], draws: number): number {
  const s = new RandomStream("bench/0#losses", gen);
  return timeBest(
    () => {
      let acc = 0;
      for (let k = 0; k < draws; k++) acc += s.uniform();
      sink += acc;
    },
    1,
    5,
  );
}

function readDesign(path: string): ModelParams[] {
  const lines = readFileSync(path, "utf8").trim().split(/\r?\n/);
  const head = lines[0]!.split(",");
  return lines.slice(1).map((line) => {
    const v = line.split(",");
    const p = defaultParams();
    for (const name of [...SWEPT_PARAMS, "n_pools"] as const) {
      const k = head.indexOf(name);
      if (k < 0) throw new Error(`${path}: no column ${name}`);
      p[name] = Number(v[k]);
    }
    return p;
  });
}

function main(): void {
  const flags = parseFlags(process.argv.slice(2));
  const steps = flags.steps;
  const cores = availableParallelism();
  const n = defaultParams().n_agents;
  console.log(`bench:model — Node ${process.version}, ${cores} cores, load average ${load()} (1/5/15 min) at start`);
  console.log(`(a shared machine: absolute figures move with other load; the ratios are measured in this process)\n`);

  // 2. The draw floor: 200 uniforms per step.
  const floorPerRun = timeBest(
    () => {
      const s = new RandomStream("floor", GENERATOR);
      let acc = 0;
      for (let t = 0; t < steps; t++) for (let i = 0; i < n; i++) acc += s.uniform();
      sink += acc;
    },
    1,
    5,
  );
  console.log(`Draw floor: ${n} uniform draws per step (a per-agent loss draw): ${fmt(floorPerRun * 1e3)} ms per ${steps}-step run, ${si((n * steps) / floorPerRun)} agent-steps/s\n`);

  // 3. Fixed points.
  const points: [string, ModelParams][] = [
    ["study defaults (midpoints; V = 4.25 < 5, nothing bought)", defaultParams()],
    ["high lambda_komp (2.5, f_hunters 0.5, theta_sell 0.5)", { ...defaultParams(), lambda_komp: 2.5, f_hunters: 0.5, theta_sell: 0.5 }],
    ["high eng_productivity_factor (5, value_multiplier_eng 2: pools buy)", { ...defaultParams(), eng_productivity_factor: 5, value_multiplier_eng: 2 }],
  ];
  const SEEDS = 8;
  console.log(`Fixed points (${SEEDS} seeds each, ${steps} steps, readings study):`);
  console.log(`  ${"point".padEnd(70)} ${"s/run".padStart(8)} ${"agent-steps/s".padStart(14)} ${"× floor".padStart(8)}`);
  for (const [name, p] of points) {
    runModel(p, { seed: "warm/0", steps });
    let total = 0;
    for (let s = 0; s < SEEDS; s++) {
      const t0 = now();
      runModel(p, { seed: `bench/${s}`, steps });
      total += now() - t0;
    }
    const perRun = total / SEEDS;
    console.log(`  ${name.padEnd(70)} ${fmt(perRun, 4).padStart(8)} ${si((n * steps) / perRun).padStart(14)} ${fmt(perRun / floorPerRun).padStart(8)}`);
  }

  // 4. Against the reference implementation (same run, shorter: the reference is slow by design).
  const refSteps = 1000;
  const refParams = points[2]![1];
  const fastRef = timeBest(() => runModel(refParams, { seed: "ref/0", steps: refSteps }), 3, 3);
  const slowRef = timeBest(() => referenceRun(refParams, { seed: "ref/0", steps: refSteps }), 1, 2);
  console.log(`\nReference implementation, high eng_productivity_factor point, ${refSteps} steps: ${fmt(slowRef * 1e3, 1)} ms, fast model ${fmt(fastRef * 1e3, 2)} ms: fast is ${fmt(slowRef / fastRef, 1)}× faster`);

  // 5. The study's design: projected full sweep.
  if (!existsSync(flags.design)) {
    console.log(`\nNo design at ${flags.design}: skipping the projection (give --design FILE).`);
  } else {
    projectSweep(flags, floorPerRun, cores);
  }

  // 6. Generators, each in its own process (a call site that has seen several generators runs
  //    slower for all of them, so they are not measured in this one).
  compareGenerators();
  console.log(`\nload average at end: ${load()}`);
}

function projectSweep(flags: Flags, floorPerRun: number, cores: number): void {
  const steps = flags.steps;
  const n = defaultParams().n_agents;
  const design = readDesign(flags.design);
  const take = Math.min(flags.sample, design.length);
  const stride = design.length / take;
  let total = 0;
  let worst = 0;
  let worstRow = -1;
  for (let k = 0; k < take; k++) {
    const row = Math.floor(k * stride);
    const t0 = now();
    runModel(design[row]!, { seed: `42/${row}`, steps });
    const dt = now() - t0;
    total += dt;
    if (dt > worst) (worst = dt), (worstRow = row);
  }
  const perRun = total / take;
  const runs = design.length;
  const projected = (perRun * runs) / cores;
  console.log(`\nReference design ${flags.design.replace(REPO + "/", "")}: ${take} of its ${runs} rows (every ${fmt(stride, 1)}th), ${steps} steps`);
  console.log(`  mean ${fmt(perRun * 1e3, 2)} ms/run (${si((n * steps) / perRun)} agent-steps/s, ${fmt(perRun / floorPerRun)}× the draw floor); slowest row ${worstRow}: ${fmt(worst * 1e3, 1)} ms`);
  console.log(`  projected full sweep: ${runs} runs × ${fmt(perRun, 4)} s / ${cores} cores = ${fmt(projected, 1)} s (target: under 120 s)`);
}

const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const DRAWS = 4_000_000;

function compareGenerators(): void {
  console.log(`\nRandom generators (seedrandom), uniform() draws, each in a fresh process — the model uses ${GENERATOR}:`);
  const costs = new Map<string, number>();
  for (const g of CANDIDATE_GENERATORS) {
    const r = spawnSync(process.execPath, ["--import", TSX_LOADER, fileURLToPath(import.meta.url), "--draw-cost", g], { encoding: "utf8" });
    const ns = Number(r.stdout.trim());
    if (r.status !== 0 || !Number.isFinite(ns)) throw new Error(`measuring ${g} failed: ${r.stderr}`);
    costs.set(g, ns);
  }
  const chosen = costs.get(GENERATOR)!;
  for (const [g, c] of costs) console.log(`  ${g.padEnd(10)} ${fmt(c)} ns/draw   ${fmt(c / chosen)}× ${GENERATOR}`);
}

if (process.argv[2] === "--draw-cost") {
  const g = process.argv[3] as (typeof CANDIDATE_GENERATORS)[number];
  console.log(((drawCost(g, DRAWS) / DRAWS) * 1e9).toFixed(3));
} else {
  main();
  if (sink === 42) console.log("");
}
