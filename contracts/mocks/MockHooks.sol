// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IMarketHooks} from "../interfaces/IMarketHooks.sol";
import {IPoolHooks} from "../interfaces/IPoolHooks.sol";
import {SecretKind} from "../interfaces/SecretKind.sol";

/// @title MockHooks
/// @notice Records hook calls and returns a configurable subscription fee, for tests of the hook points.
contract MockHooks is IMarketHooks, IPoolHooks {
    /// @notice Emitted by `onListed`.
    event ListedHook(uint256 listingId, address seller, address attestor);
    /// @notice Emitted by `onSettled`.
    event SettledHook(uint256 listingId, address seller, address pool, SecretKind kind, uint256 price);

    /// @notice Fee returned by `subscriptionFee` as a WAD fraction of the base fee (may exceed 1 to test the
    /// pool's check).
    uint256 public feeFraction = 1e18;

    /// @notice Sets `feeFraction`.
    function setFeeFraction(uint256 fraction) external {
        feeFraction = fraction;
    }

    /// @inheritdoc IMarketHooks
    function onListed(uint256 listingId, address seller, address attestor) external override {
        emit ListedHook(listingId, seller, attestor);
    }

    /// @inheritdoc IMarketHooks
    function onSettled(uint256 listingId, address seller, address pool, SecretKind kind, uint256 price)
        external
        override
    {
        emit SettledHook(listingId, seller, pool, kind, price);
    }

    /// @inheritdoc IPoolHooks
    function subscriptionFee(address, uint256 baseFee) external view override returns (uint256) {
        return baseFee * feeFraction / 1e18;
    }
}
