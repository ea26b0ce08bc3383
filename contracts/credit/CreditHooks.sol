// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IMarketHooks} from "../interfaces/IMarketHooks.sol";
import {IPoolHooks} from "../interfaces/IPoolHooks.sol";
import {ISecretMarket} from "../interfaces/ISecretMarket.sol";
import {SecretKind} from "../interfaces/SecretKind.sol";
import {Errors} from "../libraries/Errors.sol";
import {ICreditHooks} from "./ICreditHooks.sol";
import {ICreditEconomy} from "./ICreditEconomy.sol";
import {SubmissionType} from "./CreditTypes.sol";

/// @title CreditHooks
/// @notice The credit economy's hooks for the secret market (`onListed`, `onSettled`) and the insurance pools
/// (`subscriptionFee`).
/// @dev The market calls the hooks after its own effects, inside its reentrancy guard; the hooks call only the
/// economy (trusted, fixed at deployment).
contract CreditHooks is ICreditHooks, AccessControl {
    /// @notice Sets attestors' F1 and quality scores.
    bytes32 public constant SCORER_ROLE = keccak256("SCORER_ROLE");

    uint256 private constant WAD = 1e18;

    struct Score {
        uint64 f1;
        uint64 quality;
        bool set;
    }

    /// @notice The credit economy.
    ICreditEconomy public immutable economy;
    /// @notice The market whose hooks these are.
    ISecretMarket public immutable market;
    /// @notice Credit wei per asset wei of a sale's price, WAD (1e18: one credit per token of price).
    uint256 public immutable saleRewardRate;

    SubmissionType private immutable _kompromatListing;
    SubmissionType private immutable _engineeringListing;

    mapping(address attestor => Score) private _scores;

    /// @param economy_ The credit economy (grant this contract SPEND_ROLE, VALIDATION_ORACLE_ROLE, MISSION_ROLE).
    /// @param market_ The secret market (set this contract as its hooks).
    /// @param kompromatListing Submission type a kompromat listing is charged as.
    /// @param engineeringListing Submission type an engineering listing is charged as.
    /// @param saleRewardRate_ Credit wei per asset wei of a sale's price, WAD.
    /// @param admin Receives DEFAULT_ADMIN_ROLE.
    constructor(
        ICreditEconomy economy_,
        ISecretMarket market_,
        SubmissionType kompromatListing,
        SubmissionType engineeringListing,
        uint256 saleRewardRate_,
        address admin
    ) {
        if (address(economy_) == address(0)) revert Errors.ZeroAddress("economy");
        if (address(market_) == address(0)) revert Errors.ZeroAddress("market");
        if (admin == address(0)) revert Errors.ZeroAddress("admin");
        economy = economy_;
        market = market_;
        _kompromatListing = kompromatListing;
        _engineeringListing = engineeringListing;
        saleRewardRate = saleRewardRate_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc ICreditHooks
    function setAttestorScore(address attestor, uint256 f1, uint256 quality) external override onlyRole(SCORER_ROLE) {
        if (attestor == address(0)) revert Errors.ZeroAddress("attestor");
        if (f1 > WAD || quality < WAD || quality > type(uint64).max) revert CreditHooks_InvalidScore(f1, quality);
        // Safe casts: f1 ≤ 1e18, quality < 2^64 (checked).
        _scores[attestor] = Score({f1: uint64(f1), quality: uint64(quality), set: true});
        emit AttestorScoreSet(attestor, f1, quality);
    }

    /// @inheritdoc IMarketHooks
    /// @dev Charges the seller (reverting the listing when the seller cannot pay), then rewards the attestor with
    /// one validation at its score; a reward the economy refuses is skipped with `AttestationUnrewarded`.
    function onListed(uint256 listingId, address seller, address attestor) external override {
        if (msg.sender != address(market)) revert CreditHooks_OnlyMarket(msg.sender);
        SubmissionType kind =
            market.getListing(listingId).kind == SecretKind.Engineering ? _engineeringListing : _kompromatListing;
        uint256 cost = economy.chargeSubmission(seller, kind, 1);
        emit ListingCharged(listingId, seller, kind, cost);
        Score memory s = _scores[attestor];
        if (!s.set) {
            emit AttestationUnrewarded(listingId, attestor, "");
            return;
        }
        try economy.rewardValidations(attestor, 1, s.f1, s.quality) returns (uint256 paid) {
            emit AttestationRewarded(listingId, attestor, paid);
        } catch (bytes memory reason) {
            emit AttestationUnrewarded(listingId, attestor, reason);
        }
    }

    /// @inheritdoc IMarketHooks
    /// @dev Engineering sales only (kompromat earns nothing): the mission path, funded by the reserve first.
    function onSettled(uint256 listingId, address seller, address pool, SecretKind kind, uint256 price) external override {
        if (msg.sender != address(market)) revert CreditHooks_OnlyMarket(msg.sender);
        if (kind != SecretKind.Engineering) return;
        uint256 amount = saleReward(price);
        try economy.rewardMission(seller, amount, false) returns (uint256 paid) {
            emit KnowledgeRewarded(listingId, seller, pool, amount, paid);
        } catch (bytes memory reason) {
            emit KnowledgeRewardFailed(listingId, seller, reason);
        }
    }

    /// @inheritdoc IPoolHooks
    /// @dev ⌈baseFee × (1 − discount)⌉: rounded in the pool's favour, never above the base fee.
    function subscriptionFee(address member, uint256 baseFee) external view override returns (uint256) {
        uint256 discount = economy.subscriptionDiscount(member);
        return Math.mulDiv(baseFee, WAD - discount, WAD, Math.Rounding.Ceil);
    }

    /// @inheritdoc ICreditHooks
    function attestorScore(address attestor) external view override returns (bool set, uint256 f1, uint256 quality) {
        Score memory s = _scores[attestor];
        return (s.set, s.f1, s.quality);
    }

    /// @inheritdoc ICreditHooks
    function listingType(bool engineering) external view override returns (SubmissionType) {
        return engineering ? _engineeringListing : _kompromatListing;
    }

    /// @inheritdoc ICreditHooks
    function saleReward(uint256 price) public view override returns (uint256) {
        (uint256 lo, uint256 hi,) = economy.parameters().missionTerms();
        return Math.min(Math.max(Math.mulDiv(price, saleRewardRate, WAD), lo), hi);
    }
}
