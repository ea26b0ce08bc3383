/**
 * npm run study: the plan of each mode, and the quick study run for real (about half a minute on two
 * cores): every stage done, a report per stage, the index with its key-results tables; a rerun reuses
 * every stage.
 */
import { expect } from "chai";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FEE_CONFIG, FOCUS_CONFIG, displayPath, planStudy, stageCommand } from "../../sim/study/plan.js";
import type { StudyRecord } from "../../sim/study/run-study.js";
import { loadConfig } from "../../sim/sweep/config.js";
import { runScript } from "../helpers/run-script.js";

const study = (args: string[]) => runScript("sim/cli/study.ts", [...args]);

describe("study", function () {
  this.timeout(600_000);

  describe("plan", () => {
    it("runs the full study's sizes, each stage as a command of the project's CLIs", () => {
      const p = planStudy({ quick: false, out: "results/s", reference: "test/sim/sweep-fixtures/none.csv" });
      expect(p.stages.map((s) => s.name)).to.deep.equal(["ref", "focus", "fee", "agents"]);
      const [ref, focus, fee, agents] = p.stages.map(stageCommand);
      expect(ref).to.equal("npm run sweep -- --design test/sim/sweep-fixtures/none.csv --steps 5000 --seed 42 --out results/s/ref --quiet");
      expect(focus).to.equal("npm run sweep -- --config sim/study/focus.json --runs 2000 --steps 5000 --seed 42 --out results/s/focus --quiet");
      expect(fee).to.equal("npm run sweep -- --config sim/study/fee.json --runs 250 --readings protocol --steps 5000 --seed 42 --out results/s/fee --quiet");
      expect(agents).to.equal("npm run agents -- --out results/s/agents");
      expect(p.command).to.equal("npm run study -- --out results/s --reference test/sim/sweep-fixtures/none.csv");
    });

    it("falls back to a hypercube of the study's ranges without the reference design, and says so", () => {
      // a folder outside the checkout: shown relative to the repository root or absolute, wherever the clone sits
      const out = join(tmpdir(), "x");
      const p = planStudy({ quick: true, out, reference: null });
      const ref = p.stages[0]!;
      expect(stageCommand(ref)).to.equal(`npm run sweep -- --runs 300 --steps 2000 --seed 42 --out ${displayPath(join(out, "ref"))} --quiet`);
      expect(ref.kind === "sweep" && ref.note).to.contain("not beside this checkout");
      expect(stageCommand(p.stages[3]!)).to.equal(`npm run agents -- --agents 40 --steps 25 --out ${displayPath(join(out, "agents"))}`);
    });

    it("has config files that the sweep accepts, with the issue's ranges and a fee grid from 0", () => {
      const focus = loadConfig(FOCUS_CONFIG);
      expect(focus.axes.lambda_komp).to.deep.include({ kind: "range", lo: 1, hi: 1.5 });
      expect(focus.axes.eng_productivity_factor).to.deep.include({ kind: "range", lo: 3.5, hi: 5 });
      const fee = loadConfig(FEE_CONFIG);
      const grid = fee.axes.subscription_fee as { kind: string; values: number[] };
      expect(grid.kind).to.equal("grid");
      expect(grid.values[0]).to.equal(0);
      expect(grid.values.length).to.be.at.least(5);
    });
  });

  describe("--quick, run for real", () => {
    const out = join(mkdtempSync(join(tmpdir(), "study-")), "quick");
    let first: ReturnType<typeof study>;

    before(() => {
      first = study(["--quick", "--out", out]);
    });

    it("runs every stage and writes a report for each and the index", () => {
      expect(first.status, first.stderr.slice(-3000)).to.equal(0);
      const record = JSON.parse(readFileSync(join(out, "study.json"), "utf8")) as StudyRecord;
      expect(record.stages.map((s) => [s.name, s.status])).to.deep.equal([
        ["ref", "done"],
        ["focus", "done"],
        ["fee", "done"],
        ["agents", "done"],
      ]);
      for (const s of record.stages) {
        expect(s.report, s.name).to.equal(`${s.name}/report.html`);
        expect(readFileSync(join(out, s.report!), "utf8")).to.match(/^<!doctype html>/);
      }
      for (const name of ["ref", "focus", "fee"]) expect(existsSync(join(out, name, "findings.json"))).to.equal(true);
      const index = readFileSync(join(out, "index.html"), "utf8");
      for (const id of ["stages", "ref", "focus", "fee", "agents"]) expect(index).to.contain(`<section id="${id}">`);
      expect(index).to.contain("<b>Question:</b>");
      expect(index).to.contain("the study states");
      expect(index).to.contain("median Δprofit vs no fee");
      expect(index).to.contain('href="fee/report.html"');
      // the fee table has one row per grid value
      const grid = (loadConfig(FEE_CONFIG).axes.subscription_fee as unknown as { values: number[] }).values;
      const feeSection = index.slice(index.indexOf('<section id="fee">'), index.indexOf('<section id="agents">'));
      expect(feeSection.match(/<tr><td class="num">/g)?.length).to.equal(grid.length);
      expect(first.stdout).to.contain(`index: ${join(out, "index.html")}`);
    });

    it("reuses every finished stage when run again", () => {
      const again = study(["--quick", "--out", out]);
      expect(again.status, again.stderr.slice(-3000)).to.equal(0);
      const record = JSON.parse(readFileSync(join(out, "study.json"), "utf8")) as StudyRecord;
      expect(record.stages.map((s) => s.status)).to.deep.equal(["reused", "reused", "reused", "reused"]);
      expect(again.stderr).to.contain("nothing to do");
    });

    it("rejects bad options before running anything", () => {
      const r = study(["--quik", "--workers", "0", "extra"]);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.contain("unknown option --quik");
      expect(r.stderr).to.contain("--workers 0");
      expect(r.stderr).to.contain('unexpected argument "extra"');
    });
  });
});
