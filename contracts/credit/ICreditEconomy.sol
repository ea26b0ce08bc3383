// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FaucetKind, SpendKind, SubmissionType} from "./CreditTypes.sol";
import {ICreditParameters} from "./ICreditParameters.sol";

/// @title ICreditEconomy
/// @notice The soulbound credit ledger of issue 6 (sim/economy/LEDGER.md): faucets by role, sinks, dispute
/// escrow, admin slashes, lazy inactivity decay, the supply cap with its hysteresis, the permissionless daily
/// evaluation and the subscription tiers. `sim/economy/ledger.ts` is the reference: replaying the same
/// operations leaves every balance, the supply, the burn total, the reserve, the reward pool and the escrow
/// identical to the wei.
/// @dev Credit exists in five places: settled agent balances (`totalSupply`), `escrow`, `rewardPool`, `reserve`;
/// conservation: `totalIssued − totalBurned = totalSupply + escrow + rewardPool + reserve`. Credit leaving a
/// balance is burned at the token level and counted where it goes; credit paid out of the pool, the reserve
/// or escrow is minted at the token level and not counted as issued. There is no transfer path: every
/// operation changes at most one agent's balance.
///
/// Units: credit wei (1 IT = 1e18), WAD for rates (1e18 = 1.0), basis points (10,000 = 100%); times in events
/// and views are seconds since `genesis` (one day = 86,400 s from genesis; one ledger month = `decayPeriod`).
/// - Warning: roles are trusted for what they report: VALIDATION_ORACLE_ROLE (validations and their F1 and
///   quality), MISSION_ROLE, REVIEW_ROLE, REGISTRAR_ROLE (starter grants, referrals), SPEND_ROLE (charges on an
///   agent's behalf), DISPUTE_ROLE, GOVERNOR_ROLE (slashes, acknowledgement). Each is bounded by the rules
///   (ranges, daily caps, diminishing returns, the supply cap).
interface ICreditEconomy {
    // ---------------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------------

    /// @notice A state-changing call before `genesis`.
    error Credit_BeforeGenesis(uint256 genesis, uint256 timestamp);
    /// @notice A constructor argument is inconsistent; `what` names it.
    error Credit_InvalidConfig(string what);
    /// @notice `mint` and `burn` of the plain soulbound credit are disabled: credit moves only by the economy's
    /// operations, which keep the accounts.
    error Credit_DirectMintBurnDisabled();
    /// @notice A count of zero (or above 2^32 − 1).
    error Credit_ZeroCount(uint256 count);
    /// @notice The agent's balance (after pending decay) does not cover `needed`.
    error Credit_InsufficientBalance(address agent, uint256 balance, uint256 needed);
    /// @notice Only the agent itself or SPEND_ROLE may charge the agent.
    error Credit_NotAgentOrSpender(address caller, address agent);
    /// @notice Only the agent itself or REGISTRAR_ROLE may claim the agent's emergency top-up.
    error Credit_NotAgentOrRegistrar(address caller, address agent);
    /// @notice An address that never had a starter grant nor any activity claims a top-up through the registrar only.
    error Credit_UnknownAgent(address agent);
    /// @notice The starter grant is paid once per agent.
    error Credit_StarterGrantAlreadyPaid(address agent);
    /// @notice Starter grants stop while the supply is above the cap.
    error Credit_StarterGrantsSuspended(uint256 supply, uint256 cap);
    /// @notice A referral is rewarded once per referred agent.
    error Credit_ReferralAlreadyPaid(address referred);
    /// @notice An agent cannot refer itself.
    error Credit_SelfReferral(address agent);
    /// @notice F1 above 1e18.
    error Credit_F1OutOfRange(uint256 f1);
    /// @notice F1 below the validator pool minimum.
    error Credit_F1BelowPoolMinimum(uint256 f1, uint256 minimum);
    /// @notice Quality bonus outside its range.
    error Credit_QualityOutOfRange(uint256 quality, uint256 min, uint256 max);
    /// @notice Mission reward outside the levers' range.
    error Credit_MissionRewardOutOfRange(uint256 amount, uint256 min, uint256 max);
    /// @notice Evidence review reward outside its range.
    error Credit_ReviewRewardOutOfRange(uint256 amount, uint256 min, uint256 max);
    /// @notice A reserve-only mission the reserve cannot pay in full.
    error Credit_ReserveInsufficient(uint256 reserve, uint256 needed);
    /// @notice A dispute with this id is open.
    error Credit_DisputeExists(uint256 id);
    /// @notice No open dispute with this id.
    error Credit_UnknownDispute(uint256 id);
    /// @notice No top-up round open now.
    error Credit_NoTopUpRound(uint256 round);
    /// @notice The agent claimed this round already.
    error Credit_TopUpAlreadyClaimed(address agent, uint256 round);
    /// @notice Only balances below the threshold may claim a top-up.
    error Credit_BalanceNotBelowTopUpThreshold(address agent, uint256 balance, uint256 threshold);
    /// @notice An evaluation at most once per interval.
    error Credit_EvaluationTooEarly(uint256 nextAt);
    /// @notice Nothing to acknowledge: the supply is not capped.
    error Credit_NotCapped(uint256 supply, uint256 cap);

