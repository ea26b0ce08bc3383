// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IEpochClock} from "./IEpochClock.sol";
import {IUnderwritingRegistry} from "./IUnderwritingRegistry.sol";
import {IMembership} from "./IMembership.sol";
import {IReturnStreams} from "./IReturnStreams.sol";
import {IPoolHooks} from "./IPoolHooks.sol";
import {SecretKind} from "./SecretKind.sol";

/// @title IInsurancePool
/// @notice One insurance pool of the study (specification §4): it sells voluntary cover at a quoted
/// premium, covers its mandatory members for a flat subscription fee, pays claims reported by the loss
/// oracle, and acts as an autonomous permanent buyer of the secrets the market offers it.
/// @dev Units: asset wei for money (one study wealth unit = 1e18 wei); WAD (1e18 = 1.0) for rates,
/// potencies, amounts of secrets, loadings and sensitivities; `kompCapital` and `engCapital` are WAD sums of
/// `amount·potency`. Rounding favours the pool: premiums and fees up, valuations down, payouts never above
/// the loss (ARCHITECTURE.md, "Units").
///
/// Epochs: the loading rule of the study (§4.2) is applied lazily, once per elapsed epoch, by the first
/// state-changing call in a new epoch, with the capital at that moment (the capital at the end of the
/// previous epoch). The deployment epoch keeps `baseLoading`: the study's step 0 is the epoch after the one
/// in which the pool is funded. Views report the pending value.
/// - Warning: roles are trusted: LOSS_ORACLE_ROLE decides which losses are paid, GOVERNOR_ROLE enrols
///   members and sets hooks, OPERATOR_ROLE confirms or disputes deliveries of bought secrets.
/// - Warning: `capital` is the pool's accounting, not its token balance; tokens sent to the pool directly are
///   not capital.
interface IInsurancePool {
    /// @notice The pool's economic parameters, fixed at deployment.
    struct PoolParams {
        /// @dev Loading the pool starts with and returns to between the thresholds, WAD (study: 1.5–3.0).
        uint256 baseLoading;
        /// @dev Lowest loading, WAD (study: 0.5).
        uint256 loadingMin;
        /// @dev Highest loading, WAD (study: 3.0).
        uint256 loadingMax;
        /// @dev Loading increase per epoch below `capitalLow`, WAD (study: 0.2).
        uint256 loadingStepUp;
        /// @dev Loading decrease per epoch above `capitalHigh`, WAD (study: 0.1).
        uint256 loadingStepDown;
        /// @dev Capital below which the loading rises, asset wei.
        uint256 capitalLow;
        /// @dev Capital above which the loading falls, asset wei.
        uint256 capitalHigh;
        /// @dev Risk added per unit of kompromat capital, WAD.
        uint256 alphaK;
        /// @dev Risk removed per unit of engineering capital, WAD.
        uint256 alphaE;
        /// @dev Value of kompromat per unit of amount·potency, WAD (asset units per unit).
        uint256 valueMultiplierKomp;
        /// @dev Value of engineering knowledge per unit of amount·potency, WAD.
        uint256 valueMultiplierEng;
        /// @dev Future return per unit of amount·potency before the eng-capital bonus, WAD.
        uint256 engProductivityFactor;
        /// @dev PREMIUM_RATE_BASE, WAD (study: 0.1).
        uint256 premiumRateBase;
        /// @dev LEARNING_RATE of the potency moving averages, WAD, at most 1e18 (study: 0.1).
        uint256 learningRate;
        /// @dev ENG_ASSET_LIFETIME: epochs an engineering return stream pays (study: 100).
        uint256 engAssetLifetime;
        /// @dev Flat fee per epoch per mandatory member, asset wei (0 reproduces the study).
        uint256 subscriptionFee;
    }

    /// @notice The study's pool state (specification §4) plus the protocol's own counters.
    struct PoolState {
        /// @dev Capital, asset wei.
        uint256 capital;
        /// @dev Σ amount·potency of kompromat bought and not reversed, WAD.
        uint256 kompCapital;
        /// @dev Σ amount·potency of engineering knowledge bought and not reversed, WAD.
        uint256 engCapital;
        /// @dev Moving average of kompromat potency bought, WAD (starts at 0.5).
        uint256 avgKompPotency;
        /// @dev Moving average of engineering potency bought, WAD (starts at 0.5).
        uint256 avgEngPotency;
        /// @dev Σ voluntary-cover premiums, asset wei.
        uint256 premiumsCollected;
        /// @dev Σ subscription fees, asset wei.
        uint256 subscriptionsCollected;
        /// @dev Σ claims paid, asset wei.
        uint256 claimsPaid;
        /// @dev Σ asks paid for secrets, net of refunds, asset wei.
        uint256 secretPurchaseCost;
        /// @dev Σ return-stream income collected, asset wei.
        uint256 investmentIncome;
        /// @dev Σ capital contributed through `fund`, asset wei (profit = capital − fundedCapital).
        uint256 fundedCapital;
        /// @dev Loading in force for the current epoch (pending value included), WAD.
        uint256 loading;
        /// @dev True once a claim brought capital to zero; permanent.
        bool bankrupt;
    }

