import { expect } from "chai";
import { createRequire } from "node:module";
import {
  GENERATOR,
  GeometricGaps,
  PoissonSampler,
  RandomStream,
  RunStreams,
  beta22,
  beta25,
  beta52,
  logGamma,
  logNormal,
  streamSeed,
} from "../../sim/rng/index.js";
import { WEALTH_MU, WEALTH_SIGMA, drawAgents, drawMandatory } from "../../sim/env/agents.js";
import { Environment } from "../../sim/env/environment.js";
import { defaultParams } from "../../sim/params/index.js";

const require = createRequire(import.meta.url);
const seedrandom = require("seedrandom") as typeof import("seedrandom");

/** Sample mean and (unbiased) variance. */
function moments(xs: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  const mean = s / xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i]! - mean) ** 2;
  return { mean, variance: v / (xs.length - 1) };
}

function sample(n: number, draw: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draw();
  return out;
}

/** |observed − expected| within k standard errors. */
function expectWithin(observed: number, expected: number, standardError: number, what: string, k = 4.5): void {
  expect(Math.abs(observed - expected), `${what}: observed ${observed}, expected ${expected} ± ${k}·${standardError}`).to.be.at.most(k * standardError);
}

describe("rng: streams", () => {
  it("draw seedrandom's own sequence (the chosen generator, unchanged)", () => {
    const s = new RandomStream("42/7#losses");
    const ref = seedrandom[GENERATOR]("42/7#losses");
    for (let i = 0; i < 1000; i++) expect(s.u32()).to.equal(ref.int32() >>> 0);
  });

  it("give each purpose of each run its own stream", () => {
    const first = (seed: string) => new RandomStream(seed).u32();
    const seen = new Set<number>();
    for (const run of ["42/0", "42/1", "7/0"]) {
      for (const purpose of ["agents", "komp", "eng", "losses", "asks"] as const) seen.add(first(streamSeed(run, purpose)));
    }
    expect(seen.size).to.equal(15);
    const rs = new RunStreams("42/3");
    expect(rs.get("asks")).to.equal(rs.get("asks"));
  });

  it("uniform() and uniform53() stay strictly inside (0, 1) and have the right mean and variance", () => {
    const s = new RandomStream("u");
    for (const draw of [() => s.uniform(), () => s.uniform53()]) {
      const xs = sample(50_000, draw);
      for (const x of xs) expect(x > 0 && x < 1).to.equal(true);
      const m = moments(xs);
      expectWithin(m.mean, 0.5, Math.sqrt(1 / 12 / xs.length), "uniform mean");
      expectWithin(m.variance, 1 / 12, 0.0745 / Math.sqrt(xs.length), "uniform variance");
    }
  });

  it("below(n) is uniform on {0, …, n−1} (chi-square), including n above 2^21", () => {
    const s = new RandomStream("below");
    for (const n of [1, 2, 3, 7, 200]) {
      const counts = new Array<number>(n).fill(0);
      const draws = 20_000;
      for (let i = 0; i < draws; i++) {
        const k = s.below(n);
        expect(Number.isInteger(k) && k >= 0 && k < n).to.equal(true);
        counts[k]!++;
      }
      if (n === 1) continue;
      const e = draws / n;
      const chi2 = counts.reduce((acc, c) => acc + (c - e) ** 2 / e, 0);
      // mean n−1, sd √(2(n−1)): far outside only when the draw is not uniform
      expect(chi2, `n = ${n}`).to.be.below(n - 1 + 6 * Math.sqrt(2 * (n - 1)));
    }
    const big = 5_000_000;
    const xs = sample(20_000, () => s.below(big));
    for (const x of xs) expect(Number.isInteger(x) && x >= 0 && x < big).to.equal(true);
    expectWithin(moments(xs).mean, (big - 1) / 2, big / Math.sqrt(12 * xs.length), "below(5e6) mean");
  });
});

