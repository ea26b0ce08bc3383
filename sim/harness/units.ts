/**
 * Units between the model (float64, one study wealth unit = 1.0) and the chain (asset wei and WAD, 1e18).
 *
 * `toWad` converts a float through its shortest decimal representation (the digits `String(x)` prints),
 * rounded half up at 18 decimals: 0.0006 becomes exactly 600000000000000n, and any float becomes the wei
 * amount nearest to it (relative error below 1e-16 for the magnitudes the study uses). `fromWad` is
 * `Number(wei) / 1e18`: two correctly rounded operations, so within 2^-52 relative of the exact value.
 */

export const WAD = 10n ** 18n;
const WAD_DECIMALS = 18;

/** Float (study units, rates, potencies) → WAD bigint, via the float's shortest decimal digits. */
export function toWad(x: number): bigint {
  if (!Number.isFinite(x)) throw new RangeError(`toWad: ${x} is not a finite number`);
  if (x < 0) return -toWad(-x);
  if (x === 0) return 0n;
  // x.toExponential() without an argument prints as many digits as needed to identify x uniquely.
  const [mantissa, expPart] = x.toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  // value = 0.digits… × 10^(exp + 1); in WAD units: digits × 10^(exp + 1 − len + 18)
  const shift = Number(expPart) + 1 - digits.length + WAD_DECIMALS;
  const d = BigInt(digits);
  if (shift >= 0) return d * 10n ** BigInt(shift);
  const div = 10n ** BigInt(-shift);
  const q = d / div;
  const r = d % div;
  return 2n * r >= div ? q + 1n : q;
}

/** WAD bigint (asset wei, rates) → float. */
export function fromWad(w: bigint): number {
  return Number(w) / 1e18;
}

/**
 * `mulDiv(x, y, d)` rounded down (Solidity's Math.mulDiv) and up (Math.Rounding.Ceil), for x, y ≥ 0, d > 0:
 * the credit ledger's (sim/economy/units.ts; pure, so the harness may import it).
 */
export { mulDivDown, mulDivUp } from "../economy/units.js";

/** A bigint as a 0x-prefixed 32-byte hex word. */
export function word(x: bigint): string {
  return "0x" + x.toString(16).padStart(64, "0");
}

/** Relative difference used by the differential check: |a − b| / max(|a|, |b|), 0 when both are 0. */
export function relativeDifference(a: number, b: number): number {
  const m = Math.max(Math.abs(a), Math.abs(b));
  return m === 0 ? 0 : Math.abs(a - b) / m;
}
