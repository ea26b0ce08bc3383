import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Runs scripts/test-summary.cjs (the closing line of .ci/run) on a log and returns what it prints. */
function summarise(log: string): string {
  const dir = mkdtempSync(join(tmpdir(), "test-summary-"));
  try {
    const file = join(dir, "test.log");
    writeFileSync(file, log);
    return execFileSync(process.execPath, ["scripts/test-summary.cjs", file], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("CI: the closing test-count line", function () {
  it("reads Hardhat's combined summary", function () {
    expect(summarise("  474 passing (2m)\n\n479 passing (5 solidity, 474 mocha)\n")).to.equal(
      "tests: 479 passed, 0 failed, 0 skipped\n",
    );
  });

  it("moves mocha's pending tests from passed to skipped, and counts failures, through colour codes", function () {
    const log =
      "  3 passing (2m)\n  2 pending\n  1 failing\n\n" +
      "\x1b[32m10 passing (5 solidity, 5 mocha)\x1b[39m\n\x1b[31m1 failing (1 mocha)\x1b[39m\n1 skipped (1 solidity)\n";
    expect(summarise(log)).to.equal("tests: 8 passed, 1 failed, 3 skipped\n");
  });

  it("prints nothing when no test ran (the build failed first)", function () {
    expect(summarise("error TS2345: Argument of type 'string' is not assignable\n")).to.equal("");
  });
});
