/**
 * The model's ledger configuration (sim/economy/config.ts) as the credit contracts' constructor arguments,
 * so chain and model run on one source of numbers, and the enum indices the contracts use for the model's
 * names. Pure: no chain imports (the Ignition module uses it too).
 *
 * @example
 *   const c = defaultLedgerConfig();
 *   const economy = await ethers.deployContract("CreditEconomy", [name, symbol, admin, toEconomyConfig(c), params]);
 */
import {
  AUTO_PARAMS,
  LEVERS,
  SPEND_KINDS,
  SUBMISSION_TYPES,
  type AutoParam,
  type LedgerConfig,
  type Lever,
  type SpendKind,
  type SubmissionType,
} from "../../economy/config.js";

/** `EconomyConfig` of contracts/credit/CreditTypes.sol (every field a bigint; tuples for the fixed arrays). */
export interface EconomyConfigArgs {
  splitReserveBps: bigint;
  splitBurnBps: bigint;
  spendCost: [bigint, bigint, bigint];
  disputeStake: bigint;
  disputeBonus: bigint;
  slashFirst: bigint;
  slashSecond: bigint;
  discountBelow: [bigint, bigint];
  discountWad: [bigint, bigint];
  validationFundedBps: bigint;
  f1Slope: bigint;
  f1Offset: bigint;
  f1MultMin: bigint;
  f1MultMax: bigint;
  f1Min: bigint;
  qualityMin: bigint;
  qualityMax: bigint;
  reviewMin: bigint;
  reviewMax: bigint;
  drThreshold: bigint;
  inactivityThreshold: bigint;
  decayPeriod: bigint;
  decayFloor: bigint;
  capPerActiveAgent: bigint;
  activeWindowDays: bigint;
  capReleaseBps: bigint;
  cappedFaucetWad: bigint;
  escalatedFaucetWad: bigint;
  capEscalationDelay: bigint;
  cappedValidationCap: bigint;
  evaluationInterval: bigint;
  topUpBelow: bigint;
  topUpWindow: bigint;
  decaySuspension: bigint;
  tierAtLeast: [bigint, bigint, bigint];
  tierDiscount: [bigint, bigint, bigint];
}

/** `LeverSpec` of CreditTypes.sol. */
export interface LeverSpecArgs {
  defaultValue: bigint;
  min: bigint;
  max: bigint;
  step: bigint;
}

/** `ParamsConfig` of CreditTypes.sol. */
export interface ParamsConfigArgs {
  submissionCost: [bigint, bigint, bigint];
  minSubmissionCost: bigint;
  drRateDefault: bigint;
  autoAdjustAtGenesis: boolean;
  paramCooldown: bigint;
  rampDuration: bigint;
  maxStepWad: bigint;
  maxDeviationWad: bigint;
  inflationWarnWad: bigint;
  inflationEmergencyWad: bigint;
  deflationWad: bigint;
  liquidityMedian: bigint;
  giniThresholdWad: bigint;
  velocityLowWad: bigint;
  velocityHighWad: bigint;
  missionBoostWad: bigint;
  missionBoostWindow: bigint;
  validationStimulusWad: bigint;
  validationStimulusWindow: bigint;
  leverDelay: bigint;
  leverDuration: bigint;
  levers: LeverSpecArgs[];
}

/** Index of each name in the contracts' enums (the model's arrays are in enum order). */
export const SUBMISSION_TYPE_INDEX = indexOf(SUBMISSION_TYPES);
export const SPEND_KIND_INDEX = indexOf(SPEND_KINDS);
export const LEVER_INDEX = indexOf(LEVERS);
export const AUTO_PARAM_INDEX = indexOf(AUTO_PARAMS);

/** The lever each automatic parameter's base comes from, as hard-wired in CreditParameters (`_driver`). */
const CONTRACT_DRIVERS: Partial<Record<AutoParam, Lever>> = {
  validationReward: "validationReward",
  problemCost: "submissionCostMultiplier",
  solutionCost: "submissionCostMultiplier",
  debateCost: "submissionCostMultiplier",
  validationCap: "validationCap",
  earningCap: "earningCap",
  decayRate: "decayRate",
};

/** Why a config cannot be expressed by the contracts (fixed-size tables, hard-wired lever drivers). */
export class UnsupportedLedgerConfigError extends Error {
  override name = "UnsupportedLedgerConfigError";
}

