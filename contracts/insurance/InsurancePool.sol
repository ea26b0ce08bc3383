// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IEpochClock} from "../interfaces/IEpochClock.sol";
import {IInsurancePool} from "../interfaces/IInsurancePool.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {IPoolHooks} from "../interfaces/IPoolHooks.sol";
import {IReturnStreams} from "../interfaces/IReturnStreams.sol";
import {ISecretMarket} from "../interfaces/ISecretMarket.sol";
import {IUnderwritingRegistry} from "../interfaces/IUnderwritingRegistry.sol";
import {SecretKind} from "../interfaces/SecretKind.sol";
import {Errors} from "../libraries/Errors.sol";
import {FixedPointMath} from "../libraries/FixedPointMath.sol";

/// @title InsurancePool
/// @notice One insurance pool of the study: cover, subscriptions, claims and the permanent buyer of secrets.
/// @dev Every state-changing function first applies the loading rule for the epochs elapsed (`_syncEpoch`),
/// so the rule always sees the capital at the end of the previous epoch.
contract InsurancePool is IInsurancePool, AccessControl, Pausable, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using FixedPointMath for uint256;

    /// @notice Enrols and revokes members, sets hooks.
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");
    /// @notice Reports losses.
    bytes32 public constant LOSS_ORACLE_ROLE = keccak256("LOSS_ORACLE_ROLE");
    /// @notice Confirms and disputes deliveries of bought secrets.
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    /// @notice Pauses.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @notice Lowest risk estimate (specification §4.1: clip to [0.01, 0.5]), WAD.
    uint256 public constant RISK_MIN = 0.01e18;
    /// @notice Highest risk estimate, WAD.
    uint256 public constant RISK_MAX = 0.5e18;
    /// @notice Starting potency averages (specification §4), WAD.
    uint256 public constant INITIAL_AVG_POTENCY = 0.5e18;
    /// @notice Most epochs of cover or subscription bought in one call.
    uint256 public constant MAX_PREPAID_EPOCHS = 1000;
    /// @notice Divisor of the eng-capital bonus of the future return: (1 + engCapital / 1000).
    uint256 public constant ENG_CAPITAL_SCALE = 1000;
    /// @dev Bound on loading steps between the bounds, so the lazy loading loop stays short.
    uint256 private constant _MAX_LOADING_STEPS = 1000;
    /// @dev Upper bound of loadings and the premium rate (1000.0), keeping products far from overflow.
    uint256 private constant _MAX_RATE = 1e21;
    /// @dev Upper bound of multipliers and sensitivities (1e6).
    uint256 private constant _MAX_MULTIPLIER = 1e24;

    /// @notice An epoch run [from, until).
    struct Run {
        /// @dev First epoch.
        uint64 from;
        /// @dev First epoch after the run.
        uint64 until;
    }

    /// @inheritdoc IInsurancePool
    IERC20 public immutable override asset;
    /// @inheritdoc IInsurancePool
    IEpochClock public immutable override clock;
    /// @inheritdoc IInsurancePool
    IUnderwritingRegistry public immutable override registry;
    /// @inheritdoc IInsurancePool
    IMembership public immutable override membership;
    /// @inheritdoc IInsurancePool
    IReturnStreams public immutable override streams;
    /// @inheritdoc IInsurancePool
    address public immutable override market;

    uint256 private immutable _baseLoading;
    uint256 private immutable _loadingMin;
    uint256 private immutable _loadingMax;
    uint256 private immutable _loadingStepUp;
    uint256 private immutable _loadingStepDown;
    uint256 private immutable _capitalLow;
    uint256 private immutable _capitalHigh;
    uint256 private immutable _alphaK;
    uint256 private immutable _alphaE;
    uint256 private immutable _valueMultiplierKomp;
    uint256 private immutable _valueMultiplierEng;
    uint256 private immutable _engProductivityFactor;
    uint256 private immutable _premiumRateBase;
    uint256 private immutable _learningRate;
    uint256 private immutable _engAssetLifetime;
    uint256 private immutable _subscriptionFee;

    /// @inheritdoc IInsurancePool
    IPoolHooks public override hooks;

    uint256 private _capital;
    uint256 private _kompCapital;
    uint256 private _engCapital;
    uint256 private _avgKompPotency;
    uint256 private _avgEngPotency;
    uint256 private _premiumsCollected;
    uint256 private _subscriptionsCollected;
    uint256 private _claimsPaid;
    uint256 private _secretPurchaseCost;
    uint256 private _investmentIncome;
    uint256 private _fundedCapital;
    uint256 private _loading;
    /// @dev The last epoch for which the loading rule has been applied (the deployment epoch at first).
    uint256 private _syncedEpoch;
    bool private _bankrupt;

    mapping(address member => Run) private _cover;
    mapping(address member => Run) private _subscription;
    mapping(address member => uint256 epoch) private _enrolledAt;
    mapping(uint256 listingId => Purchase) private _purchases;
    mapping(bytes32 lossId => bool) private _lossReported;

    /// @notice The contracts a pool works with.
    struct Dependencies {
        /// @dev The unit of account.
        IERC20 asset;
        /// @dev The shared epoch clock.
        IEpochClock clock;
        /// @dev Baseline risks and attested wealth.
        IUnderwritingRegistry registry;
        /// @dev The soulbound membership token (grants this pool MINTER_ROLE).
        IMembership membership;
        /// @dev Return streams (grants this pool OPENER_ROLE).
        IReturnStreams streams;
        /// @dev The secret market.
        address market;
    }

    modifier onlyMarket() {
        if (msg.sender != market) revert Pool_NotMarket(msg.sender);
        _;
    }

    /// @param deps The contracts the pool works with.
    /// @param p The pool's parameters (validated; see `Pool_InvalidParam`).
    /// @param admin Receives DEFAULT_ADMIN_ROLE.
    constructor(Dependencies memory deps, PoolParams memory p, address admin) {
        if (address(deps.asset) == address(0)) revert Errors.ZeroAddress("asset");
        if (address(deps.clock) == address(0)) revert Errors.ZeroAddress("clock");
        if (address(deps.registry) == address(0)) revert Errors.ZeroAddress("registry");
        if (address(deps.membership) == address(0)) revert Errors.ZeroAddress("membership");
        if (address(deps.streams) == address(0)) revert Errors.ZeroAddress("streams");
        if (deps.market == address(0)) revert Errors.ZeroAddress("market");
        if (admin == address(0)) revert Errors.ZeroAddress("admin");
        _validate(p);

        asset = deps.asset;
        clock = deps.clock;
        registry = deps.registry;
        membership = deps.membership;
        streams = deps.streams;
        market = deps.market;

        _baseLoading = p.baseLoading;
        _loadingMin = p.loadingMin;
        _loadingMax = p.loadingMax;
        _loadingStepUp = p.loadingStepUp;
        _loadingStepDown = p.loadingStepDown;
        _capitalLow = p.capitalLow;
        _capitalHigh = p.capitalHigh;
        _alphaK = p.alphaK;
        _alphaE = p.alphaE;
        _valueMultiplierKomp = p.valueMultiplierKomp;
        _valueMultiplierEng = p.valueMultiplierEng;
        _engProductivityFactor = p.engProductivityFactor;
        _premiumRateBase = p.premiumRateBase;
        _learningRate = p.learningRate;
        _engAssetLifetime = p.engAssetLifetime;
        _subscriptionFee = p.subscriptionFee;

        _loading = p.baseLoading;
        _avgKompPotency = INITIAL_AVG_POTENCY;
        _avgEngPotency = INITIAL_AVG_POTENCY;
        _syncedEpoch = deps.clock.currentEpoch();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ---------------------------------------------------------------------------------------------
    // Capital
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IInsurancePool
    function fund(uint256 amount) external override whenNotPaused nonReentrant {
        _syncEpoch();
        // Checks
        if (amount == 0) revert Pool_ZeroAmount();
        if (_bankrupt) revert Pool_Bankrupt();
        // Effects
        _capital += amount;
        _fundedCapital += amount;
        emit Funded(msg.sender, amount, _capital);
        // Interactions
        asset.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IInsurancePool
    function syncEpoch() external override {
        _syncEpoch();
    }

    // ---------------------------------------------------------------------------------------------
    // Voluntary cover
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IInsurancePool
    function buyCover(uint256 epochs, uint256 maxPremium)
        external
        override
        whenNotPaused
        nonReentrant
        returns (uint256 premium)
    {
        uint256 epoch = _syncEpoch();
        // Checks
        if (_bankrupt) revert Pool_Bankrupt();
        _checkEpochs(epochs);
        Run memory cover = _cover[msg.sender];
        if (cover.until > epoch) revert Pool_AlreadyCovered(msg.sender, cover.until);
        premium = _quotePremiumUp(msg.sender, _loading) * epochs;
        if (premium > maxPremium) revert Pool_PremiumAboveMax(premium, maxPremium);
        // Effects. Safe casts: epochs stay far below 2^64.
        _cover[msg.sender] = Run({from: uint64(epoch), until: uint64(epoch + epochs)});
        _premiumsCollected += premium;
        _capital += premium;
        emit CoverBought(msg.sender, epoch, epoch + epochs, premium);
        // Interactions
        if (premium != 0) asset.safeTransferFrom(msg.sender, address(this), premium);
    }

    // ---------------------------------------------------------------------------------------------
    // Mandatory membership
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IInsurancePool
    function enroll(address member) external override onlyRole(GOVERNOR_ROLE) returns (uint256 tokenId) {
        uint256 epoch = _syncEpoch();
        _enrolledAt[member] = epoch;
        delete _subscription[member];
        tokenId = membership.mint(member);
        emit MemberEnrolled(member, tokenId, epoch);
    }

    /// @inheritdoc IInsurancePool
    function revoke(address member) external override onlyRole(GOVERNOR_ROLE) {
        uint256 epoch = _syncEpoch();
        uint256 tokenId = membership.tokenOf(member);
        if (tokenId == 0 || membership.poolOf(tokenId) != address(this)) revert Pool_NotMember(member);
        uint256 paidUntil = _subscription[member].until;
        if (paidUntil > epoch + 1) revert Pool_SubscriptionPrepaid(member, paidUntil);
        delete _subscription[member];
        delete _enrolledAt[member];
        membership.burn(member);
        emit MemberRevoked(member, tokenId);
    }

    /// @inheritdoc IInsurancePool
    function paySubscription(address member, uint256 epochs)
        external
        override
        whenNotPaused
        nonReentrant
        returns (uint256 amount)
    {
        uint256 epoch = _syncEpoch();
        // Checks
        if (_bankrupt) revert Pool_Bankrupt();
        if (_subscriptionFee == 0) revert Pool_NoSubscriptionFee();
        if (membership.poolOfMember(member) != address(this)) revert Pool_NotMember(member);
        _checkEpochs(epochs);
        amount = _subscriptionFeeOf(member) * epochs;
        // Effects: continue the run when it reaches the current epoch, else start a new one now.
        Run memory run = _subscription[member];
        // Safe casts: epochs stay far below 2^64.
        if (run.until < epoch) run.from = uint64(epoch);
        uint256 start = Math.max(run.until, epoch);
        run.until = uint64(start + epochs);
        _subscription[member] = run;
        _subscriptionsCollected += amount;
        _capital += amount;
        emit SubscriptionPaid(member, msg.sender, start, run.until, amount);
        // Interactions
        if (amount != 0) asset.safeTransferFrom(msg.sender, address(this), amount);
    }

    // ---------------------------------------------------------------------------------------------
    // Claims
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IInsurancePool
    function reportLoss(address member, uint256 loss, bytes32 lossId)
        external
        override
        onlyRole(LOSS_ORACLE_ROLE)
        whenNotPaused
        nonReentrant
        returns (uint256 payout)
    {
        uint256 epoch = _syncEpoch();
        // Checks
        if (loss == 0) revert Pool_ZeroLoss(member);
        if (_lossReported[lossId]) revert Pool_LossAlreadyReported(lossId);
        if (_bankrupt) revert Pool_Bankrupt();
        if (!_isCovered(member, epoch)) revert Pool_NotCovered(member, epoch);
        // Effects: payout = min(loss, capital), never above the loss.
        _lossReported[lossId] = true;
        uint256 capital = _capital;
        payout = Math.min(loss, capital);
        capital -= payout;
        _capital = capital;
        _claimsPaid += payout;
        emit ClaimPaid(member, lossId, loss, payout, capital);
        if (capital == 0) {
            _bankrupt = true;
            emit Bankrupted(epoch);
        }
        // Interactions
        if (payout != 0) asset.safeTransfer(member, payout);
    }

    // ---------------------------------------------------------------------------------------------
    // Permanent buyer
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IInsurancePool
    function offer(Offer calldata item) external override onlyMarket nonReentrant returns (bool bought, uint256 streamId) {
        _syncEpoch();
        // Checks: a paused or bankrupt pool declines, so the market goes on to the next pool.
        if (paused() || _bankrupt) return (false, 0);
        if (_purchases[item.listingId].exists) revert Pool_DuplicatePurchase(item.listingId);
        (uint256 value, uint256 futureReturn) = _valueSecretDown(item.kind, item.amount, item.potency);
        uint256 capital = _capital;
        if (value + futureReturn < item.ask || capital < item.ask) return (false, 0);

        // Effects
        uint256 weight = item.amount.mulWadDown(item.potency);
        _capital = capital - item.ask;
        _secretPurchaseCost += item.ask;
        if (item.kind == SecretKind.Kompromat) {
            _kompCapital += weight;
            _avgKompPotency = _movingAverageDown(_avgKompPotency, item.potency);
        } else {
            _engCapital += weight;
            _avgEngPotency = _movingAverageDown(_avgEngPotency, item.potency);
        }
        Purchase storage purchase = _purchases[item.listingId];
        purchase.kind = item.kind;
        purchase.exists = true;
        purchase.weight = weight;
        purchase.price = item.ask;

        // Interactions: the ask to escrow, then the stream (pulled from the funder by the streams contract).
        asset.safeTransfer(market, item.ask);
        if (futureReturn != 0) {
            streamId = streams.open(address(this), item.funder, futureReturn, _engAssetLifetime);
            purchase.streamId = streamId;
        }
        emit SecretPurchased(item.listingId, item.kind, weight, item.ask, value, futureReturn, streamId);
        return (true, streamId);
    }

    /// @inheritdoc IInsurancePool
    function reversePurchase(uint256 listingId) external override onlyMarket nonReentrant {
        _syncEpoch();
        Purchase storage purchase = _purchases[listingId];
        // Checks
        if (!purchase.exists || purchase.reversed) revert Pool_UnknownPurchase(listingId);
        // Effects: the market has already sent the price back.
        purchase.reversed = true;
        _capital += purchase.price;
        _secretPurchaseCost -= purchase.price;
        if (purchase.kind == SecretKind.Kompromat) _kompCapital -= purchase.weight;
        else _engCapital -= purchase.weight;
        emit PurchaseReversed(listingId, purchase.kind, purchase.weight, purchase.price);
        // Interactions: the unvested part of the stream goes back to its funder.
        if (purchase.streamId != 0) streams.cancel(purchase.streamId);
    }

    /// @inheritdoc IInsurancePool
    function confirmDelivery(uint256 listingId) external override onlyRole(OPERATOR_ROLE) {
        ISecretMarket(market).confirmDelivery(listingId);
    }

    /// @inheritdoc IInsurancePool
    function disputeDelivery(uint256 listingId, bytes32 evidenceHash) external override onlyRole(OPERATOR_ROLE) {
        ISecretMarket(market).dispute(listingId, evidenceHash);
    }

    /// @inheritdoc IInsurancePool
    function collectStreamIncome(uint256[] calldata streamIds)
        external
        override
        whenNotPaused
        nonReentrant
        returns (uint256 amount)
    {
        _syncEpoch();
        // Interactions first: the amount is what the streams contract pays; it is checked against the balance.
        uint256 before = asset.balanceOf(address(this));
        amount = streams.withdraw(streamIds);
        uint256 received = asset.balanceOf(address(this)) - before;
        if (received != amount) revert Pool_IncomeMismatch(amount, received);
        // Effects
        _capital += amount;
        _investmentIncome += amount;
        emit StreamIncomeCollected(amount, _capital);
    }

    /// @inheritdoc IInsurancePool
    function setHooks(IPoolHooks hooks_) external override onlyRole(GOVERNOR_ROLE) {
        hooks = hooks_;
        emit HooksSet(address(hooks_));
    }

    /// @inheritdoc IInsurancePool
    function pause() external override onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc IInsurancePool
    function unpause() external override onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IInsurancePool
    function params() external view override returns (PoolParams memory p) {
        p.baseLoading = _baseLoading;
        p.loadingMin = _loadingMin;
        p.loadingMax = _loadingMax;
        p.loadingStepUp = _loadingStepUp;
        p.loadingStepDown = _loadingStepDown;
        p.capitalLow = _capitalLow;
        p.capitalHigh = _capitalHigh;
        p.alphaK = _alphaK;
        p.alphaE = _alphaE;
        p.valueMultiplierKomp = _valueMultiplierKomp;
        p.valueMultiplierEng = _valueMultiplierEng;
        p.engProductivityFactor = _engProductivityFactor;
        p.premiumRateBase = _premiumRateBase;
        p.learningRate = _learningRate;
        p.engAssetLifetime = _engAssetLifetime;
        p.subscriptionFee = _subscriptionFee;
    }

    /// @inheritdoc IInsurancePool
    function state() external view override returns (PoolState memory s) {
        s.capital = _capital;
        s.kompCapital = _kompCapital;
        s.engCapital = _engCapital;
        s.avgKompPotency = _avgKompPotency;
        s.avgEngPotency = _avgEngPotency;
        s.premiumsCollected = _premiumsCollected;
        s.subscriptionsCollected = _subscriptionsCollected;
        s.claimsPaid = _claimsPaid;
        s.secretPurchaseCost = _secretPurchaseCost;
        s.investmentIncome = _investmentIncome;
        s.fundedCapital = _fundedCapital;
        s.loading = _pendingLoading(clock.currentEpoch());
        s.bankrupt = _bankrupt;
    }

    /// @inheritdoc IInsurancePool
    function currentLoading() external view override returns (uint256) {
        return _pendingLoading(clock.currentEpoch());
    }

    /// @inheritdoc IInsurancePool
    function riskOfUp(address member) external view override returns (uint256) {
        return _riskOfUp(registry.baselineRiskOf(member));
    }

    /// @inheritdoc IInsurancePool
    function quotePremiumUp(address member) external view override returns (uint256) {
        if (_bankrupt) revert Pool_Bankrupt();
        return _quotePremiumUp(member, _pendingLoading(clock.currentEpoch()));
    }

    /// @inheritdoc IInsurancePool
    function quotePremiumsUp(address[] calldata members)
        external
        view
        override
        returns (uint256[] memory premiums, bool[] memory ok)
    {
        uint256 n = members.length;
        premiums = new uint256[](n);
        ok = new bool[](n);
        if (_bankrupt) return (premiums, ok);
        uint256 epoch = clock.currentEpoch();
        uint256 loading = _pendingLoading(epoch);
        (uint256[] memory risks, bool[] memory riskSet, IUnderwritingRegistry.WealthAttestation[] memory wealth) =
            registry.underwritingOf(members);
        for (uint256 i = 0; i < n; ++i) {
            if (!riskSet[i] || !wealth[i].exists || wealth[i].epoch != epoch) continue;
            premiums[i] = _premiumUp(_riskOfUp(risks[i]), wealth[i].wealth, loading);
            ok[i] = true;
        }
    }

    /// @inheritdoc IInsurancePool
    function coverStatus(address[] calldata members, uint256 epoch)
        external
        view
        override
        returns (bool[] memory covered)
    {
        covered = new bool[](members.length);
        for (uint256 i = 0; i < members.length; ++i) covered[i] = _isCovered(members[i], epoch);
    }

    /// @inheritdoc IInsurancePool
    function subscriptionFeeOf(address member) external view override returns (uint256) {
        return _subscriptionFeeOf(member);
    }

    /// @inheritdoc IInsurancePool
    function valueSecretDown(SecretKind kind, uint256 amount, uint256 potency)
        external
        view
        override
        returns (uint256 value, uint256 futureReturn)
    {
        return _valueSecretDown(kind, amount, potency);
    }

    /// @inheritdoc IInsurancePool
    function isCovered(address member, uint256 epoch) external view override returns (bool) {
        return _isCovered(member, epoch);
    }

    /// @inheritdoc IInsurancePool
    function coverOf(address member) external view override returns (uint256 fromEpoch, uint256 untilEpoch) {
        Run memory run = _cover[member];
        return (run.from, run.until);
    }

    /// @inheritdoc IInsurancePool
    function subscriptionOf(address member) external view override returns (uint256 fromEpoch, uint256 untilEpoch) {
        Run memory run = _subscription[member];
        return (run.from, run.until);
    }

    /// @inheritdoc IInsurancePool
    function purchaseOf(uint256 listingId) external view override returns (Purchase memory) {
        return _purchases[listingId];
    }

    /// @inheritdoc IInsurancePool
    function lossReported(bytes32 lossId) external view override returns (bool) {
        return _lossReported[lossId];
    }

    // ---------------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------------

    /// @dev Applies the loading rule for every epoch since the last sync; returns the current epoch.
    function _syncEpoch() private returns (uint256 epoch) {
        epoch = clock.currentEpoch();
        if (epoch > _syncedEpoch) {
            uint256 loading = _pendingLoading(epoch);
            _loading = loading;
            _syncedEpoch = epoch;
            emit EpochSynced(epoch, _capital, loading);
        }
    }

    /// @dev The study's rule (§4.2) applied once per epoch elapsed since the last sync, with the current
    /// capital (unchanged since then). The rule reaches a fixed point within
    /// (loadingMax − loadingMin) / min(step) + 1 applications, where the loop stops.
    function _pendingLoading(uint256 epoch) private view returns (uint256 loading) {
        loading = _loading;
        uint256 synced = _syncedEpoch;
        if (epoch <= synced) return loading;
        uint256 elapsed = epoch - synced;
        uint256 capital = _capital;
        for (uint256 i = 0; i < elapsed; ++i) {
            uint256 next = _applyLoadingRule(loading, capital);
            if (next == loading) break;
            loading = next;
        }
    }

    /// @dev if capital < capitalLow: min(max, loading + up); elif capital > capitalHigh:
    /// max(min, loading − down); else baseLoading.
    function _applyLoadingRule(uint256 loading, uint256 capital) private view returns (uint256) {
        if (capital < _capitalLow) return Math.min(_loadingMax, loading + _loadingStepUp);
        if (capital > _capitalHigh) {
            return loading > _loadingMin + _loadingStepDown ? loading - _loadingStepDown : _loadingMin;
        }
        return _baseLoading;
    }

    /// @dev clip(baseline + alphaK·kompCapital − alphaE·engCapital, RISK_MIN, RISK_MAX); the kompromat term
    /// rounds up and the engineering term down, so the risk (and the premium) round up.
    function _riskOfUp(uint256 baseline) private view returns (uint256) {
        uint256 up = baseline + _kompCapital.mulWadUp(_alphaK);
        uint256 down = _engCapital.mulWadDown(_alphaE);
        uint256 risk = up > down ? up - down : 0;
        return Math.min(Math.max(risk, RISK_MIN), RISK_MAX);
    }

    function _quotePremiumUp(address member, uint256 loading) private view returns (uint256) {
        return _premiumUp(_riskOfUp(registry.baselineRiskOf(member)), registry.currentWealthOf(member), loading);
    }

    /// @dev risk × wealth × premiumRateBase × loading, one rounding (up) at the end.
    function _premiumUp(uint256 risk, uint256 wealth, uint256 loading) private view returns (uint256) {
        // risk ≤ 0.5e18, premiumRateBase ≤ 1e21, loading ≤ 1e21: the product is below 1e60.
        return Math.mulDiv(wealth, risk * _premiumRateBase * loading, 1e54, Math.Rounding.Ceil);
    }

    /// @dev value = amount·potency·multiplier; futureReturn (engineering) =
    /// amount·potency·engProductivityFactor·(1 + engCapital/1000), with the eng capital before the purchase.
    /// Both round down: the pool never values what it buys above the exact figure.
    function _valueSecretDown(SecretKind kind, uint256 amount, uint256 potency)
        private
        view
        returns (uint256 value, uint256 futureReturn)
    {
        uint256 wad2 = FixedPointMath.WAD * FixedPointMath.WAD;
        if (kind == SecretKind.Kompromat) {
            return (Math.mulDiv(amount, potency * _valueMultiplierKomp, wad2), 0);
        }
        value = Math.mulDiv(amount, potency * _valueMultiplierEng, wad2);
        uint256 bonus = FixedPointMath.WAD + _engCapital / ENG_CAPITAL_SCALE;
        // amount·potency·epf scaled by 1e36 (the truncation is below 1e-36 of a token), then × bonus / 1e36.
        futureReturn = Math.mulDiv(amount * potency, _engProductivityFactor, FixedPointMath.WAD).mulDivDown(bonus, wad2);
    }

    /// @dev (1 − learningRate)·avg + learningRate·potency, rounded down.
    function _movingAverageDown(uint256 avg, uint256 potency) private view returns (uint256) {
        return (FixedPointMath.WAD - _learningRate).mulWadDown(avg) + _learningRate.mulWadDown(potency);
    }

    function _subscriptionFeeOf(address member) private view returns (uint256 fee) {
        fee = _subscriptionFee;
        IPoolHooks h = hooks;
        if (address(h) != address(0) && fee != 0) {
            uint256 hooked = h.subscriptionFee(member, fee);
            if (hooked > fee) revert Pool_HookFeeAboveBase(hooked, fee);
            fee = hooked;
        }
    }

    /// @dev Voluntary cover, or membership with the fee for `epoch` paid (always when the fee is zero).
    function _isCovered(address member, uint256 epoch) private view returns (bool) {
        Run memory cover = _cover[member];
        if (cover.from <= epoch && epoch < cover.until) return true;
        if (membership.poolOfMember(member) != address(this) || epoch < _enrolledAt[member]) return false;
        if (_subscriptionFee == 0) return true;
        Run memory sub = _subscription[member];
        return sub.from <= epoch && epoch < sub.until;
    }

    function _checkEpochs(uint256 epochs) private pure {
        if (epochs == 0 || epochs > MAX_PREPAID_EPOCHS) revert Pool_InvalidEpochs(epochs, MAX_PREPAID_EPOCHS);
    }

    function _validate(PoolParams memory p) private pure {
        if (p.loadingMax > _MAX_RATE) revert Pool_InvalidParam("loadingMax", p.loadingMax);
        if (p.loadingMin > p.loadingMax) revert Pool_InvalidParam("loadingMin", p.loadingMin);
        if (p.baseLoading < p.loadingMin || p.baseLoading > p.loadingMax) {
            revert Pool_InvalidParam("baseLoading", p.baseLoading);
        }
        uint256 span = p.loadingMax - p.loadingMin;
        if (p.loadingStepUp == 0 || span / p.loadingStepUp > _MAX_LOADING_STEPS) {
            revert Pool_InvalidParam("loadingStepUp", p.loadingStepUp);
        }
        if (p.loadingStepDown == 0 || span / p.loadingStepDown > _MAX_LOADING_STEPS) {
            revert Pool_InvalidParam("loadingStepDown", p.loadingStepDown);
        }
        if (p.capitalLow > p.capitalHigh) revert Pool_InvalidParam("capitalLow", p.capitalLow);
        if (p.alphaK > _MAX_MULTIPLIER) revert Pool_InvalidParam("alphaK", p.alphaK);
        if (p.alphaE > _MAX_MULTIPLIER) revert Pool_InvalidParam("alphaE", p.alphaE);
        if (p.valueMultiplierKomp > _MAX_MULTIPLIER) {
            revert Pool_InvalidParam("valueMultiplierKomp", p.valueMultiplierKomp);
        }
        if (p.valueMultiplierEng > _MAX_MULTIPLIER) {
            revert Pool_InvalidParam("valueMultiplierEng", p.valueMultiplierEng);
        }
        if (p.engProductivityFactor > _MAX_MULTIPLIER) {
            revert Pool_InvalidParam("engProductivityFactor", p.engProductivityFactor);
        }
        if (p.premiumRateBase > _MAX_RATE) revert Pool_InvalidParam("premiumRateBase", p.premiumRateBase);
        if (p.learningRate > FixedPointMath.WAD) revert Pool_InvalidParam("learningRate", p.learningRate);
        if (p.engAssetLifetime == 0 || p.engAssetLifetime > type(uint32).max) {
            revert Pool_InvalidParam("engAssetLifetime", p.engAssetLifetime);
        }
    }
}
