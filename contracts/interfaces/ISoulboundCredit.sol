// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ISoulboundCredit
/// @notice A non-transferable credit with ERC-20-compatible views (`name`, `symbol`, `decimals`,
/// `balanceOf`, `totalSupply`, `allowance`). `transfer`, `transferFrom` and `approve` revert; credit enters
/// only through FAUCET_ROLE (`mint`) and leaves only through SINK_ROLE (`burn`).
/// @dev The credit economy (issue 6: inactivity decay, supply cap, reserve, faucets and sinks by role) is
/// built on top: faucets and sinks are contracts holding the roles, and a derived contract may override
/// `balanceOf` (e.g. decay computed when a balance is read) and `_update` (the single hook every mint and
/// burn passes through).
interface ISoulboundCredit {
    /// @notice Credit cannot be transferred.
    error Credit_NonTransferable(address from, address to, uint256 amount);

    /// @notice Credit cannot be approved for spending.
    error Credit_ApprovalDisabled(address owner, address spender);

    /// @notice An amount of zero was minted or burned.
    error Credit_ZeroAmount();

    /// @notice Emitted when a faucet mints credit.
    event CreditMinted(address indexed faucet, address indexed to, uint256 amount);

    /// @notice Emitted when a sink burns credit.
    event CreditBurned(address indexed sink, address indexed from, uint256 amount);

    /// @notice Mints `amount` credit to `to`. Only FAUCET_ROLE.
    function mint(address to, uint256 amount) external;

    /// @notice Burns `amount` credit of `from`. Only SINK_ROLE.
    function burn(address from, uint256 amount) external;

    /// @notice Pauses minting and burning. Only PAUSER_ROLE.
    function pause() external;

    /// @notice Lifts the pause. Only PAUSER_ROLE.
    function unpause() external;
}
