// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IEpochClock
/// @notice The shared clock: one epoch is one step of the study (ARCHITECTURE.md, protocol rule 1).
/// `epoch = (block.timestamp - genesis) / epochLength`. Every contract of one deployment reads the same clock.
interface IEpochClock {
    /// @notice The epoch length was zero.
    error EpochClock_ZeroEpochLength();

    /// @notice The genesis lies in the future, so the current epoch would be undefined.
    error EpochClock_GenesisInFuture(uint256 genesis, uint256 nowTimestamp);

    /// @notice A timestamp before genesis was asked for its epoch.
    error EpochClock_BeforeGenesis(uint256 timestamp, uint256 genesis);

    /// @notice Emitted once, at construction.
    /// @param genesis Unix time (seconds) at which epoch 0 starts.
    /// @param epochLength Seconds per epoch.
    event EpochClockStarted(uint256 genesis, uint256 epochLength);

    /// @notice Unix time (seconds) at which epoch 0 starts.
    function genesis() external view returns (uint256);

    /// @notice Seconds per epoch.
    function epochLength() external view returns (uint256);

    /// @notice The epoch of the current block.
    function currentEpoch() external view returns (uint256);

    /// @notice The epoch containing `timestamp`; reverts with `EpochClock_BeforeGenesis` before genesis.
    function epochAt(uint256 timestamp) external view returns (uint256);

    /// @notice Unix time (seconds) at which `epoch` starts.
    function epochStart(uint256 epoch) external view returns (uint256);
}
