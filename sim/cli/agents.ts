/**
 * npm run agents -- [--agents 200] [--steps 100] [--seed 7] [--run 0] [--params p.json]
 *                   [--network localhost] [--out dir] [--no-check] [--verify-every 10]
 * npm start         (the same with its defaults: the default scenario on the in-process chain)
 *
 * The agent harness: deploys the protocol, gives every agent a wallet, runs the reference economy epoch
 * by epoch with real signed transactions, and checks the chain against the model after every step.
 * Writes steps.csv and summary.json to the output folder (sim/harness/README.md).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ParamsError, resolveParams, type ModelParams } from "../params/index.js";
import { deriveRunSeed } from "../rng/index.js";
import { DEFAULT_MESSAGES, UsageError, parseArgv, readCommandLine, readParamsFile } from "./flags.js";

const DEFAULT_SCENARIO = "sim/harness/scenarios/default.json";
const MAX_AGENTS = 5000;

const HELP = `Run the agent harness: the reference economy on a chain, one wallet per agent, checked against the model.

Usage:
  npm start                                                   # the defaults below
  npm run agents -- --agents 200 --steps 100 --seed 7
  npm run agents -- --agents 1000 --steps 20 --seed 3 --params p.json --out results/agents/big
  npm run agents -- --network localhost                      # a running \`npx hardhat node\`

Options:
  --agents N         agent wallets, 1 to ${MAX_AGENTS} (default: the parameters' n_agents, 200 in the default scenario)
  --steps N          epochs to run, 1 or more (default 100)
  --seed N           master seed, a non-negative integer (default 7); the run seed is "N/RUN"
  --run I            run index (default 0): the same run as \`npm run sim -- --seed N --run I\`
  --params FILE      JSON object of model parameters over the study's defaults, as \`npm run sim\` reads it
                     (default: ${DEFAULT_SCENARIO}, the documented default scenario)
  --network NAME     a network of hardhat.config.ts, e.g. localhost (default: a fresh in-process chain)
  --out DIR          output folder (default results/agents/seed<N>-<agents>x<steps>)
  --no-check         do not run the model alongside (no differential check)
  --verify-every K   check the harness's books (balances, cover) against the chain every K steps (default 10)
  -h, --help         this help

Exit status: 0 the chain agreed with the model at every step (or --no-check), 1 a divergence (the first
one is printed), 2 bad command line or parameters, 3 a failed transaction or other harness error.`;

interface Flags {
  agents?: number;
  steps: number;
  seed: string;
  run: number;
  params: string;
  network?: string;
  out?: string;
  check: boolean;
  verifyEvery: number;
}

const VALUE_FLAGS = ["agents", "steps", "seed", "run", "params", "network", "out", "verify-every"];
const BOOLEAN_FLAGS = ["no-check"];

function parseFlags(argv: string[]): Flags | "help" {
  const args = parseArgv(argv, {
    values: VALUE_FLAGS,
    booleans: BOOLEAN_FLAGS,
    messages: { unexpected: (arg) => `${DEFAULT_MESSAGES.unexpected(arg)} (see --help)` },
  });
  if (args.help) return "help";
  const problems = args.problems;
  const agents = args.int("agents", 1, MAX_AGENTS);
  const steps = args.int("steps", 1, 1_000_000, 100);
  const seed = args.int("seed", 0, Number.MAX_SAFE_INTEGER, 7);
  const run = args.int("run", 0, Number.MAX_SAFE_INTEGER, 0);
  const verifyEvery = args.int("verify-every", 0, 1_000_000, 10);
  const network = args.get("network");
  if (network !== undefined && !/^[A-Za-z0-9_-]+$/.test(network)) problems.push(`--network ${network}: expected a network name from hardhat.config.ts, such as localhost`);
  if (problems.length > 0) throw new UsageError(`command line:\n  - ${problems.join("\n  - ")}`);
  return { agents, steps, seed: String(seed), run, params: args.get("params") ?? DEFAULT_SCENARIO, network, out: args.get("out"), check: !args.flag("no-check"), verifyEvery };
}

function loadParams(path: string, agents: number | undefined): ModelParams {
  const values = { ...readParamsFile(path) };
  if (agents !== undefined) values.n_agents = agents;
  const params = resolveParams(values, path);
  if (params.n_agents > MAX_AGENTS) throw new UsageError(`${path}: n_agents ${params.n_agents} is above the harness's ${MAX_AGENTS} wallets; give --agents N or a smaller n_agents`);
  return params;
}

function progressLine(step: number, steps: number, txs: number, seconds: number, agreed: string): string {
  const rate = seconds > 0 ? txs / seconds : 0;
  const eta = step > 0 ? (seconds / step) * (steps - step) : Number.NaN;
  return `step ${String(step).padStart(String(steps).length)}/${steps}  ${txs.toLocaleString("en-US")} tx  ${Math.round(rate).toLocaleString("en-US")} tx/s  ETA ${Number.isFinite(eta) ? eta.toFixed(0) + "s" : "?"}${agreed}`;
}

async function main(): Promise<number> {
  const read = readCommandLine(
    () => {
      const flags = parseFlags(process.argv.slice(2));
      return flags === "help" ? flags : { flags, params: loadParams(flags.params, flags.agents) };
    },
    HELP,
    (e) => e instanceof UsageError || e instanceof ParamsError,
  );
  if (typeof read === "number") return read;
  const { flags, params } = read;
  const startedAt = new Date();
  const t0 = performance.now();
  const runSeed = deriveRunSeed(flags.seed, flags.run);
  const out = resolve(flags.out ?? `results/agents/seed${flags.seed}${flags.run ? `-run${flags.run}` : ""}-${params.n_agents}x${flags.steps}`);
  const command = `npm run agents -- ${process.argv.slice(2).join(" ")}`.trim();
  const err = process.stderr;
  const tty = err.isTTY === true;

  // Hardhat is loaded only now: --help and bad flags answer at once. The contracts are built if needed.
  const hre = (await import("hardhat")).default;
  err.write(`building contracts… `);
  await hre.tasks.getTask("build").run({ quiet: true, noTests: true });
  err.write("done\n");
  const { AgentRun, HarnessError } = await import("../harness/run.js");
  const { ChainError } = await import("../harness/chain.js");
  const { describeDivergence, TOLERANCE_STATEMENT } = await import("../harness/check.js");
  const { StepsCsv, buildSummary, ensureDir, formatSeconds, writeSummary } = await import("../harness/output.js");

  err.write(`deploying on ${flags.network ?? "the in-process chain"} with ${params.n_agents} agent wallets, ${params.n_pools} pools… `);
  let run: import("../harness/run.js").AgentRun;
  try {
    run = await AgentRun.create({ params, seed: runSeed, steps: flags.steps, network: flags.network, check: flags.check, verifyEvery: flags.verifyEvery });
  } catch (e) {
    err.write(`\n${(e as Error).message}\n`);
    return 3;
  }
  err.write(`done in ${(run.setupMs / 1000).toFixed(1)}s\n`);
  ensureDir(out);
  if (existsSync(resolve(out, "summary.json"))) err.write(`(overwriting the run in ${out})\n`);
  const csv = new StepsCsv(resolve(out, "steps.csv"), params.n_pools);
  const counts = { listings: 0, offers: 0, sold: 0, purged: 0, deliveries: 0, confirmations: 0, refunds: 0, losses: 0 };
  let lastDivergences: import("../harness/check.js").Divergence[] = [];
  let status: "agreed" | "diverged" | "unchecked" | "failed" = flags.check ? "agreed" : "unchecked";
  let error: string | undefined;
  const loopStart = performance.now();
  let lastPrint = 0;
  let settled = 0;
  try {
    for (let t = 0; t < flags.steps; t++) {
      const r = await run.step();
      csv.write(r, run);
      counts.listings += r.newListings;
      counts.offers += r.offers;
      counts.sold += r.sold.length;
      counts.purged += r.purged;
      counts.deliveries += r.deliveries;
      counts.confirmations += r.confirmations;
      counts.refunds += r.refunds;
      counts.losses += r.losses;
      const seconds = (performance.now() - loopStart) / 1000;
      const agreed = run.check ? `  agreed ${run.check.stepsAgreed}/${t + 1}` : "";
      const now = performance.now();
      if (tty && (now - lastPrint > 200 || t === flags.steps - 1 || r.divergences.length > 0)) {
        err.write(`\r${progressLine(t + 1, flags.steps, run.stepTxs, seconds, agreed)}   `);
        lastPrint = now;
      } else if (!tty && ((t + 1) % Math.max(1, Math.ceil(flags.steps / 10)) === 0 || r.divergences.length > 0)) {
        err.write(progressLine(t + 1, flags.steps, run.stepTxs, seconds, agreed) + "\n");
      }
      if (r.divergences.length > 0) {
        lastDivergences = r.divergences;
        status = "diverged";
        break;
      }
    }
    if (tty) err.write("\n");
    settled = await run.settle();
  } catch (e) {
    if (tty) err.write("\n");
    status = "failed";
    error = e instanceof HarnessError || e instanceof ChainError ? e.message : (e as Error).stack ?? String(e);
  }
  const stepSeconds = (performance.now() - loopStart) / 1000;
  await csv.close();
  const summary = buildSummary({
    run,
    status,
    command,
    masterSeed: flags.seed,
    paramsSource: flags.params,
    startedAt,
    totalSeconds: (performance.now() - t0) / 1000,
    stepSeconds,
    settled,
    error,
    counts,
    divergences: lastDivergences,
  });
  const summaryPath = writeSummary(out, summary);
  await run.close();

  // The final summary.
  const o = process.stdout;
  const tp = summary.throughput as { transactions: number; agentTransactions: number; transactionsPerSecond: number; setupSeconds: number; blocks: number };
  o.write(`\nAgent run: ${run.agentCount} agents, ${run.params.n_pools} pools, ${run.stepIndex}/${flags.steps} steps, seed ${flags.seed} (run seed ${runSeed}), ${run.net.name} chain\n`);
  o.write(`  transactions  ${tp.transactions.toLocaleString("en-US")} in ${tp.blocks.toLocaleString("en-US")} blocks (${tp.agentTransactions.toLocaleString("en-US")} from agents' wallets), ${Math.round(tp.transactionsPerSecond).toLocaleString("en-US")} tx/s over ${formatSeconds(stepSeconds)}; set-up ${formatSeconds(tp.setupSeconds)}\n`);
  o.write(`  market        ${counts.listings} listings, ${counts.offers} offers, ${counts.sold} sold, ${counts.deliveries + settled} delivered encrypted and confirmed, ${counts.purged} purged\n`);
  o.write(`  claims        ${run.claims.length} paid of ${counts.losses} losses; flips ${run.params.n_agents - run.env.aliveCount}\n`);
  if (run.stepIndex > 0) {
    const cm = run.chainMetrics();
    o.write(`  chain         profit ${cm.total_pool_profit.toFixed(2)}, premiums ${cm.total_premiums.toFixed(2)}, claims ${cm.total_claims.toFixed(2)}, purchases ${cm.total_secret_purchases.toFixed(2)}, income ${cm.total_investment_income.toFixed(2)}, insured ${cm.insured_end}, bankrupt pools ${cm.bankrupt_pools}, Gini ${cm.gini.toFixed(4)}\n`);
  }
  if (run.check) {
    o.write(`  check         ${run.check.stepsAgreed}/${run.stepIndex} steps agreed, ${run.check.fieldsAgreed.toLocaleString("en-US")}/${run.check.fieldsCompared.toLocaleString("en-US")} fields; largest relative difference ${run.check.worst.relativeDifference.toExponential(2)}${run.check.worst.where ? ` (${run.check.worst.where})` : ""}\n`);
    o.write(`  tolerance     ${TOLERANCE_STATEMENT}\n`);
  } else {
    o.write(`  check         off (--no-check)\n`);
  }
  o.write(`  output        ${resolve(out, "steps.csv")}\n                ${summaryPath}\n`);
  if (status === "diverged" && run.firstDivergence) {
    o.write(`\nDIVERGENCE at ${describeDivergence(run.firstDivergence)}\n`);
    if (lastDivergences.length > 1) o.write(`  ${lastDivergences.length} fields differ in that step (summary.json lists up to 50); the first ${Math.min(10, lastDivergences.length)}:\n${lastDivergences.slice(0, 10).map((d) => "    " + describeDivergence(d)).join("\n")}\n`);
    return 1;
  }
  if (status === "failed") {
    o.write(`\nFAILED: ${error}\n`);
    return 3;
  }
  return 0;
}

process.exitCode = await main();