    // ---------------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------------

    /// @notice An earned faucet paid `paid` of `gross` (after the supply-cap scale: `scaled`; then diminishing
    /// returns and the daily earning cap). `fromPool` / `fromReserve` were drawn from the reward pool / reserve,
    /// `issued` created.
    event FaucetPaid(
        address indexed agent,
        FaucetKind indexed kind,
        uint256 gross,
        uint256 scaled,
        uint256 paid,
        uint256 fromPool,
        uint256 fromReserve,
        uint256 issued
    );
    /// @notice `paidCount` of `requested` validations were within the daily validation cap, each worth
    /// `perValidation` before caps.
    event ValidationsRewarded(address indexed agent, uint256 requested, uint256 paidCount, uint256 perValidation);
    /// @notice `referrer` was rewarded for bringing `referred`.
    event ReferralRewarded(address indexed referrer, address indexed referred);
    /// @notice The one starter grant of `agent`.
    event StarterGranted(address indexed agent, uint256 amount);
    /// @notice An emergency top-up was claimed.
    event EmergencyTopUpClaimed(address indexed agent, uint256 indexed round, uint256 amount);
    /// @notice `count` submissions charged at `unitCost` (discount included); the total split into the pool,
    /// the reserve and a burn that sum to it exactly.
    event SubmissionCharged(
        address indexed agent,
        SubmissionType indexed kind,
        uint256 count,
        uint256 unitCost,
        uint256 total,
        uint256 toPool,
        uint256 toReserve,
        uint256 burned
    );
    /// @notice A vote, circle or priority cost: the transaction tax burned, the rest to the reserve.
    event SpendCharged(address indexed agent, SpendKind indexed kind, uint256 cost, uint256 toReserve, uint256 burned);
    /// @notice A feature bought with credit; the whole amount burned.
    event FeaturePurchased(address indexed agent, uint256 amount);
    /// @notice A dispute stake moved from the balance into escrow.
    event DisputeOpened(address indexed agent, uint256 indexed id, uint256 stake);
    /// @notice Upheld: the stake returned plus `bonus` from the reserve. Rejected: the stake burned.
    event DisputeResolved(address indexed agent, uint256 indexed id, bool upheld, uint256 stake, uint256 bonus);
    /// @notice An admin slash of the agent's `offense`-th offense, burned.
    event Slashed(address indexed agent, uint256 offense, uint256 amount);
    /// @notice Pending inactivity decay settled: `steps` monthly steps burned `burned`, leaving `balance`.
    event Decayed(address indexed agent, uint256 steps, uint256 burned, uint256 balance);
    /// @notice The supply passed the cap (active agents × cap per agent): faucets scaled down, starter grants stop.
    event SupplyCapBreached(uint256 supply, uint256 cap, uint256 activeAgents);
    /// @notice The supply fell below 90% of the cap: restrictions lifted.
    event SupplyCapReleased(uint256 supply, uint256 cap, uint256 activeAgents);
    /// @notice The governor acknowledged the breach: faucets stay at 50% instead of escalating to 25%.
    event SupplyCapAcknowledged(uint256 supply, uint256 cap);
    /// @notice The liquidity response opened a top-up round, claimable until `closesAt`.
    event TopUpRoundOpened(uint256 indexed round, uint256 closesAt, uint256 amount, uint256 below);
    /// @notice Inactivity decay is suspended (its clock stopped) from `from` until `until`.
    event DecaySuspended(uint256 from, uint256 until);
    /// @notice The progressive submission discounts were switched on or off.
    event ProgressiveDiscountsSet(bool active);