/** The economy's constructor config. Throws when the config has a shape the contract cannot hold. */
export function toEconomyConfig(c: LedgerConfig): EconomyConfigArgs {
  if (c.discountTiers.length !== 2) throw new UnsupportedLedgerConfigError(`discountTiers: the contract holds exactly 2 tiers, got ${c.discountTiers.length}`);
  if (c.subscriptionTiers.length !== 3) throw new UnsupportedLedgerConfigError(`subscriptionTiers: the contract holds exactly 3 tiers, got ${c.subscriptionTiers.length}`);
  const d = c.discountTiers;
  const s = c.subscriptionTiers;
  return {
    splitReserveBps: c.splitReserveBps,
    splitBurnBps: c.splitBurnBps,
    spendCost: [c.spendCost.vote, c.spendCost.circle, c.spendCost.priority],
    disputeStake: c.disputeStake,
    disputeBonus: c.disputeBonus,
    slashFirst: c.slashFirst,
    slashSecond: c.slashSecond,
    discountBelow: [d[0]![0], d[1]![0]],
    discountWad: [d[0]![1], d[1]![1]],
    validationFundedBps: c.validationFundedBps,
    f1Slope: c.f1Slope,
    f1Offset: c.f1Offset,
    f1MultMin: c.f1MultMin,
    f1MultMax: c.f1MultMax,
    f1Min: c.f1Min,
    qualityMin: c.qualityMin,
    qualityMax: c.qualityMax,
    reviewMin: c.reviewMin,
    reviewMax: c.reviewMax,
    drThreshold: c.drThreshold,
    inactivityThreshold: BigInt(c.inactivityThreshold),
    decayPeriod: BigInt(c.decayPeriod),
    decayFloor: c.decayFloor,
    capPerActiveAgent: c.capPerActiveAgent,
    activeWindowDays: BigInt(c.activeWindowDays),
    capReleaseBps: c.capReleaseBps,
    cappedFaucetWad: c.cappedFaucetWad,
    escalatedFaucetWad: c.escalatedFaucetWad,
    capEscalationDelay: BigInt(c.capEscalationDelay),
    cappedValidationCap: BigInt(c.cappedValidationCap),
    evaluationInterval: BigInt(c.evaluationInterval),
    topUpBelow: c.topUpBelow,
    topUpWindow: BigInt(c.topUpWindow),
    decaySuspension: BigInt(c.decaySuspension),
    tierAtLeast: [s[0]![0], s[1]![0], s[2]![0]],
    tierDiscount: [s[0]![1], s[1]![1], s[2]![1]],
  };
}

/** The parameter engine's constructor config. Throws when a lever drives other parameters than the contract's. */
export function toParamsConfig(c: LedgerConfig): ParamsConfigArgs {
  for (const p of AUTO_PARAMS) {
    const drivers = LEVERS.filter((l) => c.levers[l].drives.includes(p));
    const expected = CONTRACT_DRIVERS[p];
    if (drivers.length > 1 || (drivers[0] ?? undefined) !== expected) {
      throw new UnsupportedLedgerConfigError(`parameter ${p}: the contract's base lever is ${expected ?? "none"}, the config says ${drivers.join(", ") || "none"}`);
    }
  }
  return {
    submissionCost: [c.submissionCost.problem, c.submissionCost.solution, c.submissionCost.debate],
    minSubmissionCost: c.minSubmissionCost,
    drRateDefault: c.drRateDefault,
    autoAdjustAtGenesis: c.autoAdjustAtGenesis,
    paramCooldown: BigInt(c.paramCooldown),
    rampDuration: BigInt(c.rampDuration),
    maxStepWad: c.maxStepWad,
    maxDeviationWad: c.maxDeviationWad,
    inflationWarnWad: c.inflationWarnWad,
    inflationEmergencyWad: c.inflationEmergencyWad,
    deflationWad: c.deflationWad,
    liquidityMedian: c.liquidityMedian,
    giniThresholdWad: c.giniThresholdWad,
    velocityLowWad: c.velocityLowWad,
    velocityHighWad: c.velocityHighWad,
    missionBoostWad: c.missionBoostWad,
    missionBoostWindow: BigInt(c.missionBoostWindow),
    validationStimulusWad: c.validationStimulusWad,
    validationStimulusWindow: BigInt(c.validationStimulusWindow),
    leverDelay: BigInt(c.leverDelay),
    leverDuration: BigInt(c.leverDuration),
    levers: LEVERS.map((l) => ({ defaultValue: c.levers[l].default, min: c.levers[l].min, max: c.levers[l].max, step: c.levers[l].step })),
  };
}

export function submissionTypeIndex(t: SubmissionType): number {
  return SUBMISSION_TYPE_INDEX[t];
}
export function spendKindIndex(k: SpendKind): number {
  return SPEND_KIND_INDEX[k];
}
export function leverIndex(l: Lever): number {
  return LEVER_INDEX[l];
}
export function autoParamIndex(p: AutoParam): number {
  return AUTO_PARAM_INDEX[p];
}

function indexOf<T extends string>(names: readonly T[]): Record<T, number> {
  return Object.fromEntries(names.map((n, i) => [n, i])) as Record<T, number>;
}
