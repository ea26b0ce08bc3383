// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IEpochClock} from "./IEpochClock.sol";

/// @title IUnderwritingRegistry
/// @notice The underwriting inputs every pool quotes from: each member's baseline risk (set by the
/// UNDERWRITER role) and attested wealth (posted by the WEALTH_ORACLE role, stamped with the epoch).
/// @dev Wealth is an attested figure, not a wallet balance (ARCHITECTURE.md, protocol rule 2): a balance is
/// trivially lowered just before buying cover and says nothing about the exposure being insured. A quote
/// uses the attestation of the current epoch only; an older one reverts with `Registry_StaleWealth`.
/// - Warning: quotes are only as good as the oracle; a compromised WEALTH_ORACLE can make cover cheap.
interface IUnderwritingRegistry {
    /// @notice A member's wealth attestation.
    struct WealthAttestation {
        /// @dev Attested wealth in asset wei (one study wealth unit = 1e18 wei for an 18-decimal asset).
        uint128 wealth;
        /// @dev Epoch in which the attestation was posted.
        uint64 epoch;
        /// @dev False until the first attestation.
        bool exists;
    }

    /// @notice A baseline risk above 1.0 (WAD) was given.
    error Registry_RiskAboveOne(address member, uint256 risk);

    /// @notice A wealth figure does not fit in 128 bits.
    error Registry_WealthTooLarge(address member, uint256 wealth);

    /// @notice No baseline risk was ever set for `member`.
    error Registry_NoBaselineRisk(address member);

    /// @notice No wealth was ever attested for `member`.
    error Registry_NoWealth(address member);

    /// @notice The latest wealth attestation of `member` is from an earlier epoch than the current one.
    error Registry_StaleWealth(address member, uint256 attestedEpoch, uint256 currentEpoch);

    /// @notice Emitted for each member whose baseline risk is set.
    /// @param risk Per-epoch baseline loss probability, WAD.
    event BaselineRiskSet(address indexed member, uint256 risk);

    /// @notice Emitted for each member whose wealth is attested.
    /// @param wealth Asset wei.
    /// @param epoch The epoch the attestation is stamped with (the current one).
    event WealthAttested(address indexed member, uint256 wealth, uint256 epoch);

    /// @notice The clock that stamps attestations.
    function clock() external view returns (IEpochClock);

    /// @notice Sets the baseline risk of each member. Only the UNDERWRITER role.
    /// @param members Members, paired element by element with `risks`.
    /// @param risks Per-epoch baseline risks, WAD, each at most 1e18.
    function setBaselineRisks(address[] calldata members, uint256[] calldata risks) external;

    /// @notice Attests the wealth of each member for the current epoch. Only the WEALTH_ORACLE role.
    /// @param members Members, paired element by element with `wealths`.
    /// @param wealths Asset wei, each below 2^128.
    function attestWealth(address[] calldata members, uint256[] calldata wealths) external;

    /// @notice The baseline risk of `member` (WAD); reverts with `Registry_NoBaselineRisk` when unset.
    function baselineRiskOf(address member) external view returns (uint256);

    /// @notice Whether a baseline risk was set for `member`.
    function hasBaselineRisk(address member) external view returns (bool);

    /// @notice The latest wealth attestation of `member`, current or not (`exists` false when none).
    function wealthAttestationOf(address member) external view returns (WealthAttestation memory);

    /// @notice Batch read for quoting many members at once: each member's baseline risk (0 and `riskSet`
    /// false when unset) and latest wealth attestation.
    function underwritingOf(address[] calldata members)
        external
        view
        returns (uint256[] memory risks, bool[] memory riskSet, WealthAttestation[] memory wealth);

    /// @notice The wealth of `member` attested in the current epoch (asset wei); reverts with
    /// `Registry_NoWealth` or `Registry_StaleWealth` otherwise.
    function currentWealthOf(address member) external view returns (uint256);
}
