/**
 * Exact bigint mirrors of the InsurancePool formulas the harness needs before a transaction is mined:
 * the loading rule (applied once per epoch), the risk estimate and the premium quote, and the payout of a
 * claim. They are the contract's integer arithmetic, not the model's floats.
 *
 * A mirror is never trusted silently: the premium is passed as `maxPremium` (a chain quote above it
 * reverts with Pool_PremiumAboveMax) and the harness compares the premium in every CoverBought event, the
 * loading in every pool state and the payout in every ClaimPaid event with the mirror's figure; any
 * difference stops the run (sim/harness/README.md, "Checks").
 */
import { mulDivDown, mulDivUp } from "./units.js";

const WAD = 10n ** 18n;
/** InsurancePool.RISK_MIN / RISK_MAX, WAD. */
export const RISK_MIN = 10n ** 16n;
export const RISK_MAX = 5n * 10n ** 17n;
const E54 = 10n ** 54n;

/** The pool parameters the mirrors read (`InsurancePool.params()`), WAD / asset wei. */
export interface PoolParamsWad {
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

/** `_applyLoadingRule`: one epoch of the study's rule with the capital at the end of the previous epoch. */
export function nextLoadingWad(p: PoolParamsWad, loading: bigint, capital: bigint): bigint {
  if (capital < p.capitalLow) {
    const up = loading + p.loadingStepUp;
    return up < p.loadingMax ? up : p.loadingMax;
  }
  if (capital > p.capitalHigh) {
    return loading > p.loadingMin + p.loadingStepDown ? loading - p.loadingStepDown : p.loadingMin;
  }
  return p.baseLoading;
}

/** `_riskOfUp`: clip(baseline + ⌈K·αK⌉ − ⌊E·αE⌋, RISK_MIN, RISK_MAX), WAD. */
export function riskOfUpWad(p: PoolParamsWad, baseline: bigint, kompCapital: bigint, engCapital: bigint): bigint {
  const up = baseline + mulDivUp(kompCapital, p.alphaK, WAD);
  const down = mulDivDown(engCapital, p.alphaE, WAD);
  const risk = up > down ? up - down : 0n;
  return risk < RISK_MIN ? RISK_MIN : risk > RISK_MAX ? RISK_MAX : risk;
}

/** `_premiumUp`: ⌈wealth × risk × premiumRateBase × loading / 1e54⌉, asset wei. */
export function premiumUpWad(p: PoolParamsWad, risk: bigint, wealth: bigint, loading: bigint): bigint {
  return mulDivUp(wealth, risk * p.premiumRateBase * loading, E54);
}

/** A claim's payout: min(loss, capital). */
export function payoutWad(loss: bigint, capital: bigint): bigint {
  return loss < capital ? loss : capital;
}
