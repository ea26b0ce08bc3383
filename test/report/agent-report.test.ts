/**
 * The agent-run report on a real small run of `npm run agents`: the folder is recognised, every pool gets
 * its four charts with the chain's and the model's curves carrying steps.csv's values, the per-step
 * agreement agrees with the harness's own figure, and the model-side command reproduces the model's
 * metrics exactly. Bad folders get clear errors.
 */
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadAgentRun, perStep, relativeDifferences } from "../../sim/report/agents/data.js";
import { modelReplayCommand } from "../../sim/report/agents/render.js";
import { buildReport, detectKind } from "../../sim/report/index.js";
import { SweepInputError } from "../../sim/sweep/errors.js";
import { runScript } from "../helpers/run-script.js";

describe("report: agent runs", function () {
  this.timeout(300_000);
  const root = mkdtempSync(join(tmpdir(), "agent-report-"));
  const folder = join(root, "run");

  before(() => {
    const r = runScript("sim/cli/agents.ts", ["--agents", "24", "--steps", "12", "--seed", "5", "--out", folder]);
    expect(r.status, r.stderr.slice(-2000)).to.equal(0);
  });

  it("recognises the folder and draws every pool's capital, premiums, claims and income, chain beside model", async () => {
    expect(detectKind(folder)).to.equal("agents");
    const d = loadAgentRun(folder);
    expect(d.n).to.equal(12);
    expect(d.nPools).to.equal(d.summary.pools);
    const r = await buildReport(folder);
    expect(r.kind).to.equal("agents");
    expect(r.summary).to.contain("12/12 steps agreed");
    for (const id of ["agreement", "pools", "population", "activity", "metrics", "reproduce"]) expect(r.html).to.contain(`<section id="${id}">`);
    for (let q = 0; q < d.nPools; q++) {
      for (const what of ["capital", "premiums and fees per step", "claims per step", "investment income per step"]) expect(r.html).to.contain(`Pool ${q}: ${what}`);
    }
    // a chain line and a model line of 12 points each: per pool capital, premiums, fees, claims, income; insured; Gini
    const lines = [...r.html.matchAll(/<path class="ln (s\d)( dash)?" data-n="(\d+)"[^>]*><title>([^<]*)<\/title>/g)];
    const model = lines.filter((l) => /(^|, )model$/.test(l[4]!));
    const chain = lines.filter((l) => /(^|, )chain$/.test(l[4]!));
    expect(model.length).to.equal(5 * d.nPools + 2);
    expect(chain.length).to.equal(5 * d.nPools + 2);
    expect(model.every((l) => l[2] === " dash" && l[3] === "12")).to.equal(true);
    expect(chain.every((l) => l[2] === undefined && l[3] === "12")).to.equal(true);
    expect(r.html).to.contain("Insured agents");
    expect(r.html).to.contain("Gini of wealth");
  });

  it("computes per-step amounts and the agreement the harness reports", () => {
    const d = loadAgentRun(folder);
    const cum = d.col.get("premiums_chain_0")!;
    const ps = perStep(cum);
    expect(ps.reduce((a, b) => a + b, 0)).to.be.closeTo(cum[cum.length - 1]!, 1e-9);
    const rel = relativeDifferences(d);
    const worst = Math.max(...rel);
    // the harness compares more fields (agents' wealth too): its largest difference bounds ours
    expect(worst).to.be.at.most(d.summary.check!.largestRelativeDifference! + 1e-18);
    expect(worst).to.be.below(1e-9);
  });

  it("prints the model's side as a command that reproduces the model's metrics exactly", () => {
    const d = loadAgentRun(folder);
    const command = modelReplayCommand(d);
    expect(command).to.contain("--readings protocol");
    const stdout = execFileSync("bash", ["-c", command], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const metrics = JSON.parse(stdout.slice(stdout.indexOf("{"))) as Record<string, number>;
    expect(metrics).to.deep.equal(d.summary.metrics!.model);
  });

  it("refuses a summary of another format and a torn steps.csv header with what is wrong", () => {
    const other = join(root, "other");
    cpSync(folder, other, { recursive: true });
    const s = JSON.parse(readFileSync(join(other, "summary.json"), "utf8"));
    s.format = 99;
    writeFileSync(join(other, "summary.json"), JSON.stringify(s));
    expect(() => loadAgentRun(other)).to.throw(SweepInputError, /format 99; this report reads format 1/);
    const bad = join(root, "bad");
    cpSync(folder, bad, { recursive: true });
    writeFileSync(join(bad, "steps.csv"), "step,epoch\n0,1\n");
    expect(() => loadAgentRun(bad)).to.throw(SweepInputError, /no flips, insured_chain, gini_chain, capital_chain_0/);
  });
});
