/**
 * The reports in a real browser: headless Chromium (Debian's `chromium`) opens a generated page from
 * disk, and the test checks that the charts are laid out and carry the data (marks counted against the
 * results), that a known value appears, that nothing was fetched and nothing failed; it saves a
 * screenshot in test/report/screenshots/ (git-ignored).
 *
 * Chromium: CHROMIUM_PATH, else /usr/bin/chromium. Without it the test FAILS with the command that
 * installs it, unless INGENESIST_SKIP_BROWSER=1 is set (then it is skipped, saying so).
 */
import { expect } from "chai";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { analyzeResults } from "../../sim/analysis/findings.js";
import { buildReport } from "../../sim/report/index.js";
import { quantileSorted } from "../../sim/report/stats/risk.js";
import { fmt } from "../../sim/report/svg/format.js";
import { runScript } from "../helpers/run-script.js";

export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), "screenshots");

const CANDIDATES = (): string[] => [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter((p): p is string => !!p);

/** The Chromium to drive, or null. */
export function findChromium(candidates = CANDIDATES()): string | null {
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** A fresh headless Chromium with its own profile and no background networking. */
export async function openBrowser(executablePath: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "chromium-profile-")), {
    executablePath,
    headless: true,
    viewport: { width: 1300, height: 1000 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Skip (with the reason) or fail (with the fix) when Chromium is missing. */
export function requireChromium(ctx: Pick<Mocha.Context, "skip">, candidates = CANDIDATES(), env: NodeJS.ProcessEnv = process.env): string {
  const path = findChromium(candidates);
  if (path) return path;
  if (env.INGENESIST_SKIP_BROWSER === "1") {
    if (env === process.env) console.log("      (skipped: no Chromium and INGENESIST_SKIP_BROWSER=1)");
    ctx.skip();
  }
  throw new Error(
    "Chromium not found (looked at CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser). " +
      "Install it with `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH; " +
      "to skip the browser tests on purpose, set INGENESIST_SKIP_BROWSER=1.",
  );
}

interface PageFacts {
  charts: number;
  laidOut: number;
  scatters: { points: number; declared: number; drawn: number; width: number; height: number; marks: number }[];
  heatmaps: number;
  heatmapRuns: number[];
  cellRuns: number;
  cellsColoured: number;
  cells: number;
  bars: number;
  ecdfPoints: number;
  text: string;
  copyButtons: number;
}

describe("report: in a browser", function () {
  this.timeout(180_000);
  let browser: BrowserContext | undefined;
  after(async () => browser?.close());

  it("fails without Chromium, saying how to install it, unless skipping is asked for", () => {
    const skipped = new Error("skipped");
    const ctx = { skip: (): never => { throw skipped; } };
    expect(() => requireChromium(ctx, ["/nonexistent/chromium"], {})).to.throw(/apt-get install -y chromium.*INGENESIST_SKIP_BROWSER=1/);
    expect(() => requireChromium(ctx, ["/nonexistent/chromium"], { INGENESIST_SKIP_BROWSER: "1" })).to.throw(skipped);
    expect(requireChromium(ctx, ["/nonexistent/chromium", process.execPath], {})).to.equal(process.execPath);
  });

  it("renders a sweep report with charts that carry the sweep's data", async function () {
    const exe = requireChromium(this);
    const root = mkdtempSync(join(tmpdir(), "report-browser-"));
    const folder = join(root, "sweep");
    const sweep = runScript("sim/cli/sweep.ts", ["--runs", "200", "--steps", "2000", "--seed", "3", "--out", folder, "--quiet"]);
    expect(sweep.status, sweep.stderr).to.equal(0);
    const report = await buildReport(folder);
    const file = join(root, "report.html");
    writeFileSync(file, report.html);

    // What the page must show, computed here from the results.
    const findings = await analyzeResults(folder);
    const n = findings.summary.runs;
    const varying = findings.parameters.filter((p) => p.constant === undefined).length;
    const csv = readFileSync(join(folder, "results.csv"), "utf8").trim().split("\n");
    const col = csv[0]!.split(",").indexOf("total_pool_profit");
    const profits = csv.slice(1).map((l) => Number(l.split(",")[col])).sort((a, b) => a - b);
    const p5 = fmt(quantileSorted(profits, 0.05), 6);

    browser = await openBrowser(exe);
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(pathToFileURL(file).href);

    // A string, not a function: tsx's transform adds helpers (__name) that the page does not have.
    const seen = (await page.evaluate(`(() => {
      const box = (e) => e.getBoundingClientRect();
      const charts = [...document.querySelectorAll("svg.chart")];
      const scatters = [...document.querySelectorAll("svg.scatter")].map((s) => {
        const paths = [...s.querySelectorAll("path.pts")];
        return {
          points: Number(s.getAttribute("data-points")),
          declared: paths.reduce((t, p) => t + Number(p.getAttribute("data-n")), 0),
          drawn: paths.reduce((t, p) => t + (p.getAttribute("d").match(/h0/g) || []).length, 0),
          width: box(s).width,
          height: box(s).height,
          marks: s.querySelectorAll("g.mark circle title").length,
        };
      });
      const cells = [...document.querySelectorAll("svg.heatmap rect.cell:not(.empty)")];
      const ecdf = document.querySelector("#risk svg.lines path.ln");
      return {
        charts: charts.length,
        laidOut: charts.filter((c) => box(c).width > 50 && box(c).height > 50).length,
        scatters,
        heatmaps: document.querySelectorAll("svg.heatmap").length,
        heatmapRuns: [...document.querySelectorAll("svg.heatmap")].map((h) => Number(h.getAttribute("data-runs"))),
        cellRuns: cells.reduce((t, c) => t + Number(c.getAttribute("data-n")), 0),
        cellsColoured: cells.filter((c) => /^#[0-9a-f]{6}$/.test(c.getAttribute("fill") || "")).length,
        cells: cells.length,
        bars: document.querySelectorAll("svg.bars rect.bar").length,
        ecdfPoints: ecdf ? Number(ecdf.getAttribute("data-n")) : -1,
        text: document.body.innerText,
        copyButtons: document.querySelectorAll("button.copy").length,
      };
    })()`)) as PageFacts;

    expect(seen.charts).to.be.greaterThan(2 * varying);
    expect(seen.laidOut, "every chart has a real size on screen").to.equal(seen.charts);
    expect(seen.scatters.length, "one scatter per parameter for flips and for profit").to.equal(2 * varying);
    for (const s of seen.scatters) {
      expect(s.points).to.equal(n);
      expect(s.declared).to.equal(n);
      expect(s.drawn, "one mark per run").to.equal(n);
      expect(s.marks).to.be.greaterThan(0);
    }
    expect(seen.heatmaps).to.be.at.least(3);
    expect(seen.cells).to.be.greaterThan(0);
    expect(seen.cellsColoured).to.equal(seen.cells);
    expect(seen.cellRuns).to.equal(n * seen.heatmaps);
    expect(seen.heatmapRuns.every((r) => r === n)).to.equal(true);
    expect(findings.summary.zeroFlips.count, "some runs flip, so flips have a ranking too").to.be.below(n);
    expect(seen.bars, "Pearson and PRCC bars for every parameter, for flips and for profit").to.equal(4 * varying);
    expect(seen.ecdfPoints).to.equal(n);
    expect(seen.text).to.contain(`${findings.summary.zeroFlips.count.toLocaleString("en-US")} / ${n.toLocaleString("en-US")}`);
    expect(seen.text).to.contain(`5th percentile of pool profit (VaR95)`);
    expect(seen.text).to.contain(p5);
    expect(seen.text).to.contain("Risk at step 2,000");
    expect(seen.copyButtons).to.be.greaterThan(3);
    expect(requests.filter((u) => !u.startsWith("file:")), "nothing fetched from a network").to.deep.equal([]);
    expect(errors).to.deep.equal([]);

    const shot = join(SCREENSHOTS, "sweep-report.png");
    await page.screenshot({ path: shot, fullPage: true });
    const region = join(SCREENSHOTS, "sweep-report-region.png");
    await page.locator("#region").screenshot({ path: region });
    console.log(`      screenshots: ${shot}, ${region}`);
    expect(readFileSync(shot).subarray(1, 4).toString()).to.equal("PNG");
  });

  it("renders an agent-run report with the chain's and the model's curves", async function () {
    const exe = requireChromium(this);
    const root = mkdtempSync(join(tmpdir(), "report-browser-agents-"));
    const folder = join(root, "run");
    const run = runScript("sim/cli/agents.ts", ["--agents", "20", "--steps", "15", "--seed", "9", "--out", folder]);
    expect(run.status, run.stderr.slice(-2000)).to.equal(0);
    const summary = JSON.parse(readFileSync(join(folder, "summary.json"), "utf8")) as { pools: number; metrics: { chain: Record<string, number> } };
    const report = await buildReport(folder);
    const file = join(root, "agents.html");
    writeFileSync(file, report.html);

    browser ??= await openBrowser(exe);
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    const seen = (await page.evaluate(`(() => {
      const charts = [...document.querySelectorAll("svg.chart")];
      const lines = [...document.querySelectorAll("svg.lines path.ln")].map((p) => ({
        title: p.querySelector("title").textContent,
        n: Number(p.getAttribute("data-n")),
        vertices: (p.getAttribute("d").match(/[ML]/g) || []).length,
        length: p.getTotalLength(),
      }));
      return { charts: charts.length, laidOut: charts.filter((c) => c.getBoundingClientRect().width > 50).length, lines, text: document.body.innerText };
    })()`)) as { charts: number; laidOut: number; lines: { title: string; n: number; vertices: number; length: number }[]; text: string };

    const pools = summary.pools;
    // 4 charts per pool, insured, flips, Gini, market, transactions, and the agreement chart
    expect(seen.charts).to.equal(4 * pools + 6);
    expect(seen.laidOut).to.equal(seen.charts);
    const model = seen.lines.filter((l) => /(^|, )model$/.test(l.title));
    const chain = seen.lines.filter((l) => /(^|, )chain$/.test(l.title));
    expect(model.length).to.equal(5 * pools + 2);
    expect(chain.length).to.equal(5 * pools + 2);
    for (const l of [...model, ...chain]) {
      expect(l.n).to.equal(15);
      expect(l.vertices, l.title).to.equal(15);
    }
    expect(chain.some((l) => l.length > 0), "curves have a length on screen").to.equal(true);
    expect(seen.text).to.contain("15 of 15");
    expect(seen.text).to.contain(fmt(summary.metrics.chain.total_pool_profit!, 8));
    expect(requests.filter((u) => !u.startsWith("file:"))).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    const shot = join(SCREENSHOTS, "agent-report.png");
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`      screenshot: ${shot}`);
  });
});
