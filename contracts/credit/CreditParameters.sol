// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ICreditParameters} from "./ICreditParameters.sol";
import {AutoParam, Lever, LeverSpec, ParamsConfig, SubmissionType} from "./CreditTypes.sol";
import {Errors} from "../libraries/Errors.sol";

/// @title CreditParameters
/// @notice Manual levers, automatic factors and the metrics report of the credit economy
/// (sim/economy/LEDGER.md §3, §7, §8). `sim/economy/ledger.ts` is the reference; every rounding below is the
/// reference's.
/// @dev Effective value of a parameter = lever (or constant) × factor, each factor a linear ramp:
/// `factor(t) = t ≥ start + R ? to : from + (to − from)·(t − start)/R` (signed, truncated towards zero); a boost
/// after `expiresAt` ramps back from `to` to 1.0. Loops are bounded by the enums (10 parameters, 1 lever each).
contract CreditParameters is ICreditParameters, AccessControl {
    using Math for uint256;

    /// @notice Moves levers and switches the automatic adjustment.
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");
    /// @notice Posts the daily median, Gini and velocity.
    bytes32 public constant METRICS_REPORTER_ROLE = keccak256("METRICS_REPORTER_ROLE");

    uint256 private constant WAD = 1e18;
    uint256 private constant DAY = 86_400;
    uint256 private constant N_PARAMS = 10;
    uint256 private constant N_LEVERS = 11;

    // Response bits of `Evaluated` (LEDGER.md §7.4).
    uint256 private constant R_INFLATION = 1;
    uint256 private constant R_EMERGENCY = 2;
    uint256 private constant R_DEFLATION = 4;
    uint256 private constant R_LIQUIDITY = 8;
    uint256 private constant R_CONCENTRATION = 16;
    uint256 private constant R_VELOCITY_LOW = 32;
    uint256 private constant R_VELOCITY_HIGH = 64;

    // Action bits returned to the economy.
    uint256 private constant A_TOP_UP = 1;
    uint256 private constant A_SUSPEND = 2;
    uint256 private constant A_DISCOUNTS_SET = 4;
    uint256 private constant A_DISCOUNTS_ON = 8;

    /// @dev A factor's ramp (WAD factors fit 64 bits: they stay within [0.5, 1.5]; times are seconds since genesis).
    struct Factor {
        uint64 from;
        uint64 to;
        uint40 start;
        uint40 expiresAt;
        uint40 lastAuto;
        bool hasAuto;
    }

    /// @dev One manual value with its window.
    struct LeverChange {
        uint96 value;
        uint40 effectiveAt;
        uint40 revertsAt;
        bool set;
    }

    struct LeverState {
        LeverChange current;
        LeverChange pending;
    }

    /// @dev The latest report.
    struct Report {
        uint32 day;
        bool posted;
        uint128 median;
        uint64 gini;
        uint128 velocity;
    }

    /// @inheritdoc ICreditParameters
    uint256 public immutable override genesis;

    uint256 private immutable _problemCost;
    uint256 private immutable _solutionCost;
    uint256 private immutable _debateCost;
    uint256 private immutable _minSubmissionCost;
    uint256 private immutable _drRateDefault;
    uint256 private immutable _paramCooldown;
    uint256 private immutable _rampDuration;
    uint256 private immutable _maxStepWad;
    uint256 private immutable _maxDeviationWad;
    uint256 private immutable _inflationWarnWad;
    uint256 private immutable _inflationEmergencyWad;
    uint256 private immutable _deflationWad;
    uint256 private immutable _liquidityMedian;
    uint256 private immutable _giniThresholdWad;
    uint256 private immutable _velocityLowWad;
    uint256 private immutable _velocityHighWad;
    uint256 private immutable _missionBoostWad;
    uint256 private immutable _missionBoostWindow;
    uint256 private immutable _validationStimulusWad;
    uint256 private immutable _validationStimulusWindow;
    uint256 private immutable _leverDelay;
    uint256 private immutable _leverDuration;

    /// @inheritdoc ICreditParameters
    address public override economy;
    /// @inheritdoc ICreditParameters
    bool public override autoAdjustEnabled;

    LeverSpec[11] private _specs;
    Factor[10] private _factors;
    LeverState[11] private _levers;
    Report private _report;

    /// @param config The constants (see `ParamsConfig`); checked for consistency.
    /// @param admin Receives DEFAULT_ADMIN_ROLE.
    /// @param genesis_ Unix time of second 0 (0: the deployment block's time).
    constructor(ParamsConfig memory config, address admin, uint256 genesis_) {
        if (admin == address(0)) revert Errors.ZeroAddress("admin");
        _checkConfig(config);
        genesis = genesis_ == 0 ? block.timestamp : genesis_;
        _problemCost = config.submissionCost[0];
        _solutionCost = config.submissionCost[1];
        _debateCost = config.submissionCost[2];
        _minSubmissionCost = config.minSubmissionCost;
        _drRateDefault = config.drRateDefault;
        _paramCooldown = config.paramCooldown;
        _rampDuration = config.rampDuration;
        _maxStepWad = config.maxStepWad;
        _maxDeviationWad = config.maxDeviationWad;
        _inflationWarnWad = config.inflationWarnWad;
        _inflationEmergencyWad = config.inflationEmergencyWad;
        _deflationWad = config.deflationWad;
        _liquidityMedian = config.liquidityMedian;
        _giniThresholdWad = config.giniThresholdWad;
        _velocityLowWad = config.velocityLowWad;
        _velocityHighWad = config.velocityHighWad;
        _missionBoostWad = config.missionBoostWad;
        _missionBoostWindow = config.missionBoostWindow;
        _validationStimulusWad = config.validationStimulusWad;
        _validationStimulusWindow = config.validationStimulusWindow;
        _leverDelay = config.leverDelay;
        _leverDuration = config.leverDuration;
        for (uint256 i; i < N_LEVERS; ++i) {
            _specs[i] = config.levers[i];
        }
        for (uint256 i; i < N_PARAMS; ++i) {
            _factors[i] = Factor({from: uint64(WAD), to: uint64(WAD), start: 0, expiresAt: 0, lastAuto: 0, hasAuto: false});
        }
        autoAdjustEnabled = config.autoAdjustAtGenesis;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ---------------------------------------------------------------------------------------------
    // Actions
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ICreditParameters
    function setEconomy(address economy_) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        if (economy_ == address(0)) revert Errors.ZeroAddress("economy");
        if (economy != address(0)) revert Credit_EconomyAlreadySet(economy);
        economy = economy_;
        emit EconomySet(economy_);
    }

    /// @inheritdoc ICreditParameters
    function reportMetrics(uint256 day, uint256 median, uint256 gini, uint256 velocity)
        external
        override
        onlyRole(METRICS_REPORTER_ROLE)
    {
        // Checks
        uint256 today = _tNow() / DAY;
        if (day != today) revert Credit_ReportDayMismatch(day, today);
        Report memory r = _report;
        if (r.posted && r.day == today) revert Credit_ReportAlreadyPosted(day);
        if (gini > WAD) revert Credit_InvalidMetric("gini", gini, WAD);
        if (economy == address(0)) revert Credit_EconomyNotSet();
        uint256 supply = IERC20(economy).totalSupply();
        if (median > supply) revert Credit_InvalidMetric("median", median, supply);
        if (velocity > type(uint128).max) revert Credit_InvalidMetric("velocity", velocity, type(uint128).max);
        // Effects. Safe casts: day < 2^32 for 10^5 years; median ≤ supply < 2^128; gini ≤ 1e18; velocity checked.
        _report = Report({day: uint32(day), posted: true, median: uint128(median), gini: uint64(gini), velocity: uint128(velocity)});
        emit MetricsReported(day, median, gini, velocity);
    }

    /// @inheritdoc ICreditParameters
    function setAutoAdjustment(bool enabled) external override onlyRole(GOVERNOR_ROLE) {
        autoAdjustEnabled = enabled;
        emit AutoAdjustmentSet(enabled);
    }

    /// @inheritdoc ICreditParameters
    function proposeLever(Lever lever, uint256 value) external override onlyRole(GOVERNOR_ROLE) {
        uint256 t = _tNow();
        LeverSpec memory s = _specs[uint8(lever)];
        // Checks
        if (value < s.min || value > s.max) revert Credit_LeverValueOutOfRange(lever, value, s.min, s.max);
        if ((value - s.min) % s.step != 0) revert Credit_LeverValueOffGrid(lever, value, s.step);
        // Effects
        _promote(lever, t);
        uint256 old = _lever(lever, t);
        uint256 effectiveAt = t + _leverDelay;
        uint256 revertsAt = effectiveAt + _leverDuration;
        // Safe casts: value ≤ spec max < 2^96 (constructor check); times < 2^40 (checked config lengths).
        _levers[uint8(lever)].pending =
            LeverChange({value: uint96(value), effectiveAt: uint40(effectiveAt), revertsAt: uint40(revertsAt), set: true});
        emit LeverProposed(lever, old, value, effectiveAt, revertsAt);
    }

    /// @inheritdoc ICreditParameters
    function cancelLever(Lever lever) external override onlyRole(GOVERNOR_ROLE) {
        _promote(lever, _tNow());
        LeverState storage s = _levers[uint8(lever)];
        if (!s.pending.set) revert Credit_NoPendingLeverChange(lever);
        uint256 value = s.pending.value;
        delete s.pending;
        emit LeverCancelled(lever, value);
    }

    /// @inheritdoc ICreditParameters
    function renewLever(Lever lever) external override onlyRole(GOVERNOR_ROLE) {
        uint256 t = _tNow();
        _promote(lever, t);
        LeverChange storage cur = _levers[uint8(lever)].current;
        if (!cur.set || t < cur.effectiveAt || t >= cur.revertsAt) revert Credit_LeverNotInForce(lever);
        uint256 revertsAt = t + _leverDuration;
        // Safe cast: < 2^40.
        cur.revertsAt = uint40(revertsAt);
        emit LeverRenewed(lever, cur.value, revertsAt);
    }

    /// @inheritdoc ICreditParameters
    function evaluate(uint256 supply, int256 inflation) external override returns (uint256 actions) {
        if (msg.sender != economy || economy == address(0)) revert Credit_OnlyEconomy(msg.sender);
        uint256 t = _tNow();
        uint256 today = t / DAY;
        bool on = autoAdjustEnabled;
        Report memory rep = _report;
        bool reported = on && rep.posted && rep.day == today;

        (uint256[10] memory req, uint256 responses, uint256 acts) = _requests(on, reported, inflation, rep);
        actions = acts;
        emit Evaluated(
            today,
            supply,
            inflation,
            on,
            reported,
            reported ? rep.median : 0,
            reported ? rep.gini : 0,
            reported ? rep.velocity : 0,
            responses
        );
        for (uint256 i; i < N_PARAMS; ++i) {
            if (req[i] != 0) _adjust(AutoParam(i), req[i] - 1, t);
        }
        if (responses & R_VELOCITY_HIGH != 0) emit VelocityFlagged(rep.velocity);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ICreditParameters
    function leverValue(Lever lever) external view override returns (uint256) {
        return _lever(lever, _tView());
    }

    /// @inheritdoc ICreditParameters
    function leverSpec(Lever lever)
        external
        view
        override
        returns (uint256 defaultValue, uint256 min, uint256 max, uint256 step)
    {
        LeverSpec memory s = _specs[uint8(lever)];
        return (s.defaultValue, s.min, s.max, s.step);
    }

    /// @inheritdoc ICreditParameters
    function factor(AutoParam param) external view override returns (uint256) {
        return _factor(param, _tView());
    }

    /// @inheritdoc ICreditParameters
    function paramValue(AutoParam param) external view override returns (uint256) {
        return _paramValue(param, _tView());
    }

    /// @inheritdoc ICreditParameters
    function nextAdjustmentAt(AutoParam param) external view override returns (uint256) {
        uint256 t = _tView();
        (bool any, uint256 last) = _lastChange(param, t);
        return any ? last + _paramCooldown : 0;
    }

    /// @inheritdoc ICreditParameters
    function validationTerms() external view override returns (uint256 reward, uint256 boost, uint256 cap) {
        uint256 t = _tView();
        return (_validationReward(t), _factor(AutoParam.ValidationBoost, t), _validationCap(t));
    }

    /// @inheritdoc ICreditParameters
    function earningTerms() external view override returns (uint256 drRate, uint256 earningCap) {
        uint256 t = _tView();
        return (_drRate(t), _earningCap(t));
    }

    /// @inheritdoc ICreditParameters
    function missionTerms() external view override returns (uint256 min, uint256 max, uint256 boost) {
        uint256 t = _tView();
        return (_lever(Lever.MissionRewardMin, t), _lever(Lever.MissionRewardMax, t), _factor(AutoParam.MissionBoost, t));
    }

    /// @inheritdoc ICreditParameters
    function submissionCost(SubmissionType kind) external view override returns (uint256) {
        return _submissionCost(kind, _tView());
    }

    /// @inheritdoc ICreditParameters
    function decayRate() external view override returns (uint256) {
        return _decayRate(_tView());
    }

    /// @inheritdoc ICreditParameters
    function lastReport()
        external
        view
        override
        returns (bool posted, uint256 day, uint256 median, uint256 gini, uint256 velocity)
    {
        Report memory r = _report;
        return (r.posted, r.day, r.median, r.gini, r.velocity);
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    /// @dev Seconds since genesis; state-changing calls before genesis revert.
    function _tNow() private view returns (uint256) {
        if (block.timestamp < genesis) revert Credit_BeforeGenesis(genesis, block.timestamp);
        return block.timestamp - genesis;
    }

    /// @dev Seconds since genesis for views (0 before genesis).
    function _tView() private view returns (uint256) {
        return block.timestamp < genesis ? 0 : block.timestamp - genesis;
    }

    /// @dev The responses of LEDGER.md §7.3 as requests: a WAD multiplier per parameter, stored +1 so that 0
    /// means "none" and a multiplier of 0 ("to the minimum") stays distinguishable; boosts carry their target
    /// factor instead. Requests for one parameter multiply.
    function _requests(bool on, bool reported, int256 inflation, Report memory rep)
        private
        view
        returns (uint256[10] memory req, uint256 responses, uint256 actions)
    {
        if (on && inflation > int256(_inflationEmergencyWad)) {
            responses |= R_EMERGENCY;
            _mul(req, AutoParam.ValidationReward, 0.75e18);
            _mulCosts(req, 1.25e18);
            _mul(req, AutoParam.ValidationCap, 0.8e18);
        } else if (on && inflation > int256(_inflationWarnWad)) {
            responses |= R_INFLATION;
            _mul(req, AutoParam.ValidationReward, 0.9e18);
            _mulCosts(req, 1.1e18);
        }
        if (on && inflation < -int256(_deflationWad)) {
            responses |= R_DEFLATION;
            _mul(req, AutoParam.ValidationReward, 1.1e18);
            _mulCosts(req, 0.9e18);
            req[uint8(AutoParam.MissionBoost)] = _missionBoostWad + 1; // a target, stored +1
        }
        if (reported) {
            if (rep.median < _liquidityMedian) {
                responses |= R_LIQUIDITY;
                _mulCosts(req, 0); // "to the minimum": as far down as the bounds allow
                actions |= A_TOP_UP | A_SUSPEND;
            }
            actions |= A_DISCOUNTS_SET;
            if (rep.gini > _giniThresholdWad) {
                responses |= R_CONCENTRATION;
                _mul(req, AutoParam.EarningCap, 0.85e18);
                _mul(req, AutoParam.DrRate, 2e18); // §6.2: 25% → 50%, as far as the bounds allow
                actions |= A_DISCOUNTS_ON;
            }
            if (rep.velocity < _velocityLowWad) {
                responses |= R_VELOCITY_LOW;
                _mul(req, AutoParam.DecayRate, 1.4e18); // 5% → 7%
                req[uint8(AutoParam.ValidationBoost)] = _validationStimulusWad + 1; // a target, stored +1
            } else if (rep.velocity > _velocityHighWad) {
                responses |= R_VELOCITY_HIGH;
                _mulCosts(req, 1.15e18);
                _mul(req, AutoParam.ValidationCap, 0.8e18);
            }
        }
    }

    /// @dev req[p] (stored +1) = ⌊req[p] × m / WAD⌋, starting from WAD.
    function _mul(uint256[10] memory req, AutoParam p, uint256 m) private pure {
        uint256 i = uint8(p);
        uint256 cur = req[i] == 0 ? WAD : req[i] - 1;
        req[i] = cur * m / WAD + 1;
    }

    function _mulCosts(uint256[10] memory req, uint256 m) private pure {
        _mul(req, AutoParam.ProblemCost, m);
        _mul(req, AutoParam.SolutionCost, m);
        _mul(req, AutoParam.DebateCost, m);
    }

    /// @dev One parameter's automatic change (LEDGER.md §7.4): cooldown, ≤ 25% per cycle, ≤ 50% in total.
    /// For a boost, `m` is its target factor.
    function _adjust(AutoParam p, uint256 m, uint256 t) private {
        (bool any, uint256 last) = _lastChange(p, t);
        if (any && t < last + _paramCooldown) {
            emit AdjustmentDeferred(p, last + _paramCooldown);
            return;
        }
        bool boost = p == AutoParam.MissionBoost || p == AutoParam.ValidationBoost;
        (uint256 old, uint256 nf) = _bounded(p, m, t, boost);
        if (nf == old && !boost) return;
        uint256 oldValue = _paramValue(p, t);
        uint256 expiresAt;
        if (boost) expiresAt = t + (p == AutoParam.MissionBoost ? _missionBoostWindow : _validationStimulusWindow);
        // Safe casts: factors ≤ 1 + maxDeviation < 2e18 < 2^64 (checked); times < 2^40.
        _factors[uint8(p)] = Factor({
            from: uint64(old),
            to: uint64(nf),
            start: uint40(t),
            expiresAt: uint40(expiresAt),
            lastAuto: uint40(t),
            hasAuto: true
        });
        _emitAdjusted(p, old, nf, oldValue, t, expiresAt);
    }

    /// @dev The factor now and the requested one within the bounds: ⌈old × (1 − step)⌉ ≤ new ≤ ⌊old × (1 + step)⌋,
    /// then 1 − deviation ≤ new ≤ 1 + deviation.
    function _bounded(AutoParam p, uint256 m, uint256 t, bool boost) private view returns (uint256 old, uint256 nf) {
        old = _factor(p, t);
        uint256 desired = boost ? Math.max(old, m) : old * m / WAD;
        uint256 lo = old.mulDiv(WAD - _maxStepWad, WAD, Math.Rounding.Ceil);
        uint256 hi = old.mulDiv(WAD + _maxStepWad, WAD);
        nf = Math.min(Math.max(desired, lo), hi);
        nf = Math.min(Math.max(nf, WAD - _maxDeviationWad), WAD + _maxDeviationWad);
    }

    function _emitAdjusted(AutoParam p, uint256 old, uint256 nf, uint256 oldValue, uint256 t, uint256 expiresAt) private {
        uint256 rampEnd = t + _rampDuration;
        emit ParameterAdjusted(p, old, nf, oldValue, _paramValue(p, rampEnd), rampEnd, expiresAt);
    }

    function _ramp(uint256 from, uint256 to, uint256 start, uint256 t) private view returns (uint256) {
        if (t >= start + _rampDuration) return to;
        if (t <= start) return from;
        // Signed: the ramp may go down. Factors < 2^64 and times < 2^40: no overflow. Truncates towards zero.
        int256 d = (int256(to) - int256(from)) * int256(t - start) / int256(_rampDuration);
        return uint256(int256(from) + d);
    }

    function _factor(AutoParam p, uint256 t) private view returns (uint256) {
        Factor memory f = _factors[uint8(p)];
        if (f.expiresAt > 0 && t >= f.expiresAt) return _ramp(f.to, WAD, f.expiresAt, t);
        return _ramp(f.from, f.to, f.start, t);
    }

    /// @dev The manual value in force at t: a pending proposal whose time has come counts (lazy promotion).
    function _lever(Lever lever, uint256 t) private view returns (uint256) {
        LeverState memory s = _levers[uint8(lever)];
        LeverChange memory cur = s.current;
        if (s.pending.set && t >= s.pending.effectiveAt) cur = s.pending;
        if (cur.set && t >= cur.effectiveAt && t < cur.revertsAt) return cur.value;
        return _specs[uint8(lever)].defaultValue;
    }

    function _promote(Lever lever, uint256 t) private {
        LeverState storage s = _levers[uint8(lever)];
        if (s.pending.set && t >= s.pending.effectiveAt) {
            s.current = s.pending;
            delete s.pending;
        }
    }

    /// @dev The lever whose value is the base of `p` (none for the DR rate and the boosts).
    function _driver(AutoParam p) private pure returns (bool, Lever) {
        if (p == AutoParam.ValidationReward) return (true, Lever.ValidationReward);
        if (p == AutoParam.ProblemCost || p == AutoParam.SolutionCost || p == AutoParam.DebateCost) {
            return (true, Lever.SubmissionCostMultiplier);
        }
        if (p == AutoParam.ValidationCap) return (true, Lever.ValidationCap);
        if (p == AutoParam.EarningCap) return (true, Lever.EarningCap);
        if (p == AutoParam.DecayRate) return (true, Lever.DecayRate);
        return (false, Lever.ValidationReward);
    }

    /// @dev Last change of `p` at or before t: its last automatic change, or its lever taking effect or reverting.
    function _lastChange(AutoParam p, uint256 t) private view returns (bool any, uint256 last) {
        Factor memory f = _factors[uint8(p)];
        (any, last) = (f.hasAuto, f.lastAuto);
        (bool driven, Lever lever) = _driver(p);
        if (!driven) return (any, last);
        LeverState memory s = _levers[uint8(lever)];
        (any, last) = _seen(s.current, t, any, last);
        (any, last) = _seen(s.pending, t, any, last);
    }

    function _seen(LeverChange memory ch, uint256 t, bool any, uint256 last) private pure returns (bool, uint256) {
        if (!ch.set) return (any, last);
        if (ch.effectiveAt <= t && (!any || ch.effectiveAt > last)) (any, last) = (true, ch.effectiveAt);
        if (ch.revertsAt <= t && (!any || ch.revertsAt > last)) (any, last) = (true, ch.revertsAt);
        return (any, last);
    }

    function _validationReward(uint256 t) private view returns (uint256) {
        return _lever(Lever.ValidationReward, t) * _factor(AutoParam.ValidationReward, t) / WAD;
    }

    function _validationCap(uint256 t) private view returns (uint256) {
        return _lever(Lever.ValidationCap, t) * _factor(AutoParam.ValidationCap, t) / WAD;
    }

    function _earningCap(uint256 t) private view returns (uint256) {
        return _lever(Lever.EarningCap, t) * _factor(AutoParam.EarningCap, t) / WAD;
    }

    function _decayRate(uint256 t) private view returns (uint256) {
        return Math.min(_lever(Lever.DecayRate, t) * _factor(AutoParam.DecayRate, t) / WAD, WAD);
    }

    function _drRate(uint256 t) private view returns (uint256) {
        return Math.min(_drRateDefault * _factor(AutoParam.DrRate, t) / WAD, WAD);
    }

    function _submissionCost(SubmissionType kind, uint256 t) private view returns (uint256) {
        uint256 base = kind == SubmissionType.Problem ? _problemCost : kind == SubmissionType.Solution ? _solutionCost : _debateCost;
        AutoParam p = AutoParam(uint8(AutoParam.ProblemCost) + uint8(kind));
        uint256 raw = (base * _lever(Lever.SubmissionCostMultiplier, t)).mulDiv(_factor(p, t), WAD * WAD, Math.Rounding.Ceil);
        return Math.max(raw, _minSubmissionCost);
    }

    function _paramValue(AutoParam p, uint256 t) private view returns (uint256) {
        if (p == AutoParam.ValidationReward) return _validationReward(t);
        if (p == AutoParam.ProblemCost) return _submissionCost(SubmissionType.Problem, t);
        if (p == AutoParam.SolutionCost) return _submissionCost(SubmissionType.Solution, t);
        if (p == AutoParam.DebateCost) return _submissionCost(SubmissionType.Debate, t);
        if (p == AutoParam.ValidationCap) return _validationCap(t);
        if (p == AutoParam.EarningCap) return _earningCap(t);
        if (p == AutoParam.DecayRate) return _decayRate(t);
        if (p == AutoParam.DrRate) return _drRate(t);
        return _factor(p, t);
    }

    function _checkConfig(ParamsConfig memory c) private pure {
        if (c.maxStepWad >= WAD) revert Credit_InvalidConfig("maxStepWad");
        if (c.maxDeviationWad >= WAD) revert Credit_InvalidConfig("maxDeviationWad");
        if (c.drRateDefault > WAD) revert Credit_InvalidConfig("drRateDefault");
        // Boost targets above the deviation bound are allowed (they are clamped); times must fit 40 bits.
        uint256 maxTime = 2 ** 32;
        if (
            c.paramCooldown > maxTime || c.rampDuration > maxTime || c.missionBoostWindow > maxTime
                || c.validationStimulusWindow > maxTime || c.leverDelay > maxTime || c.leverDuration > maxTime
        ) revert Credit_InvalidConfig("time");
        if (c.submissionCost[0] > type(uint96).max || c.submissionCost[1] > type(uint96).max || c.submissionCost[2] > type(uint96).max) {
            revert Credit_InvalidConfig("submissionCost");
        }
        for (uint256 i; i < N_LEVERS; ++i) {
            LeverSpec memory s = c.levers[i];
            if (s.step == 0 || s.min > s.defaultValue || s.defaultValue > s.max || s.max > type(uint96).max) {
                revert Credit_InvalidConfig("lever");
            }
            if ((s.defaultValue - s.min) % s.step != 0) revert Credit_InvalidConfig("lever");
        }
    }
}
