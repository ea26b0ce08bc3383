// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IInsurancePool} from "../../../contracts/interfaces/IInsurancePool.sol";

/// @title StudyPool
/// @notice The pool parameters the Solidity tests deploy with: the study's midpoints (WAD), as in
/// ignition/parameters/local.json, with the subscription fee and the stream lifetime chosen by the test.
library StudyPool {
    /// @notice The study's midpoint parameters with `subscriptionFee` (asset wei) and `engAssetLifetime` (epochs).
    function params(uint256 subscriptionFee, uint256 engAssetLifetime) internal pure returns (IInsurancePool.PoolParams memory) {
        return IInsurancePool.PoolParams({
            baseLoading: 2.25e18,
            loadingMin: 0.5e18,
            loadingMax: 3e18,
            loadingStepUp: 0.2e18,
            loadingStepDown: 0.1e18,
            capitalLow: 200e18,
            capitalHigh: 3500e18,
            alphaK: 0.000175e18,
            alphaE: 0.0006e18,
            valueMultiplierKomp: 0.55e18,
            valueMultiplierEng: 1.25e18,
            engProductivityFactor: 3e18,
            premiumRateBase: 0.1e18,
            learningRate: 0.1e18,
            engAssetLifetime: engAssetLifetime,
            subscriptionFee: subscriptionFee
        });
    }
}
