// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IInsurancePool} from "../interfaces/IInsurancePool.sol";

/// @title ShortPayingPool
/// @notice A hostile "pool" for tests: claims to buy every offer without paying the ask.
contract ShortPayingPool {
    /// @notice Accepts without paying.
    function offer(IInsurancePool.Offer calldata) external pure returns (bool bought, uint256 streamId) {
        return (true, 0);
    }
}