    /// @notice What the market offers a pool: one listing at its current ask.
    struct Offer {
        /// @dev The market's listing id.
        uint256 listingId;
        /// @dev Kompromat or engineering.
        SecretKind kind;
        /// @dev Attested amount, WAD.
        uint256 amount;
        /// @dev Attested potency, WAD in [0, 1e18].
        uint256 potency;
        /// @dev Ask, asset wei.
        uint256 ask;
        /// @dev Productivity funder of an engineering secret's return stream (zero for kompromat).
        address funder;
    }

    /// @notice The pool's record of a purchase, kept so a refund can reverse it exactly.
    struct Purchase {
        /// @dev Kompromat or engineering.
        SecretKind kind;
        /// @dev True once bought.
        bool exists;
        /// @dev True once reversed by a refund.
        bool reversed;
        /// @dev amount·potency added to komp or eng capital, WAD.
        uint256 weight;
        /// @dev Ask paid, asset wei.
        uint256 price;
        /// @dev Return stream id in the ReturnStreams contract (0 when none).
        uint256 streamId;
    }

    /// @notice A parameter failed validation at deployment; `name` says which.
    error Pool_InvalidParam(string name, uint256 value);

    /// @notice The pool is bankrupt: it sells no cover, pays no claim and buys nothing.
    error Pool_Bankrupt();

    /// @notice A number of epochs outside [1, MAX_PREPAID_EPOCHS] was given.
    error Pool_InvalidEpochs(uint256 epochs, uint256 maxEpochs);

    /// @notice The premium due exceeds the maximum the buyer agreed to.
    error Pool_PremiumAboveMax(uint256 premium, uint256 maxPremium);

    /// @notice `member` already holds cover from this pool until `coverUntil` (exclusive epoch).
    error Pool_AlreadyCovered(address member, uint256 coverUntil);

    /// @notice `member` holds no membership in this pool.
    error Pool_NotMember(address member);

    /// @notice The pool charges no subscription fee, so there is nothing to pay.
    error Pool_NoSubscriptionFee();

    /// @notice `member` has prepaid subscription epochs up to `paidUntil`; revoking would forfeit them.
    error Pool_SubscriptionPrepaid(address member, uint256 paidUntil);

    /// @notice The fee returned by the hooks exceeds the base fee.
    error Pool_HookFeeAboveBase(uint256 fee, uint256 baseFee);

    /// @notice A loss of zero was reported.
    error Pool_ZeroLoss(address member);

    /// @notice `lossId` was already reported to this pool.
    error Pool_LossAlreadyReported(bytes32 lossId);

    /// @notice `member` is not covered by this pool in `epoch`.
    error Pool_NotCovered(address member, uint256 epoch);

    /// @notice An amount of zero was given where a positive one is required.
    error Pool_ZeroAmount();

    /// @notice Only the market may call.
    error Pool_NotMarket(address caller);

    /// @notice The market asked for a purchase the pool did not make or already reversed.
    error Pool_UnknownPurchase(uint256 listingId);

    /// @notice The market offered a listing id the pool already bought.
    error Pool_DuplicatePurchase(uint256 listingId);

    /// @notice The stream contract paid a different amount than it reported.
    error Pool_IncomeMismatch(uint256 reported, uint256 received);

    /// @notice Emitted when the first state-changing call of a new epoch applies the loading rule.
    /// @param epoch The current epoch.
    /// @param capital Capital the rule was applied with, asset wei.
    /// @param loading Loading in force for `epoch`, WAD.
    event EpochSynced(uint256 indexed epoch, uint256 capital, uint256 loading);

    /// @notice Emitted when capital is contributed.
    event Funded(address indexed from, uint256 amount, uint256 capital);

    /// @notice Emitted when voluntary cover is bought for epochs [fromEpoch, untilEpoch).
    event CoverBought(address indexed member, uint256 fromEpoch, uint256 untilEpoch, uint256 premium);

    /// @notice Emitted when a subscription is paid for epochs [fromEpoch, untilEpoch).
    event SubscriptionPaid(
        address indexed member, address indexed payer, uint256 fromEpoch, uint256 untilEpoch, uint256 amount
    );

