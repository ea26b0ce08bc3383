// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ISoulboundCredit} from "../interfaces/ISoulboundCredit.sol";
import {Errors} from "../libraries/Errors.sol";

/// @title SoulboundCredit
/// @notice Non-transferable credit with ERC-20 views. Credit enters through FAUCET_ROLE and leaves through
/// SINK_ROLE; every balance change passes through `_update`, which admits only mints and burns.
/// @dev Where the credit economy of issue 6 plugs in:
/// - Faucets (validation rewards, starter grants, …) and sinks (listing costs, dispute stakes, decay, …) are
///   contracts granted FAUCET_ROLE / SINK_ROLE; the market and pool call them through their hooks
///   (`IMarketHooks`, `IPoolHooks`), so this token stays small.
/// - Inactivity decay computed when a balance is read: override `balanceOf` (virtual) in a derived contract
///   and settle the decay in `_update` before each mint or burn.
/// - A supply cap or reserve accounting: override `_update` (virtual) and call `super._update`.
/// - An economy that keeps its own accounts (`CreditEconomy`) overrides `mint` and `burn` (virtual) to disable them.
contract SoulboundCredit is ISoulboundCredit, ERC20, AccessControl, Pausable {
    /// @notice May mint credit.
    bytes32 public constant FAUCET_ROLE = keccak256("FAUCET_ROLE");
    /// @notice May burn credit.
    bytes32 public constant SINK_ROLE = keccak256("SINK_ROLE");
    /// @notice May pause.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @param name_ ERC-20 name.
    /// @param symbol_ ERC-20 symbol.
    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants faucets, sinks and pausers).
    constructor(string memory name_, string memory symbol_, address admin) ERC20(name_, symbol_) {
        if (admin == address(0)) revert Errors.ZeroAddress("admin");
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc ISoulboundCredit
    function mint(address to, uint256 amount) external virtual override onlyRole(FAUCET_ROLE) {
        if (amount == 0) revert Credit_ZeroAmount();
        _mint(to, amount);
        emit CreditMinted(msg.sender, to, amount);
    }

    /// @inheritdoc ISoulboundCredit
    function burn(address from, uint256 amount) external virtual override onlyRole(SINK_ROLE) {
        if (amount == 0) revert Credit_ZeroAmount();
        _burn(from, amount);
        emit CreditBurned(msg.sender, from, amount);
    }

    /// @inheritdoc ISoulboundCredit
    function pause() external override onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc ISoulboundCredit
    function unpause() external override onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    /// @notice Credit cannot be spent by others: reverts with `Credit_NonTransferable`.
    /// @dev Overridden so the caller sees the soulbound error rather than a missing-allowance error.
    function transferFrom(address from, address to, uint256 amount) public pure override returns (bool) {
        revert Credit_NonTransferable(from, to, amount);
    }

    /// @notice Approvals are disabled: reverts with `Credit_ApprovalDisabled`.
    function approve(address spender, uint256) public view override returns (bool) {
        revert Credit_ApprovalDisabled(msg.sender, spender);
    }

    /// @dev The one hook every balance change passes through (`transfer` reaches it too): only mints (from
    /// zero) and burns (to zero) pass, and only while not paused.
    function _update(address from, address to, uint256 amount) internal virtual override {
        if (from != address(0) && to != address(0)) revert Credit_NonTransferable(from, to, amount);
        _requireNotPaused();
        super._update(from, to, amount);
    }
}
