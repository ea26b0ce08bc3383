/**
 * The pools' formulas (specification §4), each as a small pure function with the specification's
 * operation order (floating-point results depend on it; sim/MODEL.md "Arithmetic"). The fast run and
 * the reference implementation both call these.
 */

/** Loading bounds of the update rule (§4.2). */
export const LOADING_MAX = 3.0;
export const LOADING_MIN = 0.5;
export const LOADING_UP = 0.2;
export const LOADING_DOWN = 0.1;
/** Risk estimate bounds (§4.1). */
export const RISK_MIN = 0.01;
export const RISK_MAX = 0.5;

/**
 * The loading after one update (§4.2), from the capital at the moment of the update:
 * below capital_low up by 0.2 (at most 3), above capital_high down by 0.1 (at least 0.5), else base.
 *
 * @example nextLoading(2, 50, { capital_low: 100, capital_high: 2000, base_loading: 2 }) === 2.2
 */
export function nextLoading(loading: number, capital: number, p: { capital_low: number; capital_high: number; base_loading: number }): number {
  if (capital < p.capital_low) return Math.min(LOADING_MAX, loading + LOADING_UP);
  if (capital > p.capital_high) return Math.max(LOADING_MIN, loading - LOADING_DOWN);
  return p.base_loading;
}

/** clip(x, 0.01, 0.5) as numpy's clip: min(max(x, lo), hi). */
export function clipRisk(x: number): number {
  return x < RISK_MIN ? RISK_MIN : x > RISK_MAX ? RISK_MAX : x;
}

/** risk_ij = clip(baseline_risk_i + alpha_k·komp_capital_p − alpha_e·eng_capital_p, 0.01, 0.5) (§4.1). */
export function riskEstimate(baselineRisk: number, kompCapital: number, engCapital: number, alphaK: number, alphaE: number): number {
  return clipRisk(baselineRisk + alphaK * kompCapital - alphaE * engCapital);
}

/** premium = risk × wealth × PREMIUM_RATE_BASE × loading (§4.2). */
export function premium(risk: number, wealth: number, rateBase: number, loading: number): number {
  return risk * wealth * rateBase * loading;
}

/** Value of a kompromat secret: amount·potency·value_multiplier_komp (§4.4). `ap` = amount·potency. */
export function kompromatValue(ap: number, valueMultiplierKomp: number): number {
  return ap * valueMultiplierKomp;
}

/** The value part of an engineering secret: amount·potency·value_multiplier_eng (§4.4). */
export function engineeringValue(ap: number, valueMultiplierEng: number): number {
  return ap * valueMultiplierEng;
}

/** future_return = amount·potency·eng_productivity_factor·(1 + eng_capital/1000), eng capital before the purchase (§4.4). */
export function futureReturn(ap: number, engProductivityFactor: number, engCapital: number): number {
  return ap * engProductivityFactor * (1 + engCapital / 1000);
}

/** The potency moving average after a purchase: (1 − rate)·avg + rate·potency (§4.4). */
export function movingAverage(avg: number, potency: number, learningRate: number): number {
  return (1 - learningRate) * avg + learningRate * potency;
}

/** Gini coefficient of the values (sorts `scratch[0..n)` in place): Σ(2i − n − 1)·x₍ᵢ₎ / (n·Σx); 0 when n = 0 or Σx = 0. */
export function giniInPlace(scratch: Float64Array, n: number): number {
  if (n === 0) return 0;
  const v = scratch.subarray(0, n).sort();
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    sum += v[i]!;
    weighted += (2 * (i + 1) - n - 1) * v[i]!;
  }
  return sum > 0 ? weighted / (n * sum) : 0;
}

/** Gini coefficient of a list of non-negative values. */
export function gini(values: ArrayLike<number>): number {
  return giniInPlace(Float64Array.from(values), values.length);
}
