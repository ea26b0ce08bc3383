// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IEpochClock} from "../interfaces/IEpochClock.sol";
import {IReturnStreams} from "../interfaces/IReturnStreams.sol";
import {Errors} from "../libraries/Errors.sol";

/// @title ReturnStreams
/// @notice Engineering return streams, fully funded at creation. Accounting identity, per stream:
/// `withdrawn ≤ vested ≤ total`; over the contract: deposited = withdrawn + refunded + outstanding.
contract ReturnStreams is IReturnStreams, AccessControl, Pausable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice May open streams: the pools.
    bytes32 public constant OPENER_ROLE = keccak256("OPENER_ROLE");
    /// @notice May pause.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @inheritdoc IReturnStreams
    IERC20 public immutable override asset;
    /// @inheritdoc IReturnStreams
    IEpochClock public immutable override clock;

    /// @notice Asset wei deposited by funders, ever.
    uint256 public totalDeposited;
    /// @notice Asset wei paid to recipients, ever.
    uint256 public totalWithdrawn;
    /// @notice Asset wei returned to funders on cancellation, ever.
    uint256 public totalRefunded;

    uint256 private _lastStreamId;
    mapping(uint256 streamId => Stream) private _streams;

    /// @param asset_ The asset streams pay in.
    /// @param clock_ The shared epoch clock.
    /// @param admin Receives DEFAULT_ADMIN_ROLE and PAUSER_ROLE.
    constructor(IERC20 asset_, IEpochClock clock_, address admin) {
        if (address(asset_) == address(0)) revert Errors.ZeroAddress("asset");
        if (address(clock_) == address(0)) revert Errors.ZeroAddress("clock");
        if (admin == address(0)) revert Errors.ZeroAddress("admin");
        asset = asset_;
        clock = clock_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
    }

    /// @inheritdoc IReturnStreams
    function open(address recipient, address funder, uint256 total, uint256 lifetime)
        external
        override
        onlyRole(OPENER_ROLE)
        whenNotPaused
        nonReentrant
        returns (uint256 streamId)
    {
        // Checks
        if (recipient == address(0)) revert Errors.ZeroAddress("recipient");
        if (funder == address(0)) revert Errors.ZeroAddress("funder");
        if (total == 0 || lifetime == 0 || total > type(uint128).max || lifetime > type(uint32).max) {
            revert Streams_InvalidStream(total, lifetime);
        }
        // Effects
        uint256 startEpoch = clock.currentEpoch();
        streamId = ++_lastStreamId;
        // Safe casts: bounds checked above; epochs stay far below 2^64.
        _streams[streamId] = Stream({
            recipient: recipient,
            startEpoch: uint64(startEpoch),
            lifetime: uint32(lifetime),
            cancelled: false,
            funder: funder,
            total: uint128(total),
            withdrawn: 0
        });
        totalDeposited += total;
        emit StreamOpened(streamId, recipient, funder, total, total / lifetime, startEpoch, lifetime);
        // Interactions
        uint256 before = asset.balanceOf(address(this));
        asset.safeTransferFrom(funder, address(this), total);
        // The stream is funded in full: never promise what was not deposited (fee-on-transfer assets fail here).
        assert(asset.balanceOf(address(this)) - before == total);
    }

    /// @inheritdoc IReturnStreams
    function withdraw(uint256[] calldata streamIds)
        external
        override
        whenNotPaused
        nonReentrant
        returns (uint256 amount)
    {
        uint256 epoch = clock.currentEpoch();
        uint256 n = streamIds.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = streamIds[i];
            Stream storage s = _stream(id);
            // Checks
            if (s.recipient != msg.sender) revert Streams_NotRecipient(id, msg.sender, s.recipient);
            uint256 due = _vestedAt(s, epoch) - s.withdrawn;
            if (due == 0) continue;
            // Effects. Safe cast: withdrawn + due = vested ≤ total < 2^128.
            s.withdrawn += uint128(due);
            amount += due;
            emit StreamWithdrawn(id, msg.sender, due);
        }
        if (amount == 0) return 0;
        totalWithdrawn += amount;
        // Interactions
        asset.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IReturnStreams
    function cancel(uint256 streamId) external override whenNotPaused nonReentrant returns (uint256 refunded) {
        Stream storage s = _stream(streamId);
        // Checks
        if (s.recipient != msg.sender) revert Streams_NotRecipient(streamId, msg.sender, s.recipient);
        if (s.cancelled) revert Streams_AlreadyCancelled(streamId);
        // Effects
        uint256 vested = _vestedAt(s, clock.currentEpoch());
        refunded = s.total - vested;
        s.cancelled = true;
        // Safe cast: vested ≤ total < 2^128.
        s.total = uint128(vested);
        totalRefunded += refunded;
        emit StreamCancelled(streamId, vested, refunded);
        // Interactions
        if (refunded != 0) asset.safeTransfer(s.funder, refunded);
    }

    /// @inheritdoc IReturnStreams
    function pause() external override onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc IReturnStreams
    function unpause() external override onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    /// @inheritdoc IReturnStreams
    function getStream(uint256 streamId) external view override returns (Stream memory) {
        return _stream(streamId);
    }

    /// @inheritdoc IReturnStreams
    function streamCount() external view override returns (uint256) {
        return _lastStreamId;
    }

    /// @inheritdoc IReturnStreams
    function vestedAt(uint256 streamId, uint256 epoch) external view override returns (uint256) {
        return _vestedAt(_stream(streamId), epoch);
    }

    /// @inheritdoc IReturnStreams
    function withdrawable(uint256 streamId) external view override returns (uint256) {
        Stream storage s = _stream(streamId);
        return _vestedAt(s, clock.currentEpoch()) - s.withdrawn;
    }

    function _stream(uint256 streamId) private view returns (Stream storage s) {
        s = _streams[streamId];
        if (s.recipient == address(0)) revert Streams_UnknownStream(streamId);
    }

    /// @dev vested(e) = 0 before the start; the total once cancelled or in the last epoch and after;
    /// otherwise (e − start + 1) · floor(total / lifetime). Never above the total, so never above the deposit.
    function _vestedAt(Stream storage s, uint256 epoch) private view returns (uint256) {
        if (s.cancelled) return s.total;
        uint256 start = s.startEpoch;
        if (epoch < start) return 0;
        uint256 elapsed = epoch - start + 1;
        uint256 lifetime = s.lifetime;
        if (elapsed >= lifetime) return s.total;
        return elapsed * (uint256(s.total) / lifetime);
    }
}
