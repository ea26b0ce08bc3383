/**
 * `npm run sim`: prints the run's metrics as JSON (run seed = "seed/run"), writes the trace, and
 * rejects bad flags and parameter files with messages that say what to fix (exit code 2).
 */
import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runModel } from "../../sim/model/run.js";
import { defaultParams } from "../../sim/params/index.js";
import { runScript } from "../helpers/run-script.js";

function sim(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = runScript("sim/cli/sim.ts", [...args]);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("model: npm run sim", function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), "sim-cli-"));

  it("prints the metrics of run (seed, run) as JSON, with params from a file, and writes the trace", () => {
    const paramsFile = join(dir, "p.json");
    writeFileSync(paramsFile, JSON.stringify({ n_pools: 3, lambda_komp: 1.2 }));
    const trace = join(dir, "t.csv");
    const r = sim("--seed", "7", "--run", "3", "--steps", "300", "--params", paramsFile, "--readings", "protocol", "--trace", trace, "--trace-gini-every", "100");
    expect(r.status, r.stderr).to.equal(0);
    const expected = runModel({ ...defaultParams(), n_pools: 3, lambda_komp: 1.2 }, { seed: "7/3", steps: 300, readings: "protocol" }).metrics;
    expect(JSON.parse(r.stdout)).to.deep.equal(expected);
    expect(r.stderr).to.match(/run seed 7\/3, 300 steps, readings protocol/);
    const lines = readFileSync(trace, "utf8").trim().split("\n");
    expect(lines).to.have.length(301);
    expect(lines[0]).to.match(/^step,flips,insured,.*,pool2_active_streams$/);
    const gini = lines[0]!.split(",").indexOf("gini");
    expect(lines[100]!.split(",")[gini]).to.match(/^0\.\d+/); // step 99: computed
    expect(lines[1]!.split(",")[gini]).to.equal(""); // step 0: not computed
  });

  it("applies --switch overrides", () => {
    const r = sim("--seed", "1", "--steps", "200", "--switch", "poolOrder=shuffled", "--switch", "bankruptBuys=false");
    expect(r.status, r.stderr).to.equal(0);
    const expected = runModel(defaultParams(), { seed: "1/0", steps: 200, switches: { poolOrder: "shuffled", bankruptBuys: false } }).metrics;
    expect(JSON.parse(r.stdout)).to.deep.equal(expected);
  });

  it("lists every problem with the flags, and exits 2", () => {
    const r = sim("--steps", "-5", "--readings", "chain", "--wat", "--trace-gini-every", "10");
    expect(r.status).to.equal(2);
    expect(r.stdout).to.equal("");
    expect(r.stderr).to.include("--seed is required");
    expect(r.stderr).to.include("--steps -5: expected an integer from 0 to 100000000");
    expect(r.stderr).to.include('unknown readings "chain"');
    expect(r.stderr).to.include("unknown option --wat");
    expect(r.stderr).to.include("--trace-gini-every needs --trace FILE");
    const s = sim("--seed", "1", "--switch", "poolOrder=sideways");
    expect(s.status).to.equal(2);
    expect(s.stderr).to.include('switch poolOrder: "sideways" is not one of "fixed", "shuffled", "fair"');
  });

  it("reports a bad parameter file: unreadable, not JSON, or bad values", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ p_loss: 3, n_pools: 1.5, lamda_komp: 1 }));
    const r = sim("--seed", "1", "--params", bad);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.include("p_loss: 3 is outside its domain [0, 1]");
    expect(r.stderr).to.include("n_pools: expected an integer, got 1.5");
    expect(r.stderr).to.include('unknown parameter "lamda_komp"');
    const notJson = join(dir, "x.json");
    writeFileSync(notJson, "{ lambda_komp: 1 }");
    expect(sim("--seed", "1", "--params", notJson).stderr).to.include("not valid JSON");
    expect(sim("--seed", "1", "--params", join(dir, "missing.json")).stderr).to.include("cannot read the file (ENOENT)");
  });
});
