import { expect } from "chai";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeResults } from "../../sim/analysis/findings.js";
import { FIGURES, engineeringSplit, formatComparison, formatFigure, formatSpread, formatSplit, spread } from "../../sim/analysis/compare.js";
import { SweepInputError } from "../../sim/sweep/errors.js";
import { runScript } from "../helpers/run-script.js";

const root = mkdtempSync(join(tmpdir(), "analysis-compare-"));
let n = 0;
function results(text: string): string {
  const dir = join(root, `r${n++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "results.csv"), text);
  return dir;
}

const HEADER = "run_index,lambda_komp,value_multiplier_eng,eng_productivity_factor,n_pools,flips,total_pool_profit,bankrupt_pools,total_secret_purchases";
// Six runs. vme + epf: 3, 4.9, 5, 6, 2, 5.5 → never buys: runs 0, 1, 4; can buy: runs 2, 3, 5.
//   never buys: flips 0, 2, 0; profit −10, 5, −3 → zero flips 2, profitable 1 (run 1, not safe),
//     safe & profitable 0, median −3, max 5; run 1's pools (1 of 2) not all bankrupt.
//   can buy: flips 0, 0, 1; profit 100, −2, 50 → zero flips 2, profitable 2, safe & profitable 1 (run 2),
//     profitable with every pool bankrupt: run 2 (1 of 1) and run 5 (2 of 3: no) → 1; median 50, max 100.
//   purchases: runs 2, 5 (run 3 bought nothing).
const FIXTURE = [
  HEADER,
  "0,1,1,2,1,0,-10,1,0",
  "1,2,1,3.9,2,2,5,1,0",
  "2,3,1,4,1,0,100,1,40",
  "3,4,2,4,1,0,-2,1,0",
  "4,5,1,1,3,0,-3,3,0",
  "5,6,1.5,4,3,1,50,2,7",
].join("\n") + "\n";

describe("analysis: comparing sweeps with the study", () => {
  it("splits runs at value_multiplier_eng + eng_productivity_factor = 5 and counts the outcomes by hand", async () => {
    const s = await engineeringSplit(results(FIXTURE));
    expect(s.neverBuys).to.deep.equal({
      runs: 3, zeroFlips: 2, profitable: 1, safeAndProfitable: 0, profitableAllBankrupt: 0, withPurchases: 0, medianProfit: -3, maxProfit: 5,
    });
    expect(s.canBuy).to.deep.equal({
      runs: 3, zeroFlips: 2, profitable: 2, safeAndProfitable: 1, profitableAllBankrupt: 1, withPurchases: 2, medianProfit: 50, maxProfit: 100,
    });
    expect(s.all.runs).to.equal(6);
    expect(s.all.profitable).to.equal(3);
    expect(s.all.medianProfit).to.equal((-2 + 5) / 2);
    const text = formatSplit([{ label: "x", split: s }]);
    expect(text).to.contain("| x | ≥ 5 (can buy) | 3 | 2 (66.7%) | 2 (66.7%) | 2 (66.7%) | 1 (33.3%) | 1 (50.0%) | 50 | 100 |");
    expect(text).to.contain("| x | < 5 (never buys) | 3 | 0 (0.0%) |");
  });

  it("leaves out a torn last line (a sweep still writing) and says what is missing from a file", async () => {
    const s = await engineeringSplit(results(FIXTURE + "6,1,1,9,1,0,999,0"));
    expect(s.all.runs).to.equal(6);
    const msg = async (dir: string) => {
      try {
        await engineeringSplit(dir);
      } catch (e) {
        expect(e).to.be.instanceOf(SweepInputError);
        return (e as Error).message;
      }
      throw new Error("expected an error");
    };
    expect(await msg(results("flips,total_pool_profit\n0,1\n"))).to.contain('no "value_multiplier_eng" column');
    expect(await msg(results(HEADER + "\n0,1,1,2,1,x,-10,1,0\n"))).to.contain('line 2, column flips: "x" is not a finite number');
    expect(await msg(results(HEADER + "\n"))).to.contain("no runs yet");
  });

  it("prints each figure beside the study's value", async () => {
    const f = await analyzeResults(results(FIXTURE));
    const text = formatComparison([{ label: "a", findings: f }], { study: true });
    const lines = text.split("\n");
    expect(lines[0]).to.equal("| figure | study | a |");
    // zero flips 4/6, profitable 3/6, safe & profitable 1/6 (run 2); median profit (−2 + 5)/2 = 1.5 → 2.
    expect(text).to.contain("| runs with zero flips | 59.1% | 66.7% |");
    expect(text).to.contain("| profitable runs | 5.0% | 50.0% |");
    expect(text).to.contain("| safe and profitable runs | 2.9% | 16.7% |");
    expect(text).to.contain("| median profit | ~−4,300 | 2 |");
    // lambda_komp mean in safe & profitable runs: run 2 → 3; rest (1, 2, 4, 5, 6) → 3.6.
    expect(text).to.contain("| lambda_komp: mean safe&profitable | 1.18 | 3 |");
    expect(text).to.contain("| lambda_komp: mean rest | 1.51 | 3.6 |");
    // figures of parameters the sweep does not have are a dash, never NaN
    expect(text).to.contain("| r(f_hunters, flips) | 0.300 | — |");
    expect(text).to.not.match(/NaN|undefined/);
    expect(lines).to.have.length(FIGURES.length + 2);
  });

  it("gives the spread of every figure over replicate sweeps", async () => {
    const a = await analyzeResults(results(FIXTURE));
    const b = await analyzeResults(results([HEADER, "0,1,1,2,1,0,1,1,0", "1,2,1,2,1,1,-1,1,0"].join("\n") + "\n"));
    const s = spread([{ label: "a", findings: a }, { label: "b", findings: b }]);
    const zero = s.find((x) => x.figure.key === "zeroFlips")!;
    // 4/6 and 1/2: mean 7/12, sample sd |4/6 − 1/2|/√2
    expect(zero.mean).to.be.closeTo(7 / 12, 1e-12);
    expect(zero.sd).to.be.closeTo((4 / 6 - 1 / 2) / Math.SQRT2, 1e-12);
    expect(zero.min).to.equal(0.5);
    expect(zero.max).to.be.closeTo(4 / 6, 1e-12);
    expect(zero.n).to.equal(2);
    const hunters = s.find((x) => x.figure.key === "r.flips.f_hunters")!;
    expect(hunters).to.include({ n: 0, mean: null, sd: null });
    const text = formatSpread(s, { study: true });
    expect(text).to.contain("| runs with zero flips | 59.1% | 58.3% | 11.8% | 50.0% | 66.7% | 2 |");
    expect(text).to.not.match(/NaN/);
  });

  it("formats figures by kind", () => {
    expect(formatFigure("share", 0.0296)).to.equal("3.0%");
    expect(formatFigure("r", -0.3404)).to.equal("-0.340");
    expect(formatFigure("money", 4_712_345)).to.equal("4.71M");
    expect(formatFigure("money", -4300.4)).to.equal("-4300");
    expect(formatFigure("mean", 3368.4)).to.equal("3368");
    expect(formatFigure("mean", 0.03214)).to.equal("0.0321");
    expect(formatFigure("mean", null)).to.equal("—");
  });

  it("the command prints the tables, labels folders, and rejects bad input with exit code 2", function () {
    this.timeout(30_000);
    const dir = results(FIXTURE);
    const other = results(FIXTURE);
    const run = (...args: string[]) => runScript("sim/analysis/compare-cli.ts", [...args]);
    const table = run("--study", "--split", `mine=${dir}`, `ask=fixed=${other}`);
    expect(table.status, table.stderr).to.equal(0);
    expect(table.stdout).to.contain("| figure | study | mine | ask=fixed |");
    expect(table.stdout).to.contain("| mine | ≥ 5 (can buy) | 3 |");
    expect(table.stdout).to.contain("| ask=fixed | ≥ 5 (can buy) | 3 |");
    const spreadOut = run("--spread", dir, other);
    expect(spreadOut.status, spreadOut.stderr).to.equal(0);
    expect(spreadOut.stdout).to.contain("| runs with zero flips | 66.7% | 0.0% | 66.7% | 66.7% | 2 |");
    const json = run("--json", dir);
    expect(json.status).to.equal(0);
    expect(JSON.parse(json.stdout).figures[0].values.profitable).to.equal(0.5);
    const bad = run("--stduy", dir);
    expect(bad.status).to.equal(2);
    expect(bad.stderr).to.contain('unknown option --stduy (did you mean "--study"?)');
    const one = run("--spread", dir);
    expect(one.status).to.equal(2);
    expect(one.stderr).to.contain("--spread needs at least two results folders");
    const none = run(join(root, "nowhere"));
    expect(none.status).to.equal(2);
    expect(none.stderr).to.contain("no such folder or file");
  });
});
