/**
 * The credit ledger's configuration: every constant, default, lever range and automatic-adjustment
 * bound, with the design section it comes from. LEDGER.md is the prose specification of the same
 * values; a contract is deployed with exactly these numbers (or with a config that changes them,
 * passed to both the contract and the model).
 */
import { BPS, CREDIT, DAY, HOUR, MONTH, credits, wad } from "./units.js";

export type SubmissionType = "problem" | "solution" | "debate";
export const SUBMISSION_TYPES: readonly SubmissionType[] = ["problem", "solution", "debate"];

/** Spending sinks other than submissions (§1.2, Appendix B): a fixed cost, a transaction-tax burn, the rest to the reserve. */
export type SpendKind = "vote" | "circle" | "priority";
export const SPEND_KINDS: readonly SpendKind[] = ["vote", "circle", "priority"];

/** Parameters the automatic adjustment may move (Appendix B "Auto-Adjustable", §3.1), each as a WAD factor on its base. */
export const AUTO_PARAMS = [
  "validationReward",
  "problemCost",
  "solutionCost",
  "debateCost",
  "validationCap",
  "earningCap",
  "decayRate",
  "drRate",
  "missionBoost",
  "validationBoost",
] as const;
export type AutoParam = (typeof AUTO_PARAMS)[number];

/** Manual levers (§3.2), each with its range and granularity. */
export const LEVERS = [
  "validationReward",
  "submissionCostMultiplier",
  "missionRewardMin",
  "missionRewardMax",
  "decayRate",
  "validationCap",
  "starterGrant",
  "referralReward",
  "transactionTax",
  "emergencyTopUp",
  "earningCap",
] as const;
export type Lever = (typeof LEVERS)[number];

export interface LeverSpec {
  /** Value while no manual change is in force. */
  default: bigint;
  min: bigint;
  max: bigint;
  /** Granularity: (value − min) must be a multiple of step. */
  step: bigint;
  /** "credit wei", "WAD" or "count". */
  unit: "credit wei" | "WAD" | "count";
  /** Automatic parameters whose base this lever sets (they share its cooldown). */
  drives: readonly AutoParam[];
}

export interface LedgerConfig {
  // ---- sinks ----
  /** Default submission cost per content type (Appendix B: problem 3, solution 5, debate 2 IT). */
  submissionCost: Record<SubmissionType, bigint>;
  /** No submission costs less than this before discounts (§3.1 "minimum (1 IT)"; Appendix B ranges start at 1). */
  minSubmissionCost: bigint;
  /** Submission split (§4.1): parts in basis points; the reward pool takes the rounding remainder. */
  splitReserveBps: bigint;
  splitBurnBps: bigint;
  /** Fixed spending costs (Appendix B). */
  spendCost: Record<SpendKind, bigint>;
  /** Dispute stake (§4.3) and the bonus paid from the reserve when the challenge succeeds. */
  disputeStake: bigint;
  disputeBonus: bigint;
  /** Admin slashes by offense (§4.3): 1st, 2nd; the 3rd and later take the full balance. */
  slashFirst: bigint;
  slashSecond: bigint;
  /** Progressive submission discounts (§3.1 step 5): [balance below, discount WAD], tightest first. */
  discountTiers: readonly (readonly [bigint, bigint])[];

  // ---- faucets ----
  /** Share of each validation reward paid from the reward pool (§8 Q1 Option C: 60% funded, 40% issued). */
  validationFundedBps: bigint;
  /** F1 multiplier m(f1) = clamp(slope·f1 − offset, lo, hi) (through §8 Q2's two points, clamped to §5.1's range). */
  f1Slope: bigint; // WAD
  f1Offset: bigint; // WAD
  f1MultMin: bigint;
  f1MultMax: bigint;
  /** Validator pool minimum F1 (Appendix B). A validation reward for a lower F1 reverts. */
  f1Min: bigint;
  /** Quality bonus range (§5.1: 1.0–1.5). */
  qualityMin: bigint;
  qualityMax: bigint;
  /** Evidence review reward range (§1.1: 1.0–2.0 IT). */
  reviewMin: bigint;
  reviewMax: bigint;
  /** Diminishing returns (Appendix A): daily earnings above the threshold are paid at (1 − drRate). */
  drThreshold: bigint;
  drRateDefault: bigint;

