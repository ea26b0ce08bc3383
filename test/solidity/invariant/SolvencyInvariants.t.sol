// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IInsurancePool} from "../../../contracts/interfaces/IInsurancePool.sol";
import {IReturnStreams} from "../../../contracts/interfaces/IReturnStreams.sol";
import {ISecretMarket} from "../../../contracts/interfaces/ISecretMarket.sol";
import {EpochClock} from "../../../contracts/core/EpochClock.sol";
import {InsurancePool} from "../../../contracts/insurance/InsurancePool.sol";
import {Membership} from "../../../contracts/insurance/Membership.sol";
import {UnderwritingRegistry} from "../../../contracts/insurance/UnderwritingRegistry.sol";
import {SecretMarket} from "../../../contracts/market/SecretMarket.sol";
import {ReturnStreams} from "../../../contracts/streams/ReturnStreams.sol";
import {SoulboundCredit} from "../../../contracts/credit/SoulboundCredit.sol";
import {MockStablecoin} from "../../../contracts/mocks/MockStablecoin.sol";
import {VM} from "../utils/Vm.sol";
import {InvariantBase} from "../utils/InvariantBase.sol";
import {GhostStore} from "./GhostStore.sol";
import {Actors, Deployment, ProtocolHandler} from "./ProtocolHandler.sol";
import {StudyPool} from "../utils/StudyPool.sol";