    /// @notice Emitted when governance enrols a mandatory member.
    event MemberEnrolled(address indexed member, uint256 indexed tokenId, uint256 epoch);

    /// @notice Emitted when governance revokes a membership.
    event MemberRevoked(address indexed member, uint256 indexed tokenId);

    /// @notice Emitted when a reported loss is paid.
    /// @param payout min(loss, capital), asset wei.
    event ClaimPaid(address indexed member, bytes32 indexed lossId, uint256 loss, uint256 payout, uint256 capital);

    /// @notice Emitted when a claim brings capital to zero.
    event Bankrupted(uint256 epoch);

    /// @notice Emitted when the pool buys a secret.
    /// @param value Valuation without the future return, asset wei.
    /// @param futureReturn Return stream total, asset wei (0 for kompromat).
    event SecretPurchased(
        uint256 indexed listingId,
        SecretKind kind,
        uint256 weight,
        uint256 price,
        uint256 value,
        uint256 futureReturn,
        uint256 streamId
    );

    /// @notice Emitted when a refund reverses a purchase.
    event PurchaseReversed(uint256 indexed listingId, SecretKind kind, uint256 weight, uint256 price);

    /// @notice Emitted when vested stream income is collected into capital.
    event StreamIncomeCollected(uint256 amount, uint256 capital);

    /// @notice Emitted when governance sets the hooks contract (zero = off).
    event HooksSet(address hooks);

    // ---------------------------------------------------------------------------------------------
    // Capital
    // ---------------------------------------------------------------------------------------------

    /// @notice Contributes `amount` asset wei of capital from the caller (e.g. the study's `init_cap`).
    /// @dev Reverts with `Pool_ZeroAmount`, `Pool_Bankrupt`, or when paused.
    function fund(uint256 amount) external;

    /// @notice Applies the loading rule for every epoch elapsed since the last state change. Anyone may call;
    /// every state-changing function does it first.
    function syncEpoch() external;

    // ---------------------------------------------------------------------------------------------
    // Voluntary cover
    // ---------------------------------------------------------------------------------------------

    /// @notice Buys cover for the caller for `epochs` epochs starting with the current one, at `epochs` ×
    /// the current quote, pulled from the caller.
    /// @param epochs Number of epochs, in [1, MAX_PREPAID_EPOCHS].
    /// @param maxPremium The most the caller agrees to pay in total, asset wei.
    /// @return premium The premium paid, asset wei.
    function buyCover(uint256 epochs, uint256 maxPremium) external returns (uint256 premium);

    // ---------------------------------------------------------------------------------------------
    // Mandatory membership
    // ---------------------------------------------------------------------------------------------

    /// @notice Enrols `member` as a mandatory member: mints its soulbound membership. Only GOVERNOR_ROLE.
    /// @return tokenId The membership token.
    function enroll(address member) external returns (uint256 tokenId);

    /// @notice Revokes the membership of `member` (burns the token). Only GOVERNOR_ROLE. Reverts with
    /// `Pool_SubscriptionPrepaid` while epochs after the current one are prepaid.
    function revoke(address member) external;

    /// @notice Pays the subscription of `member` for `epochs` epochs, pulled from the caller. The paid run
    /// continues the member's prepaid run if it reaches the current epoch, and starts at the current epoch
    /// otherwise: unpaid past epochs stay uncovered.
    /// @return amount The fee paid, asset wei.
    function paySubscription(address member, uint256 epochs) external returns (uint256 amount);

    // ---------------------------------------------------------------------------------------------
    // Claims
    // ---------------------------------------------------------------------------------------------

    /// @notice Reports a loss of `member`; pays min(loss, capital) at once when `member` is covered in the
    /// current epoch. Only LOSS_ORACLE_ROLE. Each `lossId` is accepted once.
    /// @return payout Asset wei paid to `member`.
    function reportLoss(address member, uint256 loss, bytes32 lossId) external returns (uint256 payout);

    // ---------------------------------------------------------------------------------------------
    // Permanent buyer (called by the market)
    // ---------------------------------------------------------------------------------------------

    /// @notice Values the offered secret as the study does and buys it when the total value covers the ask,
    /// capital is at least the ask and the pool is neither bankrupt nor paused. On purchase, sends the ask to
    /// the market's escrow and, for engineering knowledge, opens the return stream. Only the market.
    /// @return bought Whether the pool bought.
    /// @return streamId The return stream opened (0 when none).
    function offer(Offer calldata o) external returns (bool bought, uint256 streamId);

