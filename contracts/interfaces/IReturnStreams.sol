// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IEpochClock} from "./IEpochClock.sol";

/// @title IReturnStreams
/// @notice Engineering return streams (specification §4.4–4.5; ARCHITECTURE.md, protocol rule 8). A stream
/// is funded in full at creation by its productivity funder and pays its recipient (a pool)
/// `floor(total / lifetime)` per epoch for `lifetime` epochs, the last epoch paying the remainder, so the sum
/// is exactly `total`. The first payment vests in the epoch of opening.
///
/// vested(e) = 0                                  if e < startEpoch
///           = total                              if e − startEpoch + 1 ≥ lifetime, or once cancelled
///           = (e − startEpoch + 1) · perEpoch    otherwise
/// withdrawable(e) = vested(e) − withdrawn.
///
/// - Warning: OPENER_ROLE (the pools) can pull any amount the funder approved to this contract; a funder
///   approves only what it is ready to back. Pools open streams only for attested engineering listings.
interface IReturnStreams {
    /// @notice A stream.
    struct Stream {
        /// @dev Who is paid (a pool); the only account that may withdraw or cancel.
        address recipient;
        /// @dev Epoch of the first payment.
        uint64 startEpoch;
        /// @dev Epochs the stream pays.
        uint32 lifetime;
        /// @dev True once cancelled: vesting stopped and the unvested part went back to the funder.
        bool cancelled;
        /// @dev Who deposited the total and receives the unvested part on cancellation.
        address funder;
        /// @dev Total payable, asset wei (reduced to the vested amount on cancellation).
        uint128 total;
        /// @dev Paid out so far, asset wei.
        uint128 withdrawn;
    }

    /// @notice A zero total or lifetime, or a total above 2^128 − 1, was given.
    error Streams_InvalidStream(uint256 total, uint256 lifetime);

    /// @notice No stream has id `streamId`.
    error Streams_UnknownStream(uint256 streamId);

    /// @notice Only the stream's recipient may do this.
    error Streams_NotRecipient(uint256 streamId, address caller, address recipient);

    /// @notice The stream was already cancelled.
    error Streams_AlreadyCancelled(uint256 streamId);

    /// @notice Emitted when a stream is opened and funded.
    /// @param total Asset wei deposited.
    /// @param perEpoch floor(total / lifetime), asset wei.
    event StreamOpened(
        uint256 indexed streamId,
        address indexed recipient,
        address indexed funder,
        uint256 total,
        uint256 perEpoch,
        uint256 startEpoch,
        uint256 lifetime
    );

    /// @notice Emitted for each stream that pays something in a withdrawal.
    event StreamWithdrawn(uint256 indexed streamId, address indexed recipient, uint256 amount);

    /// @notice Emitted when a stream is cancelled.
    /// @param vested What the recipient keeps (its new total), asset wei.
    /// @param refunded What went back to the funder, asset wei.
    event StreamCancelled(uint256 indexed streamId, uint256 vested, uint256 refunded);

    /// @notice The asset streams pay in.
    function asset() external view returns (IERC20);

    /// @notice The shared epoch clock.
    function clock() external view returns (IEpochClock);

    /// @notice Opens a stream to `recipient` of `total` asset wei over `lifetime` epochs from the current one,
    /// pulling `total` from `funder`. Only OPENER_ROLE.
    /// @return streamId The new stream (sequential from 1).
    function open(address recipient, address funder, uint256 total, uint256 lifetime)
        external
        returns (uint256 streamId);

    /// @notice Pays the caller everything vested and not yet withdrawn on each of `streamIds`; every stream
    /// must be the caller's. Duplicates pay once.
    /// @return amount Asset wei paid.
    function withdraw(uint256[] calldata streamIds) external returns (uint256 amount);

    /// @notice Cancels a stream: vesting stops at the current epoch and the unvested part goes back to the
    /// funder. Only the recipient.
    /// @return refunded Asset wei returned to the funder.
    function cancel(uint256 streamId) external returns (uint256 refunded);

    /// @notice Pauses opening, withdrawing and cancelling. Only PAUSER_ROLE.
    function pause() external;

    /// @notice Lifts the pause. Only PAUSER_ROLE.
    function unpause() external;

    /// @notice The stream `streamId`; reverts with `Streams_UnknownStream`.
    function getStream(uint256 streamId) external view returns (Stream memory);

    /// @notice Number of streams opened (the last id).
    function streamCount() external view returns (uint256);

    /// @notice Asset wei vested on `streamId` by the end of `epoch`.
    function vestedAt(uint256 streamId, uint256 epoch) external view returns (uint256);

    /// @notice Asset wei withdrawable on `streamId` now.
    function withdrawable(uint256 streamId) external view returns (uint256);
}
