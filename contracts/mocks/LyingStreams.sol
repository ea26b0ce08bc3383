// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title LyingStreams
/// @notice A hostile streams contract for tests: reports a withdrawal it never pays.
contract LyingStreams {
    /// @notice Reports 1 wei paid, pays nothing.
    function withdraw(uint256[] calldata) external pure returns (uint256) {
        return 1;
    }
}
