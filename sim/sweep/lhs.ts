/**
 * Latin hypercube sampling from seeded `seedrandom` streams.
 *
 * n points in [0, 1)^d: for each dimension the n strata [k/n, (k+1)/n) are used exactly once. Dimension
 * j's stratum for point i is perm_j[i], a uniformly random permutation; the point's position inside its
 * stratum is a uniform jitter. Two streams, so the jitter never shifts the permutations:
 *
 * - `<seed>/lhs/permutations`: for j = 0..d−1, a Fisher–Yates shuffle of 0..n−1
 *   (for k = n−1 down to 1: swap k with floor(u·(k+1))).
 * - `<seed>/lhs/jitter`: for i = 0..n−1, for j = 0..d−1, one u; x[i][j] = (perm_j[i] + u) / n.
 *
 * Memory: the permutations take 4·n·d bytes (68 bytes per point for the study's 17 dimensions); points
 * are produced one at a time.
 */
import seedrandom from "seedrandom";

/** The largest number of points a hypercube may have (permutations are 32-bit). */
export const MAX_LHS_POINTS = 50_000_000;

export class LatinHypercube {
  readonly permutations: readonly Uint32Array[];

  constructor(
    readonly n: number,
    readonly d: number,
    readonly seed: string,
  ) {
    if (!Number.isInteger(n) || n < 1 || n > MAX_LHS_POINTS) {
      throw new RangeError(`a Latin hypercube needs 1..${MAX_LHS_POINTS} points, got ${n}`);
    }
    if (!Number.isInteger(d) || d < 0) throw new RangeError(`bad dimension count ${d}`);
    const rng = seedrandom(`${seed}/lhs/permutations`);
    const perms: Uint32Array[] = [];
    for (let j = 0; j < d; j++) {
      const p = new Uint32Array(n);
      for (let k = 0; k < n; k++) p[k] = k;
      for (let k = n - 1; k > 0; k--) {
        const r = Math.floor(rng() * (k + 1));
        const t = p[k]!;
        p[k] = p[r]!;
        p[r] = t;
      }
      perms.push(p);
    }
    this.permutations = perms;
  }

  /** The points in order, each in [0, 1)^d. The yielded array is reused: copy it to keep it. */
  *points(): Generator<Float64Array, void, undefined> {
    const rng = seedrandom(`${this.seed}/lhs/jitter`);
    const x = new Float64Array(this.d);
    for (let i = 0; i < this.n; i++) {
      for (let j = 0; j < this.d; j++) x[j] = (this.permutations[j]![i]! + rng()) / this.n;
      yield x;
    }
  }
}
