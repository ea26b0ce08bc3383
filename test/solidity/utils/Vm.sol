// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Vm
/// @notice The cheatcodes these tests use, as Hardhat 3's Solidity test runner (EDR) implements them at the
/// standard cheatcode address. Declared here because forge-std is not on the npm registry.
interface Vm {
    /// @notice Sets block.timestamp.
    function warp(uint256 newTimestamp) external;
    /// @notice Sets msg.sender for the next call.
    function prank(address msgSender) external;
    /// @notice The address of a private key.
    function addr(uint256 privateKey) external pure returns (address);
    /// @notice Signs `digest` with `privateKey`.
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    /// @notice Expects the next call to revert with exactly `revertData`.
    function expectRevert(bytes calldata revertData) external;
    /// @notice Names an address in traces.
    function label(address account, string calldata newLabel) external;
    /// @notice An environment variable, or `defaultValue` when unset.
    function envOr(string calldata name, string calldata defaultValue) external view returns (string memory);
    /// @notice Appends `data` and a newline to the file at `path` (needs `fsPermissions` in the test profile).
    function writeLine(string calldata path, string calldata data) external;
    /// @notice Decimal string of `value`.
    function toString(uint256 value) external pure returns (string memory);
}

/// @dev The cheatcode address (keccak256("hevm cheat code") truncated).
Vm constant VM = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);