  // ---- decay (§4.2) ----
  inactivityThreshold: number; // seconds
  decayPeriod: number; // seconds (one ledger month)
  decayFloor: bigint;

  // ---- supply cap (§4.4) ----
  capPerActiveAgent: bigint;
  activeWindowDays: number;
  capReleaseBps: bigint;
  cappedFaucetWad: bigint;
  escalatedFaucetWad: bigint;
  capEscalationDelay: number;
  cappedValidationCap: number;

  // ---- automatic adjustment (§3.1) ----
  /** Whether responses are applied from deployment (an admin switch after that). */
  autoAdjustAtGenesis: boolean;
  evaluationInterval: number;
  paramCooldown: number;
  rampDuration: number;
  maxStepWad: bigint; // 0.25: a cycle moves a factor by at most ±25% of its current value
  maxDeviationWad: bigint; // 0.50: a factor stays within [1 − 0.5, 1 + 0.5]
  inflationWarnWad: bigint; // daily
  inflationEmergencyWad: bigint;
  deflationWad: bigint; // negative threshold, as a positive magnitude
  liquidityMedian: bigint;
  giniThresholdWad: bigint;
  velocityLowWad: bigint;
  velocityHighWad: bigint;
  topUpBelow: bigint;
  topUpWindow: number;
  decaySuspension: number;
  missionBoostWad: bigint;
  missionBoostWindow: number;
  validationStimulusWad: bigint;
  validationStimulusWindow: number;

  // ---- secret-market tie-in: subscription discount tiers (LEDGER.md §9) ----
  /** [credits earned in the current and previous ledger month at least, discount WAD], lowest first. */
  subscriptionTiers: readonly (readonly [bigint, bigint])[];

  // ---- manual levers (§3.2) ----
  leverDelay: number;
  leverDuration: number;
  levers: Record<Lever, LeverSpec>;
}

const IT = CREDIT;

