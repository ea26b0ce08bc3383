// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IInsurancePool} from "../../../contracts/interfaces/IInsurancePool.sol";
import {ISecretMarket} from "../../../contracts/interfaces/ISecretMarket.sol";
import {SecretKind} from "../../../contracts/interfaces/SecretKind.sol";
import {InsurancePool} from "../../../contracts/insurance/InsurancePool.sol";
import {UnderwritingRegistry} from "../../../contracts/insurance/UnderwritingRegistry.sol";
import {SecretMarket} from "../../../contracts/market/SecretMarket.sol";
import {ReturnStreams} from "../../../contracts/streams/ReturnStreams.sol";
import {SoulboundCredit} from "../../../contracts/credit/SoulboundCredit.sol";
import {VM} from "../utils/Vm.sol";
import {GhostStore} from "./GhostStore.sol";

/// @notice Who acts in the handler's calls.
struct Actors {
    address governor;
    address lossOracle;
    address wealthOracle;
    address operator;
    address arbiter;
    address pauser;
    address faucet;
    address sink;
    address seller;
    address funder;
    address capitalProvider;
    uint256 attestorKey;
    address[] members;
}

/// @notice The deployed system.
struct Deployment {
    IERC20 asset;
    UnderwritingRegistry registry;
    SecretMarket market;
    ReturnStreams streams;
    SoulboundCredit credit;
    InsurancePool[] pools;
}

