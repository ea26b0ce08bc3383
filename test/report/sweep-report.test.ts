/**
 * The sweep report: its figures on a fixture worked out by hand, the replay commands it prints (run for
 * real: each must print its row's metrics exactly), and the command line's errors.
 */
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { METRIC_NAMES } from "../../sim/model/api.js";
import { buildReport, detectKind } from "../../sim/report/index.js";
import { analyzeSweep } from "../../sim/report/sweep/analysis.js";
import { loadSweep } from "../../sim/report/sweep/data.js";
import { sweepReport } from "../../sim/report/sweep/index.js";
import { SweepInputError } from "../../sim/sweep/errors.js";
import { runScript } from "../helpers/run-script.js";

const root = mkdtempSync(join(tmpdir(), "report-"));

function cli(script: string, args: string[]) {
  return runScript(script, [...args]);
}

/** Named runs on the page (one "Run i — role" heading each). */
const r_named = (html: string) => html.match(/<h3>Run \d+ — /g)?.length ?? 0;

/** Unescape the entities the page uses. */
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

// Six runs, in the order a grid sweep writes them (point ⌊i/2⌋ at fee i mod 2): three parameter points
// (lambda_komp 1, 2, 3) at two fees (0, 1).
//   profit by point at fee 0: 10, −5, −20; at fee 1: 30, −1, −25 → changes +20, +4, −5: median +4, rose 2 of 3.
//   flips at fee 0: 0, 2, 4; at fee 1: 0, 0, 5 → changes 0, −2, +1: mean −1/3.
//   best run 1 (30); worst run 5 (−25), which also has the most flips (5); median: profits in order are
//   runs 5, 4, 2, 3, 0, 1 → position ⌊5/2⌋ = 2 → run 2.
//   bankrupt: runs 2 (1 of 1 pool) and 5 (2 of 2) → any 2/6, all 2/6, pools 3 of 9. Losses: 4 runs.
//   safe & profitable: runs 0 and 1.
const FIXTURE = [
  "run_index,seed,lambda_komp,subscription_fee,n_pools,flips,total_pool_profit,bankrupt_pools,total_premiums,insurance_penetration",
  "0,3/0,1,0,1,0,10,0,100,1",
  "1,3/1,1,1,2,0,30,0,120,1",
  "2,3/2,2,0,1,2,-5,1,90,0.5",
  "3,3/3,2,1,2,0,-1,0,95,1",
  "4,3/4,3,0,1,4,-20,0,80,1",
  "5,3/5,3,1,2,5,-25,2,70,0.5",
].join("\n") + "\n";