/** The design's defaults (Appendix B, §3–§4), as the contract is deployed. */
export function defaultLedgerConfig(): LedgerConfig {
  return {
    submissionCost: { problem: credits(3), solution: credits(5), debate: credits(2) },
    minSubmissionCost: credits(1),
    splitReserveBps: 3_500n,
    splitBurnBps: 500n,
    spendCost: { vote: credits(5), circle: credits(25), priority: credits(15) },
    disputeStake: credits(10),
    disputeBonus: credits(5),
    slashFirst: credits(50),
    slashSecond: credits(200),
    discountTiers: [
      [credits(50), wad("0.5")],
      [credits(100), wad("0.25")],
    ],

    validationFundedBps: 6_000n,
    f1Slope: wad("2.2"),
    f1Offset: wad("0.69"),
    f1MultMin: wad("0.70"),
    f1MultMax: wad("1.50"),
    f1Min: wad("0.65"),
    qualityMin: wad("1.0"),
    qualityMax: wad("1.5"),
    reviewMin: credits(1),
    reviewMax: credits(2),
    drThreshold: credits(100),
    drRateDefault: wad("0.25"),

    inactivityThreshold: 90 * DAY,
    decayPeriod: MONTH,
    decayFloor: credits(10),

    capPerActiveAgent: credits(500),
    activeWindowDays: 30,
    capReleaseBps: 9_000n,
    cappedFaucetWad: wad("0.5"),
    escalatedFaucetWad: wad("0.25"),
    capEscalationDelay: 12 * HOUR,
    cappedValidationCap: 25,

    autoAdjustAtGenesis: true,
    evaluationInterval: DAY,
    paramCooldown: DAY,
    rampDuration: 6 * HOUR,
    maxStepWad: wad("0.25"),
    maxDeviationWad: wad("0.5"),
    inflationWarnWad: wad("0.05"),
    inflationEmergencyWad: wad("0.10"),
    deflationWad: wad("0.02"),
    liquidityMedian: credits(20),
    giniThresholdWad: wad("0.60"),
    velocityLowWad: wad("1.0"),
    velocityHighWad: wad("15.0"),
    topUpBelow: credits(5),
    topUpWindow: DAY,
    decaySuspension: 30 * DAY,
    missionBoostWad: wad("1.2"),
    missionBoostWindow: 72 * HOUR,
    validationStimulusWad: wad("2.0"),
    validationStimulusWindow: 48 * HOUR,

    subscriptionTiers: [
      [credits(100), wad("0.05")],
      [credits(300), wad("0.10")],
      [credits(600), wad("0.15")],
    ],

    leverDelay: 6 * HOUR,
    leverDuration: 30 * DAY,
    levers: {
      validationReward: { default: credits("0.5"), min: credits("0.25"), max: credits(2), step: credits("0.05"), unit: "credit wei", drives: ["validationReward"] },
      submissionCostMultiplier: { default: wad("1"), min: wad("0.5"), max: wad("3"), step: wad("0.1"), unit: "WAD", drives: ["problemCost", "solutionCost", "debateCost"] },
      missionRewardMin: { default: credits(5), min: credits(5), max: credits(500), step: credits(5), unit: "credit wei", drives: [] },
      missionRewardMax: { default: credits(100), min: credits(5), max: credits(500), step: credits(5), unit: "credit wei", drives: [] },
      decayRate: { default: wad("0.05"), min: 0n, max: wad("0.10"), step: wad("0.005"), unit: "WAD", drives: ["decayRate"] },
      validationCap: { default: 50n, min: 10n, max: 100n, step: 5n, unit: "count", drives: ["validationCap"] },
      starterGrant: { default: credits(50), min: credits(10), max: credits(200), step: credits(5), unit: "credit wei", drives: [] },
      referralReward: { default: credits(25), min: 0n, max: credits(100), step: credits(5), unit: "credit wei", drives: [] },
      transactionTax: { default: wad("0.05"), min: 0n, max: wad("0.10"), step: wad("0.005"), unit: "WAD", drives: [] },
      emergencyTopUp: { default: credits(10), min: credits(5), max: credits(50), step: credits(5), unit: "credit wei", drives: [] },
      earningCap: { default: credits(200), min: credits(50), max: credits(1000), step: credits(10), unit: "credit wei", drives: ["earningCap"] },
    },
  };
}

/** The automatic parameter a submission type's cost is. */
export const COST_PARAM: Record<SubmissionType, AutoParam> = { problem: "problemCost", solution: "solutionCost", debate: "debateCost" };

/** Automatic parameters that are temporary boosts: they return to 1.0 when their window ends. */
export const BOOST_PARAMS: readonly AutoParam[] = ["missionBoost", "validationBoost"];

/** Split check: the basis points of the reserve and burn parts leave a non-negative pool part. */
export function checkLedgerConfig(c: LedgerConfig): string[] {
  const problems: string[] = [];
  if (c.splitReserveBps + c.splitBurnBps > BPS) problems.push("splitReserveBps + splitBurnBps exceed 10,000");
  if (c.validationFundedBps > BPS) problems.push("validationFundedBps exceeds 10,000");
  if (c.decayPeriod <= 0 || c.inactivityThreshold < 0) problems.push("decay periods must be positive");
  if (c.activeWindowDays < 1 || c.activeWindowDays > 31) problems.push("activeWindowDays must be in 1..31 (the ring has 32 slots)");
  for (const name of LEVERS) {
    const s = c.levers[name];
    if (s.min > s.default || s.default > s.max || s.step <= 0n || (s.default - s.min) % s.step !== 0n) problems.push(`lever ${name}: default ${s.default} not on its grid [${s.min}, ${s.max}] step ${s.step}`);
  }
  if (c.drThreshold <= 0n || c.drRateDefault > IT) problems.push("drThreshold must be positive and drRateDefault ≤ 1");
  return problems;
}
