/**
 * npm run study -- [--quick] [--out DIR] [--reference FILE] [--workers N]
 *
 * The whole study in one command: the reference sweep, the focused sweep around the safe-and-profitable
 * region, the subscription-fee sweep, a default agent run on the chain; the report of each and an index
 * page with the key results.
 */
import { existsSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { renderIndex } from "../study/index-page.js";
import { planStudy, SIZES, stageCommand } from "../study/plan.js";
import { runStudy } from "../study/run-study.js";
import { SweepInputError, didYouMean } from "../sweep/errors.js";
import { DEFAULT_MESSAGES, parseArgv, readCommandLine } from "./flags.js";

const HELP = `Run the whole study: sweeps, an agent run, their reports and an index page of key results.

Usage:
  npm run study                      the full study into results/study (about two minutes on two cores)
  npm run study -- --quick           a small study for CI into results/study-quick (about a minute)
  npm run study -- --out DIR         another folder

Stages (each is a command of its own, printed as it starts):
  ref     the reference sweep: the study's 2000 design points × ${SIZES.full.steps} steps (quick: the first ${SIZES.quick.refRuns} × ${SIZES.quick.steps})
  focus   the focused sweep: lambda_komp 1.0–1.5, eng_productivity_factor 3.5–5.0 (sim/study/focus.json),
          ${SIZES.full.focusRuns} runs (quick: ${SIZES.quick.focusRuns} × ${SIZES.quick.steps} steps)
  fee     the subscription-fee sweep: subscription_fee on a grid 0–3 wealth units per step
          (sim/study/fee.json) × ${SIZES.full.feePoints} points, protocol readings (quick: ${SIZES.quick.feePoints} points)
  agents  npm run agents with its defaults (quick: ${SIZES.quick.agents} agents × ${SIZES.quick.agentSteps} steps)
Then <out>/<stage>/report.html for each, and <out>/index.html.

Rerunning the same command reuses what is done: complete sweeps are kept, interrupted ones resume,
a finished agent run is kept.

Options:
  --quick            the small study
  --out DIR          output folder (default results/study, or results/study-quick with --quick)
  --reference FILE   the study's design CSV (default ../shared/reference/study-design-2000.csv beside
                     the repository; without it the reference sweep is a Latin hypercube of the same ranges)
  --workers N        worker threads for the sweeps (default: every core, ${availableParallelism()} here)
  -h, --help         this help`;

const KNOWN = ["--quick", "--out", "--reference", "--workers", "--help"];

function parse(argv: string[]): { quick: boolean; out?: string; reference?: string; workers?: number } | "help" {
  const unknown = (arg: string) => `unknown option ${arg}${didYouMean(arg, KNOWN)}`;
  const args = parseArgv(argv, {
    values: ["out", "reference", "workers"],
    booleans: ["quick"],
    booleanValue: "unknown",
    keep: "first",
    messages: {
      unexpected: (arg) => (arg.startsWith("-") ? unknown(arg) : DEFAULT_MESSAGES.unexpected(arg)),
      unknown: (_name, arg) => unknown(arg),
      twice: (name) => `--${name} is given twice; give it once`,
    },
  });
  if (args.help) return "help";
  const problems = args.problems;
  const out = args.get("out");
  if (out !== undefined && existsSync(out) && !statSync(out).isDirectory()) problems.push(`--out ${out} is a file; give a folder`);
  const reference = args.get("reference");
  if (reference !== undefined && !existsSync(reference)) problems.push(`--reference ${reference}: no such file`);
  const workers = args.int("workers", 1, 1024);
  if (problems.length > 0) throw new SweepInputError("command line", problems);
  return { quick: args.flag("quick"), out, reference, workers };
}

async function main(): Promise<number> {
  const flags = readCommandLine(() => parse(process.argv.slice(2)), HELP, (e) => e instanceof SweepInputError);
  if (typeof flags === "number") return flags;
  const plan = planStudy(flags);
  const log = (line: string) => process.stderr.write(line + "\n");
  log(`study${plan.quick ? " (quick)" : ""} → ${plan.out}: ${plan.stages.map((s) => s.name).join(", ")}`);
  const abort = new AbortController();
  let stops = 0;
  const onSignal = () => {
    if (++stops > 1) process.exit(130);
    log("\nstopping after the running stage saves its work (again to quit at once)");
    abort.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const record = await runStudy(plan, { log, signal: abort.signal });
  const index = join(plan.out, "index.html");
  writeFileSync(index, await renderIndex(plan, record));
  const width = Math.max(...plan.stages.map((s) => s.name.length));
  const out = process.stdout;
  out.write(`\nStudy${plan.quick ? " (quick)" : ""}: ${record.seconds?.toFixed(1)} s\n`);
  for (const s of record.stages) {
    out.write(`  ${s.name.padEnd(width)}  ${s.status.padEnd(11)} ${s.seconds.toFixed(1).padStart(6)} s  ${s.report ? join(plan.out, s.report) : ""}${s.message ? `  (${s.message})` : ""}\n`);
  }
  const missing = plan.stages.filter((s) => !record.stages.some((r) => r.name === s.name));
  for (const s of missing) out.write(`  ${s.name.padEnd(width)}  not run      ${stageCommand(s)}\n`);
  out.write(`index: ${index}\n`);
  if (record.stages.some((s) => s.status === "interrupted") || abort.signal.aborted) return 130;
  return record.stages.every((s) => s.status === "done" || s.status === "reused") && missing.length === 0 ? 0 : 1;
}

process.exitCode = await main();
