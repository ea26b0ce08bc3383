// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IPoolHooks
/// @notice Extension point for the credit economy (issue 6) in the insurance pool. Set with
/// `InsurancePool.setHooks`; zero (the default) turns hooks off and reproduces the study.
interface IPoolHooks {
    /// @notice The subscription fee per epoch `member` pays, given the pool's base fee — e.g. a discount by
    /// credit tier. Must not exceed `baseFee` (the pool reverts with `Pool_HookFeeAboveBase`).
    function subscriptionFee(address member, uint256 baseFee) external view returns (uint256);
}
