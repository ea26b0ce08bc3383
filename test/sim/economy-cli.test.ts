/**
 * `npm run economy`: validated flags with messages that say what to fix (exit code 2, nothing run), the
 * scenario's checks and series as JSON, and the operation log that replays to the same ledger.
 */
import { expect } from "chai";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreditLedger } from "../../sim/economy/ledger.js";
import { applyOp, decodeOp } from "../../sim/economy/ops.js";
import { credits } from "../../sim/economy/units.js";
import { runScript } from "../helpers/run-script.js";

function economy(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = runScript("sim/cli/economy.ts", [...args]);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("economy: npm run economy", function () {
  this.timeout(60_000);

  it("rejects bad flags, says what to fix and runs nothing", () => {
    const r = economy("--scenario", "whales", "--agents", "50", "--days", "0");
    expect(r.status).to.equal(2);
    expect(r.stderr).to.match(/--scenario must be one of baseline, growth, whale, validator-shortage, spam, deflation, got "whales"/);
    expect(r.stderr).to.match(/--agents must be in 100\.\.1000000, got 50/);
    expect(r.stderr).to.match(/--days must be in 1\.\.3650, got 0/);
    expect(r.stderr).to.match(/Nothing was run/);
    expect(r.stdout).to.equal("");
    const u = economy("--agent", "1000");
    expect(u.status).to.equal(2);
    expect(u.stderr).to.match(/Unknown option '--agent'/);
    const g = economy("--game-theory", "--agents", "1000");
    expect(g.status).to.equal(2);
    expect(g.stderr).to.match(/--agents does not apply with --game-theory/);
  });

  it("--help describes every option", () => {
    const r = economy("--help");
    expect(r.status).to.equal(0);
    for (const o of ["--scenario", "--agents", "--days", "--seed", "--json", "--every", "--ops", "--game-theory", "--no-auto-adjust"]) expect(r.stdout).to.include(o);
  });

  it("prints checks and every day's metrics as JSON, and writes an operation log that replays to the printed supply", () => {
    const dir = mkdtempSync(join(tmpdir(), "economy-cli-"));
    const ops = join(dir, "ops.jsonl");
    const r = economy("--scenario", "spam", "--agents", "200", "--days", "12", "--seed", "5", "--json", "--ops", ops);
    expect(r.status, r.stderr).to.equal(0);
    const res = JSON.parse(r.stdout) as { rows: { day: number; supply: number; burnedTotal: number; reserve: number }[]; checks: unknown[]; warmupDays: number };
    expect(res.rows).to.have.length(60 + 12);
    expect(res.rows[0]!.day).to.equal(-60);
    expect(res.checks.length).to.be.greaterThan(0);
    const l = new CreditLedger();
    for (const line of readFileSync(ops, "utf8").trim().split("\n")) applyOp(l, decodeOp(line));
    const last = res.rows[res.rows.length - 1]!;
    const near = (x: bigint, y: number): boolean => Math.abs(Number(x) / 1e18 - y) < 1e-6;
    expect(near(l.supply, last.supply), `${l.supply} vs ${last.supply}`).to.equal(true);
    expect(near(l.totalBurned, last.burnedTotal)).to.equal(true);
    expect(near(l.reserve, last.reserve)).to.equal(true);
    expect(l.supply > credits(0)).to.equal(true);
  });
});
