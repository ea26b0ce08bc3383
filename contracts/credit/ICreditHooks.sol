// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IMarketHooks} from "../interfaces/IMarketHooks.sol";
import {IPoolHooks} from "../interfaces/IPoolHooks.sol";
import {SubmissionType} from "./CreditTypes.sol";

/// @title ICreditHooks
/// @notice Ties the credit economy into the secret market and the insurance pools through their hooks
/// (`SecretMarket.setHooks`, `InsurancePool.setHooks`): listing a secret is a submission charged to the seller;
/// the attestor who validated it earns a validation reward; an engineer whose knowledge a pool bought earns a
/// mission-path reward when the escrow is released; a mandatory member's subscription fee is discounted by the
/// member's credit tier.
/// @dev Holds SPEND_ROLE, VALIDATION_ORACLE_ROLE and MISSION_ROLE on the economy. A seller without credit for
/// the listing cost cannot list (the charge reverts the listing). Rewards never block the market: a reward that
/// fails (paused economy, attestor without a score, F1 below the pool minimum) is skipped with an event, so a
/// sale always settles.
/// - Warning: SCORER_ROLE sets the F1 and quality of each attestor (the validation oracle's measurement); an
///   attestor without a score earns nothing.
interface ICreditHooks is IMarketHooks, IPoolHooks {
    /// @notice A hook was called by someone other than the market.
    error CreditHooks_OnlyMarket(address caller);
    /// @notice An attestor score out of range (F1 ≤ 1e18, quality ≥ 1e18).
    error CreditHooks_InvalidScore(uint256 f1, uint256 quality);

    /// @notice The scorer set an attestor's F1 and quality bonus (WAD).
    event AttestorScoreSet(address indexed attestor, uint256 f1, uint256 quality);
    /// @notice A listing was charged as a submission of `kind`.
    event ListingCharged(uint256 indexed listingId, address indexed seller, SubmissionType kind, uint256 cost);
    /// @notice The attestor of a listing earned a validation reward.
    event AttestationRewarded(uint256 indexed listingId, address indexed attestor, uint256 paid);
    /// @notice The attestor of a listing earned nothing; `reason` is the economy's revert data (empty: no score).
    event AttestationUnrewarded(uint256 indexed listingId, address indexed attestor, bytes reason);
    /// @notice The engineer whose knowledge `pool` bought earned credit for the sale.
    event KnowledgeRewarded(uint256 indexed listingId, address indexed engineer, address indexed pool, uint256 amount, uint256 paid);
    /// @notice The reward for a sale failed (the sale settled regardless); `reason` is the economy's revert data.
    event KnowledgeRewardFailed(uint256 indexed listingId, address indexed engineer, bytes reason);

    /// @notice Sets an attestor's F1 score and quality bonus (WAD). Only SCORER_ROLE.
    function setAttestorScore(address attestor, uint256 f1, uint256 quality) external;

    /// @notice An attestor's score (`set` false when none).
    function attestorScore(address attestor) external view returns (bool set, uint256 f1, uint256 quality);

    /// @notice The submission type a listing of kompromat / engineering knowledge is charged as.
    function listingType(bool engineering) external view returns (SubmissionType);

    /// @notice The credit reward of a sale at `price` (asset wei): ⌊price × saleRewardRate⌋ clamped to the mission
    /// reward range; the economy then applies the mission boost, the supply cap, diminishing returns and the daily
    /// earning cap.
    function saleReward(uint256 price) external view returns (uint256);
}
