/**
 * Units of the credit ledger. Every amount is an integer number of credit wei (bigint): one credit
 * (1 IT) is 10^18 wei, as an 18-decimal token. Rates and multipliers are WAD fixed point
 * (10^18 = 1.0). Time is whole seconds since the ledger's genesis (a number: exact below 2^53).
 */

/** 1.0 in WAD fixed point. */
export const WAD = 10n ** 18n;
/** One credit (1 IT) in credit wei. */
export const CREDIT = 10n ** 18n;
/** Basis points denominator (10,000 = 100%). */
export const BPS = 10_000n;

export const HOUR = 3_600;
export const DAY = 86_400;
/** The ledger's month: exactly 30 days of 86,400 s (a contract has no calendar). */
export const MONTH = 30 * DAY;

const DECIMAL = /^(\d+)(?:\.(\d{1,18}))?$/;

/**
 * An exact decimal string as an 18-decimal fixed-point integer.
 * @example parseFixed18("0.5") === 500000000000000000n
 */
export function parseFixed18(text: string): bigint {
  const m = DECIMAL.exec(text);
  if (!m) throw new RangeError(`not a non-negative decimal with at most 18 decimals: "${text}"`);
  const whole = BigInt(m[1]!);
  const frac = BigInt((m[2] ?? "").padEnd(18, "0"));
  return whole * 10n ** 18n + frac;
}

/** Credits as credit wei, from an exact decimal string or an integer. @example credits("2.5") */
export function credits(x: string | number): bigint {
  if (typeof x === "number") {
    if (!Number.isSafeInteger(x) || x < 0) throw new RangeError(`credits(number) takes a non-negative safe integer, got ${x}; pass a decimal string for fractions`);
    return BigInt(x) * CREDIT;
  }
  return parseFixed18(x);
}

/** A WAD fixed-point value from an exact decimal string. @example wad("0.05") */
export function wad(x: string): bigint {
  return parseFixed18(x);
}

/** x·y/d rounded towards zero (x, y ≥ 0, d > 0). */
export function mulDivDown(x: bigint, y: bigint, d: bigint): bigint {
  return (x * y) / d;
}

/** x·y/d rounded away from zero (x, y ≥ 0, d > 0). */
export function mulDivUp(x: bigint, y: bigint, d: bigint): bigint {
  const p = x * y;
  const q = p / d;
  return q * d === p ? q : q + 1n;
}

export const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);
export const maxBig = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** Credit wei as a float number of credits (for metrics and display only; never for accounting). */
export function toCredits(w: bigint): number {
  return Number(w / CREDIT) + Number(w % CREDIT) / 1e18;
}

/** A float rounded to a 10^-6 grid and returned as an 18-decimal fixed-point integer (exact, reproducible). */
export function fromFloat6(x: number): bigint {
  if (!Number.isFinite(x)) throw new RangeError(`fromFloat6: not finite: ${x}`);
  return BigInt(Math.round(x * 1e6)) * 10n ** 12n;
}

/** Credit wei as an exact decimal string of credits, trailing zeros trimmed. @example formatCredits(1500000000000000000n) === "1.5" */
export function formatCredits(w: bigint): string {
  const neg = w < 0n;
  const a = neg ? -w : w;
  const whole = a / CREDIT;
  const frac = (a % CREDIT).toString().padStart(18, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${whole}${frac ? "." + frac : ""}`;
}