describe("report: sweeps", function () {
  this.timeout(180_000);

  describe("on a fixture", () => {
    const dir = join(root, "fixture");
    before(() => {
      mkdirSync(dir);
      writeFileSync(join(dir, "results.csv"), FIXTURE);
    });

    it("finds the levels, pairs them, and computes the risk figures", async () => {
      const d = loadSweep(dir);
      expect(d.n).to.equal(6);
      const a = await analyzeSweep(d);
      expect(a.varying).to.deep.equal(["lambda_komp", "n_pools", "subscription_fee"]);
      const fee = a.levels.find((l) => l.name === "subscription_fee")!;
      expect(fee.paired).to.equal(false); // n_pools differs between the fees: not the same points
      const lk = a.levels.find((l) => l.name === "lambda_komp")!;
      expect(lk.rows.map((r) => r.runs)).to.deep.equal([2, 2, 2]);
      expect(a.risk.anyBankrupt!.count).to.equal(2);
      expect(a.risk.allBankrupt!.count).to.equal(2);
      expect(a.risk.poolsBankrupt).to.deep.equal({ count: 3, pools: 9 });
      expect(a.risk.loss.count).to.equal(4);
      expect(a.risk.horizon).to.equal(null);
      expect(Array.from(a.safeAndProfitable).reduce((s, v) => s + v, 0)).to.equal(2);
      // the worst run also has the most flips: one entry with both roles
      expect(a.named.map((n) => n.role).slice(0, 3)).to.deep.equal(["best profit", "worst profit, most flips", "median profit"]);
      expect(a.named.map((n) => d.runIndex[n.row]).slice(0, 3)).to.deep.equal([1, 5, 2]);
    });

    it("pairs a grid parameter when every other parameter point appears once at each value", async () => {
      const pairedDir = join(root, "paired");
      mkdirSync(pairedDir);
      // n_pools the same for both fees: now the points pair
      const text = FIXTURE.replace(/^(\d+,3\/\d+,\d+,\d+),2,/gm, "$1,1,");
      writeFileSync(join(pairedDir, "results.csv"), text);
      const a = await analyzeSweep(loadSweep(pairedDir));
      const fee = a.levels.find((l) => l.name === "subscription_fee")!;
      expect(fee.paired).to.equal(true);
      expect(fee.rows[0]!.paired).to.equal(undefined);
      expect(fee.rows[1]!.paired!.medianProfitChange).to.equal(4);
      expect(fee.rows[1]!.paired!.profitRose).to.be.closeTo(2 / 3, 1e-12);
      expect(fee.rows[1]!.paired!.meanFlipsChange).to.be.closeTo(-1 / 3, 1e-12);
      expect(fee.rows.map((r) => r.medianProfit)).to.deep.equal([-5, -1]);
    });

    it("says why there are no replay commands without sweep.json", async () => {
      const r = await sweepReport(dir);
      expect(r.html).to.contain("No replay commands: there is no usable sweep.json");
      expect(r.html).not.to.contain("npm run sim --");
      expect(r.html).to.contain("steps unknown");
    });
  });

  describe("on a real sweep", () => {
    const out = join(root, "real");
    let html = "";
    before(() => {
      const config = join(root, "grid.json");
      writeFileSync(
        config,
        JSON.stringify({ parameters: { lambda_komp: { range: [0.5, 2.5] }, eng_productivity_factor: { range: [3, 5] }, subscription_fee: { grid: [0, 0.5] }, mandatory_insurance_frac: 0.2 } }),
      );
      const r = cli("sim/cli/sweep.ts", ["--config", config, "--runs", "12", "--steps", "120", "--seed", "11", "--readings", "protocol", "--switch", "ask=fixed", "--out", out, "--quiet", "--workers", "2"]);
      expect(r.status, r.stderr).to.equal(0);
    });

    it("detects the folder and writes a page with every section", async () => {
      expect(detectKind(out)).to.equal("sweep");
      const r = await buildReport(out);
      html = r.html;
      expect(r.summary).to.match(/^sweep of 24 runs/);
      for (const id of ["findings", "risk", "sensitivity", "region", "levels", "scatter-flips", "scatter-profit", "runs", "provenance"]) expect(html).to.contain(`<section id="${id}">`);
      expect(html).to.contain("Risk at step 120");
      expect(html).not.to.match(/<(script|link|img)[^>]+(src|href)="https?:/);
    });

    it("prints for every named run a command that reproduces its row exactly", () => {
      const commands = [...html.matchAll(/<pre class="cmd"><code id="cmd\d+">([^<]*)<\/code>/g)].map((m) => unescape(m[1]!)).filter((c) => c.includes("npm run sim"));
      const csv = readFileSync(join(out, "results.csv"), "utf8").trim().split("\n");
      const header = csv[0]!.split(",");
      expect(commands.length).to.equal(r_named(html));
      for (const command of commands) {
        expect(command).to.contain("--readings protocol");
        expect(command).to.contain("--switch ask=fixed");
        const run = Number(/--run (\d+)/.exec(command)![1]);
        const stdout = execFileSync("bash", ["-c", command], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
        const metrics = JSON.parse(stdout.slice(stdout.indexOf("{"))) as Record<string, number>;
        const row = csv.slice(1).map((l) => l.split(",")).find((f) => Number(f[0]) === run)!;
        for (const m of METRIC_NAMES) expect(String(metrics[m]), `run ${run} ${m}`).to.equal(row[header.indexOf(m)]);
      }
    });
  });

  describe("warnings", () => {
    it("says when the model changed since the sweep, and when the sweep is partial", async () => {
      const src = join(root, "real");
      const copy = join(root, "changed");
      cpSync(src, copy, { recursive: true });
      const manifestPath = join(copy, "sweep.json");
      const m = JSON.parse(readFileSync(manifestPath, "utf8"));
      m.identity.modelSha256 = "0".repeat(64);
      m.model.fingerprint.files["sim/model/run.ts"] = "f".repeat(64);
      writeFileSync(manifestPath, JSON.stringify(m));
      const lines = readFileSync(join(copy, "results.csv"), "utf8").trim().split("\n");
      writeFileSync(join(copy, "results.csv"), lines.slice(0, 11).join("\n") + "\n" + lines[11]!.slice(0, 20)); // 10 runs and a torn line
      const r = await sweepReport(copy);
      expect(r.html).to.contain("The model's code has changed since this sweep ran</b> (sim/model/run.ts)");
      expect(r.html).to.contain("<b>Partial sweep:</b> 10 of the design's 24 runs");
      expect(r.html).to.contain("A torn last line (20 bytes");
      expect(r.data.n).to.equal(10);
    });
  });

  describe("command line", () => {
    it("rejects bad arguments with what to fix, and writes nothing", () => {
      const r = cli("sim/cli/report.ts", ["--bogus", "a", "b", "--out", "x.txt"]);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.contain("unknown option --bogus");
      expect(r.stderr).to.contain("give one results folder, got 2");
      expect(r.stderr).to.contain("--out x.txt: name an .html file");
      expect(cli("sim/cli/report.ts", []).stderr).to.contain("give a results folder");
    });

    it("explains a missing folder and a folder that holds no results", () => {
      const missing = cli("sim/cli/report.ts", [join(root, "nope")]);
      expect(missing.status).to.equal(2);
      expect(missing.stderr).to.contain("no such folder");
      const empty = join(root, "empty");
      mkdirSync(empty);
      const r = cli("sim/cli/report.ts", [empty]);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.contain("not a results folder");
      expect(existsSync(join(empty, "report.html"))).to.equal(false);
      expect(() => detectKind(join(empty))).to.throw(SweepInputError);
    });

    it("writes <folder>/report.html by default", () => {
      const r = cli("sim/cli/report.ts", [join(root, "fixture")]);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.contain("sweep of 6 runs");
      expect(readFileSync(join(root, "fixture", "report.html"), "utf8")).to.match(/^<!doctype html>/);
    });
  });
});