describe("rng: distributions", () => {
  const N = 40_000;

  for (const lambda of [0, 0.5, 2.5, 5, 9.99, 10, 30, 400]) {
    it(`Poisson(${lambda}) has mean and variance λ`, () => {
      const s = new RandomStream(`poisson-${lambda}`);
      const p = new PoissonSampler(lambda);
      const xs = sample(N, () => p.draw(s));
      for (const x of xs) expect(Number.isInteger(x) && x >= 0).to.equal(true);
      const m = moments(xs);
      if (lambda === 0) {
        expect(m.mean).to.equal(0);
        return;
      }
      expectWithin(m.mean, lambda, Math.sqrt(lambda / N), "mean");
      expectWithin(m.variance, lambda, Math.sqrt((lambda + 2 * lambda * lambda) / N), "variance");
    });
  }

  it("Poisson inversion has the right probabilities at small λ", () => {
    const s = new RandomStream("poisson-pmf");
    const p = new PoissonSampler(1.5);
    const counts = new Array<number>(12).fill(0);
    for (let i = 0; i < N; i++) counts[Math.min(11, p.draw(s))]!++;
    for (let k = 0; k < 5; k++) {
      const pk = (Math.exp(-1.5) * 1.5 ** k) / [1, 1, 2, 6, 24][k]!;
      expectWithin(counts[k]! / N, pk, Math.sqrt((pk * (1 - pk)) / N), `P(X = ${k})`);
    }
  });

  it("logGamma matches ln((n−1)!) and ln Γ(½)", () => {
    let lf = 0;
    for (let n = 1; n < 40; n++) {
      expect(logGamma(n)).to.be.closeTo(lf, 1e-9 * Math.max(1, lf));
      lf += Math.log(n);
    }
    expect(logGamma(0.5)).to.be.closeTo(0.5 * Math.log(Math.PI), 1e-10);
  });

  const betas: [string, (s: RandomStream) => number, number, number][] = [
    ["Beta(2, 2)", beta22, 2, 2],
    ["Beta(2, 5)", beta25, 2, 5],
    ["Beta(5, 2)", beta52, 5, 2],
  ];
  for (const [name, draw, a, b] of betas) {
    it(`${name} has mean a/(a+b) and variance ab/((a+b)²(a+b+1)), inside (0, 1)`, () => {
      const s = new RandomStream(name);
      const xs = sample(N, () => draw(s));
      for (const x of xs) expect(x > 0 && x < 1).to.equal(true);
      const mean = a / (a + b);
      const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
      const m = moments(xs);
      expectWithin(m.mean, mean, Math.sqrt(variance / N), "mean");
      expectWithin(m.variance, variance, variance * Math.sqrt(2 / N) * 1.5, "variance");
    });
  }

  it("log-normal wealth has mean 1000 and standard deviation 500", () => {
    const s = new RandomStream("wealth");
    const n = 200_000;
    const xs = sample(n, () => logNormal(s, WEALTH_MU, WEALTH_SIGMA));
    const m = moments(xs);
    expectWithin(m.mean, 1000, 500 / Math.sqrt(n), "mean");
    // the sample sd of a log-normal converges slowly (heavy tail): 3% is ~5 standard errors here
    expect(Math.sqrt(m.variance)).to.be.closeTo(500, 15);
    const logs = moments(Array.from(xs, Math.log));
    expectWithin(logs.mean, WEALTH_MU, WEALTH_SIGMA / Math.sqrt(n), "mean of ln wealth");
  });

  it("geometric gaps have P(G ≥ k) = (1 − p)^k, and the edge cases p = 0 and p = 1", () => {
    const s = new RandomStream("gaps");
    for (const p of [0.005, 0.03, 0.5]) {
      const g = new GeometricGaps(p);
      const xs = sample(N, () => g.draw(s));
      const mean = (1 - p) / p;
      expectWithin(moments(xs).mean, mean, Math.sqrt((1 - p) / (p * p) / N), `mean gap at p = ${p}`);
      const k = Math.round(1 / p);
      const tail = xs.filter((x) => x >= k).length / N;
      expectWithin(tail, (1 - p) ** k, Math.sqrt(((1 - p) ** k * (1 - (1 - p) ** k)) / N), `P(G ≥ ${k})`);
    }
    expect(new GeometricGaps(0).draw(s)).to.equal(Number.POSITIVE_INFINITY);
    expect(new GeometricGaps(1).draw(s)).to.equal(0);
  });
});

