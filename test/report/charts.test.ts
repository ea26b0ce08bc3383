/**
 * The SVG charts: scales and ticks, number formats, and that each chart carries exactly its data.
 */
import { expect } from "chai";
import { correlationBars } from "../../sim/report/svg/bars.js";
import { corr, esc, fmt, pct, tick } from "../../sim/report/svg/format.js";
import { heatmap, viridis } from "../../sim/report/svg/heatmap.js";
import { lineChart, thin } from "../../sim/report/svg/lines.js";
import { linearScale, linearTicks, niceStep, symlog, symlogScale } from "../../sim/report/svg/scale.js";
import { scatter } from "../../sim/report/svg/scatter.js";
import { cellGrid } from "../../sim/report/stats/cells.js";

const frame = { width: 300, height: 200, margin: { top: 20, right: 10, bottom: 40, left: 50 }, title: "T <&>", desc: "D" };

/** Points drawn by a scatter path: one "h0" per point. */
const pointsIn = (d: string) => d.match(/h0/g)?.length ?? 0;

/** Absolute positions of a scatter path's points ("M x y h0", then "m dx dy h0"). */
function decode(d: string): [number, number][] {
  const out: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (const m of d.matchAll(/([Mm])(-?\d+)\s?(-?\d+)h0/g)) {
    if (m[1] === "M") {
      x = Number(m[2]);
      y = Number(m[3]);
    } else {
      x += Number(m[2]);
      y += Number(m[3]);
    }
    out.push([x, y]);
  }
  return out;
}

