/**
 * The report's statistics against values worked out by hand (each case's arithmetic is in its comment).
 */
import { expect } from "chai";
import { cellGrid } from "../../sim/report/stats/cells.js";
import { orthonormalBasis, pearson, ranks, residuals } from "../../sim/report/stats/rank.js";
import { binomialCdf, expectedShortfallSorted, quantileInterval, quantileSorted, wilson } from "../../sim/report/stats/risk.js";
import { fisherInterval, prcc } from "../../sim/report/stats/sensitivity.js";

describe("report statistics", () => {
  describe("ranks", () => {
    it("gives tied values the mean of the ranks they span", () => {
      expect(Array.from(ranks([10, 30, 20, 20]))).to.deep.equal([1, 4, 2.5, 2.5]);
      expect(Array.from(ranks([0, 0, 0]))).to.deep.equal([2, 2, 2]);
      expect(Array.from(ranks([]))).to.deep.equal([]);
    });
  });

  describe("least-squares residuals", () => {
    it("removes the intercept and the regressors' part, as solved by hand", () => {
      // y on x with an intercept: x = 1..5 (centred −2..2, Σx² = 10), y = 1,3,2,5,4 (centred −2,0,−1,2,1).
      // slope = Σxy/Σx² = (4 + 0 + 0 + 2 + 2)/10 = 0.8; residuals = yc − 0.8·xc = −0.4, 0.8, −1, 1.2, −0.6.
      const r = residuals([1, 3, 2, 5, 4], orthonormalBasis([[1, 2, 3, 4, 5]]));
      [-0.4, 0.8, -1, 1.2, -0.6].forEach((v, i) => expect(r[i]).to.be.closeTo(v, 1e-12));
    });

    it("ignores a column that is a combination of earlier ones, and a constant column", () => {
      const basis = orthonormalBasis([[1, 2, 3, 4], [2, 4, 6, 8], [5, 5, 5, 5]]);
      expect(basis.length).to.equal(1);
    });
  });

  describe("PRCC", () => {
    // x1 = 1..5, x2 = 2,1,4,3,5, y = 1,3,2,5,4 (already ranks). Centred: x1 −2,−1,0,1,2; x2 −1,−2,1,0,2;
    // y −2,0,−1,2,1; each Σ(·)² = 10. Σx1x2 = 8, Σx1y = 8, Σx2y = 3, so r12 = 0.8, r1y = 0.8, r2y = 0.3.
    // x1 on x2: slope 0.8, residual −1.2, 0.6, −0.8, 1, 0.4; y on x2: slope 0.3, residual −1.7, 0.6, −1.3, 2, 0.4.
    // PRCC(x1) = Σ(e1·ey)/√(Σe1²·Σey²) = 5.6/√(3.6 · 9.1) = 0.56/√0.3276 ≈ 0.97841
    //          = (r1y − r12·r2y)/√((1 − r12²)(1 − r2y²)), the textbook partial correlation.
    // PRCC(x2): x2 on x1 residual 0.6, −1.2, 1, −0.8, 0.4; y on x1 residual −0.4, 0.8, −1, 1.2, −0.6;
    //          Σ = −3.4, Σe² = 3.6 each → −3.4/3.6 = −17/18.
    const x1 = [1, 2, 3, 4, 5];
    const x2 = [2, 1, 4, 3, 5];
    const y = [1, 3, 2, 5, 4];

    it("matches the hand computation", () => {
      const [a, b] = prcc([{ name: "x1", values: x1 }, { name: "x2", values: x2 }], y);
      expect(a!.prcc).to.be.closeTo(0.56 / Math.sqrt(0.3276), 1e-12);
      expect(b!.prcc).to.be.closeTo(-17 / 18, 1e-12);
    });

    it("is unchanged by increasing transformations of the inputs and the output (it works on ranks)", () => {
      const [a, b] = prcc(
        [{ name: "x1", values: x1.map((v) => Math.exp(v)) }, { name: "x2", values: x2.map((v) => 100 * v - 7) }],
        y.map((v) => v ** 3),
      );
      expect(a!.prcc).to.be.closeTo(0.56 / Math.sqrt(0.3276), 1e-12);
      expect(b!.prcc).to.be.closeTo(-17 / 18, 1e-12);
    });

    it("equals Spearman's correlation when there is one input", () => {
      const [a] = prcc([{ name: "x2", values: x2 }], y);
      expect(a!.prcc).to.be.closeTo(0.3, 1e-12);
    });

    it("is null for an input that never varies or an output that never varies, and leaves such inputs out", () => {
      const [a, c] = prcc([{ name: "x1", values: x1 }, { name: "c", values: [7, 7, 7, 7, 7] }], y);
      expect(a!.prcc).to.be.closeTo(0.8, 1e-12); // Spearman: the constant input changes nothing
      expect(c!.prcc).to.equal(null);
      const [d] = prcc([{ name: "x1", values: x1 }], [2, 2, 2, 2, 2]);
      expect(d!.prcc).to.equal(null);
    });

    it("separates a real effect from a correlated bystander where Pearson cannot", () => {
      // y depends on a only; b follows a closely. Pearson sees both; PRCC sees a.
      const n = 400;
      const a = Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n);
      const b = a.map((v, i) => v + 0.05 * Math.sin(i * 12.9898));
      const out = a.map((v, i) => v + 0.01 * Math.cos(i * 78.233));
      const [pa, pb] = prcc([{ name: "a", values: a }, { name: "b", values: b }], out);
      expect(pearson(b, out)!).to.be.greaterThan(0.9);
      expect(pa!.prcc!).to.be.greaterThan(0.9);
      expect(Math.abs(pb!.prcc!)).to.be.lessThan(0.2);
    });

    it("has a Fisher-z interval around it", () => {
      // n = 103, no controls: half-width in z units = 1.96/√100 = 0.196.
      const [lo, hi] = fisherInterval(0.5, 103, 0)!;
      expect(lo).to.be.closeTo(Math.tanh(Math.atanh(0.5) - 0.1959963984540054), 1e-12);
      expect(hi).to.be.closeTo(Math.tanh(Math.atanh(0.5) + 0.1959963984540054), 1e-12);
      expect(fisherInterval(0.5, 5, 2)).to.equal(null);
    });
  });

  describe("risk", () => {
    it("gives Wilson intervals that match the textbook values", () => {
      // 0 of 10: centre = (z²/20)/(1 + z²/10) = half-width → [0, 0.2775]; 5 of 10 → [0.2366, 0.7634].
      const zero = wilson(0, 10);
      expect(zero.estimate).to.equal(0);
      expect(zero.interval![0]).to.equal(0);
      expect(zero.interval![1]).to.be.closeTo(0.2775, 1e-4);
      const half = wilson(5, 10);
      expect(half.interval![0]).to.be.closeTo(0.2366, 1e-4);
      expect(half.interval![1]).to.be.closeTo(0.7634, 1e-4);
      expect(wilson(10, 10).interval![1]).to.equal(1);
      expect(wilson(0, 0).interval).to.equal(null);
      expect(() => wilson(11, 10)).to.throw(RangeError);
    });

    it("interpolates quantiles as numpy does", () => {
      // position (n − 1)·p: 4·0.05 = 0.2 → 1 + 0.2·(2 − 1) = 1.2; 4·0.5 = 2 → 3.
      expect(quantileSorted([1, 2, 3, 4, 5], 0.05)).to.be.closeTo(1.2, 1e-12);
      expect(quantileSorted([1, 2, 3, 4, 5], 0.5)).to.equal(3);
      expect(quantileSorted([1, 2, 3, 4, 5], 1)).to.equal(5);
      expect(quantileSorted([], 0.5)).to.equal(null);
    });

    it("computes binomial probabilities", () => {
      const cdf = binomialCdf(10, 0.5);
      expect(cdf[1]).to.be.closeTo(11 / 1024, 1e-14);
      expect(cdf[2]).to.be.closeTo(56 / 1024, 1e-14);
      expect(cdf[10]).to.be.closeTo(1, 1e-14);
    });

    it("gives the textbook order-statistic interval for a median of 10", () => {
      // P(B ≤ 1) = 11/1024 ≤ 0.025 < P(B ≤ 2) → lower rank 2; P(B ≤ 7) = 968/1024 < 0.975 ≤ P(B ≤ 8) → upper rank 9.
      const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
      const ci = quantileInterval(s, 0.5)!;
      expect([ci.lowerRank, ci.upperRank, ci.lower, ci.upper]).to.deep.equal([2, 9, 2, 9]);
      expect(ci.coverage).to.be.closeTo(1 - 22 / 1024, 1e-14);
      // the 5th percentile of 10 runs has no distribution-free 95% interval
      expect(quantileInterval(s, 0.05)).to.equal(null);
    });

    it("averages the worst ⌈p·n⌉ values for the expected shortfall", () => {
      expect(expectedShortfallSorted([-10, -2, 0, 1, 5], 0.4)).to.equal(-6);
      expect(expectedShortfallSorted([-10, -2, 0, 1, 5], 0.05)).to.equal(-10);
    });
  });

  describe("cells and ε²", () => {
    it("gives 1 when the cells separate the property perfectly and below 0 when they explain less than chance", () => {
      const x = [0, 0, 0, 1, 1, 1];
      const y = [5, 5, 5, 5, 5, 5];
      expect(cellGrid(x, y, [1, 1, 1, 0, 0, 0]).epsilon2).to.be.closeTo(1, 1e-12);
      // flag 1,1,0 | 0,0,1: mean 1/2, SS_total = 6/4 = 1.5; cell means 2/3, 1/3: SS_between = 6·(1/6)² = 1/6;
      // MS_within = (1.5 − 1/6)/(6 − 2) = 1/3; ε² = (1/6 − 1/3)/1.5 = −1/9.
      const g = cellGrid(x, y, [1, 1, 0, 0, 0, 1]);
      expect(g.epsilon2).to.be.closeTo(-1 / 9, 1e-12);
      expect(g.count).to.deep.equal([[3], [3]]);
      expect(g.hits).to.deep.equal([[2], [1]]);
      expect(cellGrid(x, y, [0, 0, 0, 0, 0, 0]).epsilon2).to.equal(null);
    });

    it("cuts a continuous parameter into equal-width bins, the maximum in the last", () => {
      const x = Array.from({ length: 40 }, (_, i) => i / 39); // 40 distinct values in [0, 1]
      const g = cellGrid(x, x, x.map(() => 1), 4);
      expect(g.bx.kind).to.equal("edges");
      expect(g.bx.edges).to.deep.equal([0, 0.25, 0.5, 0.75, 1]);
      expect(g.count.map((c) => c.reduce((s, v) => s + v, 0))).to.deep.equal([10, 10, 10, 10]);
    });
  });
});
