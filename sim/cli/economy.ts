/**
 * npm run economy -- --scenario whale --agents 10000 --days 180 [--seed N] [--json] [--every N] [--ops FILE]
 * npm run economy -- --game-theory [--json]
 *
 * The soulbound credit economy model (sim/economy): one scenario preset, its expected outcomes checked,
 * and its daily metric series; or the §5 game-theory comparison.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { parseArgs } from "node:util";
import { encodeOp, type LedgerOp } from "../economy/ops.js";
import { SCENARIO_NAMES, runScenario, type ScenarioName } from "../economy/scenarios.js";
import { formatScenario, scenarioJson } from "../economy/report.js";
import { formatGameTheory, runGameTheory } from "../economy/game-theory.js";

const HELP = `The soulbound credit economy model: a scenario of the design's §6, day by day through the credit ledger.

Usage:
  npm run economy -- --scenario whale --agents 10000 --days 180
  npm run economy -- --scenario deflation --agents 1000 --days 90 --seed 7 --json
  npm run economy -- --game-theory

Options:
  --scenario NAME   ${SCENARIO_NAMES.join(", ")} (default baseline)
  --agents N        agents, an integer in 100..1000000 (default 1000). For growth: the population
                    after the 12-week influx (it starts at N/10)
  --days N          days reported after the scenario's warm-up, 1..3650 (default 180)
  --seed S          seed (default 1); a run is a pure function of its options and seed
  --every N         print every N-th day of the series (default 7); --json always has every day
  --json            print the result as JSON (checks, every day's metrics, parameters, flows)
  --no-auto-adjust  keep the automatic adjustment switched off for the whole run (default: on from
                    day 30 after genesis, the design's §7 migration path)
  --ops FILE        also write every ledger operation as JSON lines (the replay log for the
                    on-chain agreement test; see sim/economy/LEDGER.md)
  --game-theory     print the §5 comparison of honest, dishonest and colluding validators instead
  --help            this text

Each scenario prints whether the design's expected outcome holds (HOLDS / FAILS / N/A with the
criterion and the measured figure), then the daily health metrics with their §2.4 bands.`;

class UsageError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("; "));
  }
}

function int(name: string, v: string | undefined, lo: number, hi: number, dflt: number, problems: string[]): number {
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v)) {
    problems.push(`--${name} must be a whole number in ${lo}..${hi}, got "${v}"`);
    return dflt;
  }
  const n = Number(v);
  if (n < lo || n > hi) problems.push(`--${name} must be in ${lo}..${hi}, got ${n}`);
  return n;
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: {
        scenario: { type: "string" },
        agents: { type: "string" },
        days: { type: "string" },
        seed: { type: "string" },
        every: { type: "string" },
        json: { type: "boolean" },
        ops: { type: "string" },
        "no-auto-adjust": { type: "boolean" },
        "game-theory": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\nRun with --help for the options.\n`);
    return 2;
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(HELP + "\n");
    return 0;
  }
  const problems: string[] = [];
  if (v["game-theory"]) {
    for (const k of ["scenario", "agents", "days", "every", "ops", "no-auto-adjust"] as const) if (v[k] !== undefined) problems.push(`--${k} does not apply with --game-theory`);
    if (problems.length) throw new UsageError(problems);
    const gt = runGameTheory({ seed: v.seed ?? "1" });
    process.stdout.write(v.json ? JSON.stringify(gt, null, 2) + "\n" : formatGameTheory(gt) + "\n");
    return 0;
  }
  const scenario = (v.scenario ?? "baseline") as ScenarioName;
  if (!SCENARIO_NAMES.includes(scenario)) problems.push(`--scenario must be one of ${SCENARIO_NAMES.join(", ")}, got "${v.scenario}"`);
  const agents = int("agents", v.agents, 100, 1_000_000, 1000, problems);
  const days = int("days", v.days, 1, 3650, 180, problems);
  const every = int("every", v.every, 1, 3650, 7, problems);
  const seed = v.seed ?? "1";
  if (seed.length === 0 || seed.length > 200) problems.push("--seed must be 1..200 characters");
  if (problems.length) throw new UsageError(problems);

  let out: WriteStream | undefined;
  let opsWritten = 0;
  if (v.ops) {
    out = createWriteStream(v.ops);
    await new Promise<void>((resolve, reject) => {
      out!.once("open", () => resolve());
      out!.once("error", reject);
    });
  }
  process.stderr.write(`economy: ${scenario}, ${agents} agents, ${days} days, seed ${seed}${v["no-auto-adjust"] ? ", automatic adjustment off" : ""}…\n`);
  const res = runScenario(
    scenario,
    { agents, days, seed },
    {
      ...(v["no-auto-adjust"] ? { autoAdjustFromDay: Number.MAX_SAFE_INTEGER } : {}),
      ...(out
        ? {
            onOp: (op: LedgerOp) => {
              out!.write(encodeOp(op) + "\n");
              opsWritten++;
            },
          }
        : {}),
    },
  );
  if (out) {
    await new Promise<void>((resolve) => out!.end(resolve));
    process.stderr.write(`wrote ${opsWritten} operations to ${v.ops}\n`);
  }
  process.stdout.write((v.json ? scenarioJson(res) : formatScenario(res, every)) + "\n");
  return 0;
}

// exitCode, not exit(): a large result written to a pipe must drain before the process ends
main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.problems.join("\n       ")}\nNothing was run. Run with --help for the options.\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