describe("report charts", () => {
  describe("scales", () => {
    it("picks 1-2-5 steps and round ticks", () => {
      expect(niceStep(0.23)).to.equal(0.5);
      expect(niceStep(3)).to.equal(5);
      expect(niceStep(10)).to.equal(10);
      expect(linearTicks(0, 10)).to.deep.equal([0, 2, 4, 6, 8, 10]);
      expect(linearTicks(0.5, 2.5, 4)).to.deep.equal([0.5, 1, 1.5, 2, 2.5]);
    });

    it("maps linearly, keeps zero when asked, and widens a degenerate domain", () => {
      const s = linearScale([0, 10], [0, 100]);
      expect(s.map(2.5)).to.equal(25);
      expect(linearScale([3, 9], [0, 1], { zero: true }).domain).to.deep.equal([0, 9]);
      expect(linearScale([5, 5], [0, 1]).domain).to.deep.equal([4.5, 5.5]);
      expect(linearScale([0, 0], [0, 1], { zero: true }).domain).to.deep.equal([0, 1]);
      const nice = linearScale([0.3, 9.2], [0, 1], { nice: true });
      expect(nice.domain).to.deep.equal([0, 10]);
    });

    it("has a symmetric-log scale with zero and both signs, and says so", () => {
      expect(symlog(0, 1)).to.equal(0);
      expect(symlog(-999, 1)).to.be.closeTo(-3, 1e-12);
      const s = symlogScale([-5000, 5e6], [200, 0]);
      expect(s.note).to.equal("symmetric log scale");
      const labels = s.ticks().map((t) => t.label);
      expect(labels).to.include("0");
      expect(labels).to.include("−10k");
      expect(labels).to.include("1M");
      expect(s.map(0)).to.be.within(0, 200);
      expect(s.map(-5000)).to.be.greaterThan(s.map(0)); // negative below zero (y grows down)
    });
  });

  describe("formats", () => {
    it("writes numbers for people", () => {
      expect(fmt(-3318.77)).to.equal("−3,319");
      expect(fmt(5236336)).to.equal("5,236,336");
      expect(fmt(0.000168)).to.equal("0.000168");
      expect(fmt(null)).to.equal("—");
      expect(pct(0.1862)).to.equal("18.6%");
      expect(corr(-0.0221)).to.equal("−0.022");
      expect(corr(0.3493)).to.equal("+0.349");
      expect(corr(-0.0001)).to.equal("0.000");
      expect(tick(-10000)).to.equal("−10k");
      expect(tick(1500)).to.equal("1500");
      expect(tick(2e6)).to.equal("2M");
      expect(esc(`a<b & "c"`)).to.equal("a&lt;b &amp; &quot;c&quot;");
    });
  });

  describe("scatter", () => {
    it("draws every point of every group once, where the scales put it, with a named mark", () => {
      const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
      const ys = xs.map((v) => v * v);
      const x = linearScale([0, 9], [50, 290]);
      const y = linearScale([0, 81], [160, 20]);
      const svg = scatter({
        frame,
        x,
        y,
        xs,
        ys,
        labels: { x: "x (units)", y: "y (units)" },
        groups: [
          { members: [0, 2, 4, 6, 8], label: "even", cls: "rest" },
          { members: [1, 3, 5, 7, 9], label: "odd", cls: "sp" },
        ],
        marks: [{ index: 9, title: "run 9 <best>", tag: "best" }],
      });
      const paths = [...svg.matchAll(/<path class="pts (\w+)" data-n="(\d+)" d="([^"]*)"/g)];
      expect(paths.map((p) => [p[1], p[2], pointsIn(p[3]!)])).to.deep.equal([
        ["rest", "5", 5],
        ["sp", "5", 5],
      ]);
      const odd = decode(paths[1]![3]!);
      expect(odd).to.deep.equal([1, 3, 5, 7, 9].map((i) => [Math.round(x.map(xs[i]!)), Math.round(y.map(ys[i]!))]));
      expect(svg).to.contain('data-points="10"');
      expect(svg).to.contain("<title>run 9 &lt;best&gt;</title>");
      expect(svg).to.contain("x (units)");
      expect(svg).to.contain('role="img"');
      expect(svg).to.contain("<title id=");
      expect(svg).to.contain("T &lt;&amp;&gt;");
    });
  });

  describe("bars", () => {
    it("draws one bar per defined value on a fixed −1..1 axis, with the interval as a whisker", () => {
      const svg = correlationBars({
        title: "S",
        desc: "d",
        rows: [
          { label: "a", values: [0.5, 0.7], interval: [0.6, 0.8] },
          { label: "b", values: [null, -0.2], interval: null },
        ],
        series: ["Pearson r", "PRCC"],
        xLabel: "correlation",
      });
      const bars = [...svg.matchAll(/<rect class="bar b(\d)"[^>]*data-value="([^"]+)"/g)].map((m) => [m[1], Number(m[2])]);
      expect(bars).to.deep.equal([
        ["0", 0.5],
        ["1", 0.7],
        ["1", -0.2],
      ]);
      expect(svg.match(/<line class="whisker"/g)?.length).to.equal(1);
      expect(svg).to.contain(">−1<");
      expect(svg).to.contain(">1<");
    });
  });

  describe("heat map", () => {
    it("colours every non-empty cell by its share on a fixed scale and marks empty cells", () => {
      const x = [0, 0, 1, 1, 1];
      const y = [0, 1, 0, 0, 0];
      const g = cellGrid(x, y, [1, 0, 1, 0, 0]);
      const svg = heatmap({ title: "H", desc: "d", grid: g, xName: "x", yName: "y", what: "safe and profitable" });
      const cells = [...svg.matchAll(/<rect class="cell" [^>]*fill="(#[0-9a-f]{6})" data-share="([^"]+)" data-n="(\d+)"/g)].map((m) => [m[1], Number(m[2]), Number(m[3])]);
      expect(cells).to.deep.equal([
        [viridis(1), 1, 1],
        [viridis(0), 0, 1],
        [viridis(1 / 3), 1 / 3, 3],
      ]);
      expect(svg.match(/<rect class="cell empty"/g)?.length).to.equal(1);
      expect(svg).to.contain("1 of 3 runs safe and profitable (33.3%)");
      expect(viridis(0)).to.equal("#440154");
      expect(viridis(1)).to.equal("#fde725");
    });
  });

  describe("lines", () => {
    it("thins long series but keeps the ends and every bucket's extremes", () => {
      const ys = Array.from({ length: 10_000 }, (_, i) => (i === 4321 ? 1e6 : i === 777 ? -1e6 : Math.sin(i)));
      const idx = thin(ys, 200);
      expect(idx.length).to.be.at.most(200);
      expect(idx[0]).to.equal(0);
      expect(idx[idx.length - 1]).to.equal(9999);
      expect(idx).to.include(4321);
      expect(idx).to.include(777);
      expect(thin([1, 2, 3], 200)).to.deep.equal([0, 1, 2]);
    });

    it("draws each series with a marker and a title per point when short, and a legend", () => {
      const svg = lineChart({
        frame,
        x: linearScale([0, 2], [50, 290]),
        y: linearScale([0, 10], [160, 20]),
        labels: { x: "fee", y: "profit" },
        series: [
          { label: "chain", xs: [0, 1, 2], ys: [1, 5, 9], cls: "s0" },
          { label: "model", xs: [0, 1, 2], ys: [1, 5, 9], cls: "s1", dash: true },
        ],
        yUnit: "wealth units",
      });
      expect(svg.match(/<path class="ln /g)?.length).to.equal(2);
      expect(svg.match(/<circle class="pt /g)?.length).to.equal(6);
      expect(svg).to.contain("chain: fee 1 → 5 wealth units");
      expect(svg).to.contain('class="ln s1 dash"');
    });
  });
});
