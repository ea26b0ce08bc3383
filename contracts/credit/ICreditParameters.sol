// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AutoParam, Lever, SubmissionType} from "./CreditTypes.sol";

/// @title ICreditParameters
/// @notice The credit economy's parameter engine (sim/economy/LEDGER.md §3, §7, §8): the manual levers with
/// their 6-hour delay and 30-day automatic revert, the automatic adjustment's factors (bounded, cooled down,
/// ramped), the daily metrics report, and the effective value of every adjustable parameter.
/// @dev Times are seconds since `genesis` (the economy's clock); factors and rates are WAD (1e18 = 1.0);
/// amounts are credit wei. Every view answers for `block.timestamp`.
/// - Warning: GOVERNOR_ROLE moves levers within the design's ranges; METRICS_REPORTER_ROLE posts the median,
///   Gini and velocity that three responses read. A faulty reporter can trigger only the bounded responses
///   (±25% per cycle, ±50% in total, 24-hour cooldowns, 6-hour ramps), a top-up round and a decay
///   suspension; it cannot mint beyond the faucet rules or move credit.
interface ICreditParameters {
    // ---------------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------------

    /// @notice A constructor argument is inconsistent; `what` names it.
    error Credit_InvalidConfig(string what);
    /// @notice `evaluate` was called by someone other than the bound economy.
    error Credit_OnlyEconomy(address caller);
    /// @notice The economy is bound once.
    error Credit_EconomyAlreadySet(address economy);
    /// @notice A report needs the economy's supply for its bounds check.
    error Credit_EconomyNotSet();
    /// @notice A state-changing call before `genesis`.
    error Credit_BeforeGenesis(uint256 genesis, uint256 timestamp);
    /// @notice A report is for `day`, today is `today`.
    error Credit_ReportDayMismatch(uint256 day, uint256 today);
    /// @notice Today's report was posted already.
    error Credit_ReportAlreadyPosted(uint256 day);
    /// @notice A reported metric is out of its bounds (`gini` ≤ 1e18, `median` ≤ the supply).
    error Credit_InvalidMetric(string metric, uint256 value, uint256 bound);
    /// @notice A lever value outside its range.
    error Credit_LeverValueOutOfRange(Lever lever, uint256 value, uint256 min, uint256 max);
    /// @notice A lever value off its granularity: `(value − min) mod step ≠ 0`.
    error Credit_LeverValueOffGrid(Lever lever, uint256 value, uint256 step);
    /// @notice No proposal to cancel.
    error Credit_NoPendingLeverChange(Lever lever);
    /// @notice No manual value in force to renew.
    error Credit_LeverNotInForce(Lever lever);

    // ---------------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------------

    /// @notice The economy contract this engine serves was bound.
    event EconomySet(address economy);
    /// @notice The metrics reporter posted today's figures (median credit wei; Gini and velocity WAD).
    event MetricsReported(uint256 indexed day, uint256 median, uint256 gini, uint256 velocity);
    /// @notice An evaluation ran. `responses` is a bit set: 1 inflation, 2 emergency inflation, 4 deflation,
    /// 8 liquidity, 16 concentration, 32 low velocity, 64 high velocity. `inflation` is a signed daily rate, WAD.
    event Evaluated(
        uint256 indexed day,
        uint256 supply,
        int256 inflation,
        bool autoAdjust,
        bool reported,
        uint256 median,
        uint256 gini,
        uint256 velocity,
        uint256 responses
    );
    /// @notice An automatic change of `param`'s factor, ramped linearly until `rampEnd`; a boost returns to 1.0
    /// (ramped) from `expiresAt` (0: no expiry). Values are the effective parameter values now and at `rampEnd`.
    event ParameterAdjusted(
        AutoParam indexed param,
        uint256 oldFactor,
        uint256 newFactor,
        uint256 oldValue,
        uint256 newValue,
        uint256 rampEnd,
        uint256 expiresAt
    );
    /// @notice A requested change of `param` waits for its 24-hour cooldown.
    event AdjustmentDeferred(AutoParam indexed param, uint256 nextAllowed);
    /// @notice Velocity above the high threshold: the top transactors are for off-chain review.
    event VelocityFlagged(uint256 velocity);
    /// @notice The automatic adjustment was switched on or off.
    event AutoAdjustmentSet(bool enabled);
    /// @notice A lever change was proposed: in force from `effectiveAt`, back to the default at `revertsAt`.
    event LeverProposed(Lever indexed lever, uint256 oldValue, uint256 newValue, uint256 effectiveAt, uint256 revertsAt);
    /// @notice A pending proposal was withdrawn.
    event LeverCancelled(Lever indexed lever, uint256 value);
    /// @notice The value in force was renewed until `revertsAt`.
    event LeverRenewed(Lever indexed lever, uint256 value, uint256 revertsAt);