/// @title ProtocolHandler
/// @notice What the invariant fuzzer calls: one function per protocol action, each with bounded inputs, acting
/// as the right role (`prank`), counting its calls and successes, and recording in the ghost store the flows it
/// measures as balance changes around every successful call. `skipTime` moves the clock (and re-attests wealth
/// so cover stays purchasable). Failing calls are expected (wrong status, paused, bankrupt, …) and ignored:
/// the invariants must hold whatever succeeded.
contract ProtocolHandler {
    IERC20 public immutable asset;
    UnderwritingRegistry public immutable registry;
    SecretMarket public immutable market;
    ReturnStreams public immutable streams;
    SoulboundCredit public immutable credit;
    GhostStore public immutable ghost;

    InsurancePool[] public pools;
    Actors private _a;
    uint256[] public listingIds;
    mapping(uint256 pool => uint256[]) private _streamsOf;
    mapping(uint256 pool => bytes32[]) private _paidLossIds;
    uint256 private _nonce;
    uint256 private _lossCounter;
    uint256[] private _wealths;

    constructor(Deployment memory d, Actors memory actors) {
        asset = d.asset;
        registry = d.registry;
        market = d.market;
        streams = d.streams;
        credit = d.credit;
        for (uint256 i = 0; i < d.pools.length; ++i) pools.push(d.pools[i]);
        _a = actors;
        for (uint256 i = 0; i < actors.members.length; ++i) _wealths.push((i + 1) * 400e18);
        ghost = new GhostStore(address(this));
    }

    modifier counted() {
        ghost.called(msg.sig);
        _;
    }

    // ---------------------------------------------------------------------------------------------
    // Views for the invariants
    // ---------------------------------------------------------------------------------------------

    function poolCount() external view returns (uint256) {
        return pools.length;
    }

    function listingCount() external view returns (uint256) {
        return listingIds.length;
    }

    function members() external view returns (address[] memory) {
        return _a.members;
    }

    /// @notice Every account that holds the asset or credit in this deployment.
    function holders() external view returns (address[] memory out) {
        address[] memory m = _a.members;
        out = new address[](m.length + 9 + pools.length);
        uint256 k = 0;
        for (uint256 i = 0; i < m.length; ++i) out[k++] = m[i];
        out[k++] = _a.seller;
        out[k++] = _a.funder;
        out[k++] = _a.capitalProvider;
        out[k++] = _a.governor;
        out[k++] = _a.lossOracle;
        out[k++] = _a.operator;
        out[k++] = address(market);
        out[k++] = address(streams);
        out[k++] = address(this);
        for (uint256 i = 0; i < pools.length; ++i) out[k++] = address(pools[i]);
    }

    // ---------------------------------------------------------------------------------------------
    // Actions
    // ---------------------------------------------------------------------------------------------

    /// @notice Moves time forward 1 hour to 2 days; the wealth oracle attests in the new epoch.
    function skipTime(uint256 seconds_) external counted {
        VM.warp(block.timestamp + _bound(seconds_, 1 hours, 2 days));
        VM.prank(_a.wealthOracle);
        registry.attestWealth(_a.members, _wealths);
        ghost.succeeded(msg.sig);
    }

    /// @notice The capital provider funds a pool with 0 to 100 tokens.
    function fund(uint256 poolSeed, uint256 amount) external counted {
        uint256 p = poolSeed % pools.length;
        amount = _bound(amount, 0, 100e18);
        bool wasBankrupt = _bankrupt(p);
        uint256 before = asset.balanceOf(_a.capitalProvider);
        VM.prank(_a.capitalProvider);
        try pools[p].fund(amount) {
            ghost.succeeded(msg.sig);
            ghost.addFunded(p, before - asset.balanceOf(_a.capitalProvider));
            if (wasBankrupt) ghost.addBankruptAction();
        } catch {}
    }

    /// @notice A member buys 1 to 3 epochs of cover at the quote.
    function buyCover(uint256 memberSeed, uint256 poolSeed, uint256 epochs) external counted {
        uint256 p = poolSeed % pools.length;
        address m = _member(memberSeed);
        bool wasBankrupt = _bankrupt(p);
        uint256 before = asset.balanceOf(m);
        VM.prank(m);
        try pools[p].buyCover(_bound(epochs, 1, 3), type(uint256).max) {
            ghost.succeeded(msg.sig);
            ghost.addPremium(p, before - asset.balanceOf(m));
            if (wasBankrupt) ghost.addBankruptAction();
        } catch {}
    }

    /// @notice Governance enrols a member in a pool.
    function enroll(uint256 memberSeed, uint256 poolSeed) external counted {
        uint256 p = poolSeed % pools.length;
        VM.prank(_a.governor);
        try pools[p].enroll(_member(memberSeed)) {
            ghost.succeeded(msg.sig);
        } catch {}
    }

    /// @notice A member pays 1 to 3 epochs of its subscription (to whichever pool it belongs).
    function paySubscription(uint256 memberSeed, uint256 epochs) external counted {
        address m = _member(memberSeed);
        for (uint256 p = 0; p < pools.length; ++p) {
            bool wasBankrupt = _bankrupt(p);
            uint256 before = asset.balanceOf(m);
            VM.prank(m);
            try pools[p].paySubscription(m, _bound(epochs, 1, 3)) {
                ghost.succeeded(msg.sig);
                ghost.addSubscription(p, before - asset.balanceOf(m));
                if (wasBankrupt) ghost.addBankruptAction();
            } catch {}
        }
    }

    /// @notice The loss oracle reports a loss (1 wei to 200 tokens, or 2^256 − 1), with a new or a paid loss id.
    function reportLoss(uint256 memberSeed, uint256 poolSeed, uint256 lossSeed, bool replay) external counted {
        uint256 p = poolSeed % pools.length;
        address m = _member(memberSeed);
        uint256 loss = lossSeed % 5 == 0 ? type(uint256).max : _bound(lossSeed, 1, 200e18);
        bytes32[] storage paid = _paidLossIds[p];
        bytes32 lossId = replay && paid.length > 0 ? paid[lossSeed % paid.length] : keccak256(abi.encode("loss", ++_lossCounter));
        bool wasBankrupt = _bankrupt(p);
        uint256 before = asset.balanceOf(m);
        VM.prank(_a.lossOracle);
        try pools[p].reportLoss(m, loss, lossId) {
            ghost.succeeded(msg.sig);
            ghost.addClaim(p, lossId, asset.balanceOf(m) - before);
            paid.push(lossId);
            if (wasBankrupt) ghost.addBankruptAction();
            if (!wasBankrupt && _bankrupt(p)) ghost.freeze(p);
        } catch {}
    }

    /// @notice The seller lists an attested secret at 0.1% to 150% of pool 0's valuation; a pool may buy it.
    function list(uint256 kindSeed, uint256 amountSeed, uint256 potencySeed, uint256 askPermille) external counted {
        SecretKind kind = kindSeed % 3 == 0 ? SecretKind.Kompromat : SecretKind.Engineering;
        ISecretMarket.Attestation memory a = ISecretMarket.Attestation({
            seller: _a.seller,
            kind: kind,
            contentHash: keccak256(abi.encode("content", _nonce)),
            amount: _bound(amountSeed, 1e17, 30e18),
            potency: _bound(potencySeed, 0, 1e18),
            funder: kind == SecretKind.Engineering ? _a.funder : address(0),
            nonce: ++_nonce,
            deadline: block.timestamp + 1 hours
        });
        (uint8 v, bytes32 r, bytes32 s) = VM.sign(_a.attestorKey, market.attestationDigest(a));
        (uint256 value, uint256 futureReturn) = pools[0].valueSecretDown(kind, a.amount, a.potency);
        uint256 ask = (_bound(askPermille, 1, 1500) * (value + futureReturn)) / 1000;
        if (ask == 0) ask = 1;
        uint256[] memory poolBefore = _poolBalances();
        bool[] memory wasBankrupt = _bankruptFlags();
        uint256 funderBefore = asset.balanceOf(_a.funder);
        VM.prank(_a.seller);
        try market.list(a, ask, abi.encodePacked(r, s, v)) returns (uint256 id, address buyer) {
            ghost.succeeded(msg.sig);
            listingIds.push(id);
            if (buyer != address(0)) _recordPurchase(id, buyer, poolBefore, wasBankrupt, funderBefore);
        } catch {}
    }

    /// @notice The seller delivers a sold secret.
    function deliver(uint256 idSeed) external counted {
        (uint256 id,) = _listingIn(idSeed, ISecretMarket.ListingStatus.Sold);
        if (id == 0) return;
        VM.prank(_a.seller);
        try market.deliver(id, keccak256(abi.encode("ciphertext", id)), "ipfs://ciphertext") {
            ghost.succeeded(msg.sig);
        } catch {}
    }

    /// @notice The buyer pool's operator confirms a delivery: escrow → seller.
    function confirm(uint256 idSeed) external counted {
        (uint256 id, address buyer) = _listingIn(idSeed, ISecretMarket.ListingStatus.Delivered);
        if (buyer == address(0)) return;
        uint256 before = asset.balanceOf(_a.seller);
        VM.prank(_a.operator);
        try IInsurancePool(buyer).confirmDelivery(id) {
            ghost.succeeded(msg.sig);
            ghost.addRelease(asset.balanceOf(_a.seller) - before);
        } catch {}
    }

    /// @notice The buyer pool's operator disputes a delivery.
    function dispute(uint256 idSeed) external counted {
        (uint256 id, address buyer) = _listingIn(idSeed, ISecretMarket.ListingStatus.Delivered);
        if (buyer == address(0)) return;
        VM.prank(_a.operator);
        try IInsurancePool(buyer).disputeDelivery(id, keccak256("evidence")) {
            ghost.succeeded(msg.sig);
        } catch {}
    }

    /// @notice The arbiter resolves a dispute: upheld refunds the pool, rejected pays the seller.
    function resolve(uint256 idSeed, bool upheld) external counted {
        (uint256 id, address buyer) = _listingIn(idSeed, ISecretMarket.ListingStatus.Disputed);
        if (buyer == address(0)) return;
        (uint256 sellerBefore, uint256 poolBefore, uint256 funderBefore) =
            (asset.balanceOf(_a.seller), asset.balanceOf(buyer), asset.balanceOf(_a.funder));
        VM.prank(_a.arbiter);
        try market.resolveDispute(id, upheld) {
            ghost.succeeded(msg.sig);
            _recordSettlement(buyer, sellerBefore, poolBefore, funderBefore);
        } catch {}
    }

    /// @notice Anyone settles once the dispute window has passed: escrow → seller.
    function settle(uint256 idSeed) external counted {
        (uint256 id,) = _listingIn(idSeed, ISecretMarket.ListingStatus.Delivered);
        uint256 before = asset.balanceOf(_a.seller);
        try market.settle(id) {
            ghost.succeeded(msg.sig);
            ghost.addRelease(asset.balanceOf(_a.seller) - before);
        } catch {}
    }

    /// @notice Anyone refunds the pool of a sale not delivered in time.
    function refundUndelivered(uint256 idSeed) external counted {
        (uint256 id, address buyer) = _listingIn(idSeed, ISecretMarket.ListingStatus.Sold);
        if (buyer == address(0)) return;
        (uint256 sellerBefore, uint256 poolBefore, uint256 funderBefore) =
            (asset.balanceOf(_a.seller), asset.balanceOf(buyer), asset.balanceOf(_a.funder));
        try market.refundUndelivered(id) {
            ghost.succeeded(msg.sig);
            _recordSettlement(buyer, sellerBefore, poolBefore, funderBefore);
        } catch {}
    }

    /// @notice Anyone collects a pool's vested stream income.
    function collectIncome(uint256 poolSeed) external counted {
        uint256 p = poolSeed % pools.length;
        uint256 before = asset.balanceOf(address(pools[p]));
        try pools[p].collectStreamIncome(_streamsOf[p]) {
            ghost.succeeded(msg.sig);
            ghost.addIncome(p, asset.balanceOf(address(pools[p])) - before);
        } catch {}
    }

    /// @notice A faucet mints 1 wei to 1e30 credit to a member.
    function mintCredit(uint256 memberSeed, uint256 amount) external counted {
        address m = _member(memberSeed);
        uint256 before = credit.balanceOf(m);
        VM.prank(_a.faucet);
        try credit.mint(m, _bound(amount, 1, 1e30)) {
            ghost.succeeded(msg.sig);
            ghost.addMinted(credit.balanceOf(m) - before);
        } catch {}
    }

    /// @notice A sink burns up to a member's whole credit.
    function burnCredit(uint256 memberSeed, uint256 amount) external counted {
        address m = _member(memberSeed);
        uint256 before = credit.balanceOf(m);
        if (before == 0) return;
        VM.prank(_a.sink);
        try credit.burn(m, _bound(amount, 1, before)) {
            ghost.succeeded(msg.sig);
            ghost.addBurned(before - credit.balanceOf(m));
        } catch {}
    }

    /// @notice The pauser toggles the pause of a pool, the market, the streams or the credit.
    function togglePause(uint256 targetSeed) external counted {
        uint256 t = targetSeed % (pools.length + 3);
        // Read the state first: a prank applies to the very next call.
        if (t < pools.length) {
            InsurancePool pool = pools[t];
            bool paused = pool.paused();
            VM.prank(_a.pauser);
            if (paused) pool.unpause();
            else pool.pause();
        } else if (t == pools.length) {
            bool paused = market.paused();
            VM.prank(_a.pauser);
            if (paused) market.unpause();
            else market.pause();
        } else if (t == pools.length + 1) {
            bool paused = streams.paused();
            VM.prank(_a.pauser);
            if (paused) streams.unpause();
            else streams.pause();
        } else {
            bool paused = credit.paused();
            VM.prank(_a.pauser);
            if (paused) credit.unpause();
            else credit.pause();
        }
        ghost.succeeded(msg.sig);
    }

    // ---------------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------------

    function _recordPurchase(
        uint256 id,
        address buyer,
        uint256[] memory poolBefore,
        bool[] memory wasBankrupt,
        uint256 funderBefore
    ) private {
        uint256 p = _indexOf(buyer);
        ghost.addPurchase(p, poolBefore[p] - asset.balanceOf(buyer));
        if (wasBankrupt[p]) ghost.addBankruptAction();
        uint256 deposit = funderBefore - asset.balanceOf(_a.funder);
        if (deposit != 0) {
            ghost.addStreamDeposit(deposit);
            _streamsOf[p].push(market.getListing(id).streamId);
        }
    }

    /// @dev After a release or a refund: what the seller, the pool and the funder received.
    function _recordSettlement(address buyer, uint256 sellerBefore, uint256 poolBefore, uint256 funderBefore) private {
        uint256 toSeller = asset.balanceOf(_a.seller) - sellerBefore;
        uint256 toPool = asset.balanceOf(buyer) - poolBefore;
        if (toSeller != 0) ghost.addRelease(toSeller);
        if (toPool != 0) ghost.addRefund(_indexOf(buyer), toPool);
        uint256 toFunder = asset.balanceOf(_a.funder) - funderBefore;
        if (toFunder != 0) ghost.addStreamRefund(toFunder);
    }

    /// @dev The first listing in `status` from the seed's position on (wrapping), else the seed's own listing
    /// (whose call then fails on its status); (0, 0) when there are no listings.
    function _listingIn(uint256 idSeed, ISecretMarket.ListingStatus status) private view returns (uint256 id, address buyer) {
        uint256 n = listingIds.length;
        if (n == 0) return (0, address(0));
        uint256 start = idSeed % n;
        id = listingIds[start];
        for (uint256 i = 0; i < n; ++i) {
            uint256 candidate = listingIds[(start + i) % n];
            if (market.getListing(candidate).status == status) {
                id = candidate;
                break;
            }
        }
        buyer = market.getListing(id).buyer;
    }

    function _member(uint256 seed) private view returns (address) {
        return _a.members[seed % _a.members.length];
    }

    function _bankrupt(uint256 p) private view returns (bool) {
        return pools[p].state().bankrupt;
    }

    function _bankruptFlags() private view returns (bool[] memory out) {
        out = new bool[](pools.length);
        for (uint256 i = 0; i < pools.length; ++i) out[i] = _bankrupt(i);
    }

    function _poolBalances() private view returns (uint256[] memory out) {
        out = new uint256[](pools.length);
        for (uint256 i = 0; i < pools.length; ++i) out[i] = asset.balanceOf(address(pools[i]));
    }

    function _indexOf(address pool) private view returns (uint256) {
        for (uint256 i = 0; i < pools.length; ++i) if (address(pools[i]) == pool) return i;
        revert("ProtocolHandler: unknown pool");
    }

    /// @dev x mapped into [lo, hi] (forge-std's `bound`, without its logging).
    function _bound(uint256 x, uint256 lo, uint256 hi) private pure returns (uint256) {
        if (hi == type(uint256).max && lo == 0) return x;
        return lo + (x % (hi - lo + 1));
    }
}