    /// @notice Reverses a purchase after the market refunded its price: capital, purchase cost and komp/eng
    /// capital return to their values without it and the stream is cancelled. Only the market.
    /// @dev The potency moving average is not reversed: later purchases have already built on it.
    function reversePurchase(uint256 listingId) external;

    /// @notice Confirms delivery of a bought secret: the escrow goes to the seller. Only OPERATOR_ROLE.
    function confirmDelivery(uint256 listingId) external;

    /// @notice Disputes the delivery of a bought secret within the dispute window. Only OPERATOR_ROLE.
    function disputeDelivery(uint256 listingId, bytes32 evidenceHash) external;

    /// @notice Collects the vested income of the pool's return streams into capital. Anyone may call; works
    /// while bankrupt (the pool still collects what it is owed).
    /// @return amount Asset wei collected.
    function collectStreamIncome(uint256[] calldata streamIds) external returns (uint256 amount);

    /// @notice Sets the hooks contract (zero = off). Only GOVERNOR_ROLE.
    function setHooks(IPoolHooks hooks) external;

    /// @notice Pauses cover, subscriptions, claims, funding, purchases and collection. Only PAUSER_ROLE.
    function pause() external;

    /// @notice Lifts the pause. Only PAUSER_ROLE.
    function unpause() external;

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @notice The asset (unit of account).
    function asset() external view returns (IERC20);

    /// @notice The shared epoch clock.
    function clock() external view returns (IEpochClock);

    /// @notice The registry of baseline risks and attested wealth.
    function registry() external view returns (IUnderwritingRegistry);

    /// @notice The soulbound membership token.
    function membership() external view returns (IMembership);

    /// @notice The return streams contract.
    function streams() external view returns (IReturnStreams);

    /// @notice The secret market (the only caller of `offer` and `reversePurchase`).
    function market() external view returns (address);

    /// @notice The hooks contract (zero = off).
    function hooks() external view returns (IPoolHooks);

    /// @notice The pool's parameters.
    function params() external view returns (PoolParams memory);

    /// @notice The pool's state, with the loading pending for the current epoch.
    function state() external view returns (PoolState memory);

    /// @notice The loading in force for the current epoch (pending value included), WAD.
    function currentLoading() external view returns (uint256);

    /// @notice clip(baselineRisk + alphaK·kompCapital − alphaE·engCapital, 0.01, 0.5) for `member`, WAD,
    /// rounded up.
    function riskOfUp(address member) external view returns (uint256);

    /// @notice The premium for one epoch of cover for `member`: risk × wealth × premiumRateBase × loading,
    /// asset wei, rounded up. Reverts when the pool is bankrupt, the risk is unset or the wealth not current.
    function quotePremiumUp(address member) external view returns (uint256);

    /// @notice `quotePremiumUp` for many members in one call; `ok[i]` is false (premium 0) where the single
    /// quote would revert (bankrupt pool, no baseline risk, no wealth attestation of the current epoch).
    function quotePremiumsUp(address[] calldata members)
        external
        view
        returns (uint256[] memory premiums, bool[] memory ok);

    /// @notice `isCovered` for many members in one call.
    function coverStatus(address[] calldata members, uint256 epoch) external view returns (bool[] memory covered);

    /// @notice The subscription fee per epoch for `member` (after hooks), asset wei.
    function subscriptionFeeOf(address member) external view returns (uint256);

    /// @notice The study's valuation of a secret: `value` = amount·potency·multiplier and, for engineering,
    /// `futureReturn` = amount·potency·engProductivityFactor·(1 + engCapital/1000) with the current eng
    /// capital. Asset wei, rounded down.
    function valueSecretDown(SecretKind kind, uint256 amount, uint256 potency)
        external
        view
        returns (uint256 value, uint256 futureReturn);

    /// @notice Whether `member` is covered by this pool in `epoch` (voluntary cover or membership). Exact for
    /// the member's latest cover run and subscription run; earlier runs are forgotten.
    function isCovered(address member, uint256 epoch) external view returns (bool);

    /// @notice The member's latest voluntary cover run: epochs [fromEpoch, untilEpoch).
    function coverOf(address member) external view returns (uint256 fromEpoch, uint256 untilEpoch);

    /// @notice The member's latest paid subscription run: epochs [fromEpoch, untilEpoch).
    function subscriptionOf(address member) external view returns (uint256 fromEpoch, uint256 untilEpoch);

    /// @notice The pool's record of its purchase of `listingId`.
    function purchaseOf(uint256 listingId) external view returns (Purchase memory);

    /// @notice Whether `lossId` was reported to this pool.
    function lossReported(bytes32 lossId) external view returns (bool);
}
