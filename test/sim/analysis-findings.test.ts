import { expect } from "chai";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeResults } from "../../sim/analysis/findings.js";
import { formatFindings } from "../../sim/analysis/format.js";
import { PearsonAccumulator } from "../../sim/analysis/stats.js";
import { SweepInputError } from "../../sim/sweep/errors.js";
import { runScript } from "../helpers/run-script.js";

const root = mkdtempSync(join(tmpdir(), "analysis-"));
let n = 0;
function results(text: string): string {
  const dir = join(root, `r${n++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "results.csv"), text);
  return dir;
}

// Six runs. Hand computation:
//   safe (flips = 0): runs 0, 1, 3 → 3/6. profitable (profit > 0): runs 0, 2 → 2/6. both: run 0 → 1/6.
//   median flips: sorted 0 0 0 1 2 3 → (0 + 1)/2 = 0.5. median profit: −7 −5 −2 0 4 10 → (−2 + 0)/2 = −1. max 10.
//   lambda_komp x = 1..6, mean 3.5, Σdx² = 17.5.
//   flips y mean 1, dy = −1 −1 0 −1 1 2, Σdy² = 8, Σdxdy = 2.5 + 1.5 + 0 − 0.5 + 1.5 + 5 = 10 → r = 10/√140.
//   profit mean 0, Σdy² = 194, Σdxdy = −25 + 7.5 − 2 − 1 + 0 − 17.5 = −38 → r = −38/√3395.
//   means of lambda_komp: safe & profitable {1} → 1; rest {2..6} → 4.
//   n_pools 1 1 2 2 3 3: flips Σdxdy = (−1)(−1) + (−1)(−1) + 0 + 0 + (1)(1) + (1)(2) = 5, Σdx² = 4 → r = 5/√32;
//     profit Σdxdy = −10 + 5 + 0 + 0 + 0 − 7 = −12 → r = −12/√776. means: {1} → 1; {1,2,2,3,3} → 2.2.
//   n_agents is 200 everywhere: correlations undefined.
const FIXTURE = [
  "run_index,seed,lambda_komp,n_pools,n_agents,flips,total_pool_profit,gini",
  "0,1/0,1,1,200,0,10,0.1",
  "1,1/1,2,1,200,0,-5,0.1",
  "2,1/2,3,2,200,1,4,0.1",
  "3,1/3,4,2,200,0,-2,0.1",
  "4,1/4,5,3,200,2,0,0.1",
  "5,1/5,6,3,200,3,-7,0.1",
].join("\n") + "\n";

describe("analysis: the findings table", () => {
  it("matches hand-computed values on a small fixture", async () => {
    const f = await analyzeResults(results(FIXTURE));
    expect(f.summary.runs).to.equal(6);
    expect(f.summary.zeroFlips).to.deep.equal({ count: 3, fraction: 0.5 });
    expect(f.summary.profitable).to.deep.equal({ count: 2, fraction: 2 / 6 });
    expect(f.summary.safeAndProfitable).to.deep.equal({ count: 1, fraction: 1 / 6 });
    expect(f.summary.medianFlips).to.equal(0.5);
    expect(f.summary.medianProfit).to.equal(-1);
    expect(f.summary.maxProfit).to.equal(10);
    const byName = Object.fromEntries(f.parameters.map((p) => [p.name, p]));
    expect(Object.keys(byName)).to.deep.equal(["lambda_komp", "n_pools", "n_agents"]);
    expect(byName.lambda_komp!.correlation.flips).to.be.closeTo(10 / Math.sqrt(140), 1e-12);
    expect(byName.lambda_komp!.correlation.profit).to.be.closeTo(-38 / Math.sqrt(3395), 1e-12);
    expect(byName.lambda_komp!.mean).to.deep.equal({ safeAndProfitable: 1, rest: 4 });
    expect(byName.n_pools!.correlation.flips).to.be.closeTo(5 / Math.sqrt(32), 1e-12);
    expect(byName.n_pools!.correlation.profit).to.be.closeTo(-12 / Math.sqrt(776), 1e-12);
    expect(byName.n_pools!.mean.safeAndProfitable).to.equal(1);
    expect(byName.n_pools!.mean.rest).to.be.closeTo(2.2, 1e-12);
    expect(byName.n_agents!.correlation).to.deep.equal({ flips: null, profit: null });
    expect(byName.n_agents!.constant).to.equal(200);
    expect(byName.n_agents!.notes).to.deep.equal(["the same (200) in every run: correlations undefined"]);
  });

  it("prints the table with undefined correlations said in words, never NaN", async () => {
    const text = formatFindings(await analyzeResults(results(FIXTURE)));
    expect(text).to.not.match(/NaN/);
    expect(text).to.match(/runs with zero flips \(safe\) +3 \/ 6 +50\.0%/);
    expect(text).to.match(/safe and profitable +1 \/ 6 +16\.7%/);
    expect(text).to.match(/median profit +-1\n/);
    expect(text).to.match(/lambda_komp +0\.845 +-0\.652 +1 +4\n/);
    expect(text).to.contain("the same in every run (correlations undefined): n_agents = 200");
  });

  it("says why a correlation is undefined when flips never vary, and when no run is safe and profitable", async () => {
    const dir = results("lambda_komp,flips,total_pool_profit\n1,0,-1\n2,0,-3\n3,0,-2\n");
    const f = await analyzeResults(dir);
    const p = f.parameters[0]!;
    expect(p.correlation.flips).to.equal(null);
    expect(p.correlation.profit).to.be.closeTo(-0.5, 1e-12);
    expect(p.mean).to.deep.equal({ safeAndProfitable: null, rest: 2 });
    expect(p.notes).to.deep.equal([
      "correlation with flips undefined: flips is the same (0) in every run",
      "no safe-and-profitable runs: that group's mean is undefined",
    ]);
    const text = formatFindings(f);
    expect(text).to.match(/lambda_komp +undefined +-0\.500 +— +2\n/);
    expect(text).to.contain("note: correlation with flips undefined: flips is the same (0) in every run");
  });

  it("leaves out a torn last line and says the sweep is partial", async () => {
    const dir = results(FIXTURE + "6,1/6,2,2,200,5");
    writeFileSync(join(dir, "sweep.json"), JSON.stringify({ identity: { runs: 10, steps: 50, masterSeed: "1", readings: "study" }, design: { summary: "test" } }));
    const f = await analyzeResults(dir);
    expect(f.summary.runs).to.equal(6);
    expect(f.source).to.include({ plannedRuns: 10, complete: false, steps: 50, masterSeed: "1", tornBytes: "6,1/6,2,2,200,5".length });
    expect(formatFindings(f)).to.contain("PARTIAL: 6 of the design's 10 runs");
  });

  it("says where a results file is broken", async () => {
    const msg = async (dir: string) => {
      try {
        await analyzeResults(dir);
      } catch (e) {
        expect(e).to.be.instanceOf(SweepInputError);
        return (e as Error).message;
      }
      throw new Error("expected an error");
    };
    expect(await msg(join(root, "nowhere"))).to.contain("no such folder or file");
    const empty = join(root, "empty");
    mkdirSync(empty);
    expect(await msg(empty)).to.contain("no results.csv in this folder");
    expect(await msg(results("lambda_komp,total_pool_profit\n1,2\n"))).to.contain('line 1 (header): no "flips" column');
    expect(await msg(results("lambda_komp,flips,total_pool_profit\n1,x,2\n1,2\n"))).to.match(
      /line 2, column flips: "x" is not a finite number[\s\S]*line 3: 2 fields where the header has 3/,
    );
    expect(await msg(results("lambda_komp,flips,total_pool_profit\n"))).to.contain("no runs yet");
  });

  it("computes Pearson r stably for large offsets", () => {
    const acc = new PearsonAccumulator();
    const base = 1e9;
    [1, 2, 3].forEach((x, i) => acc.add(base + x, [1, 3, 2][i]!));
    expect(acc.result().r).to.be.closeTo(0.5, 1e-9);
  });

  it("npm run analyze prints the table and writes findings.json; --json prints the same JSON", function () {
    this.timeout(30_000);
    const dir = results(FIXTURE);
    const run = (...args: string[]) => runScript("sim/cli/analyze.ts", [...args]);
    const table = run(dir);
    expect(table.status, table.stderr).to.equal(0);
    expect(table.stdout).to.contain("runs with zero flips (safe)");
    expect(table.stdout).to.contain(`written: ${join(dir, "findings.json")}`);
    const json = run(dir, "--json");
    expect(json.status).to.equal(0);
    expect(JSON.parse(json.stdout)).to.deep.equal(JSON.parse(readFileSync(join(dir, "findings.json"), "utf8")));
    const bad = run(dir, "--jsn");
    expect(bad.status).to.equal(2);
    expect(bad.stderr).to.contain('unknown option --jsn (did you mean "--json"?)');
  });
});
