// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title FixedPointMath
/// @notice WAD (1e18 = 1.0) fixed-point arithmetic with the rounding direction in every name.
/// @dev Every product is computed at full 512-bit precision (OpenZeppelin `Math.mulDiv`) and rounded once.
/// Call sites choose the direction that favours the pool's solvency: what the pool charges rounds up,
/// what the pool values or pays rounds down.
library FixedPointMath {
    /// @notice 1.0 in WAD fixed point.
    uint256 internal constant WAD = 1e18;

    /// @notice `x * y / WAD`, rounded towards zero.
    function mulWadDown(uint256 x, uint256 y) internal pure returns (uint256) {
        return Math.mulDiv(x, y, WAD);
    }

    /// @notice `x * y / WAD`, rounded away from zero.
    function mulWadUp(uint256 x, uint256 y) internal pure returns (uint256) {
        return Math.mulDiv(x, y, WAD, Math.Rounding.Ceil);
    }

    /// @notice `x * y / d`, rounded towards zero. Reverts when `d` is zero or the result overflows.
    function mulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return Math.mulDiv(x, y, d);
    }
}
