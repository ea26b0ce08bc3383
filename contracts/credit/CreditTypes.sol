// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice Submission content types (LEDGER.md §3). Order = `SUBMISSION_TYPES` of sim/economy/config.ts.
enum SubmissionType {
    Problem,
    Solution,
    Debate
}

/// @notice Fixed-cost spending sinks other than submissions. Order = `SPEND_KINDS`.
enum SpendKind {
    Vote,
    Circle,
    Priority
}

/// @notice The earned faucets (LEDGER.md §4.6).
enum FaucetKind {
    Validation,
    Mission,
    MissionReserveOnly,
    Review,
    Referral
}

/// @notice Manual levers (design §3.2). Order = `LEVERS` of sim/economy/config.ts.
enum Lever {
    ValidationReward,
    SubmissionCostMultiplier,
    MissionRewardMin,
    MissionRewardMax,
    DecayRate,
    ValidationCap,
    StarterGrant,
    ReferralReward,
    TransactionTax,
    EmergencyTopUp,
    EarningCap
}

/// @notice Parameters the automatic adjustment moves, each as a WAD factor on its base. Order = `AUTO_PARAMS`
/// (the order `evaluate` visits them in).
enum AutoParam {
    ValidationReward,
    ProblemCost,
    SolutionCost,
    DebateCost,
    ValidationCap,
    EarningCap,
    DecayRate,
    DrRate,
    MissionBoost,
    ValidationBoost
}

/// @notice The economy's constants (LEDGER.md §3), fixed at deployment. Units: credit wei for amounts, WAD
/// (1e18 = 1.0) for rates and factors, basis points (10,000 = 100%) where named `Bps`, seconds for times.
/// `sim/harness/credit/config.ts` builds it from the model's `LedgerConfig`, so chain and model share one
/// source of numbers.
struct EconomyConfig {
    /// @dev Submission split: reserve part, bps (design: 3,500). The reward pool takes the remainder.
    uint256 splitReserveBps;
    /// @dev Submission split: burned part, bps (design: 500).
    uint256 splitBurnBps;
    /// @dev Vote, circle, priority costs, credit wei (design: 5 / 25 / 15 IT).
    uint256[3] spendCost;
    /// @dev Dispute stake and the bonus of an upheld dispute, credit wei (design: 10 / 5 IT).
    uint256 disputeStake;
    uint256 disputeBonus;
    /// @dev Slash of the first and second offense, credit wei (design: 50 / 200 IT); later offenses take all.
    uint256 slashFirst;
    uint256 slashSecond;
    /// @dev Progressive submission discounts: balance below `discountBelow[i]` pays `1 − discountWad[i]`,
    /// tightest tier first (design: < 50 IT → 50%, < 100 IT → 25%).
    uint256[2] discountBelow;
    uint256[2] discountWad;
    /// @dev Share of a validation reward drawn from the reward pool, bps (design §8 Q1: 6,000).
    uint256 validationFundedBps;
    /// @dev F1 multiplier m(f1) = clamp(⌊slope·f1⌋ − offset, min, max), WAD (2.2, 0.69, 0.70, 1.50).
    uint256 f1Slope;
    uint256 f1Offset;
    uint256 f1MultMin;
    uint256 f1MultMax;
    /// @dev Validator pool minimum F1, WAD (0.65).
    uint256 f1Min;
    /// @dev Quality bonus range, WAD (1.0–1.5).
    uint256 qualityMin;
    uint256 qualityMax;
    /// @dev Evidence review reward range, credit wei (1–2 IT).
    uint256 reviewMin;
    uint256 reviewMax;
    /// @dev Diminishing-returns threshold on daily earnings, credit wei (100 IT).
    uint256 drThreshold;
    /// @dev Inactivity before the first decay step, seconds (90 days).
    uint256 inactivityThreshold;
    /// @dev Decay step period = the ledger month, seconds (30 days).
    uint256 decayPeriod;
    /// @dev Balance decay never goes below, credit wei (10 IT).
    uint256 decayFloor;
    /// @dev Supply cap per agent active in the window, credit wei (500 IT).
    uint256 capPerActiveAgent;
    /// @dev Activity window of the supply cap, days, 1..31 (30).
    uint256 activeWindowDays;
    /// @dev Release the cap below this share of it, bps (9,000: the 90% hysteresis).
    uint256 capReleaseBps;
    /// @dev Faucet scale while capped, WAD (0.5), and after the unacknowledged escalation delay (0.25).
    uint256 cappedFaucetWad;
    uint256 escalatedFaucetWad;
    /// @dev Escalation delay without acknowledgement, seconds (12 h).
    uint256 capEscalationDelay;
    /// @dev Daily validation cap while capped, count (25).
    uint256 cappedValidationCap;
    /// @dev Minimum time between evaluations, seconds (24 h).
    uint256 evaluationInterval;
    /// @dev Emergency top-up: balance below which an agent may claim, credit wei (5 IT), and how long a round
    /// stays open, seconds (24 h).
    uint256 topUpBelow;
    uint256 topUpWindow;
    /// @dev Length of a decay suspension by the liquidity response, seconds (30 days).
    uint256 decaySuspension;
    /// @dev Subscription tiers (LEDGER.md §9): recent earnings at least `tierAtLeast[i]` (credit wei, ascending)
    /// → discount `tierDiscount[i]` (WAD): 100 / 300 / 600 IT → 5% / 10% / 15%.
    uint256[3] tierAtLeast;
    uint256[3] tierDiscount;
}

/// @notice A manual lever's default, range and granularity (design §3.2), in the lever's unit.
struct LeverSpec {
    uint256 defaultValue;
    uint256 min;
    uint256 max;
    uint256 step;
}

/// @notice The parameter engine's constants (LEDGER.md §3, §7, §8), fixed at deployment.
struct ParamsConfig {
    /// @dev Default submission cost per type, credit wei (3 / 5 / 2 IT), and the floor of any cost (1 IT).
    uint256[3] submissionCost;
    uint256 minSubmissionCost;
    /// @dev Diminishing-returns rate before the automatic factor, WAD (0.25).
    uint256 drRateDefault;
    /// @dev Whether responses apply from deployment.
    bool autoAdjustAtGenesis;
    /// @dev Cooldown per parameter and ramp length, seconds (24 h, 6 h).
    uint256 paramCooldown;
    uint256 rampDuration;
    /// @dev Largest move per cycle and largest deviation from 1.0, WAD (0.25, 0.5).
    uint256 maxStepWad;
    uint256 maxDeviationWad;
    /// @dev Response thresholds: daily inflation (0.05, 0.10), deflation magnitude (0.02), WAD; median balance,
    /// credit wei (20 IT); Gini (0.60), velocity low/high (1.0, 15.0), WAD.
    uint256 inflationWarnWad;
    uint256 inflationEmergencyWad;
    uint256 deflationWad;
    uint256 liquidityMedian;
    uint256 giniThresholdWad;
    uint256 velocityLowWad;
    uint256 velocityHighWad;
    /// @dev Temporary boosts: mission boost target 1.2 for 72 h, validation stimulus 2.0 for 48 h.
    uint256 missionBoostWad;
    uint256 missionBoostWindow;
    uint256 validationStimulusWad;
    uint256 validationStimulusWindow;
    /// @dev Manual levers: delay before a proposal takes effect (6 h) and time in force before it reverts (30 d).
    uint256 leverDelay;
    uint256 leverDuration;
    /// @dev One spec per `Lever`, in enum order.
    LeverSpec[11] levers;
}