    // ---------------------------------------------------------------------------------------------
    // Actions
    // ---------------------------------------------------------------------------------------------

    /// @notice Binds the economy (once). Only DEFAULT_ADMIN_ROLE.
    function setEconomy(address economy) external;

    /// @notice Posts today's metrics: `day` must be today; one report per day; `gini` ≤ 1e18; `median` ≤ the
    /// economy's supply. Only METRICS_REPORTER_ROLE.
    function reportMetrics(uint256 day, uint256 median, uint256 gini, uint256 velocity) external;

    /// @notice Applies the responses of one evaluation (LEDGER.md §7.3–7.4) and returns what the economy must
    /// do: bit 1 open a top-up round, bit 2 suspend decay, bit 4 the discount switch is set, bit 8 its value.
    /// Only the economy, from its permissionless `evaluate`.
    function evaluate(uint256 supply, int256 inflation) external returns (uint256 actions);

    /// @notice Switches the automatic adjustment on or off. Only GOVERNOR_ROLE.
    function setAutoAdjustment(bool enabled) external;

    /// @notice Proposes `value` for `lever`: in force 6 hours from now, back to the default 30 days after that
    /// unless renewed; replaces a pending proposal. Only GOVERNOR_ROLE.
    function proposeLever(Lever lever, uint256 value) external;

    /// @notice Withdraws the pending proposal of `lever`. Only GOVERNOR_ROLE.
    function cancelLever(Lever lever) external;

    /// @notice Keeps the value in force for another 30 days from now. Only GOVERNOR_ROLE.
    function renewLever(Lever lever) external;

    // ---------------------------------------------------------------------------------------------
    // Views (at block.timestamp)
    // ---------------------------------------------------------------------------------------------

    /// @notice Unix time of the economy's second 0; days and ledger months count from it.
    function genesis() external view returns (uint256);

    /// @notice The bound economy (zero before `setEconomy`).
    function economy() external view returns (address);

    /// @notice Whether evaluations apply responses.
    function autoAdjustEnabled() external view returns (bool);

    /// @notice A lever's value: the manual value in force, else its default.
    function leverValue(Lever lever) external view returns (uint256);

    /// @notice A lever's default and range.
    function leverSpec(Lever lever) external view returns (uint256 defaultValue, uint256 min, uint256 max, uint256 step);

    /// @notice A factor's value now (WAD), on its ramp.
    function factor(AutoParam param) external view returns (uint256);

    /// @notice A parameter's effective value now (credit wei, WAD or count, as the parameter is).
    function paramValue(AutoParam param) external view returns (uint256);

    /// @notice When `param` may next change automatically (0: now).
    function nextAdjustmentAt(AutoParam param) external view returns (uint256);

    /// @notice Base reward per validation (credit wei), the validation boost (WAD) and the daily validation cap
    /// (count, before the supply cap's limit).
    function validationTerms() external view returns (uint256 reward, uint256 boost, uint256 cap);

    /// @notice The diminishing-returns rate (WAD) and the daily earning cap (credit wei).
    function earningTerms() external view returns (uint256 drRate, uint256 earningCap);

    /// @notice The mission reward range (credit wei) and the mission boost (WAD).
    function missionTerms() external view returns (uint256 min, uint256 max, uint256 boost);

    /// @notice The undiscounted unit cost of a submission type: max(min, ⌈cost₀ × multiplier × factor⌉).
    function submissionCost(SubmissionType kind) external view returns (uint256);

    /// @notice The inactivity decay rate per ledger month (WAD, at most 1e18).
    function decayRate() external view returns (uint256);

    /// @notice The latest report (`posted` false before the first).
    function lastReport() external view returns (bool posted, uint256 day, uint256 median, uint256 gini, uint256 velocity);
}
