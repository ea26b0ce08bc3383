// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SoulboundCredit} from "./SoulboundCredit.sol";
import {ICreditEconomy} from "./ICreditEconomy.sol";
import {ICreditParameters} from "./ICreditParameters.sol";
import {EconomyConfig, FaucetKind, Lever, SpendKind, SubmissionType} from "./CreditTypes.sol";
import {Errors} from "../libraries/Errors.sol";

/// @title CreditEconomy
/// @notice The soulbound credit with the economy of issue 6 built in (sim/economy/LEDGER.md). The token's
/// settled balances are the ledger's balances; `balanceOf` shows them with pending inactivity decay applied;
/// transfers and approvals revert as in `SoulboundCredit`; the plain `mint`/`burn` are disabled.
/// @dev Every operation: roll the active-agent ring to today, compute the subject agent's decay view and every
/// check on read-only views, then apply the effects in the reference's order (decay settlement, supply-cap
/// decision, counters, accounts, activity, event). External calls go only to the parameter engine, fixed at
/// deployment and trusted (it calls nothing back), so no operation can be re-entered.
/// Loops are bounded: the ring roll (≤ 30 days), decay steps (months since the last activity, stopping at the
/// floor), the tier tables (≤ 3).
contract CreditEconomy is ICreditEconomy, SoulboundCredit {
    /// @notice Reports validations (validation rewards).
    bytes32 public constant VALIDATION_ORACLE_ROLE = keccak256("VALIDATION_ORACLE_ROLE");
    /// @notice Pays mission rewards.
    bytes32 public constant MISSION_ROLE = keccak256("MISSION_ROLE");
    /// @notice Pays evidence review rewards.
    bytes32 public constant REVIEW_ROLE = keccak256("REVIEW_ROLE");
    /// @notice Pays starter grants and referral rewards.
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    /// @notice Charges agents' spending on their behalf (the market, the platform).
    bytes32 public constant SPEND_ROLE = keccak256("SPEND_ROLE");
    /// @notice Opens disputes (staking the agent's credit) and resolves them.
    bytes32 public constant DISPUTE_ROLE = keccak256("DISPUTE_ROLE");
    /// @notice Slashes and acknowledges supply-cap breaches.
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");

    uint256 private constant WAD = 1e18;
    uint256 private constant BPS = 10_000;
    uint256 private constant DAY = 86_400;
    uint256 private constant RING = 32;

    uint8 private constant F_STARTER = 1;
    uint8 private constant F_REFERRED = 2;
    uint8 private constant F_ACTIVE = 4;

    uint8 private constant NO_TRANSITION = 0;
    uint8 private constant BREACH = 1;
    uint8 private constant RELEASE = 2;

    /// @dev Per agent, one slot. Times are seconds since genesis; days and months count from genesis.
    struct Agent {
        uint40 lastActivity;
        uint40 lastActivityClock; // the decay clock at the last activity
        uint32 stepsApplied; // decay steps applied since the last activity
        uint32 counterDay; // day of `validationsToday` and the earnings' `today`
        uint32 validationsToday;
        uint32 monthOfCounter; // ledger month of `thisMonth`
        uint32 topUpClaimedRound;
        uint8 slashCount;
        uint8 flags; // F_STARTER, F_REFERRED (as the referred agent), F_ACTIVE (ever active)
    }

    /// @dev Earned-faucet counters, credit wei: today (diminishing returns, earning cap) and the tier months.
    struct Earnings {
        uint128 today;
        uint128 thisMonth;
        uint128 prevMonth;
    }

    /// @dev Ring, supply cap and decay suspension, one slot.
    struct Global {
        uint32 rolledDay;
        uint32 activeCount;
        bool capped;
        uint40 cappedSince;
        bool capAcknowledged;
        uint40 suspendedTotal;
        uint40 suspStart;
        uint40 suspEnd;
    }

    /// @dev Evaluation, top-up and discount state, one slot.
    struct EvalState {
        bool evaluated;
        uint40 lastEvalAt;
        bool discountsActive;
        uint32 topUpRound;
        uint40 topUpOpenedAt;
    }

    struct Dispute {
        address agent;
        uint96 stake;
    }

    struct DecayView {
        uint256 balance;
        uint256 burned;
        uint256 due;
        uint256 steps;
    }

    struct CapDecision {
        bool capped;
        uint8 transition;
        uint256 cap;
        uint256 active;
    }

    /// @dev An earned faucet's amounts (LEDGER.md §4.6).
    struct Pay {
        uint256 gross;
        uint256 scaled;
        uint256 paid;
        uint256 fromPool;
        uint256 fromReserve;
        uint256 earnedBefore;
    }

    /// @inheritdoc ICreditEconomy
    ICreditParameters public immutable override parameters;
    /// @inheritdoc ICreditEconomy
    uint256 public immutable override genesis;

    uint256 private immutable _splitReserveBps;
    uint256 private immutable _splitBurnBps;
    uint256 private immutable _voteCost;
    uint256 private immutable _circleCost;
    uint256 private immutable _priorityCost;
    uint256 private immutable _disputeStake;
    uint256 private immutable _disputeBonus;
    uint256 private immutable _slashFirst;
    uint256 private immutable _slashSecond;
    uint256 private immutable _discountBelow0;
    uint256 private immutable _discountBelow1;
    uint256 private immutable _discountWad0;
    uint256 private immutable _discountWad1;
    uint256 private immutable _validationFundedBps;
    uint256 private immutable _f1Slope;
    uint256 private immutable _f1Offset;
    uint256 private immutable _f1MultMin;
    uint256 private immutable _f1MultMax;
    uint256 private immutable _f1Min;
    uint256 private immutable _qualityMin;
    uint256 private immutable _qualityMax;
    uint256 private immutable _reviewMin;
    uint256 private immutable _reviewMax;
    uint256 private immutable _drThreshold;
    uint256 private immutable _inactivityThreshold;
    uint256 private immutable _decayPeriod;
    uint256 private immutable _decayFloor;
    uint256 private immutable _capPerActiveAgent;
    uint256 private immutable _activeWindowDays;
    uint256 private immutable _capReleaseBps;
    uint256 private immutable _cappedFaucetWad;
    uint256 private immutable _escalatedFaucetWad;
    uint256 private immutable _capEscalationDelay;
    uint256 private immutable _cappedValidationCap;
    uint256 private immutable _evaluationInterval;
    uint256 private immutable _topUpBelow;
    uint256 private immutable _topUpWindow;
    uint256 private immutable _decaySuspension;
    uint256 private immutable _tier0;
    uint256 private immutable _tier1;
    uint256 private immutable _tier2;
    uint256 private immutable _tierDiscount0;
    uint256 private immutable _tierDiscount1;
    uint256 private immutable _tierDiscount2;

    /// @inheritdoc ICreditEconomy
    uint256 public override escrow;
    /// @inheritdoc ICreditEconomy
    uint256 public override rewardPool;
    /// @inheritdoc ICreditEconomy
    uint256 public override reserve;
    /// @inheritdoc ICreditEconomy
    uint256 public override totalIssued;
    /// @inheritdoc ICreditEconomy
    uint256 public override totalBurned;

    uint256 private _lastEvalSupply;
    Global private _g;
    EvalState private _ev;
    uint32[32] private _ring;
    mapping(address agent => Agent) private _agents;
    mapping(address agent => Earnings) private _earnings;
    mapping(uint256 id => Dispute) private _disputes;

    /// @param name_ ERC-20 name.
    /// @param symbol_ ERC-20 symbol.
    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants the roles).
    /// @param config The constants (see `EconomyConfig`); checked for consistency.
    /// @param parameters_ The parameter engine; its `genesis` is the economy's.
    // Immutables can only be assigned in the constructor's body, hence its length.
    // solhint-disable-next-line function-max-lines
    constructor(
        string memory name_,
        string memory symbol_,
        address admin,
        EconomyConfig memory config,
        ICreditParameters parameters_
    ) SoulboundCredit(name_, symbol_, admin) {
        if (address(parameters_) == address(0)) revert Errors.ZeroAddress("parameters");
        _checkConfig(config);
        parameters = parameters_;
        genesis = parameters_.genesis();
        _splitReserveBps = config.splitReserveBps;
        _splitBurnBps = config.splitBurnBps;
        _voteCost = config.spendCost[0];
        _circleCost = config.spendCost[1];
        _priorityCost = config.spendCost[2];
        _disputeStake = config.disputeStake;
        _disputeBonus = config.disputeBonus;
        _slashFirst = config.slashFirst;
        _slashSecond = config.slashSecond;
        _discountBelow0 = config.discountBelow[0];
        _discountBelow1 = config.discountBelow[1];
        _discountWad0 = config.discountWad[0];
        _discountWad1 = config.discountWad[1];
        _validationFundedBps = config.validationFundedBps;
        _f1Slope = config.f1Slope;
        _f1Offset = config.f1Offset;
        _f1MultMin = config.f1MultMin;
        _f1MultMax = config.f1MultMax;
        _f1Min = config.f1Min;
        _qualityMin = config.qualityMin;
        _qualityMax = config.qualityMax;
        _reviewMin = config.reviewMin;
        _reviewMax = config.reviewMax;
        _drThreshold = config.drThreshold;
        _inactivityThreshold = config.inactivityThreshold;
        _decayPeriod = config.decayPeriod;
        _decayFloor = config.decayFloor;
        _capPerActiveAgent = config.capPerActiveAgent;
        _activeWindowDays = config.activeWindowDays;
        _capReleaseBps = config.capReleaseBps;
        _cappedFaucetWad = config.cappedFaucetWad;
        _escalatedFaucetWad = config.escalatedFaucetWad;
        _capEscalationDelay = config.capEscalationDelay;
        _cappedValidationCap = config.cappedValidationCap;
        _evaluationInterval = config.evaluationInterval;
        _topUpBelow = config.topUpBelow;
        _topUpWindow = config.topUpWindow;
        _decaySuspension = config.decaySuspension;
        _tier0 = config.tierAtLeast[0];
        _tier1 = config.tierAtLeast[1];
        _tier2 = config.tierAtLeast[2];
        _tierDiscount0 = config.tierDiscount[0];
        _tierDiscount1 = config.tierDiscount[1];
        _tierDiscount2 = config.tierDiscount[2];
    }

    // ---------------------------------------------------------------------------------------------
    // The plain soulbound credit's entry points
    // ---------------------------------------------------------------------------------------------

    /// @notice Disabled: credit is minted only by the economy's faucets.
    function mint(address, uint256) external pure override {
        revert Credit_DirectMintBurnDisabled();
    }

    /// @notice Disabled: credit is burned only by the economy's sinks, decay and slashes.
    function burn(address, uint256) external pure override {
        revert Credit_DirectMintBurnDisabled();
    }

    /// @notice The balance with pending inactivity decay applied (LEDGER.md §4.2); `settledBalanceOf` is the stored one.
    function balanceOf(address account) public view override returns (uint256) {
        return _decayView(account, _tView()).balance;
    }

    // ---------------------------------------------------------------------------------------------
    // Faucets
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ICreditEconomy
    function grantStarter(address agent) external override onlyRole(REGISTRAR_ROLE) whenNotPaused returns (uint256 amount) {
        uint256 t = _begin(agent);
        Agent storage s = _agents[agent];
        // Checks
        if (s.flags & F_STARTER != 0) revert Credit_StarterGrantAlreadyPaid(agent);
        DecayView memory dec = _decayView(agent, t);
        uint256 supply = totalSupply() - dec.burned;
        CapDecision memory cap = _capDecision(t, supply);
        if (cap.capped) revert Credit_StarterGrantsSuspended(supply, cap.cap);
        amount = parameters.leverValue(Lever.StarterGrant);
        // Effects
        _applyDecay(agent, dec);
        _applyCap(t, cap);
        s.flags |= F_STARTER;
        _credit(agent, amount);
        totalIssued += amount;
        _markActive(agent, t);
        emit StarterGranted(agent, amount);
    }

    /// @inheritdoc ICreditEconomy
    function rewardReferral(address referrer, address referred)
        external
        override
        onlyRole(REGISTRAR_ROLE)
        whenNotPaused
        returns (uint256 paid)
    {
        uint256 t = _begin(referrer);
        if (referred == address(0)) revert Errors.ZeroAddress("referred");
        if (referrer == referred) revert Credit_SelfReferral(referrer);
        if (_agents[referred].flags & F_REFERRED != 0) revert Credit_ReferralAlreadyPaid(referred);
        paid = _earn(referrer, t, parameters.leverValue(Lever.ReferralReward), FaucetKind.Referral);
        _agents[referred].flags |= F_REFERRED;
        emit ReferralRewarded(referrer, referred);
    }

    /// @inheritdoc ICreditEconomy
    function rewardValidations(address agent, uint256 count, uint256 f1, uint256 quality)
        external
        override
        onlyRole(VALIDATION_ORACLE_ROLE)
        whenNotPaused
        returns (uint256 paid)
    {
        uint256 t = _begin(agent);
        // Checks
        if (count == 0 || count > type(uint32).max) revert Credit_ZeroCount(count);
        if (f1 > WAD) revert Credit_F1OutOfRange(f1);
        if (f1 < _f1Min) revert Credit_F1BelowPoolMinimum(f1, _f1Min);
        if (quality < _qualityMin || quality > _qualityMax) revert Credit_QualityOutOfRange(quality, _qualityMin, _qualityMax);
        DecayView memory dec = _decayView(agent, t);
        CapDecision memory cap = _capDecision(t, totalSupply() - dec.burned);
        (uint256 done, uint256 allowed, uint256 per) = _validationQuote(agent, t, count, f1, quality, cap.capped);
        // Effects
        paid = _earnWith(agent, t, allowed * per, FaucetKind.Validation, dec, cap);
        // Safe cast: done + allowed ≤ the daily validation cap (a lever ≤ 2^96 times a factor ≤ 1.5, in practice ≤ 150).
        _agents[agent].validationsToday = uint32(done + allowed);
        emit ValidationsRewarded(agent, count, allowed, per);
    }

    /// @inheritdoc ICreditEconomy
    function rewardMission(address agent, uint256 amount, bool reserveOnly)
        external
        override
        onlyRole(MISSION_ROLE)
        whenNotPaused
        returns (uint256 paid)
    {
        uint256 t = _begin(agent);
        (uint256 lo, uint256 hi, uint256 boost) = parameters.missionTerms();
        if (amount < lo || amount > hi) revert Credit_MissionRewardOutOfRange(amount, lo, hi);
        paid = _earn(agent, t, amount * boost / WAD, reserveOnly ? FaucetKind.MissionReserveOnly : FaucetKind.Mission);
    }

    /// @inheritdoc ICreditEconomy
    function rewardEvidenceReview(address agent, uint256 amount)
        external
        override
        onlyRole(REVIEW_ROLE)
        whenNotPaused
        returns (uint256 paid)
    {
        uint256 t = _begin(agent);
        if (amount < _reviewMin || amount > _reviewMax) revert Credit_ReviewRewardOutOfRange(amount, _reviewMin, _reviewMax);
        paid = _earn(agent, t, amount, FaucetKind.Review);
    }

    /// @inheritdoc ICreditEconomy
    function claimEmergencyTopUp(address agent) external override whenNotPaused returns (uint256 amount) {
        uint256 t = _begin(agent);
        EvalState memory ev = _ev;
        Agent storage s = _agents[agent];
        // Checks. An unknown address claims only through the registrar: otherwise fresh addresses would mint.
        if (!hasRole(REGISTRAR_ROLE, msg.sender)) {
            if (msg.sender != agent) revert Credit_NotAgentOrRegistrar(msg.sender, agent);
            if (s.flags & (F_ACTIVE | F_STARTER) == 0) revert Credit_UnknownAgent(agent);
        }
        if (ev.topUpRound == 0 || t >= ev.topUpOpenedAt + _topUpWindow) revert Credit_NoTopUpRound(ev.topUpRound);
        if (s.topUpClaimedRound >= ev.topUpRound) revert Credit_TopUpAlreadyClaimed(agent, ev.topUpRound);
        DecayView memory dec = _decayView(agent, t);
        if (dec.balance >= _topUpBelow) revert Credit_BalanceNotBelowTopUpThreshold(agent, dec.balance, _topUpBelow);
        CapDecision memory cap = _capDecision(t, totalSupply() - dec.burned);
        amount = parameters.leverValue(Lever.EmergencyTopUp) * _scale(t, cap) / WAD;
        // Effects (not an activity: a hand-out does not reset a dormant account's decay)
        _applyDecay(agent, dec);
        _applyCap(t, cap);
        s.topUpClaimedRound = ev.topUpRound;
        _credit(agent, amount);
        totalIssued += amount;
        emit EmergencyTopUpClaimed(agent, ev.topUpRound, amount);
    }

    // ---------------------------------------------------------------------------------------------
    // Sinks
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ICreditEconomy
    function chargeSubmission(address agent, SubmissionType kind, uint256 count)
        external
        override
        whenNotPaused
        returns (uint256 total)
    {
        _checkSpender(agent);
        uint256 t = _begin(agent);
        // Checks
        if (count == 0 || count > type(uint32).max) revert Credit_ZeroCount(count);
        DecayView memory dec = _decayView(agent, t);
        uint256 unit = _discounted(parameters.submissionCost(kind), dec.balance);
        total = unit * count;
        if (dec.balance < total) revert Credit_InsufficientBalance(agent, dec.balance, total);
        // The split: burn and reserve rounded down, the pool takes the remainder (≤ 2 wei above its 60%).
        uint256 burned = total * _splitBurnBps / BPS;
        uint256 toReserve = total * _splitReserveBps / BPS;
        uint256 toPool = total - burned - toReserve;
        // Effects
        _applyDecay(agent, dec);
        _debit(agent, total);
        rewardPool += toPool;
        reserve += toReserve;
        totalBurned += burned;
        _markActive(agent, t);
        emit SubmissionCharged(agent, kind, count, unit, total, toPool, toReserve, burned);
    }

    /// @inheritdoc ICreditEconomy
    function chargeSpend(address agent, SpendKind kind) external override whenNotPaused returns (uint256 cost) {
        _checkSpender(agent);
        uint256 t = _begin(agent);
        cost = kind == SpendKind.Vote ? _voteCost : kind == SpendKind.Circle ? _circleCost : _priorityCost;
        DecayView memory dec = _decayView(agent, t);
        if (dec.balance < cost) revert Credit_InsufficientBalance(agent, dec.balance, cost);
        uint256 tax = cost * parameters.leverValue(Lever.TransactionTax) / WAD;
        // Effects
        _applyDecay(agent, dec);
        _debit(agent, cost);
        reserve += cost - tax;
        totalBurned += tax;
        _markActive(agent, t);
        emit SpendCharged(agent, kind, cost, cost - tax, tax);
    }

    /// @inheritdoc ICreditEconomy
    function buyFeature(address agent, uint256 amount) external override onlyRole(SPEND_ROLE) whenNotPaused {
        uint256 t = _begin(agent);
        if (amount == 0) revert Credit_ZeroAmount();
        DecayView memory dec = _decayView(agent, t);
        if (dec.balance < amount) revert Credit_InsufficientBalance(agent, dec.balance, amount);
        _applyDecay(agent, dec);
        _debit(agent, amount);
        totalBurned += amount;
        _markActive(agent, t);
        emit FeaturePurchased(agent, amount);
    }

    /// @inheritdoc ICreditEconomy
    function openDispute(address agent, uint256 id) external override onlyRole(DISPUTE_ROLE) whenNotPaused {
        uint256 t = _begin(agent);
        if (_disputes[id].agent != address(0)) revert Credit_DisputeExists(id);
        uint256 stake = _disputeStake;
        DecayView memory dec = _decayView(agent, t);
        if (dec.balance < stake) revert Credit_InsufficientBalance(agent, dec.balance, stake);
        _applyDecay(agent, dec);
        _debit(agent, stake);
        escrow += stake;
        // Safe cast: the stake fits 96 bits (constructor check).
        _disputes[id] = Dispute({agent: agent, stake: uint96(stake)});
        _markActive(agent, t);
        emit DisputeOpened(agent, id, stake);
    }

    /// @inheritdoc ICreditEconomy
    function resolveDispute(uint256 id, bool upheld) external override onlyRole(DISPUTE_ROLE) whenNotPaused {
        Dispute memory d = _disputes[id];
        if (d.agent == address(0)) revert Credit_UnknownDispute(id);
        uint256 t = _begin(d.agent);
        DecayView memory dec = _decayView(d.agent, t);
        CapDecision memory cap;
        uint256 bonus;
        if (upheld) {
            cap = _capDecision(t, totalSupply() - dec.burned);
            bonus = Math.min(_disputeBonus * _scale(t, cap) / WAD, reserve);
        }
        // Effects
        _applyDecay(d.agent, dec);
        if (upheld) _applyCap(t, cap);
        delete _disputes[id];
        escrow -= d.stake;
        if (upheld) {
            reserve -= bonus;
            _credit(d.agent, d.stake + bonus);
        } else {
            totalBurned += d.stake;
        }
        _markActive(d.agent, t);
        emit DisputeResolved(d.agent, id, upheld, d.stake, bonus);
    }

    /// @inheritdoc ICreditEconomy
    function slash(address agent) external override onlyRole(GOVERNOR_ROLE) whenNotPaused returns (uint256 amount) {
        uint256 t = _begin(agent);
        DecayView memory dec = _decayView(agent, t);
        Agent storage s = _agents[agent];
        uint256 offense = Math.min(uint256(s.slashCount) + 1, type(uint8).max);
        if (offense == 1) amount = Math.min(_slashFirst, dec.balance);
        else if (offense == 2) amount = Math.min(_slashSecond, dec.balance);
        else amount = dec.balance;
        // Effects (not an activity: punishment does not reset a dormant account's decay)
        _applyDecay(agent, dec);
        // Safe cast: offense ≤ 255.
        s.slashCount = uint8(offense);
        _debit(agent, amount);
        totalBurned += amount;
        emit Slashed(agent, offense, amount);
    }

    /// @inheritdoc ICreditEconomy
    function settleDecay(address agent) external override whenNotPaused returns (uint256 burned) {
        uint256 t = _begin(agent);
        DecayView memory dec = _decayView(agent, t);
        _applyDecay(agent, dec);
        return dec.burned;
    }

    // ---------------------------------------------------------------------------------------------
    // Evaluation and supply cap
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ICreditEconomy
    function evaluate() external override whenNotPaused {
        uint256 t = _tNow();
        _roll(t / DAY);
        EvalState storage ev = _ev;
        // Checks
        if (ev.evaluated && t < ev.lastEvalAt + _evaluationInterval) {
            revert Credit_EvaluationTooEarly(ev.lastEvalAt + _evaluationInterval);
        }
        // Effects
        _applyCap(t, _capDecision(t, totalSupply()));
        uint256 supply = totalSupply();
        int256 inflation;
        uint256 last = _lastEvalSupply;
        if (ev.evaluated && last > 0) {
            // A signed daily rate, truncated towards zero. Supplies < 2^128: no overflow.
            inflation = (int256(supply) - int256(last)) * int256(WAD) * int256(DAY)
                / (int256(last) * int256(t - ev.lastEvalAt));
        }
        ev.evaluated = true;
        // Safe cast: t < 2^40 for 34,000 years.
        ev.lastEvalAt = uint40(t);
        _lastEvalSupply = supply;
        // Interaction with the trusted parameter engine (emits `Evaluated` and the adjustments), then its
        // requests to this ledger.
        uint256 actions = parameters.evaluate(supply, inflation);
        if (actions & 1 != 0) {
            ev.topUpRound += 1;
            ev.topUpOpenedAt = uint40(t);
            emit TopUpRoundOpened(ev.topUpRound, t + _topUpWindow, parameters.leverValue(Lever.EmergencyTopUp), _topUpBelow);
        }
        if (actions & 2 != 0) _suspendDecay(t);
        if (actions & 4 != 0) {
            bool on = actions & 8 != 0;
            if (on != ev.discountsActive) {
                ev.discountsActive = on;
                emit ProgressiveDiscountsSet(on);
            }
        }
    }

    /// @inheritdoc ICreditEconomy
    function acknowledgeCapBreach() external override onlyRole(GOVERNOR_ROLE) whenNotPaused {
        uint256 t = _tNow();
        _roll(t / DAY);
        uint256 supply = totalSupply();
        CapDecision memory cap = _capDecision(t, supply);
        if (!cap.capped) revert Credit_NotCapped(supply, cap.cap);
        _applyCap(t, cap);
        _g.capAcknowledged = true;
        emit SupplyCapAcknowledged(supply, cap.cap);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ICreditEconomy
    function settledBalanceOf(address agent) external view override returns (uint256) {
        return super.balanceOf(agent);
    }

    /// @inheritdoc ICreditEconomy
    function balancesOf(address[] calldata agents)
        external
        view
        override
        returns (uint256[] memory balances, uint256[] memory settled)
    {
        uint256 t = _tView();
        balances = new uint256[](agents.length);
        settled = new uint256[](agents.length);
        for (uint256 i; i < agents.length; ++i) {
            balances[i] = _decayView(agents[i], t).balance;
            settled[i] = super.balanceOf(agents[i]);
        }
    }

    /// @inheritdoc ICreditEconomy
    function totals()
        external
        view
        override
        returns (uint256 supply, uint256 escrow_, uint256 rewardPool_, uint256 reserve_, uint256 issued, uint256 burned)
    {
        return (totalSupply(), escrow, rewardPool, reserve, totalIssued, totalBurned);
    }

    /// @inheritdoc ICreditEconomy
    function activeAgents() external view override returns (uint256) {
        return _activeAt(_tView() / DAY);
    }

    /// @inheritdoc ICreditEconomy
    function supplyCap() external view override returns (uint256) {
        return _activeAt(_tView() / DAY) * _capPerActiveAgent;
    }

    /// @inheritdoc ICreditEconomy
    function capState()
        external
        view
        override
        returns (bool capped, uint256 cappedSince, bool acknowledged, uint256 faucetScale)
    {
        Global memory g = _g;
        CapDecision memory none = CapDecision({capped: g.capped, transition: NO_TRANSITION, cap: 0, active: 0});
        return (g.capped, g.cappedSince, g.capAcknowledged, _scale(_tView(), none));
    }

    /// @inheritdoc ICreditEconomy
    function activityOf(address agent)
        external
        view
        override
        returns (bool everActive, uint256 lastActivity, uint256 stepsApplied, uint256 stepsDue)
    {
        Agent memory s = _agents[agent];
        DecayView memory dec = _decayView(agent, _tView());
        return (s.flags & F_ACTIVE != 0, s.lastActivity, s.stepsApplied, dec.due);
    }

    /// @inheritdoc ICreditEconomy
    function dailyCounters(address agent) external view override returns (uint256 earned, uint256 validations) {
        Agent memory s = _agents[agent];
        if (s.counterDay != _tView() / DAY) return (0, 0);
        return (_earnings[agent].today, s.validationsToday);
    }

    /// @inheritdoc ICreditEconomy
    function recentEarnings(address agent) public view override returns (uint256) {
        uint256 month = _tView() / _decayPeriod;
        uint256 m0 = _agents[agent].monthOfCounter;
        Earnings memory e = _earnings[agent];
        if (m0 == month) return uint256(e.thisMonth) + e.prevMonth;
        if (m0 + 1 == month) return e.thisMonth;
        return 0;
    }

    /// @inheritdoc ICreditEconomy
    function subscriptionDiscount(address agent) external view override returns (uint256) {
        uint256 e = recentEarnings(agent);
        if (e >= _tier2) return _tierDiscount2;
        if (e >= _tier1) return _tierDiscount1;
        if (e >= _tier0) return _tierDiscount0;
        return 0;
    }

    /// @inheritdoc ICreditEconomy
    function quoteSubmission(address agent, SubmissionType kind, uint256 count) external view override returns (uint256) {
        uint256 balance = _decayView(agent, _tView()).balance;
        return _discounted(parameters.submissionCost(kind), balance) * count;
    }

    /// @inheritdoc ICreditEconomy
    function flagsOf(address agent)
        external
        view
        override
        returns (bool starterPaid, bool referralPaid, uint256 slashCount, uint256 topUpClaimedRound)
    {
        Agent memory s = _agents[agent];
        return (s.flags & F_STARTER != 0, s.flags & F_REFERRED != 0, s.slashCount, s.topUpClaimedRound);
    }

    /// @inheritdoc ICreditEconomy
    function disputeOf(uint256 id) external view override returns (address agent, uint256 stake) {
        Dispute memory d = _disputes[id];
        return (d.agent, d.stake);
    }

    /// @inheritdoc ICreditEconomy
    function decayClock() external view override returns (uint256 clock, uint256 suspendedUntil) {
        return (_clock(_tView()), _g.suspEnd);
    }

    /// @inheritdoc ICreditEconomy
    function topUpRound() external view override returns (uint256 round, uint256 openedAt) {
        return (_ev.topUpRound, _ev.topUpOpenedAt);
    }

    /// @inheritdoc ICreditEconomy
    function lastEvaluation() external view override returns (bool evaluated, uint256 at, uint256 supply) {
        return (_ev.evaluated, _ev.lastEvalAt, _lastEvalSupply);
    }

    /// @inheritdoc ICreditEconomy
    function discountsActive() external view override returns (bool) {
        return _ev.discountsActive;
    }

    // ---------------------------------------------------------------------------------------------
    // Internals: time, the active-agent ring, decay, the supply cap
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

    /// @dev Every agent operation starts here: a real agent, the time, the ring rolled to today.
    function _begin(address agent) private returns (uint256 t) {
        if (agent == address(0)) revert Errors.ZeroAddress("agent");
        t = _tNow();
        _roll(t / DAY);
    }

    function _checkSpender(address agent) private view {
        if (msg.sender != agent && !hasRole(SPEND_ROLE, msg.sender)) revert Credit_NotAgentOrSpender(msg.sender, agent);
    }

    /// @dev Expires the days that left the window by `today` (LEDGER.md §4.4). The result depends only on `today`.
    function _roll(uint256 today) private {
        Global storage g = _g;
        uint256 rolled = g.rolledDay;
        if (today <= rolled) return;
        uint256 w = _activeWindowDays;
        if (today - rolled >= w) {
            delete _ring;
            g.activeCount = 0;
        } else {
            uint256 count = g.activeCount;
            for (uint256 x = rolled + 1; x <= today; ++x) {
                if (x < w) continue;
                uint256 slot = (x - w) % RING;
                count -= _ring[slot];
                _ring[slot] = 0;
            }
            // Safe cast: count ≤ the previous count.
            g.activeCount = uint32(count);
        }
        // Safe cast: days < 2^32.
        g.rolledDay = uint32(today);
    }

    /// @dev The active count on `today` without writing (the same arithmetic as `_roll`).
    function _activeAt(uint256 today) private view returns (uint256 count) {
        Global memory g = _g;
        count = g.activeCount;
        if (today <= g.rolledDay) return count;
        uint256 w = _activeWindowDays;
        if (today - g.rolledDay >= w) return 0;
        for (uint256 x = uint256(g.rolledDay) + 1; x <= today; ++x) {
            if (x >= w) count -= _ring[(x - w) % RING];
        }
    }

    /// @dev Moves the agent to today's bucket and restarts its decay clock (LEDGER.md §4.3).
    function _markActive(address agent, uint256 t) private {
        Agent storage s = _agents[agent];
        Global storage g = _g;
        uint256 today = t / DAY;
        if (s.flags & F_ACTIVE != 0) {
            uint256 prevDay = uint256(s.lastActivity) / DAY;
            if (prevDay + _activeWindowDays > today) {
                _ring[prevDay % RING] -= 1;
                g.activeCount -= 1;
            }
        }
        _ring[today % RING] += 1;
        g.activeCount += 1;
        // Safe casts: times < 2^40.
        s.lastActivity = uint40(t);
        s.lastActivityClock = uint40(_clock(t));
        s.stepsApplied = 0;
        s.flags |= F_ACTIVE;
    }

    /// @dev The decay clock: seconds since genesis with suspended periods removed (LEDGER.md §5).
    function _clock(uint256 t) private view returns (uint256) {
        Global memory g = _g;
        uint256 overlap = t <= g.suspStart ? 0 : Math.min(t - g.suspStart, uint256(g.suspEnd) - g.suspStart);
        return t - g.suspendedTotal - overlap;
    }

    function _suspendDecay(uint256 t) private {
        Global storage g = _g;
        uint256 until = t + _decaySuspension;
        // Safe casts: times < 2^40.
        if (g.suspEnd <= t) {
            g.suspendedTotal += g.suspEnd - g.suspStart;
            g.suspStart = uint40(t);
        }
        // An overlap extends the suspension: max(suspEnd, until) is `until`, since every suspension lasts
        // `decaySuspension` and began at an earlier evaluation.
        g.suspEnd = uint40(until);
        emit DecaySuspended(g.suspStart, g.suspEnd);
    }

    /// @dev Pending decay (LEDGER.md §4.2): after `inactivityThreshold` without activity one step, then one per
    /// `decayPeriod`; each step burns ⌊b × rate⌋ (the holder's favour), never below the floor; the rate is the one
    /// in force now. Steps stopped by the floor or a zero cut count as applied.
    function _decayView(address agent, uint256 t) private view returns (DecayView memory v) {
        uint256 b0 = super.balanceOf(agent);
        Agent memory s = _agents[agent];
        v.balance = b0;
        v.due = s.stepsApplied;
        if (s.flags & F_ACTIVE == 0) return v;
        uint256 elapsed = _clock(t) - s.lastActivityClock;
        uint256 due = elapsed < _inactivityThreshold ? 0 : (elapsed - _inactivityThreshold) / _decayPeriod + 1;
        uint256 done = s.stepsApplied;
        if (due <= done || b0 <= _decayFloor) {
            v.due = Math.max(due, done);
            return v;
        }
        uint256 rate = parameters.decayRate();
        uint256 b = b0;
        uint256 k = done;
        // Bounded by the steps due (months since the last activity) and by the floor.
        while (k < due && b > _decayFloor) {
            uint256 cut = b * rate / WAD;
            if (b - cut < _decayFloor) cut = b - _decayFloor;
            if (cut == 0) break;
            b -= cut;
            ++k;
        }
        v.balance = b;
        v.burned = b0 - b;
        v.due = due;
        v.steps = k - done;
    }

    function _applyDecay(address agent, DecayView memory dec) private {
        // Safe cast: steps due < 2^32 (months in 2^40 seconds).
        _agents[agent].stepsApplied = uint32(dec.due);
        if (dec.burned == 0) return;
        _burn(agent, dec.burned);
        totalBurned += dec.burned;
        emit Decayed(agent, dec.steps, dec.burned, dec.balance);
    }

    /// @dev The supply-cap decision for `supply` (LEDGER.md §4.5), with the 90% hysteresis for release.
    function _capDecision(uint256 t, uint256 supply) private view returns (CapDecision memory d) {
        d.active = _activeAt(t / DAY);
        d.cap = d.active * _capPerActiveAgent;
        d.capped = _g.capped;
        if (!d.capped && supply > d.cap) {
            (d.capped, d.transition) = (true, BREACH);
        } else if (d.capped && supply * BPS < d.cap * _capReleaseBps) {
            (d.capped, d.transition) = (false, RELEASE);
        }
    }

    function _applyCap(uint256 t, CapDecision memory d) private {
        Global storage g = _g;
        if (d.transition == BREACH) {
            g.capped = true;
            // Safe cast: t < 2^40.
            g.cappedSince = uint40(t);
            g.capAcknowledged = false;
            emit SupplyCapBreached(totalSupply(), d.cap, d.active);
        } else if (d.transition == RELEASE) {
            g.capped = false;
            emit SupplyCapReleased(totalSupply(), d.cap, d.active);
        }
    }

    /// @dev Faucet scale: 1, 0.5 while capped (acknowledged or within the escalation delay), 0.25 after it.
    function _scale(uint256 t, CapDecision memory d) private view returns (uint256) {
        if (!d.capped) return WAD;
        bool breach = d.transition == BREACH;
        bool acknowledged = breach ? false : _g.capAcknowledged;
        uint256 since = breach ? t : _g.cappedSince;
        return acknowledged || t < since + _capEscalationDelay ? _cappedFaucetWad : _escalatedFaucetWad;
    }

    // ---------------------------------------------------------------------------------------------
    // Internals: the earned-faucet pipeline and the accounts
    // ---------------------------------------------------------------------------------------------

    function _earn(address agent, uint256 t, uint256 gross, FaucetKind kind) private returns (uint256) {
        DecayView memory dec = _decayView(agent, t);
        CapDecision memory cap = _capDecision(t, totalSupply() - dec.burned);
        return _earnWith(agent, t, gross, kind, dec, cap);
    }

    /// @dev LEDGER.md §4.6: cap scale → diminishing returns above the threshold → daily earning cap → funding.
    function _earnWith(address agent, uint256 t, uint256 gross, FaucetKind kind, DecayView memory dec, CapDecision memory cap)
        private
        returns (uint256)
    {
        Pay memory p = _quotePay(agent, t, gross, kind, cap);
        // Effects
        _applyDecay(agent, dec);
        _applyCap(t, cap);
        _count(agent, t, p);
        rewardPool -= p.fromPool;
        reserve -= p.fromReserve;
        uint256 issued = p.paid - p.fromPool - p.fromReserve;
        _credit(agent, p.paid);
        totalIssued += issued;
        _markActive(agent, t);
        emit FaucetPaid(agent, kind, p.gross, p.scaled, p.paid, p.fromPool, p.fromReserve, issued);
        return p.paid;
    }

    function _quotePay(address agent, uint256 t, uint256 gross, FaucetKind kind, CapDecision memory cap)
        private
        view
        returns (Pay memory p)
    {
        p.gross = gross;
        p.earnedBefore = _agents[agent].counterDay == t / DAY ? _earnings[agent].today : 0;
        uint256 scale = _scale(t, cap);
        p.scaled = scale == WAD ? gross : gross * scale / WAD;
        (uint256 drRate, uint256 earningCap) = parameters.earningTerms();
        uint256 e = p.earnedBefore;
        uint256 below = Math.min(p.scaled, _drThreshold > e ? _drThreshold - e : 0);
        uint256 afterDr = below + (p.scaled - below) * (WAD - drRate) / WAD;
        p.paid = Math.min(afterDr, earningCap > e ? earningCap - e : 0);
        if (kind == FaucetKind.MissionReserveOnly) {
            if (reserve < p.paid) revert Credit_ReserveInsufficient(reserve, p.paid);
            p.fromReserve = p.paid;
        } else if (kind == FaucetKind.Mission) {
            p.fromReserve = Math.min(reserve, p.paid);
        } else if (kind == FaucetKind.Validation) {
            p.fromPool = Math.min(rewardPool, p.paid * _validationFundedBps / BPS);
        }
    }

    /// @dev Daily counters (reset on a new day) and the tier months (rolled by ledger month).
    function _count(address agent, uint256 t, Pay memory p) private {
        Agent storage s = _agents[agent];
        Earnings storage e = _earnings[agent];
        uint256 today = t / DAY;
        if (s.counterDay != today) {
            // Safe cast: days < 2^32.
            s.counterDay = uint32(today);
            s.validationsToday = 0;
        }
        // Safe casts: daily and monthly earnings are bounded by the earning cap (a lever < 2^96 × 1.5 per day).
        e.today = uint128(p.earnedBefore + p.paid);
        uint256 month = t / _decayPeriod;
        if (s.monthOfCounter != month) {
            e.prevMonth = uint256(s.monthOfCounter) + 1 == month ? e.thisMonth : 0;
            e.thisMonth = 0;
            s.monthOfCounter = uint32(month);
        }
        e.thisMonth += uint128(p.paid);
    }

    /// @dev Validations already counted today, those within the daily cap now, and the value of one:
    /// ⌊R × m(f1) × quality × boost / WAD³⌋ (one rounding, down).
    function _validationQuote(address agent, uint256 t, uint256 count, uint256 f1, uint256 quality, bool capped)
        private
        view
        returns (uint256 done, uint256 allowed, uint256 per)
    {
        (uint256 reward, uint256 boost, uint256 vcap) = parameters.validationTerms();
        if (capped) vcap = Math.min(vcap, _cappedValidationCap);
        Agent memory s = _agents[agent];
        done = s.counterDay == t / DAY ? s.validationsToday : 0;
        allowed = vcap > done ? Math.min(count, vcap - done) : 0;
        per = Math.mulDiv(reward * _f1Multiplier(f1), quality * boost, WAD * WAD * WAD);
    }

    function _credit(address agent, uint256 amount) private {
        if (amount != 0) _mint(agent, amount);
    }

    function _debit(address agent, uint256 amount) private {
        if (amount != 0) _burn(agent, amount);
    }

    /// @dev m(f1) = clamp(⌊slope × f1⌋ − offset, min, max), a negative intermediate counting as 0.
    function _f1Multiplier(uint256 f1) private view returns (uint256) {
        uint256 raw = _f1Slope * f1 / WAD;
        uint256 m = raw > _f1Offset ? raw - _f1Offset : 0;
        return Math.min(Math.max(m, _f1MultMin), _f1MultMax);
    }

    /// @dev Progressive discount by balance tier while active, rounded up (LEDGER.md §6, `chargeSubmission`).
    function _discounted(uint256 unit, uint256 balance) private view returns (uint256) {
        if (!_ev.discountsActive) return unit;
        if (balance < _discountBelow0) return Math.mulDiv(unit, WAD - _discountWad0, WAD, Math.Rounding.Ceil);
        if (balance < _discountBelow1) return Math.mulDiv(unit, WAD - _discountWad1, WAD, Math.Rounding.Ceil);
        return unit;
    }

    function _checkConfig(EconomyConfig memory c) private pure {
        if (c.splitReserveBps + c.splitBurnBps > BPS) revert Credit_InvalidConfig("split");
        if (c.validationFundedBps > BPS) revert Credit_InvalidConfig("validationFundedBps");
        if (c.decayPeriod == 0) revert Credit_InvalidConfig("decayPeriod");
        if (c.activeWindowDays == 0 || c.activeWindowDays >= RING) revert Credit_InvalidConfig("activeWindowDays");
        if (c.f1MultMin > c.f1MultMax || c.qualityMin > c.qualityMax || c.reviewMin > c.reviewMax) {
            revert Credit_InvalidConfig("range");
        }
        if (c.discountWad[0] > WAD || c.discountWad[1] > WAD || c.cappedFaucetWad > WAD || c.escalatedFaucetWad > WAD) {
            revert Credit_InvalidConfig("wad");
        }
        if (
            c.tierAtLeast[0] > c.tierAtLeast[1] || c.tierAtLeast[1] > c.tierAtLeast[2] || c.tierDiscount[0] > WAD
                || c.tierDiscount[1] > WAD || c.tierDiscount[2] > WAD
        ) revert Credit_InvalidConfig("tiers");
        if (c.disputeStake > type(uint96).max) revert Credit_InvalidConfig("disputeStake");
        uint256 maxTime = 2 ** 32;
        if (
            c.inactivityThreshold > maxTime || c.decayPeriod > maxTime || c.capEscalationDelay > maxTime
                || c.evaluationInterval > maxTime || c.topUpWindow > maxTime || c.decaySuspension > maxTime
        ) revert Credit_InvalidConfig("time");
    }
}
