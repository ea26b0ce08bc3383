/**
 * The reference the contract tests check the pool's economics against (specification §4), in two forms:
 * - exact integer math with the contract's rounding (`bigint`, WAD), which the contracts must match to the wei.
 *   The risk estimate, the premium quote and the loading rule are the harness's mirrors
 *   (sim/harness/mirror.ts), the same code the agent harness prices its transactions with, so these tests
 *   also check the harness's arithmetic against the contracts at many points; the valuation, the potency
 *   average and stream vesting (which the harness does not compute) are written here from the specification;
 * - float64 (`number`): the off-chain model's own formulas (sim/model/mechanisms.ts), which the contracts
 *   must match to 1e-9 relative.
 */
import { RISK_MAX, RISK_MIN, nextLoadingWad, premiumUpWad, riskOfUpWad, type PoolParamsWad } from "../../../sim/harness/mirror.js";

export const WAD = 10n ** 18n;

/** The pool parameters as `InsurancePool.params()` holds them (WAD / asset wei). */
export type RefParams = PoolParamsWad;

export { RISK_MAX, RISK_MIN };

/** §4.1: clip(baseline + αK·komp − αE·eng, 0.01, 0.5); komp term up, eng term down. */
export const riskUp = riskOfUpWad;

/** §4.2: risk × wealth × PREMIUM_RATE_BASE × loading, rounded up once. */
export const premiumUp = premiumUpWad;

/** §4.2: one application of the loading rule. */
export const loadingRule = nextLoadingWad;

/** §4.4: value and future return, rounded down. */
export function valueDown(
  p: RefParams,
  kind: 0 | 1,
  amount: bigint,
  potency: bigint,
  engCapital: bigint,
): { value: bigint; futureReturn: bigint } {
  if (kind === 0) return { value: (amount * potency * p.valueMultiplierKomp) / WAD ** 2n, futureReturn: 0n };
  const value = (amount * potency * p.valueMultiplierEng) / WAD ** 2n;
  const bonus = WAD + engCapital / 1000n;
  const futureReturn = (((amount * potency * p.engProductivityFactor) / WAD) * bonus) / WAD ** 2n;
  return { value, futureReturn };
}

/** §4.4: (1 − lr)·avg + lr·potency. */
export function movingAverageDown(p: RefParams, avg: bigint, potency: bigint): bigint {
  return ((WAD - p.learningRate) * avg) / WAD + (p.learningRate * potency) / WAD;
}

/** Stream vesting (ARCHITECTURE.md rule 8). */
export function vested(total: bigint, lifetime: bigint, start: bigint, epoch: bigint): bigint {
  if (epoch < start) return 0n;
  const n = epoch - start + 1n;
  return n >= lifetime ? total : n * (total / lifetime);
}

// ------------------------------------------------------------------------------------------------
// float64, as the off-chain model computes
// ------------------------------------------------------------------------------------------------

export const toFloat = (wad: bigint): number => Number(wad) / 1e18;

export function riskFloat(alphaK: number, alphaE: number, baseline: number, komp: number, eng: number): number {
  return Math.min(Math.max(baseline + alphaK * komp - alphaE * eng, 0.01), 0.5);
}

export function premiumFloat(risk: number, wealth: number, rateBase: number, loading: number): number {
  return risk * wealth * rateBase * loading;
}

export function futureReturnFloat(amount: number, potency: number, epf: number, engCapital: number): number {
  return amount * potency * epf * (1 + engCapital / 1000);
}

/** |a − b| / max(|b|, tiny). */
export function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}
