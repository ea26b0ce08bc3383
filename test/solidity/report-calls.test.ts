import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "./report-calls.js";

/** Runs the report on `text` as the calls file; returns its exit code and what it printed. */
function report(text: string): { code: number; out: string; err: string } {
  const dir = mkdtempSync(join(tmpdir(), "invariant-calls-"));
  const file = join(dir, "calls.csv");
  writeFileSync(file, text);
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...a: unknown[]) => void out.push(a.join(" "));
  console.error = (...a: unknown[]) => void err.push(a.join(" "));
  try {
    return { code: main(["report", file]), out: out.join("\n"), err: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A record of 17 actions (calls, successes) and 6 states, ended by ";". */
const record = (calls: number, ok: number, states: number[]) =>
  Array.from({ length: 17 }, () => `${calls},${ok}`).join(",") + "," + states.join(",") + ";";

describe("Solidity invariant call report (test:deep)", function () {
  it("sums records one per line, and two that parallel campaigns wrote onto one line", function () {
    const a = record(3, 2, [1, 1, 0, 0, 0, 1]);
    const b = record(5, 1, [0, 1, 1, 1, 0, 0]);
    const c = record(1, 1, [0, 0, 0, 0, 0, 0]);
    const r = report(`${a}\n${b}${c}\n\n`);
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.contain("3 runs, 153 handler calls"); // 17 × (3 + 5 + 1)
    expect(r.out).to.match(/runs ending with a bankrupt pool: 1\n/);
    expect(r.out).to.match(/runs with a claim paid: 2\n/);
  });

  it("refuses a record of the wrong width and an unterminated one, saying which", function () {
    expect(report(record(1, 1, [0, 0, 0, 0, 0])).err).to.contain("record 1 has 39 fields, expected 40");
    const torn = report(record(1, 1, [0, 0, 0, 0, 0, 0]) + "\n3,2,1");
    expect(torn.code).to.equal(1);
    expect(torn.err).to.contain('ends with an unterminated record "3,2,1"');
  });
});
