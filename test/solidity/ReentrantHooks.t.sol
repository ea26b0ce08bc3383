// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IMarketHooks} from "../../contracts/interfaces/IMarketHooks.sol";
import {ISecretMarket} from "../../contracts/interfaces/ISecretMarket.sol";
import {SecretKind} from "../../contracts/interfaces/SecretKind.sol";
import {EpochClock} from "../../contracts/core/EpochClock.sol";
import {InsurancePool} from "../../contracts/insurance/InsurancePool.sol";
import {Membership} from "../../contracts/insurance/Membership.sol";
import {UnderwritingRegistry} from "../../contracts/insurance/UnderwritingRegistry.sol";
import {SecretMarket} from "../../contracts/market/SecretMarket.sol";
import {ReturnStreams} from "../../contracts/streams/ReturnStreams.sol";
import {MockStablecoin} from "../../contracts/mocks/MockStablecoin.sol";
import {VM} from "./utils/Vm.sol";
import {InvariantBase} from "./utils/InvariantBase.sol";
import {StudyPool} from "./utils/StudyPool.sol";

/// @notice A hostile receiver of the market's callbacks: on every hook it tries to re-enter the market and records
/// how each attempt was refused (it reverts if one succeeds).
contract ReentrantHooks is IMarketHooks {
    SecretMarket public immutable market;
    bytes[] public refusals;

    constructor(SecretMarket market_) {
        market = market_;
    }

    function refusalCount() external view returns (uint256) {
        return refusals.length;
    }

    /// @notice Called inside `list`, which holds the market's lock.
    function onListed(uint256 listingId, address, address) external override {
        _attempt(abi.encodeCall(SecretMarket.reprice, (listingId, 1)));
        _attempt(abi.encodeCall(SecretMarket.cancel, (listingId)));
    }

    /// @notice Called after the escrow went to the seller, inside `confirmDelivery` / `settle` / `resolveDispute`.
    function onSettled(uint256 listingId, address, address, SecretKind, uint256) external override {
        _attempt(abi.encodeCall(SecretMarket.settle, (listingId)));
        _attempt(abi.encodeCall(SecretMarket.confirmDelivery, (listingId)));
        _attempt(abi.encodeCall(SecretMarket.refundUndelivered, (listingId)));
        _attempt(abi.encodeCall(SecretMarket.dispute, (listingId, bytes32(0))));
    }

    function _attempt(bytes memory data) private {
        (bool ok, bytes memory reason) = address(market).call(data);
        require(!ok, "ReentrantHooks: re-entry succeeded");
        refusals.push(reason);
    }
}

/// @title ReentrantHooksTest
/// @notice A re-entrant receiver (the market's hooks contract) cannot re-enter a guarded market function, finds every
/// unguarded one closed by its status or caller checks, and the seller is paid exactly once.
contract ReentrantHooksTest is InvariantBase {
    uint256 internal constant ATTESTOR_KEY = 0xA77E57;
    address internal constant SELLER = address(0x5e11e4);
    address internal constant OPERATOR = address(0x0be4a7);

    MockStablecoin internal asset;
    SecretMarket internal market;
    InsurancePool internal pool;
    ReentrantHooks internal hooks;

    function setUp() public {
        asset = new MockStablecoin();
        EpochClock clock = new EpochClock(0, 1 days);
        UnderwritingRegistry registry = new UnderwritingRegistry(clock, address(this));
        Membership membership = new Membership(address(this));
        ReturnStreams streams = new ReturnStreams(asset, clock, address(this));
        market = new SecretMarket(asset, clock, 6 hours, 12 hours, address(this));
        pool = new InsurancePool(
            InsurancePool.Dependencies({
                asset: asset,
                clock: clock,
                registry: registry,
                membership: membership,
                streams: streams,
                market: address(market)
            }),
            StudyPool.params(0, 100),
            address(this)
        );
        market.grantRole(market.GOVERNOR_ROLE(), address(this));
        market.grantRole(market.ATTESTOR_ROLE(), VM.addr(ATTESTOR_KEY));
        market.registerPool(pool, hex"01");
        pool.grantRole(pool.OPERATOR_ROLE(), OPERATOR);
        asset.mint(address(this), 100e18);
        asset.approve(address(pool), type(uint256).max);
        pool.fund(100e18);
        hooks = new ReentrantHooks(market);
        market.setHooks(hooks);
    }

    function test_reentrantHooksAreRefusedAndTheSellerIsPaidOnce() public {
        ISecretMarket.Attestation memory a = ISecretMarket.Attestation({
            seller: SELLER,
            kind: SecretKind.Kompromat,
            contentHash: keccak256("content"),
            amount: 10e18,
            potency: 1e18,
            funder: address(0),
            nonce: 1,
            deadline: block.timestamp + 1 hours
        });
        (uint8 v, bytes32 r, bytes32 s) = VM.sign(ATTESTOR_KEY, market.attestationDigest(a));
        VM.prank(SELLER);
        (uint256 id, address buyer) = market.list(a, 5e18, abi.encodePacked(r, s, v)); // worth 5.5: bought
        assertTrue(buyer == address(pool), "the pool bought");
        VM.prank(SELLER);
        market.deliver(id, keccak256("ciphertext"), "ipfs://c");
        VM.prank(OPERATOR);
        pool.confirmDelivery(id);

        bytes memory guard = abi.encodeWithSignature("ReentrancyGuardReentrantCall()");
        assertEq(hooks.refusalCount(), 6, "every re-entry attempt recorded");
        // In list: reprice is guarded; cancel is not, and only the seller may cancel.
        _refusedWith(0, guard);
        _refusedWith(1, abi.encodeWithSelector(ISecretMarket.Market_OnlySeller.selector, id, address(hooks), SELLER));
        // In confirmDelivery, after the escrow went to the seller: settle, confirm and refund are guarded; dispute is
        // not, and only the buyer may dispute.
        _refusedWith(2, guard);
        _refusedWith(3, guard);
        _refusedWith(4, guard);
        _refusedWith(5, abi.encodeWithSelector(ISecretMarket.Market_OnlyBuyer.selector, id, address(hooks), address(pool)));

        assertEq(asset.balanceOf(SELLER), 5e18, "the seller is paid exactly once");
        assertEq(market.escrowed(), 0, "escrow released once");
        assertEq(asset.balanceOf(address(market)), 0, "the market holds nothing");
        assertTrue(market.getListing(id).status == ISecretMarket.ListingStatus.Settled, "listing settled");
        assertEq(asset.balanceOf(address(pool)), pool.state().capital, "pool balance = capital");
    }

    function _refusedWith(uint256 i, bytes memory expected) private view {
        assertTrue(keccak256(hooks.refusals(i)) == keccak256(expected), "re-entry refused with the expected error");
    }
}