    // ---------------------------------------------------------------------------------------------
    // Faucets (each by its own role)
    // ---------------------------------------------------------------------------------------------

    /// @notice Pays the starter grant (once per agent); reverts while the supply is capped. Only REGISTRAR_ROLE.
    function grantStarter(address agent) external returns (uint256 amount);

    /// @notice Rewards `referrer` for `referred` (once per referred agent), through the earned-faucet pipeline.
    /// Only REGISTRAR_ROLE.
    function rewardReferral(address referrer, address referred) external returns (uint256 paid);

    /// @notice Rewards `count` validations with F1 score `f1` and quality bonus `quality` (WAD): each worth
    /// ⌊R × m(f1) × quality × boost / WAD³⌋; validations beyond the daily validation cap are not paid; 60% drawn
    /// from the reward pool while it holds enough. Only VALIDATION_ORACLE_ROLE.
    function rewardValidations(address agent, uint256 count, uint256 f1, uint256 quality) external returns (uint256 paid);

    /// @notice Mission reward of `amount` (within the levers' range) × the mission boost, paid from the reserve
    /// as far as it holds, the rest issued; `reserveOnly` reverts unless the reserve pays it in full.
    /// Only MISSION_ROLE.
    function rewardMission(address agent, uint256 amount, bool reserveOnly) external returns (uint256 paid);

    /// @notice Evidence review reward of `amount` (within its range), issued. Only REVIEW_ROLE.
    function rewardEvidenceReview(address agent, uint256 amount) external returns (uint256 paid);

    /// @notice Claims the open emergency top-up round for `agent` (balance below the threshold, once per round). By the
    /// agent itself once it has had a starter grant or any activity, or by REGISTRAR_ROLE for any agent (a fresh
    /// address cannot mint by itself). Not an activity.
    function claimEmergencyTopUp(address agent) external returns (uint256 amount);

    // ---------------------------------------------------------------------------------------------
    // Sinks
    // ---------------------------------------------------------------------------------------------

    /// @notice Charges `count` submissions of `kind`: split ⌊5%⌋ burned, ⌊35%⌋ to the reserve, the rest (≥ 60%)
    /// to the reward pool. By the agent itself or SPEND_ROLE.
    function chargeSubmission(address agent, SubmissionType kind, uint256 count) external returns (uint256 total);

    /// @notice Charges a vote, circle or priority cost: the transaction tax burned, the rest to the reserve.
    /// By the agent itself or SPEND_ROLE.
    function chargeSpend(address agent, SpendKind kind) external returns (uint256 cost);

    /// @notice A feature bought for `amount`, burned. Only SPEND_ROLE (the platform prices features).
    function buyFeature(address agent, uint256 amount) external;

    /// @notice Opens dispute `id` of `agent`, moving the stake from the agent's balance into escrow. Only DISPUTE_ROLE
    /// (the platform numbers disputes: an agent opening its own could squat the platform's ids).
    function openDispute(address agent, uint256 id) external;

    /// @notice Resolves dispute `id`: upheld returns the stake plus the bonus from the reserve (scaled while
    /// capped, at most the reserve); rejected burns the stake. Only DISPUTE_ROLE.
    function resolveDispute(uint256 id, bool upheld) external;

    /// @notice Slashes the agent's next offense: 50 IT, then 200 IT, then the whole balance (each at most the
    /// balance), burned. Not an activity. Only GOVERNOR_ROLE.
    function slash(address agent) external returns (uint256 amount);

    /// @notice Settles the agent's pending decay (burns it). Permissionless.
    function settleDecay(address agent) external returns (uint256 burned);

