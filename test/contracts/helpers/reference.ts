/**
 * A plain TypeScript reference of the study's pool formulas (specification §4), in two forms:
 * - exact integer math with the contract's rounding (`bigint`, WAD), which the contracts must match to the wei;
 * - float64 (`number`), the off-chain model's arithmetic, which the contracts must match to 1e-9 relative.
 * Deliberately written from the specification, not from the Solidity.
 */
export const WAD = 10n ** 18n;

const divUp = (a: bigint, b: bigint): bigint => (a === 0n ? 0n : (a - 1n) / b + 1n);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

export interface RefParams {
  baseLoading: bigint;
  loadingMin: bigint;
  loadingMax: bigint;
  loadingStepUp: bigint;
  loadingStepDown: bigint;
  capitalLow: bigint;
  capitalHigh: bigint;
  alphaK: bigint;
  alphaE: bigint;
  valueMultiplierKomp: bigint;
  valueMultiplierEng: bigint;
  engProductivityFactor: bigint;
  premiumRateBase: bigint;
  learningRate: bigint;
  engAssetLifetime: bigint;
  subscriptionFee: bigint;
}

export const RISK_MIN = WAD / 100n;
export const RISK_MAX = WAD / 2n;

/** §4.1: clip(baseline + αK·komp − αE·eng, 0.01, 0.5); komp term up, eng term down. */
export function riskUp(p: RefParams, baseline: bigint, kompCapital: bigint, engCapital: bigint): bigint {
  const up = baseline + divUp(kompCapital * p.alphaK, WAD);
  const down = (engCapital * p.alphaE) / WAD;
  const r = up > down ? up - down : 0n;
  return min(max(r, RISK_MIN), RISK_MAX);
}

/** §4.2: risk × wealth × PREMIUM_RATE_BASE × loading, rounded up once. */
export function premiumUp(p: RefParams, risk: bigint, wealth: bigint, loading: bigint): bigint {
  return divUp(wealth * risk * p.premiumRateBase * loading, WAD ** 3n);
}

/** §4.2: one application of the loading rule. */
export function loadingRule(p: RefParams, loading: bigint, capital: bigint): bigint {
  if (capital < p.capitalLow) return min(p.loadingMax, loading + p.loadingStepUp);
  if (capital > p.capitalHigh) return max(p.loadingMin, loading - p.loadingStepDown);
  return p.baseLoading;
}

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
