/**
 * Runs the chain ↔ model agreement of the credit ledger and prints its summary (agreement.ts):
 *   npm run economy:agreement
 *   CREDIT_AGENTS=50 CREDIT_DAYS=60 CREDIT_SEED=7 npm run economy:agreement
 * Exits 1 at the first day and field that differ, 2 on bad settings.
 */
import { runCreditAgreement } from "./agreement.js";

function setting(name: string, dflt: number, lo: number, hi: number): number {
  const raw = process.env[name];
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < lo || n > hi) {
    process.stderr.write(`${name} must be a whole number in ${lo}..${hi}, got "${raw}"\n`);
    process.exit(2);
  }
  return n;
}

const agents = setting("CREDIT_AGENTS", 40, 2, 500);
const days = setting("CREDIT_DAYS", 40, 1, 365);
const seed = process.env.CREDIT_SEED ?? "1";
// redraw in place on a terminal; otherwise a line every 10 days (and the last)
const onDay = (d: number): void => {
  if (process.stderr.isTTY) process.stderr.write(`\rday ${d + 1}/${days} agrees`);
  else if ((d + 1) % 10 === 0 || d + 1 === days) process.stderr.write(`day ${d + 1}/${days} agrees\n`);
};
const r = await runCreditAgreement({ agents, days, seed, onDay });
if (process.stderr.isTTY) process.stderr.write("\n");
const big = (v: unknown): unknown => (typeof v === "bigint" ? v.toString() : v);
console.log(`agents ${agents} (wallets ${r.agentWallets}), days ${days}, seed ${seed}`);
console.log(`${r.transactions} transactions in ${r.blocks} blocks, ${r.seconds.toFixed(1)} s`);
console.log(`operations: ${JSON.stringify(r.operationsByKind)}`);
console.log(`reference events: ${JSON.stringify(r.eventsByName)}`);
if (r.firstDifference) {
  console.log(`DIFFERS on day ${r.firstDifference.day} at ${r.firstDifference.field}: chain ${big(r.firstDifference.chain)}, model ${big(r.firstDifference.model)}` + (r.firstDifference.op ? ` (${JSON.stringify(r.firstDifference.op, (_k, v) => big(v))})` : ""));
  process.exitCode = 1;
} else {
  const f = r.final!;
  console.log(`agrees after every day: supply ${f.supply}, issued ${f.totalIssued}, burned ${f.totalBurned}, reserve ${f.reserve}, pool ${f.rewardPool}, escrow ${f.escrow} (credit wei)`);
}
