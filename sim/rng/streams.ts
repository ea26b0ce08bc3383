/**
 * Seeded random streams: one seedrandom generator per purpose, derived from the run seed, so that a
 * draw skipped in one purpose shifts no other (ARCHITECTURE.md "Randomness").
 *
 * Every number the model uses is built here from the generator's raw 32-bit output, so the
 * conversions (open intervals, exact integer ranges) are ours and documented in sim/MODEL.md:
 *
 * - `uniform()`   — (k + ½)·2⁻³², k the raw 32-bit word: 32-bit resolution, strictly inside (0, 1).
 * - `uniform53()` — 53-bit resolution from two words, strictly inside (0, 1).
 * - `below(n)`    — exactly uniform on {0, …, n−1} (Lemire's multiply-and-reject).
 */
import seedrandom from "seedrandom";

/**
 * The seedrandom algorithm behind every stream, chosen by measurement (`npm run bench:model` prints
 * each candidate's cost per draw, each in a fresh process) among those without known statistical
 * failures: xor4096 (Brent's xorgens, period 2⁴⁰⁹⁶ − 2³², passes TestU01's BigCrush) is the fastest
 * of them here — faster than tychei and alea; xor128 and xorwow are as fast but fail BigCrush's
 * linear-complexity and matrix-rank tests. Its seeding costs a few µs per stream, once per run.
 */
export const GENERATOR = "xor4096" as const;

/** Generators `bench:model` compares; all are seedrandom's. */
export const CANDIDATE_GENERATORS = ["tychei", "alea", "xor128", "xorwow", "xor4096", "xorshift7"] as const;
export type GeneratorName = (typeof CANDIDATE_GENERATORS)[number];

/** The purposes that draw random numbers, each with its own stream (see sim/MODEL.md "Randomness"). */
export const STREAM_PURPOSES = [
  "agents", // agent traits at start
  "mandatory", // mandatory members and their pools
  "komp", // kompromat count, hunter flag and potency
  "hoard", // target and amount of hoarded kompromat
  "kompSale", // target, amount and ask of for-sale kompromat (no metric depends on them)
  "eng", // engineering count, engineer, amount and potency
  "losses", // loss events (geometric gaps)
  "flips", // flip draws (only under the `proportional` flip rule)
  "shuffle", // the order in which secrets are offered
  "asks", // ask prices
  "poolOrder", // per-offer pool order (only under the `shuffled` pool-order switch)
] as const;
export type StreamPurpose = (typeof STREAM_PURPOSES)[number];

const TWO_POW_32 = 4294967296;
const INV_2_32 = 1 / TWO_POW_32;
const HALF_INV_2_32 = 0.5 / TWO_POW_32;
const TWO_POW_53 = 9007199254740992;
const INV_2_53 = 1 / TWO_POW_53;
const MAX_SMALL_RANGE = 2097152; // 2²¹: x·n stays below 2⁵³

/** One seeded stream of random numbers. */
export class RandomStream {
  /** The generator's raw signed 32-bit output. */
  private readonly next: () => number;

  /**
   * @param seed the stream's own seed, e.g. `streamSeed(runSeed, "losses")`
   * @example new RandomStream("42/7#losses").uniform()
   */
  constructor(
    readonly seed: string,
    generator: GeneratorName = GENERATOR,
  ) {
    const prng = seedrandom[generator](seed);
    this.next = prng.int32;
  }

  /** A raw 32-bit word as an unsigned integer in [0, 2³²). */
  u32(): number {
    return this.next() >>> 0;
  }

  /** Uniform on (0, 1), 32-bit resolution: (k + ½)/2³². Never 0, never 1. */
  uniform(): number {
    return (this.next() >>> 0) * INV_2_32 + HALF_INV_2_32;
  }

  /** Uniform on (0, 1), 53-bit resolution (two words): (k + ½)/2⁵³. Never 0, never 1. */
  uniform53(): number {
    const hi = (this.next() >>> 0) >>> 5; // 27 bits
    const lo = (this.next() >>> 0) >>> 6; // 26 bits
    return (hi * 67108864 + lo + 0.5) * INV_2_53;
  }

  /**
   * Exactly uniform integer in [0, n), n ≥ 1. For n ≤ 2²¹ (every case in practice), Lemire 2019
   * ("Fast random integer generation in an interval"): m = x·n with one 32-bit word x; accept unless
   * the low word of m falls in the biased zone (probability < n/2³²). Larger n: 53-bit words with
   * rejection of the incomplete last block.
   */
  below(n: number): number {
    if (n > MAX_SMALL_RANGE) return this.belowLarge(n);
    let x = this.next() >>> 0;
    // x·n < 2⁵³ is exact; its low word is Math.imul's (exact integer product mod 2³²).
    let low = Math.imul(x, n) >>> 0;
    if (low < n) {
      const threshold = (TWO_POW_32 - n) % n;
      while (low < threshold) {
        x = this.next() >>> 0;
        low = Math.imul(x, n) >>> 0;
      }
    }
    return Math.floor(x * n * INV_2_32);
  }

  private belowLarge(n: number): number {
    const limit = Math.floor(TWO_POW_53 / n) * n;
    for (;;) {
      const k = ((this.next() >>> 0) >>> 5) * 67108864 + ((this.next() >>> 0) >>> 6);
      if (k < limit) return k % n;
    }
  }
}

/** The seed of one purpose's stream within a run. */
export function streamSeed(runSeed: string, purpose: StreamPurpose): string {
  return `${runSeed}#${purpose}`;
}

/** Every stream of one run, created lazily (a stream nobody draws from costs nothing). */
export class RunStreams {
  private readonly cache = new Map<StreamPurpose, RandomStream>();
  constructor(
    readonly runSeed: string,
    readonly generator: GeneratorName = GENERATOR,
  ) {}

  get(purpose: StreamPurpose): RandomStream {
    let s = this.cache.get(purpose);
    if (s === undefined) {
      s = new RandomStream(streamSeed(this.runSeed, purpose), this.generator);
      this.cache.set(purpose, s);
    }
    return s;
  }
}