/// @title SolvencyInvariantTest
/// @notice The solvency invariants of README.md (beside this file), checked after every call of the fuzzer's
/// random sequences of handler actions. Runs and depth: `test.solidity.profiles` in hardhat.config.ts
/// (`default` inside `npm test`, `deep` in `npm run test:deep`).
contract SolvencyInvariantTest is InvariantBase {
    uint256 internal constant INITIAL_CAPITAL = 60e18;
    uint256 internal constant MEMBERS = 4;

    MockStablecoin internal asset;
    EpochClock internal clock;
    UnderwritingRegistry internal registry;
    Membership internal membership;
    ReturnStreams internal streams;
    SecretMarket internal market;
    SoulboundCredit internal credit;
    InsurancePool[] internal pools;
    ProtocolHandler internal handler;
    GhostStore internal ghost;
    Actors internal actors;
    uint256 internal initialSupply;

    function setUp() public {
        _actors();
        _core();
        _pool(0, 1);
        _pool(2e18, 3);
        _money();
        _handler();
        initialSupply = asset.totalSupply();
    }

    // ---------------------------------------------------------------------------------------------
    // Invariants
    // ---------------------------------------------------------------------------------------------

    /// @notice Pool books, balance, non-negative capital, frozen bankrupt pools, claims paid once.
    function invariant_poolSolvency() public view {
        for (uint256 p = 0; p < pools.length; ++p) {
            IInsurancePool.PoolState memory s = pools[p].state();
            GhostStore.PoolFlows memory f = ghost.flows(p);
            // S1: capital = funded + premiums + subscriptions + income − claims − purchases.
            assertEq(
                s.capital + s.claimsPaid + s.secretPurchaseCost,
                s.fundedCapital + s.premiumsCollected + s.subscriptionsCollected + s.investmentIncome,
                "S1 capital = funded + premiums + subscriptions + income - claims - purchases"
            );
            // S2: the pool's asset balance is its capital.
            assertEq(asset.balanceOf(address(pools[p])), s.capital, "S2 pool balance = capital");
            // S3: each part is the flow the handler measured.
            assertEq(s.fundedCapital, INITIAL_CAPITAL + f.funded, "S3 fundedCapital = initial + measured funding");
            assertEq(s.premiumsCollected, f.premiums, "S3 premiumsCollected = measured premiums");
            assertEq(s.subscriptionsCollected, f.subscriptions, "S3 subscriptionsCollected = measured fees");
            assertEq(s.investmentIncome, f.income, "S3 investmentIncome = measured stream income");
            assertEq(s.claimsPaid, f.claims, "S3 claimsPaid = measured payouts");
            assertEq(s.secretPurchaseCost + f.refunds, f.purchases, "S3 secretPurchaseCost = asks paid - asks refunded");
            // S4: inflows cover outflows (capital never negative).
            assertLe(
                f.claims + f.purchases,
                INITIAL_CAPITAL + f.funded + f.premiums + f.subscriptions + f.income + f.refunds,
                "S4 claims + purchases <= initial + funding + premiums + fees + income + refunds"
            );
            // S5: bankrupt exactly when a claim took the last capital; afterwards nothing is sold, paid or bought.
            GhostStore.Frozen memory z = ghost.frozen(p);
            assertTrue(s.bankrupt == z.bankrupt, "S5 bankrupt flag = set by a claim, never cleared");
            if (z.bankrupt) {
                assertEq(f.funded, z.funded, "S5 no funding after bankruptcy");
                assertEq(f.premiums, z.premiums, "S5 no cover sold after bankruptcy");
                assertEq(f.subscriptions, z.subscriptions, "S5 no fee taken after bankruptcy");
                assertEq(f.claims, z.claims, "S5 no claim paid after bankruptcy");
                assertEq(f.purchases, z.purchases, "S5 nothing bought after bankruptcy");
            }
        }
        assertEq(ghost.bankruptActions(), 0, "S5 successful actions on a bankrupt pool");
        // S6: a loss id is paid at most once.
        assertEq(ghost.doubleClaims(), 0, "S6 loss ids paid twice");
    }

    /// @notice Escrow equals the open sales; streams hold exactly what they still owe and pay their deposit.
    function invariant_escrowAndStreams() public view {
        // S7: escrowed = Σ prices of listings Sold, Delivered or Disputed = the market's balance = measured in − out.
        uint256 open = 0;
        uint256 n = market.listingCount();
        for (uint256 id = 1; id <= n; ++id) {
            ISecretMarket.Listing memory l = market.getListing(id);
            if (
                l.status == ISecretMarket.ListingStatus.Sold || l.status == ISecretMarket.ListingStatus.Delivered
                    || l.status == ISecretMarket.ListingStatus.Disputed
            ) open += l.price;
        }
        assertEq(market.escrowed(), open, "S7 escrowed = sum of open escrows");
        assertEq(asset.balanceOf(address(market)), open, "S7 market balance = sum of open escrows");
        assertEq(ghost.escrowIn() - ghost.escrowOut(), open, "S7 measured escrow in - out = sum of open escrows");

        // S8: per stream withdrawn <= vested <= total; at its end withdrawn + withdrawable = total.
        uint256 epoch = clock.currentEpoch();
        uint256 outstanding = 0;
        uint256 m = streams.streamCount();
        for (uint256 id = 1; id <= m; ++id) {
            IReturnStreams.Stream memory st = streams.getStream(id);
            uint256 vested = streams.vestedAt(id, epoch);
            assertLe(st.withdrawn, vested, "S8 stream withdrawn <= vested");
            assertLe(vested, st.total, "S8 stream vested <= total");
            if (st.cancelled || epoch + 1 >= st.startEpoch + st.lifetime) {
                assertEq(st.withdrawn + streams.withdrawable(id), st.total, "S8 stream pays its total at its end");
            }
            outstanding += st.total - st.withdrawn;
        }
        // S9: the contract holds what it owes; deposits = withdrawals + refunds + what is owed.
        assertEq(asset.balanceOf(address(streams)), outstanding, "S9 streams balance = sum of (total - withdrawn)");
        uint256 income = 0;
        for (uint256 p = 0; p < pools.length; ++p) income += ghost.flows(p).income;
        assertEq(streams.totalDeposited(), ghost.streamDeposits(), "S9 totalDeposited = measured deposits");
        assertEq(streams.totalWithdrawn(), income, "S9 totalWithdrawn = measured pool income");
        assertEq(streams.totalRefunded(), ghost.streamRefunds(), "S9 totalRefunded = measured refunds to the funder");
        assertEq(
            streams.totalDeposited(),
            streams.totalWithdrawn() + streams.totalRefunded() + outstanding,
            "S9 deposited = withdrawn + refunded + outstanding"
        );
    }

    /// @notice Credit moves only by mint and burn; the asset is conserved across every holder.
    function invariant_creditAndAsset() public view {
        address[] memory holders = handler.holders();
        uint256 credits = 0;
        uint256 assets = 0;
        for (uint256 i = 0; i < holders.length; ++i) {
            credits += credit.balanceOf(holders[i]);
            assets += asset.balanceOf(holders[i]);
        }
        // S10: Σ credit balances = totalSupply = measured mints − measured burns.
        assertEq(credits, credit.totalSupply(), "S10 sum of credit balances = credit supply");
        assertEq(credit.totalSupply(), ghost.creditMinted() - ghost.creditBurned(), "S10 credit supply = minted - burned");
        // S11: Σ asset balances of every holder = totalSupply = the supply at set-up (nothing created or lost).
        assertEq(assets, asset.totalSupply(), "S11 sum of asset balances = asset supply");
        assertEq(asset.totalSupply(), initialSupply, "S11 asset supply unchanged");
    }

    /// @notice After each run of a campaign: when INVARIANT_CALLS names a file (as `npm run test:deep` does), appends
    /// one CSV record, ended by ";", with the run's calls and successes per handler action and the states it reached; the
    /// script then sums them (test/solidity/report-calls.ts). The runner does not print logs of passing tests.
    function afterInvariant() public {
        string memory file = VM.envOr("INVARIANT_CALLS", string(""));
        if (bytes(file).length == 0) return;
        bytes4[17] memory sel = _selectors();
        string memory line = "";
        for (uint256 i = 0; i < sel.length; ++i) {
            line = string.concat(line, VM.toString(ghost.calls(sel[i])), ",", VM.toString(ghost.successes(sel[i])), ",");
        }
        uint256 bankrupt = 0;
        uint256 claims = 0;
        for (uint256 p = 0; p < pools.length; ++p) {
            if (pools[p].state().bankrupt) bankrupt++;
            claims += ghost.flows(p).claims;
        }
        line = string.concat(
            line,
            VM.toString(bankrupt), ",",
            VM.toString(claims == 0 ? 0 : 1), ",",
            VM.toString(market.listingCount()), ",",
            VM.toString(streams.streamCount()), ",",
            VM.toString(streams.totalWithdrawn() == 0 ? 0 : 1), ",",
            VM.toString(credit.totalSupply() == 0 ? 0 : 1),
            ";"
        );
        // The campaigns run in parallel and writeLine writes the line and its newline separately, so two
        // lines can meet on one line: the ";" ends each record wherever its newline lands.
        VM.writeLine(file, line);
    }

    /// @notice The handler can perform every action, so no campaign is vacuous: a scripted sequence through each
    /// of them, each succeeding at least once, every invariant holding along the way and after a bankruptcy.
    function test_handlerReachesEveryAction() public {
        handler.enroll(0, 0); // member 0 → pool 0 (no fee: always covered)
        handler.enroll(1, 1); // member 1 → pool 1 (fee)
        handler.paySubscription(1, 2);
        handler.buyCover(2, 0, 1);
        handler.reportLoss(0, 0, 1e18 + 1, false); // a loss of 1 token + 2 wei
        handler.reportLoss(0, 0, 1e18 + 1, true); // the same loss id again: refused
        handler.list(1, 5e18, 0.6e18, 500); // engineering at half its value: bought, stream opened
        handler.deliver(0);
        handler.confirm(0);
        handler.list(1, 4e18, 0.5e18, 500);
        handler.deliver(1);
        handler.dispute(1);
        handler.resolve(1, true); // upheld: refunded, stream cancelled
        handler.list(0, 8e18, 0.9e18, 400); // kompromat
        handler.deliver(2);
        handler.skipTime(13 hours); // past the dispute window
        handler.settle(2);
        handler.list(1, 3e18, 0.7e18, 600);
        handler.skipTime(7 hours); // past the delivery window
        handler.refundUndelivered(3);
        handler.skipTime(1 days);
        handler.collectIncome(0);
        handler.collectIncome(1);
        handler.mintCredit(0, 100e18);
        handler.burnCredit(0, 40e18);
        handler.fund(0, 10e18);
        handler.togglePause(2); // market paused …
        handler.togglePause(2); // … and unpaused
        _checkAll();
        bytes4[17] memory sel = _selectors();
        for (uint256 i = 0; i < sel.length; ++i) assertLe(1, ghost.successes(sel[i]), "an action never succeeded");
        assertEq(ghost.flows(0).claims, 1e18 + 2, "one claim paid, the replay refused");
        assertLe(1, ghost.flows(0).income + ghost.flows(1).income, "stream income collected");

        handler.reportLoss(0, 0, 5, false); // a loss of 2^256 − 1: pool 0 pays its capital and goes bankrupt
        assertTrue(pools[0].state().bankrupt, "pool 0 bankrupt");
        uint256 sold = ghost.successes(handler.buyCover.selector);
        handler.buyCover(2, 0, 1); // refused by the bankrupt pool
        handler.fund(0, 10e18); // refused
        handler.reportLoss(0, 0, 7, false); // refused
        assertEq(ghost.successes(handler.buyCover.selector), sold, "a bankrupt pool sold cover");
        _checkAll();
    }

    function _checkAll() private view {
        invariant_poolSolvency();
        invariant_escrowAndStreams();
        invariant_creditAndAsset();
    }

    function _selectors() private view returns (bytes4[17] memory) {
        return [
            handler.skipTime.selector, handler.fund.selector, handler.buyCover.selector, handler.enroll.selector,
            handler.paySubscription.selector, handler.reportLoss.selector, handler.list.selector,
            handler.deliver.selector, handler.confirm.selector, handler.dispute.selector, handler.resolve.selector,
            handler.settle.selector, handler.refundUndelivered.selector, handler.collectIncome.selector,
            handler.mintCredit.selector, handler.burnCredit.selector, handler.togglePause.selector
        ];
    }

    // ---------------------------------------------------------------------------------------------
    // Set-up
    // ---------------------------------------------------------------------------------------------

    function _actors() private {
        actors.governor = address(0x1001);
        actors.lossOracle = address(0x1002);
        actors.wealthOracle = address(0x1003);
        actors.operator = address(0x1004);
        actors.arbiter = address(0x1005);
        actors.pauser = address(0x1006);
        actors.faucet = address(0x1007);
        actors.sink = address(0x1008);
        actors.seller = address(0x1009);
        actors.funder = address(0x100a);
        actors.capitalProvider = address(0x100b);
        actors.attestorKey = 0xA77E57;
        for (uint256 i = 0; i < MEMBERS; ++i) actors.members.push(address(uint160(0x2001 + i)));
    }

    function _core() private {
        address admin = address(this);
        asset = new MockStablecoin();
        clock = new EpochClock(0, 1 days);
        registry = new UnderwritingRegistry(clock, admin);
        membership = new Membership(admin);
        streams = new ReturnStreams(asset, clock, admin);
        market = new SecretMarket(asset, clock, 6 hours, 12 hours, admin);
        credit = new SoulboundCredit("Ingenesist Credit", "ICR", admin);
        registry.grantRole(registry.UNDERWRITER_ROLE(), admin);
        registry.grantRole(registry.WEALTH_ORACLE_ROLE(), actors.wealthOracle);
        market.grantRole(market.GOVERNOR_ROLE(), admin);
        market.grantRole(market.ATTESTOR_ROLE(), VM.addr(actors.attestorKey));
        market.grantRole(market.ARBITER_ROLE(), actors.arbiter);
        market.grantRole(market.PAUSER_ROLE(), actors.pauser);
        streams.grantRole(streams.PAUSER_ROLE(), actors.pauser);
        credit.grantRole(credit.FAUCET_ROLE(), actors.faucet);
        credit.grantRole(credit.SINK_ROLE(), actors.sink);
        credit.grantRole(credit.PAUSER_ROLE(), actors.pauser);
    }

    function _pool(uint256 fee, uint256 lifetime) private {
        IInsurancePool.PoolParams memory p = StudyPool.params(fee, lifetime);
        InsurancePool pool = new InsurancePool(
            InsurancePool.Dependencies({
                asset: asset,
                clock: clock,
                registry: registry,
                membership: membership,
                streams: streams,
                market: address(market)
            }),
            p,
            address(this)
        );
        pool.grantRole(pool.GOVERNOR_ROLE(), actors.governor);
        pool.grantRole(pool.LOSS_ORACLE_ROLE(), actors.lossOracle);
        pool.grantRole(pool.OPERATOR_ROLE(), actors.operator);
        pool.grantRole(pool.PAUSER_ROLE(), actors.pauser);
        membership.grantRole(membership.MINTER_ROLE(), address(pool));
        streams.grantRole(streams.OPENER_ROLE(), address(pool));
        market.registerPool(pool, hex"01");
        pools.push(pool);
    }

    function _money() private {
        asset.mint(actors.capitalProvider, 1e24);
        asset.mint(actors.funder, 1e27);
        VM.prank(actors.funder);
        asset.approve(address(streams), type(uint256).max);
        uint256[] memory risks = new uint256[](MEMBERS);
        for (uint256 i = 0; i < MEMBERS; ++i) {
            address m = actors.members[i];
            asset.mint(m, 1e24);
            risks[i] = 0.01e18 + i * 0.15e18;
        }
        for (uint256 p = 0; p < pools.length; ++p) {
            VM.prank(actors.capitalProvider);
            asset.approve(address(pools[p]), type(uint256).max);
            VM.prank(actors.capitalProvider);
            pools[p].fund(INITIAL_CAPITAL);
            for (uint256 i = 0; i < MEMBERS; ++i) {
                VM.prank(actors.members[i]);
                asset.approve(address(pools[p]), type(uint256).max);
            }
        }
        registry.setBaselineRisks(actors.members, risks);
        uint256[] memory wealths = new uint256[](MEMBERS);
        for (uint256 i = 0; i < MEMBERS; ++i) wealths[i] = (i + 1) * 400e18;
        VM.prank(actors.wealthOracle);
        registry.attestWealth(actors.members, wealths);
    }

    function _handler() private {
        handler = new ProtocolHandler(
            Deployment({asset: asset, registry: registry, market: market, streams: streams, credit: credit, pools: pools}),
            actors
        );
        ghost = handler.ghost();
        targetContract(address(handler));
        bytes4[17] memory all = _selectors();
        bytes4[] memory s = new bytes4[](all.length);
        for (uint256 i = 0; i < all.length; ++i) s[i] = all[i];
        targetSelector(FuzzSelector({addr: address(handler), selectors: s}));
    }
}
