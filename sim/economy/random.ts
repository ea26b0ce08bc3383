/**
 * Seeded random streams for the economy model: one seedrandom generator per purpose, seeded
 * `${runSeed}#economy/${purpose}`, so a draw skipped in one purpose shifts no other (ARCHITECTURE.md
 * "Randomness"). Same generator as sim/rng (tychei).
 */
import seedrandom from "seedrandom";

export const ECONOMY_STREAMS = [
  "population", // archetypes, F1 scores, whales, attackers
  "activity", // daily submission counts and types, missions, quality
  "events", // evidence reviews, votes, circles, priority, disputes and their outcomes
  "allocation", // validation work allocation rounding
  "order", // the order of the day's operations
  "churn", // arrivals, departures, referrers
  "scenario", // scenario-specific draws (spam detection, feature purchases)
] as const;
export type EconomyStream = (typeof ECONOMY_STREAMS)[number];

const INV_2_32 = 1 / 4294967296;

export class Stream {
  private readonly next: () => number;
  constructor(readonly seed: string) {
    this.next = seedrandom.tychei(seed).int32;
  }

  /** Uniform on (0, 1), 32-bit resolution. */
  uniform(): number {
    return ((this.next() >>> 0) + 0.5) * INV_2_32;
  }

  /** Uniform integer in [0, n) (n ≤ 2^21; floor of a 32-bit uniform: bias < n / 2^32). */
  below(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Uniform integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** Poisson(λ): inversion for λ < 30, a rounded normal approximation above (|error| of the approximation ≪ the model's other uncertainties). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda < 30) {
      const u = this.uniform();
      let k = 0;
      let p = Math.exp(-lambda);
      let cdf = p;
      while (u > cdf) {
        k++;
        p *= lambda / k;
        if (p === 0) break;
        cdf += p;
      }
      return k;
    }
    const z = Math.sqrt(-2 * Math.log(this.uniform())) * Math.cos(2 * Math.PI * this.uniform());
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
  }

  /** Fisher–Yates shuffle in place. */
  shuffle(a: Int32Array | number[]): void {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      const tmp = a[i]!;
      a[i] = a[j]!;
      a[j] = tmp;
    }
  }
}

export class EconomyStreams {
  private readonly cache = new Map<EconomyStream, Stream>();
  constructor(readonly runSeed: string) {}
  get(purpose: EconomyStream): Stream {
    let s = this.cache.get(purpose);
    if (!s) {
      s = new Stream(`${this.runSeed}#economy/${purpose}`);
      this.cache.set(purpose, s);
    }
    return s;
  }
}
