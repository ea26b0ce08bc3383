/**
 * Risk figures: a proportion with its Wilson interval, sample quantiles with distribution-free
 * (order-statistic) intervals, and the expected shortfall.
 */
import { Z95 } from "./sensitivity.js";

export interface Proportion {
  count: number;
  n: number;
  /** count / n; null when n = 0. */
  estimate: number | null;
  /** Wilson score interval (95% unless another z is given); null when n = 0. */
  interval: [number, number] | null;
}

/**
 * A proportion with its Wilson score interval (Wilson 1927), which, unlike the normal interval, stays
 * inside [0, 1] and is not empty at 0 or n successes.
 *
 * @example wilson(0, 10).interval // [0, 0.2775]
 */
export function wilson(count: number, n: number, z = Z95): Proportion {
  if (!Number.isInteger(count) || !Number.isInteger(n) || count < 0 || count > n) {
    throw new RangeError(`wilson: need integers 0 ≤ count ≤ n, got ${count} of ${n}`);
  }
  if (n === 0) return { count, n, estimate: null, interval: null };
  const p = count / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 and n successes the bounds are exactly 0 and 1 (the formula gets there up to round-off).
  const lo = count === 0 ? 0 : Math.max(0, centre - half);
  const hi = count === n ? 1 : Math.min(1, centre + half);
  return { count, n, estimate: p, interval: [lo, hi] };
}

/** Sorted copy (ascending). */
export function sorted(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values as ArrayLike<number>).sort();
}

/**
 * The p-quantile of sorted values by linear interpolation between order statistics at position
 * (n − 1)·p (Hyndman–Fan type 7, numpy's and R's default).
 *
 * @example quantileSorted([1, 2, 3, 4, 5], 0.05) // 1.2
 */
export function quantileSorted(s: ArrayLike<number>, p: number): number | null {
  const n = s.length;
  if (n === 0) return null;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

/** P(B ≤ k) for k = 0..n of B ~ Binomial(n, p), computed in log space (safe for large n). */
export function binomialCdf(n: number, p: number): Float64Array {
  const cdf = new Float64Array(n + 1);
  if (p <= 0) return cdf.fill(1);
  if (p >= 1) {
    cdf[n] = 1;
    return cdf;
  }
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let logC = 0; // log C(n, k)
  let acc = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) logC += Math.log(n - k + 1) - Math.log(k);
    acc += Math.exp(logC + k * lp + (n - k) * lq);
    cdf[k] = Math.min(1, acc);
  }
  return cdf;
}

export interface QuantileInterval {
  /** 1-based order statistics bounding the interval. */
  lowerRank: number;
  upperRank: number;
  lower: number;
  upper: number;
  /** Exact coverage for a continuous distribution: P(lowerRank ≤ B < upperRank), B ~ Bin(n, p). */
  coverage: number;
}

/**
 * A distribution-free interval for the p-quantile from sorted values: [x₍ₗ₎, x₍ᵤ₎] with l the largest
 * rank such that P(B ≤ l − 1) ≤ α/2 and u the smallest such that P(B ≤ u − 1) ≥ 1 − α/2, B ~ Bin(n, p);
 * its coverage is at least 1 − α. Null when n is too small for such ranks to exist.
 *
 * @example quantileInterval(sorted 1..10, 0.5) // ranks 2 and 9, coverage 0.9785
 */
export function quantileInterval(s: ArrayLike<number>, p: number, alpha = 0.05): QuantileInterval | null {
  const n = s.length;
  if (n === 0) return null;
  const cdf = binomialCdf(n, p);
  let l = 0;
  for (let j = 1; j <= n; j++) if (cdf[j - 1]! <= alpha / 2) l = j;
  let u = 0;
  for (let j = n; j >= 1; j--) if (cdf[j - 1]! >= 1 - alpha / 2) u = j;
  if (l < 1 || u < 1 || u <= l) return null;
  return { lowerRank: l, upperRank: u, lower: s[l - 1]!, upper: s[u - 1]!, coverage: cdf[u - 1]! - cdf[l - 1]! };
}

/**
 * The expected shortfall at level p: the mean of the worst ⌈p·n⌉ values (the lowest, for profit).
 *
 * @example expectedShortfallSorted([-10, -2, 0, 1, 5], 0.4) // (−10 − 2)/2 = −6
 */
export function expectedShortfallSorted(s: ArrayLike<number>, p: number): number | null {
  const n = s.length;
  if (n === 0) return null;
  const k = Math.max(1, Math.ceil(p * n - 1e-9));
  let sum = 0;
  for (let i = 0; i < k; i++) sum += s[i]!;
  return sum / k;
}
