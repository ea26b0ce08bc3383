/**
 * The sweep command line: flags are validated before anything runs, with messages that say what to fix.
 */
import { expect } from "chai";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runScript } from "../helpers/run-script.js";

function sweepCli(args: string[]) {
  return runScript("sim/cli/sweep.ts", [...args]);
}

describe("sweep: command line", function () {
  this.timeout(60_000);

  it("rejects unknown and malformed reading switches, and creates no folder", () => {
    const out = join(mkdtempSync(join(tmpdir(), "sweep-cli-")), "never");
    const r = sweepCli(["--runs", "2", "--steps", "5", "--seed", "1", "--out", out, "--switch", "bankruptBuys=maybe", "--switch", "colour=red", "--switch", "oops"]);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.contain("--switch oops: expected NAME=VALUE");
    expect(r.stderr).to.contain('switch bankruptBuys: "maybe" is not one of true, false');
    expect(r.stderr).to.contain('unknown switch "colour"');
    expect(existsSync(out)).to.equal(false);
  });

  it("lists the switches in --help", () => {
    const r = sweepCli(["--help"]);
    expect(r.status).to.equal(0);
    expect(r.stdout).to.contain("--switch NAME=VALUE");
    expect(r.stdout).to.contain("bankruptBuys");
  });
});
