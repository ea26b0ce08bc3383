// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {SecretKind} from "./SecretKind.sol";

/// @title IMarketHooks
/// @notice Extension points for the credit economy (issue 6) in the secret market. Set with
/// `SecretMarket.setHooks`; zero (the default) turns hooks off. Hooks run after the market's own effects
/// and may revert to reject the action (e.g. a seller without credit for the listing cost).
interface IMarketHooks {
    /// @notice Called when a listing is created: charge the listing cost in credit to `seller` and reward the
    /// `attestor` who validated it.
    function onListed(uint256 listingId, address seller, address attestor) external;

    /// @notice Called when the escrow of a sale is released to the seller (confirmed, settled, or a dispute
    /// rejected): reward the engineer whose knowledge a pool bought.
    function onSettled(uint256 listingId, address seller, address pool, SecretKind kind, uint256 price) external;
}