    // ---------------------------------------------------------------------------------------------
    // Evaluation and supply cap
    // ---------------------------------------------------------------------------------------------

    /// @notice The daily evaluation (design §3.1): applies the supply-cap decision, computes the daily inflation
    /// against the previous evaluation's supply, has the parameter engine apply its responses, then opens a top-up
    /// round, suspends decay and sets the discounts as they ask. Permissionless, at most once per interval.
    function evaluate() external;

    /// @notice Acknowledges a supply-cap breach (faucets stay at 50%). Only GOVERNOR_ROLE.
    function acknowledgeCapBreach() external;

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @notice The parameter engine.
    function parameters() external view returns (ICreditParameters);

    /// @notice Unix time of second 0 (the parameter engine's).
    function genesis() external view returns (uint256);

    /// @notice The stored balance, without pending decay (`balanceOf` includes it).
    function settledBalanceOf(address agent) external view returns (uint256);

    /// @notice Balances with pending decay and settled balances of many agents.
    function balancesOf(address[] calldata agents) external view returns (uint256[] memory balances, uint256[] memory settled);

    /// @notice The five accounts and the two totals.
    function totals()
        external
        view
        returns (uint256 supply, uint256 escrow, uint256 rewardPool, uint256 reserve, uint256 totalIssued, uint256 totalBurned);

    /// @notice Agents active in the last `activeWindowDays` days (today included).
    function activeAgents() external view returns (uint256);

    /// @notice The supply cap now: active agents × cap per agent.
    function supplyCap() external view returns (uint256);

    /// @notice The cap state: capped, since when, acknowledged, and the faucet scale (WAD) now.
    function capState() external view returns (bool capped, uint256 cappedSince, bool acknowledged, uint256 faucetScale);

    /// @notice An agent's activity: last activity time (seconds since genesis), whether it ever had one, the
    /// decay steps already applied since, and the steps due now.
    function activityOf(address agent)
        external
        view
        returns (bool everActive, uint256 lastActivity, uint256 stepsApplied, uint256 stepsDue);

    /// @notice Today's earnings and validations counted for the caps.
    function dailyCounters(address agent) external view returns (uint256 earned, uint256 validations);

    /// @notice Earned credit (earned faucets, as paid) in the current and the previous ledger month.
    function recentEarnings(address agent) external view returns (uint256);

    /// @notice The subscription discount (WAD) of the agent's credit tier (LEDGER.md §9).
    function subscriptionDiscount(address agent) external view returns (uint256);

    /// @notice What `count` submissions of `kind` cost the agent now (discount included).
    function quoteSubmission(address agent, SubmissionType kind, uint256 count) external view returns (uint256);

    /// @notice Starter grant paid, referral paid (as referred), slashes so far, last top-up round claimed.
    function flagsOf(address agent)
        external
        view
        returns (bool starterPaid, bool referralPaid, uint256 slashCount, uint256 topUpClaimedRound);

    /// @notice An open dispute (agent zero when none).
    function disputeOf(uint256 id) external view returns (address agent, uint256 stake);

    /// @notice The decay clock now: seconds since genesis without suspended time; and the suspension's end.
    function decayClock() external view returns (uint256 clock, uint256 suspendedUntil);

    /// @notice The current top-up round and when it opened.
    function topUpRound() external view returns (uint256 round, uint256 openedAt);

    /// @notice The last evaluation's time (`evaluated` false before the first) and supply.
    function lastEvaluation() external view returns (bool evaluated, uint256 at, uint256 supply);

    /// @notice Whether the progressive submission discounts are on.
    function discountsActive() external view returns (bool);

    /// @notice Credit destroyed (decay, slashes, burned stakes, the burned parts of spending).
    function totalBurned() external view returns (uint256);

    /// @notice Credit created from nothing (faucet amounts not drawn from the pool or the reserve).
    function totalIssued() external view returns (uint256);

    /// @notice The platform reserve.
    function reserve() external view returns (uint256);

    /// @notice The validation reward pool.
    function rewardPool() external view returns (uint256);

    /// @notice Dispute stakes held.
    function escrow() external view returns (uint256);
}
