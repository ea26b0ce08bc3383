// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice Shared input errors, used by every contract that takes addresses or batches.
library Errors {
    /// @notice An address argument that must be set was zero; `what` names the argument.
    error ZeroAddress(string what);

    /// @notice Two arrays that must pair up element by element have different lengths.
    error LengthMismatch(uint256 left, uint256 right);

    /// @notice A batch argument was empty.
    error EmptyBatch();
}
