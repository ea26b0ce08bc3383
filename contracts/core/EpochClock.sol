// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IEpochClock} from "../interfaces/IEpochClock.sol";

/// @title EpochClock
/// @notice The shared epoch clock of one deployment (one epoch = one study step).
contract EpochClock is IEpochClock {
    /// @inheritdoc IEpochClock
    uint256 public immutable override genesis;
    /// @inheritdoc IEpochClock
    uint256 public immutable override epochLength;

    /// @param genesis_ Unix time of epoch 0; 0 means the deployment block's timestamp.
    /// @param epochLength_ Seconds per epoch, positive.
    constructor(uint256 genesis_, uint256 epochLength_) {
        if (epochLength_ == 0) revert EpochClock_ZeroEpochLength();
        uint256 start = genesis_ == 0 ? block.timestamp : genesis_;
        if (start > block.timestamp) revert EpochClock_GenesisInFuture(start, block.timestamp);
        genesis = start;
        epochLength = epochLength_;
        emit EpochClockStarted(start, epochLength_);
    }

    /// @inheritdoc IEpochClock
    function currentEpoch() external view override returns (uint256) {
        // Genesis is never in the future (checked at construction), so this cannot underflow.
        return (block.timestamp - genesis) / epochLength;
    }

    /// @inheritdoc IEpochClock
    function epochAt(uint256 timestamp) external view override returns (uint256) {
        if (timestamp < genesis) revert EpochClock_BeforeGenesis(timestamp, genesis);
        return (timestamp - genesis) / epochLength;
    }

    /// @inheritdoc IEpochClock
    function epochStart(uint256 epoch) external view override returns (uint256) {
        return genesis + epoch * epochLength;
    }
}
