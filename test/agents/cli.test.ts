/**
 * `npm run agents` / `npm start`: a small run writes steps.csv and summary.json with the chain and the
 * model side by side and agreeing, the model's metrics equal `npm run sim` with the same parameters and
 * seed; bad flags and parameter files are rejected with messages that say what to fix (exit code 2).
 */
import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runModel } from "../../sim/model/run.js";
import { resolveParams } from "../../sim/params/index.js";
import { runScript } from "../helpers/run-script.js";

function agents(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = runScript("sim/cli/agents.ts", [...args]);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("agent harness: npm run agents", function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "agents-cli-"));

  it("runs 12 agents × 4 steps of the default scenario and writes the folder", () => {
    const out = join(dir, "run");
    const r = agents("--agents", "12", "--steps", "4", "--seed", "5", "--out", out);
    expect(r.status, r.stderr + r.stdout).to.equal(0);
    expect(r.stdout).to.match(/Agent run: 12 agents, 3 pools, 4\/4 steps, seed 5 \(run seed 5\/0\), in-process chain/);
    expect(r.stdout).to.match(/check {9}4\/4 steps agreed/);
    expect(r.stdout).to.match(/tolerance {5}Discrete fields .* 1e-9/);
    expect(r.stderr).to.match(/step 4\/4 .* tx\/s {2}ETA 0s {2}agreed 4\/4/);

    const csv = readFileSync(join(out, "steps.csv"), "utf8").trim().split("\n");
    expect(csv).to.have.length(5);
    const header = csv[0]!.split(",");
    expect(header.slice(0, 3)).to.deep.equal(["step", "epoch", "txs"]);
    expect(header).to.include.members(["capital_chain_2", "capital_model_2", "gini_chain", "gini_model", "agreed"]);
    const last = Object.fromEntries(header.map((h, i) => [h, csv[4]!.split(",")[i]!]));
    expect(last.step).to.equal("3");
    expect(last.agreed).to.equal("1");
    expect(Math.abs(Number(last.capital_chain_0) - Number(last.capital_model_0))).to.be.below(1e-9 * Number(last.capital_model_0));

    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary).to.include({ format: 1, status: "agreed", network: "in-process", seed: "5", runSeed: "5/0", agents: 12, steps: 4, stepsRun: 4 });
    expect(summary.check).to.include({ enabled: true, stepsAgreed: 4, firstDivergence: null });
    expect(summary.check.fieldsAgreed).to.equal(summary.check.fieldsCompared);
    // The model's side is `npm run sim` with the same parameters and seed, protocol readings.
    const params = resolveParams({ ...JSON.parse(readFileSync("sim/harness/scenarios/default.json", "utf8")), n_agents: 12 }, "test");
    expect(summary.metrics.model).to.deep.equal(runModel(params, { seed: "5/0", steps: 4, readings: "protocol" }).metrics);
    expect(summary.throughput.transactions).to.be.greaterThan(0);
  });

  it("rejects bad flags with what to fix, before touching the chain", () => {
    const r = agents("--agents", "0", "--steps", "x", "--bogus", "1", "--network", "no such");
    expect(r.status).to.equal(2);
    expect(r.stderr).to.include("--agents 0: expected an integer from 1 to 5000");
    expect(r.stderr).to.include("--steps x: expected an integer from 1 to 1000000");
    expect(r.stderr).to.include("unknown option --bogus");
    expect(r.stderr).to.include("--network no such: expected a network name from hardhat.config.ts");
  });

  it("rejects a bad parameter file, naming every problem", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ lambda_komp: -1, n_pools: 40, nonsense: 1 }));
    const r = agents("--params", bad);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.include("lambda_komp: -1 is outside its domain");
    expect(r.stderr).to.include("n_pools: 40 is outside its domain [1, 16]");
    expect(r.stderr).to.include('unknown parameter "nonsense"');
    const missing = agents("--params", join(dir, "missing.json"));
    expect(missing.status).to.equal(2);
    expect(missing.stderr).to.include("cannot read the file (ENOENT)");
  });

  it("prints its usage", () => {
    const r = agents("--help");
    expect(r.status).to.equal(0);
    expect(r.stdout).to.include("npm run agents -- --agents 200 --steps 100 --seed 7");
  });
});
