// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title InvariantBase
/// @notice The invariant-targeting functions of forge-std's StdInvariant (same names and ABI, which the runner
/// reads), and assertions that revert with the values that failed.
abstract contract InvariantBase {
    /// @notice A contract and the selectors of it the fuzzer may call (forge-std's `FuzzSelector`).
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    /// @notice An invariant did not hold: `what` says which, with the two sides.
    error InvariantFailed(string what, uint256 left, uint256 right);

    address[] private _targetedContracts;
    FuzzSelector[] private _targetedSelectors;
    address[] private _excludedSenders;

    /// @notice The contracts the fuzzer calls.
    function targetContracts() public view returns (address[] memory) {
        return _targetedContracts;
    }

    /// @notice The selectors the fuzzer calls, per contract.
    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetedSelectors;
    }

    /// @notice Senders the fuzzer never uses.
    function excludeSenders() public view returns (address[] memory) {
        return _excludedSenders;
    }

    function targetContract(address target) internal {
        _targetedContracts.push(target);
    }

    function targetSelector(FuzzSelector memory selector) internal {
        _targetedSelectors.push(selector);
    }

    function excludeSender(address sender) internal {
        _excludedSenders.push(sender);
    }

    function assertEq(uint256 left, uint256 right, string memory what) internal pure {
        if (left != right) revert InvariantFailed(what, left, right);
    }

    function assertLe(uint256 left, uint256 right, string memory what) internal pure {
        if (left > right) revert InvariantFailed(what, left, right);
    }

    function assertTrue(bool condition, string memory what) internal pure {
        if (!condition) revert InvariantFailed(what, 0, 1);
    }
}
