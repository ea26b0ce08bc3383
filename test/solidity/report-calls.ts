/**
 * Sums the per-run call counts the Solidity invariant suite appends when INVARIANT_CALLS names a file
 * (SolvencyInvariants.t.sol, `afterInvariant`), and prints how often each handler action was called and
 * succeeded, and in how many runs each state was reached.
 *
 *   tsx test/solidity/report-calls.ts reset  <file>   # before a campaign: empty the file
 *   tsx test/solidity/report-calls.ts report <file>   # after it: print the figures
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ACTIONS = [
  "skipTime", "fund", "buyCover", "enroll", "paySubscription", "reportLoss", "list", "deliver", "confirm", "dispute",
  "resolve", "settle", "refundUndelivered", "collectIncome", "mintCredit", "burnCredit", "togglePause",
];
const STATES = ["runs ending with a bankrupt pool", "runs with a claim paid", "runs with a listing", "runs with a stream", "runs with stream income", "runs with credit"];

/** Resets or reports `file`; returns the process exit code. */
export function main(args: string[]): number {
  const [mode, file] = args;
  if ((mode !== "reset" && mode !== "report") || !file) {
    console.error("usage: tsx test/solidity/report-calls.ts reset|report <file>");
    return 2;
  }
  if (mode === "reset") {
    rmSync(file, { force: true });
    return 0;
  }
  if (!existsSync(file)) {
    console.error(`${file} does not exist: run the Solidity tests with INVARIANT_CALLS=${file} first`);
    return 1;
  }
  // One record per run, each ended by ";" (parallel campaigns can put two records on one line).
  const text = readFileSync(file, "utf8");
  const rest = text.slice(text.lastIndexOf(";") + 1);
  if (rest.trim() !== "") {
    console.error(`${file}: ends with an unterminated record "${rest.trim().slice(0, 80)}"`);
    return 1;
  }
  const rows = text.split(";").map((r) => r.trim()).filter((r) => r !== "").map((r) => r.split(",").map(Number));
  const width = ACTIONS.length * 2 + STATES.length;
  const bad = rows.findIndex((r) => r.length !== width || r.some((x) => !Number.isFinite(x)));
  if (bad >= 0) {
    console.error(`${file}: record ${bad + 1} has ${rows[bad]!.length} fields, expected ${width}`);
    return 1;
  }
  const sum = (i: number) => rows.reduce((a, r) => a + r[i]!, 0);
  const runsWith = (i: number) => rows.filter((r) => r[i]! > 0).length;
  console.log(`Solidity invariant campaigns: ${rows.length} runs, ${ACTIONS.reduce((a, _, i) => a + sum(2 * i), 0)} handler calls`);
  console.log(`${"action".padEnd(20)}${"calls".padStart(10)}${"succeeded".padStart(11)}`);
  ACTIONS.forEach((a, i) => console.log(`${a.padEnd(20)}${String(sum(2 * i)).padStart(10)}${String(sum(2 * i + 1)).padStart(11)}`));
  STATES.forEach((s, j) => console.log(`${s}: ${runsWith(2 * ACTIONS.length + j)}`));
  return 0;
}

// Mocha loads every .ts file under test/: run only when invoked as a script.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
