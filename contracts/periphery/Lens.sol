// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IEpochClock} from "../interfaces/IEpochClock.sol";
import {IInsurancePool} from "../interfaces/IInsurancePool.sol";
import {IReturnStreams} from "../interfaces/IReturnStreams.sol";
import {ISecretMarket} from "../interfaces/ISecretMarket.sol";

/// @title Lens
/// @notice Read-only batched views for the agent harness and UIs: everything the harness reads per epoch in a
/// few `eth_call`s. Core contracts never import it; it holds no state and no roles.
/// @dev Matrices are indexed [pool][member]. A quote that would revert (bankrupt pool, no baseline risk, no
/// current wealth attestation) comes back as `ok = false` and premium 0 instead of failing the whole call.
/// Pools and the registry provide the batch views (`quotePremiumsUp`, `coverStatus`, `underwritingOf`), so a
/// matrix costs one call per pool, not one per cell.
contract Lens {
    /// @notice A pool's state with its address.
    struct PoolView {
        /// @dev The pool.
        address pool;
        /// @dev Its state (pending loading included).
        IInsurancePool.PoolState state;
    }

    /// @notice A stream with its vesting figures at the current epoch.
    struct StreamView {
        /// @dev Stream id.
        uint256 id;
        /// @dev The stream.
        IReturnStreams.Stream stream;
        /// @dev Vested by the end of the current epoch, asset wei.
        uint256 vested;
        /// @dev Withdrawable now, asset wei.
        uint256 withdrawable;
    }

    /// @notice What `snapshot` reads.
    struct SnapshotRequest {
        /// @dev The shared clock.
        IEpochClock clock;
        /// @dev The pools.
        IInsurancePool[] pools;
        /// @dev Members to quote and to check cover for (current epoch).
        address[] members;
        /// @dev Token whose balances are read (the asset), or zero to skip.
        IERC20 token;
        /// @dev Accounts whose `token` balances are read.
        address[] accounts;
    }

    /// @notice One epoch's reading.
    struct Snapshot {
        /// @dev The current epoch.
        uint256 epoch;
        /// @dev Block timestamp.
        uint256 timestamp;
        /// @dev Pool states, in request order.
        PoolView[] pools;
        /// @dev premiums[p][m]: one-epoch quote of pool p for member m, asset wei (0 when not ok).
        uint256[][] premiums;
        /// @dev quoteOk[p][m]: whether the quote succeeded.
        bool[][] quoteOk;
        /// @dev covered[p][m]: whether pool p covers member m in the current epoch.
        bool[][] covered;
        /// @dev Token balances of the accounts, in request order.
        uint256[] balances;
    }

    /// @notice Everything the harness reads per epoch, in one call.
    function snapshot(SnapshotRequest calldata r) external view returns (Snapshot memory s) {
        s.epoch = r.clock.currentEpoch();
        s.timestamp = block.timestamp;
        s.pools = poolStates(r.pools);
        (s.premiums, s.quoteOk) = quotes(r.pools, r.members);
        s.covered = coverStatus(r.pools, r.members, s.epoch);
        if (address(r.token) != address(0)) s.balances = balancesOf(r.token, r.accounts);
    }

    /// @notice The state of each pool.
    function poolStates(IInsurancePool[] calldata pools) public view returns (PoolView[] memory out) {
        out = new PoolView[](pools.length);
        for (uint256 i = 0; i < pools.length; ++i) {
            out[i] = PoolView({pool: address(pools[i]), state: pools[i].state()});
        }
    }

    /// @notice The one-epoch premium quote of each pool for each member; `ok[p][m]` is false where the quote
    /// would revert.
    function quotes(IInsurancePool[] calldata pools, address[] calldata members)
        public
        view
        returns (uint256[][] memory premiums, bool[][] memory ok)
    {
        premiums = new uint256[][](pools.length);
        ok = new bool[][](pools.length);
        for (uint256 p = 0; p < pools.length; ++p) {
            (premiums[p], ok[p]) = pools[p].quotePremiumsUp(members);
        }
    }

    /// @notice Whether each pool covers each member in `epoch`.
    function coverStatus(IInsurancePool[] calldata pools, address[] calldata members, uint256 epoch)
        public
        view
        returns (bool[][] memory covered)
    {
        covered = new bool[][](pools.length);
        for (uint256 p = 0; p < pools.length; ++p) covered[p] = pools[p].coverStatus(members, epoch);
    }

    /// @notice `token` balances of `accounts`.
    function balancesOf(IERC20 token, address[] calldata accounts) public view returns (uint256[] memory out) {
        out = new uint256[](accounts.length);
        for (uint256 i = 0; i < accounts.length; ++i) out[i] = token.balanceOf(accounts[i]);
    }

    /// @notice The streams `ids` with their vesting figures.
    function streamViews(IReturnStreams streams, uint256[] calldata ids) external view returns (StreamView[] memory out) {
        out = new StreamView[](ids.length);
        for (uint256 i = 0; i < ids.length; ++i) out[i] = _streamView(streams, ids[i]);
    }

    /// @notice Up to `count` streams from id `firstId` on (stops at the last stream), with vesting figures.
    function streamRange(IReturnStreams streams, uint256 firstId, uint256 count)
        external
        view
        returns (StreamView[] memory out)
    {
        uint256 last = streams.streamCount();
        uint256 n = firstId == 0 || firstId > last ? 0 : _min(count, last - firstId + 1);
        out = new StreamView[](n);
        for (uint256 i = 0; i < n; ++i) out[i] = _streamView(streams, firstId + i);
    }

    /// @notice The listings `ids`.
    function listings(ISecretMarket market, uint256[] calldata ids)
        external
        view
        returns (ISecretMarket.Listing[] memory out)
    {
        out = new ISecretMarket.Listing[](ids.length);
        for (uint256 i = 0; i < ids.length; ++i) out[i] = market.getListing(ids[i]);
    }

    function _streamView(IReturnStreams streams, uint256 id) private view returns (StreamView memory v) {
        v.id = id;
        v.stream = streams.getStream(id);
        v.vested = streams.vestedAt(id, streams.clock().currentEpoch());
        v.withdrawable = streams.withdrawable(id);
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}