describe("env: agents and losses", () => {
  it("draws the specification's trait distributions", () => {
    const a = drawAgents(20_000, new RandomStream("agents"));
    const n = a.count;
    const checks: [string, Float64Array, number, number, number, number][] = [
      ["neuroticism", a.neuroticism, 0.2, 0.8, 0.5, 0.6 ** 2 / 12],
      ["baseline risk", a.baselineRisk, 0.01, 0.05, 0.03, 0.04 ** 2 / 12],
      ["buttressing", a.buttressing, 0.5, 2.0, 1.25, 1.5 ** 2 * 0.05],
      ["integrity", a.integrity, 0, 1, 0.5, 1 / 12],
    ];
    for (const [name, xs, lo, hi, mean, variance] of checks) {
      for (const x of xs) expect(x > lo && x < hi, name).to.equal(true);
      const m = moments(xs);
      expectWithin(m.mean, mean, Math.sqrt(variance / n), `${name} mean`);
      expectWithin(m.variance, variance, variance * Math.sqrt(2 / n) * 1.5, `${name} variance`);
    }
  });

  it("assigns ⌊fraction·n⌋ distinct mandatory members, each to a valid pool", () => {
    for (const [frac, n, pools] of [
      [0.2, 200, 3],
      [0, 200, 2],
      [1, 50, 1],
      [0.137, 200, 2],
    ] as const) {
      const m = drawMandatory(frac, n, pools, new RandomStream(`m${frac}`));
      const members = [...m].filter((q) => q >= 0);
      expect(members.length).to.equal(Math.floor(frac * n));
      for (const q of members) expect(q).to.be.within(0, pools - 1);
    }
    // each agent equally likely to be chosen
    const hits = new Array<number>(10).fill(0);
    for (let r = 0; r < 4000; r++) drawMandatory(0.3, 10, 1, new RandomStream(`mm${r}`)).forEach((q, i) => (hits[i]! += q >= 0 ? 1 : 0));
    for (const h of hits) expectWithin(h / 4000, 0.3, Math.sqrt(0.21 / 4000), "membership frequency");
  });

  it("gives each non-flipped agent a loss with probability p_loss each step, independently", () => {
    const p = { ...defaultParams(), p_loss: 0.02, lambda_komp: 0, lambda_eng: 0, n_agents: 200 };
    const env = new Environment(p, { seed: "loss-test" });
    const steps = 3000;
    const perStep: number[] = [];
    const perAgent = new Array<number>(200).fill(0);
    for (let t = 0; t < steps; t++) {
      const ev = env.beginStep(t);
      perStep.push(ev.lossCount);
      let prev = -1;
      for (let k = 0; k < ev.lossCount; k++) {
        const i = ev.lossAgents[k]!;
        expect(i).to.be.above(prev); // ascending, at most one loss per agent per step
        prev = i;
        perAgent[i]!++;
      }
      env.prepareOffers({ capital: [0, 0], engCapital: [0, 0], canBuy: [0, 0] });
    }
    const m = moments(perStep);
    expectWithin(m.mean, 200 * 0.02, Math.sqrt((200 * 0.02 * 0.98) / steps), "losses per step");
    expectWithin(m.variance, 200 * 0.02 * 0.98, 3.92 * Math.sqrt(2 / steps) * 1.2, "variance of losses per step (binomial)");
    const a = moments(perAgent);
    expectWithin(a.mean, steps * 0.02, Math.sqrt((steps * 0.02 * 0.98) / 200), "losses per agent");
  });
});
