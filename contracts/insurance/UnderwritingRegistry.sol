// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IEpochClock} from "../interfaces/IEpochClock.sol";
import {IUnderwritingRegistry} from "../interfaces/IUnderwritingRegistry.sol";
import {Errors} from "../libraries/Errors.sol";
import {FixedPointMath} from "../libraries/FixedPointMath.sol";

/// @title UnderwritingRegistry
/// @notice Baseline risks (UNDERWRITER_ROLE) and epoch-stamped wealth attestations (WEALTH_ORACLE_ROLE) for
/// every pool of a deployment.
/// @dev Batches are bounded by calldata; each entry is one storage slot.
contract UnderwritingRegistry is IUnderwritingRegistry, AccessControl {
    /// @notice May set baseline risks.
    bytes32 public constant UNDERWRITER_ROLE = keccak256("UNDERWRITER_ROLE");
    /// @notice May attest wealth.
    bytes32 public constant WEALTH_ORACLE_ROLE = keccak256("WEALTH_ORACLE_ROLE");

    /// @notice A baseline risk and whether it was set.
    struct Risk {
        /// @dev Per-epoch risk, WAD.
        uint128 value;
        /// @dev False until set.
        bool exists;
    }

    /// @inheritdoc IUnderwritingRegistry
    IEpochClock public immutable override clock;

    mapping(address member => Risk) private _risks;
    mapping(address member => WealthAttestation) private _wealth;

    /// @param clock_ The shared epoch clock.
    /// @param admin Receives DEFAULT_ADMIN_ROLE.
    constructor(IEpochClock clock_, address admin) {
        if (address(clock_) == address(0)) revert Errors.ZeroAddress("clock");
        if (admin == address(0)) revert Errors.ZeroAddress("admin");
        clock = clock_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc IUnderwritingRegistry
    function setBaselineRisks(address[] calldata members, uint256[] calldata risks)
        external
        override
        onlyRole(UNDERWRITER_ROLE)
    {
        uint256 n = _checkBatch(members.length, risks.length);
        for (uint256 i = 0; i < n; ++i) {
            address member = members[i];
            uint256 risk = risks[i];
            if (member == address(0)) revert Errors.ZeroAddress("member");
            if (risk > FixedPointMath.WAD) revert Registry_RiskAboveOne(member, risk);
            // Safe cast: risk <= 1e18 < 2^128.
            _risks[member] = Risk({value: uint128(risk), exists: true});
            emit BaselineRiskSet(member, risk);
        }
    }

    /// @inheritdoc IUnderwritingRegistry
    function attestWealth(address[] calldata members, uint256[] calldata wealths)
        external
        override
        onlyRole(WEALTH_ORACLE_ROLE)
    {
        uint256 n = _checkBatch(members.length, wealths.length);
        uint256 epoch = clock.currentEpoch();
        for (uint256 i = 0; i < n; ++i) {
            address member = members[i];
            uint256 wealth = wealths[i];
            if (member == address(0)) revert Errors.ZeroAddress("member");
            if (wealth > type(uint128).max) revert Registry_WealthTooLarge(member, wealth);
            // Safe casts: wealth checked above; epochs stay far below 2^64 for any realistic clock.
            _wealth[member] = WealthAttestation({wealth: uint128(wealth), epoch: uint64(epoch), exists: true});
            emit WealthAttested(member, wealth, epoch);
        }
    }

    /// @inheritdoc IUnderwritingRegistry
    function baselineRiskOf(address member) external view override returns (uint256) {
        Risk memory r = _risks[member];
        if (!r.exists) revert Registry_NoBaselineRisk(member);
        return r.value;
    }

    /// @inheritdoc IUnderwritingRegistry
    function hasBaselineRisk(address member) external view override returns (bool) {
        return _risks[member].exists;
    }

    /// @inheritdoc IUnderwritingRegistry
    function wealthAttestationOf(address member) external view override returns (WealthAttestation memory) {
        return _wealth[member];
    }

    /// @inheritdoc IUnderwritingRegistry
    function underwritingOf(address[] calldata members)
        external
        view
        override
        returns (uint256[] memory risks, bool[] memory riskSet, WealthAttestation[] memory wealth)
    {
        uint256 n = members.length;
        risks = new uint256[](n);
        riskSet = new bool[](n);
        wealth = new WealthAttestation[](n);
        for (uint256 i = 0; i < n; ++i) {
            Risk memory r = _risks[members[i]];
            risks[i] = r.value;
            riskSet[i] = r.exists;
            wealth[i] = _wealth[members[i]];
        }
    }

    /// @inheritdoc IUnderwritingRegistry
    function currentWealthOf(address member) external view override returns (uint256) {
        WealthAttestation memory w = _wealth[member];
        if (!w.exists) revert Registry_NoWealth(member);
        uint256 epoch = clock.currentEpoch();
        if (w.epoch != epoch) revert Registry_StaleWealth(member, w.epoch, epoch);
        return w.wealth;
    }

    function _checkBatch(uint256 a, uint256 b) private pure returns (uint256) {
        if (a != b) revert Errors.LengthMismatch(a, b);
        if (a == 0) revert Errors.EmptyBatch();
        return a;
    }
}
