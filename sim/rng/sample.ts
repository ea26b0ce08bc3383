/**
 * The distributions of the specification, each drawn from one `RandomStream` by a fixed procedure
 * (the procedure is part of the model's definition: the fast model and the reference implementation
 * call these same functions, so they draw the same numbers). Derivations in sim/MODEL.md.
 */
import type { RandomStream } from "./streams.js";

const TWO_PI = 2 * Math.PI;

/** Uniform on (lo, hi): lo + (hi − lo)·u, as numpy's `uniform(lo, hi)`. */
export function uniformBetween(s: RandomStream, lo: number, hi: number): number {
  return lo + (hi - lo) * s.uniform();
}

/** Standard normal by Box–Muller (cosine branch; two uniforms, one normal). */
export function standardNormal(s: RandomStream): number {
  const u1 = s.uniform();
  const u2 = s.uniform();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2);
}

/** exp(mu + sigma·Z), Z standard normal. */
export function logNormal(s: RandomStream, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * standardNormal(s));
}

/**
 * Beta(2, 2) as the median of three uniforms (the 2nd order statistic of 3 is Beta(2, 2)).
 * The value is one of the three uniforms, so it lies strictly inside (0, 1).
 */
export function beta22(s: RandomStream): number {
  const a = s.uniform();
  const b = s.uniform();
  const c = s.uniform();
  // median of three
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}

/** Beta(2, 5): the 2nd smallest of six uniforms. Strictly inside (0, 1). */
export function beta25(s: RandomStream): number {
  let min1 = 2;
  let min2 = 2;
  for (let k = 0; k < 6; k++) {
    const u = s.uniform();
    if (u < min1) {
      min2 = min1;
      min1 = u;
    } else if (u < min2) {
      min2 = u;
    }
  }
  return min2;
}

/** Beta(5, 2): the 2nd largest (5th smallest) of six uniforms. Strictly inside (0, 1). */
export function beta52(s: RandomStream): number {
  let max1 = -1;
  let max2 = -1;
  for (let k = 0; k < 6; k++) {
    const u = s.uniform();
    if (u > max1) {
      max2 = max1;
      max1 = u;
    } else if (u > max2) {
      max2 = u;
    }
  }
  return max2;
}

/** Poisson means at or above this use PTRS; below, inversion by sequential search. */
export const POISSON_PTRS_FROM = 10;

/**
 * A Poisson(λ) sampler with λ's constants computed once.
 * λ < 10: inversion by sequential search from 0 (one uniform per draw).
 * λ ≥ 10: Hörmann's PTRS transformed rejection ("The transformed rejection method for generating
 * Poisson random variables", 1993), as numpy implements it (two uniforms per try).
 */
export class PoissonSampler {
  private readonly expNegLambda: number;
  private readonly slam: number;
  private readonly loglam: number;
  private readonly b: number;
  private readonly a: number;
  private readonly invalpha: number;
  private readonly vr: number;

  constructor(readonly lambda: number) {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`Poisson mean must be finite and ≥ 0, got ${lambda}`);
    this.expNegLambda = Math.exp(-lambda);
    this.slam = Math.sqrt(lambda);
    this.loglam = Math.log(lambda);
    this.b = 0.931 + 2.53 * this.slam;
    this.a = -0.059 + 0.02483 * this.b;
    this.invalpha = 1.1239 + 1.1328 / (this.b - 3.4);
    this.vr = 0.9277 - 3.6224 / (this.b - 2);
  }

  draw(s: RandomStream): number {
    return this.lambda < POISSON_PTRS_FROM ? this.inversion(s) : this.ptrs(s);
  }

  private inversion(s: RandomStream): number {
    const u = s.uniform();
    let k = 0;
    let p = this.expNegLambda;
    let cdf = p;
    while (u > cdf) {
      k++;
      p *= this.lambda / k;
      if (p === 0) break; // the remaining tail is below double precision
      cdf += p;
    }
    return k;
  }

  private ptrs(s: RandomStream): number {
    const { a, b, invalpha, vr, loglam, lambda } = this;
    const logInvalpha = Math.log(invalpha);
    for (;;) {
      const u = s.uniform() - 0.5;
      const v = s.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + logInvalpha - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logGamma(k + 1)) return k;
    }
  }
}

const LOGGAM_COEF = [
  8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4, -5.952380952380952e-4, 8.417508417508418e-4,
  -1.917526917526918e-3, 6.41025641025641e-3, -2.955065359477124e-2, 1.796443723688307e-1, -1.3924322169059,
];

/** ln Γ(x) for x > 0 (numpy's `random_loggam`: Stirling series, shifted up to x ≥ 7). */
export function logGamma(x: number): number {
  if (x === 1 || x === 2) return 0;
  const n = x < 7 ? Math.floor(7 - x) : 0;
  let x0 = x + n;
  const x2 = (1 / x0) * (1 / x0);
  let gl0 = LOGGAM_COEF[9]!;
  for (let k = 8; k >= 0; k--) gl0 = gl0 * x2 + LOGGAM_COEF[k]!;
  let gl = gl0 / x0 + 0.5 * 1.8378770664093453 + (x0 - 0.5) * Math.log(x0) - x0;
  for (let k = 1; k <= n; k++) {
    gl -= Math.log(x0 - 1);
    x0 -= 1;
  }
  return gl;
}

/**
 * Geometric gaps between successes of independent Bernoulli(p) trials: `draw` returns the number of
 * failures before the next success, G = ⌊ln U / ln(1 − p)⌋ with U uniform on (0, 1) (53-bit), so
 * P(G ≥ k) = P(U ≤ (1 − p)^k) = (1 − p)^k. p = 0 gives +∞ (no success ever), p = 1 gives 0.
 */
export class GeometricGaps {
  private readonly log1mp: number;
  constructor(readonly p: number) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
    this.log1mp = Math.log1p(-p);
  }
  draw(s: RandomStream): number {
    return Math.floor(Math.log(s.uniform53()) / this.log1mp);
  }
}
