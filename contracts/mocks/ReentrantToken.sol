// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title ReentrantToken
/// @notice A hostile ERC-20 for tests: when armed, every transfer first calls `victim` with `data`, so a
/// test can check that value-moving functions reject re-entry.
contract ReentrantToken is ERC20 {
    /// @notice Raised when the re-entrant call fails; carries its revert data.
    error ReentrantToken_CallFailed(bytes reason);

    address public victim;
    bytes public data;

    constructor() ERC20("Reentrant", "RE") {}

    /// @notice Mints `amount` to `to`.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Arms the token: the next transfers call `victim_` with `data_` (zero victim disarms).
    function arm(address victim_, bytes calldata data_) external {
        victim = victim_;
        data = data_;
    }

    function _update(address from, address to, uint256 value) internal override {
        address t = victim;
        if (t != address(0)) {
            victim = address(0);
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory reason) = t.call(data);
            if (!ok) revert ReentrantToken_CallFailed(reason);
        }
        super._update(from, to, value);
    }
}
