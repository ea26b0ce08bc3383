import { expect } from "chai";
import { createNetwork } from "./helpers/network.js";
import {
  deploySystem,
  EPOCH,
  KOMP,
  listSecret,
  lossId,
  refParamsOf,
  studyParams,
  tokens,
  underwrite,
  wad,
  type System,
} from "./helpers/fixture.js";
import { loadingRule, premiumUp, riskUp, WAD, type RefParams } from "./helpers/reference.js";

const { ethers, networkHelpers } = await createNetwork();
const { loadFixture, time } = networkHelpers;

const RISK = wad(0.03);
const WEALTH = tokens(1000);

async function onePool(): Promise<System> {
  const s = await deploySystem(ethers, { poolCount: 1 });
  await underwrite(s, s.members, RISK, WEALTH);
  return s;
}

async function feePool(): Promise<System> {
  const s = await deploySystem(ethers, { poolCount: 1, params: { subscriptionFee: tokens(2) } });
  await underwrite(s, s.members, RISK, WEALTH);
  return s;
}

async function refParams(s: System): Promise<RefParams> {
  return refParamsOf(s.pools[0]!);
}

async function nextEpoch(s: System, epochs = 1n): Promise<bigint> {
  await time.increase(EPOCH * epochs);
  await underwrite(s, s.members, RISK, WEALTH);
  return s.clock.currentEpoch();
}

describe("InsurancePool", function () {
  describe("deployment", function () {
    it("stores the parameters and starts from the study's initial state", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const p = await pool.params();
      const expected = studyParams();
      for (const [k, v] of Object.entries(expected)) expect(p[k as keyof typeof p]).to.equal(v, k);
      const st = await pool.state();
      expect(st.capital).to.equal(tokens(3000));
      expect(st.fundedCapital).to.equal(tokens(3000));
      expect(st.avgKompPotency).to.equal(wad(0.5));
      expect(st.avgEngPotency).to.equal(wad(0.5));
      expect(st.loading).to.equal(wad(2.25));
      expect(st.bankrupt).to.equal(false);
      expect(await pool.asset()).to.equal(await s.asset.getAddress());
      expect(await pool.clock()).to.equal(await s.clock.getAddress());
      expect(await pool.registry()).to.equal(await s.registry.getAddress());
      expect(await pool.membership()).to.equal(await s.membership.getAddress());
      expect(await pool.streams()).to.equal(await s.streams.getAddress());
      expect(await pool.market()).to.equal(await s.market.getAddress());
      expect(await pool.hooks()).to.equal(ethers.ZeroAddress);
    });

    it("reverts with ZeroAddress naming each missing dependency", async function () {
      const s = await loadFixture(onePool);
      const deps = { asset: s.asset, clock: s.clock, registry: s.registry, membership: s.membership, streams: s.streams, market: s.market };
      const factory = await ethers.getContractFactory("InsurancePool");
      for (const name of Object.keys(deps)) {
        const broken = { ...deps, [name]: ethers.ZeroAddress };
        await expect(factory.deploy(broken, studyParams(), s.admin))
          .to.be.revertedWithCustomError(factory, "ZeroAddress")
          .withArgs(name);
      }
      await expect(factory.deploy(deps, studyParams(), ethers.ZeroAddress))
        .to.be.revertedWithCustomError(factory, "ZeroAddress")
        .withArgs("admin");
    });

    it("rejects each invalid parameter with Pool_InvalidParam(name, value)", async function () {
      const s = await loadFixture(onePool);
      const deps = { asset: s.asset, clock: s.clock, registry: s.registry, membership: s.membership, streams: s.streams, market: s.market };
      const factory = await ethers.getContractFactory("InsurancePool");
      const big = 10n ** 30n;
      const cases: [string, Record<string, bigint>, bigint][] = [
        ["loadingMax", { loadingMax: big }, big],
        ["loadingMin", { loadingMin: wad(3.5) }, wad(3.5)],
        ["baseLoading", { baseLoading: wad(0.4) }, wad(0.4)],
        ["baseLoading", { baseLoading: wad(3.1) }, wad(3.1)],
        ["loadingStepUp", { loadingStepUp: 0n }, 0n],
        ["loadingStepUp", { loadingStepUp: 1n }, 1n],
        ["loadingStepDown", { loadingStepDown: 0n }, 0n],
        ["loadingStepDown", { loadingStepDown: 1n }, 1n],
        ["capitalLow", { capitalLow: tokens(4000) }, tokens(4000)],
        ["alphaK", { alphaK: big }, big],
        ["alphaE", { alphaE: big }, big],
        ["valueMultiplierKomp", { valueMultiplierKomp: big }, big],
        ["valueMultiplierEng", { valueMultiplierEng: big }, big],
        ["engProductivityFactor", { engProductivityFactor: big }, big],
        ["premiumRateBase", { premiumRateBase: big }, big],
        ["learningRate", { learningRate: wad(1.5) }, wad(1.5)],
        ["engAssetLifetime", { engAssetLifetime: 0n }, 0n],
        ["engAssetLifetime", { engAssetLifetime: 2n ** 32n }, 2n ** 32n],
      ];
      for (const [name, o, value] of cases) {
        await expect(factory.deploy(deps, studyParams(o), s.admin))
          .to.be.revertedWithCustomError(factory, "Pool_InvalidParam")
          .withArgs(name, value);
      }
    });
  });

  describe("fund", function () {
    it("adds capital and funded capital and pulls the asset", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const [m] = s.members;
      const tx = pool.connect(m!).fund(tokens(5));
      await expect(tx).to.emit(pool, "Funded").withArgs(m!.address, tokens(5), tokens(3005));
      await expect(tx).to.changeTokenBalances(ethers, s.asset, [m!, pool], [-tokens(5), tokens(5)]);
      expect((await pool.state()).fundedCapital).to.equal(tokens(3005));
    });

    it("reverts on zero, while paused, and once bankrupt", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      await expect(pool.fund(0)).to.be.revertedWithCustomError(pool, "Pool_ZeroAmount");
      await pool.connect(s.admin).pause();
      await expect(pool.connect(s.members[0]!).fund(1)).to.be.revertedWithCustomError(pool, "EnforcedPause");
      await pool.connect(s.admin).unpause();
      await bankrupt(s);
      await expect(pool.connect(s.members[0]!).fund(1)).to.be.revertedWithCustomError(pool, "Pool_Bankrupt");
    });
  });

  describe("loading", function () {
    it("keeps baseLoading in the deployment epoch and applies the rule lazily per elapsed epoch", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const p = await refParams(s);
      // capital 3000 is between the thresholds: base.
      expect(await pool.currentLoading()).to.equal(p.baseLoading);
      // Raise capital above capitalHigh: the rule lowers the loading by 0.1 per epoch, down to 0.5.
      await pool.connect(s.members[0]!).fund(tokens(1000));
      let expected = p.baseLoading;
      for (const k of [1n, 3n, 30n]) {
        await time.increase(EPOCH * k);
        for (let i = 0n; i < k; i++) expected = loadingRule(p, expected, tokens(4000));
        expect(await pool.currentLoading(), "pending view").to.equal(expected);
        const epoch = await s.clock.currentEpoch();
        await expect(pool.syncEpoch()).to.emit(pool, "EpochSynced").withArgs(epoch, tokens(4000), expected);
        expect((await pool.state()).loading).to.equal(expected);
      }
      expect(expected).to.equal(p.loadingMin);
      // A second sync in the same epoch changes nothing and emits nothing.
      await expect(pool.syncEpoch()).not.to.emit(pool, "EpochSynced");
    });

    it("rises by 0.2 per epoch up to 3.0 below capitalLow, and returns to base between the thresholds", async function () {
      const s = await deploySystem(ethers, { poolCount: 1, initialCapital: tokens(100) });
      const pool = s.pools[0]!;
      const p = await refParams(s);
      let expected = p.baseLoading;
      for (let i = 0; i < 6; i++) {
        await time.increase(EPOCH);
        await pool.syncEpoch();
        expected = loadingRule(p, expected, tokens(100));
        expect(await pool.currentLoading()).to.equal(expected);
      }
      expect(expected).to.equal(p.loadingMax);
      await pool.connect(s.members[0]!).fund(tokens(1000));
      await time.increase(EPOCH);
      expect(await pool.currentLoading()).to.equal(p.baseLoading);
    });
  });

  describe("quotes", function () {
    it("quotes risk × wealth × 0.1 × loading rounded up, with risk clipped to [0.01, 0.5]", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const p = await refParams(s);
      const [a, b, c] = s.members;
      await s.registry.connect(s.underwriter).setBaselineRisks([a!, b!, c!], [wad(0.0123457), 0n, WAD]);
      await s.registry.connect(s.wealthOracle).attestWealth([a!, b!, c!], [tokens(777) + 13n, 1n, tokens(10)]);
      for (const [m, risk, w] of [
        [a!, wad(0.0123457), tokens(777) + 13n],
        [b!, wad(0.01), 1n],
        [c!, wad(0.5), tokens(10)],
      ] as const) {
        expect(await pool.riskOfUp(m)).to.equal(risk);
        expect(await pool.quotePremiumUp(m)).to.equal(premiumUp(p, riskUp(p, risk === wad(0.01) ? 0n : risk === wad(0.5) ? WAD : risk, 0n, 0n), w, p.baseLoading));
      }
      // 1 wei of wealth still costs 1 wei: rounded up.
      expect(await pool.quotePremiumUp(b!)).to.equal(1n);
    });

    it("reverts without baseline risk, without wealth, with stale wealth, and when bankrupt", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const { other } = s;
      await expect(pool.quotePremiumUp(other)).to.be.revertedWithCustomError(s.registry, "Registry_NoBaselineRisk").withArgs(other.address);
      await s.registry.connect(s.underwriter).setBaselineRisks([other], [RISK]);
      await expect(pool.quotePremiumUp(other)).to.be.revertedWithCustomError(s.registry, "Registry_NoWealth").withArgs(other.address);
      await s.registry.connect(s.wealthOracle).attestWealth([other], [WEALTH]);
      await time.increase(EPOCH);
      await expect(pool.quotePremiumUp(other)).to.be.revertedWithCustomError(s.registry, "Registry_StaleWealth").withArgs(other.address, 0, 1);
      await bankrupt(s);
      await expect(pool.quotePremiumUp(s.members[0]!)).to.be.revertedWithCustomError(pool, "Pool_Bankrupt");
    });
  });

  describe("batch views", function () {
    it("quotes many members at once exactly as one by one, marking unavailable quotes", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const [a, b, c] = s.members;
      await s.registry.connect(s.wealthOracle).attestWealth([a!, b!], [tokens(321) + 7n, tokens(5)]);
      await s.registry.connect(s.underwriter).setBaselineRisks([b!], [wad(0.049)]);
      const members = [a!.address, b!.address, s.other.address];
      const [premiums, ok] = await pool.quotePremiumsUp(members);
      expect(ok).to.deep.equal([true, true, false]);
      expect(premiums).to.deep.equal([await pool.quotePremiumUp(a!), await pool.quotePremiumUp(b!), 0n]);
      await time.increase(EPOCH); // every attestation is now stale
      expect((await pool.quotePremiumsUp([a!.address, c!.address]))[1]).to.deep.equal([false, false]);
      await underwrite(s, s.members, RISK, WEALTH);
      await pool.connect(a!).buyCover(1, ethers.MaxUint256);
      expect(await pool.coverStatus(members, 1)).to.deep.equal([true, false, false]);
      await bankrupt(s);
      expect(await pool.quotePremiumsUp(members)).to.deep.equal([[0n, 0n, 0n], [false, false, false]]);
    });
  });

  describe("buyCover", function () {
    it("charges k × the quote, records the run [e, e+k) and covers exactly those epochs", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const m = s.members[0]!;
      const quote = await pool.quotePremiumUp(m);
      const e = await s.clock.currentEpoch();
      const tx = pool.connect(m).buyCover(3, quote * 3n);
      await expect(tx).to.emit(pool, "CoverBought").withArgs(m.address, e, e + 3n, quote * 3n);
      await expect(tx).to.changeTokenBalances(ethers, s.asset, [m, pool], [-quote * 3n, quote * 3n]);
      expect(await pool.coverOf(m)).to.deep.equal([e, e + 3n]);
      for (let i = 0n; i < 3n; i++) expect(await pool.isCovered(m, e + i)).to.equal(true);
      expect(await pool.isCovered(m, e + 3n)).to.equal(false);
      const st = await pool.state();
      expect(st.premiumsCollected).to.equal(quote * 3n);
      expect(st.capital).to.equal(tokens(3000) + quote * 3n);
    });

    it("reverts above the maximum premium, on invalid epochs, while covered, paused or bankrupt", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const m = s.members[0]!;
      const quote = await pool.quotePremiumUp(m);
      await expect(pool.connect(m).buyCover(2, quote * 2n - 1n))
        .to.be.revertedWithCustomError(pool, "Pool_PremiumAboveMax")
        .withArgs(quote * 2n, quote * 2n - 1n);
      await expect(pool.connect(m).buyCover(0, quote)).to.be.revertedWithCustomError(pool, "Pool_InvalidEpochs").withArgs(0, 1000);
      await expect(pool.connect(m).buyCover(1001, ethers.MaxUint256)).to.be.revertedWithCustomError(pool, "Pool_InvalidEpochs").withArgs(1001, 1000);
      await pool.connect(m).buyCover(2, quote * 2n);
      await expect(pool.connect(m).buyCover(1, ethers.MaxUint256)).to.be.revertedWithCustomError(pool, "Pool_AlreadyCovered").withArgs(m.address, 2);
      await nextEpoch(s, 2n);
      await expect(pool.connect(m).buyCover(1, ethers.MaxUint256)).to.emit(pool, "CoverBought");
      await pool.connect(s.admin).pause();
      await expect(pool.connect(s.members[1]!).buyCover(1, ethers.MaxUint256)).to.be.revertedWithCustomError(pool, "EnforcedPause");
      await pool.connect(s.admin).unpause();
      await bankrupt(s);
      await expect(pool.connect(s.members[2]!).buyCover(1, ethers.MaxUint256)).to.be.revertedWithCustomError(pool, "Pool_Bankrupt");
    });

    it("accepts a zero premium (zero wealth) without a transfer", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const m = s.members[0]!;
      await s.registry.connect(s.wealthOracle).attestWealth([m], [0]);
      await expect(pool.connect(m).buyCover(1, 0)).to.emit(pool, "CoverBought").withArgs(m.address, 0, 1, 0);
    });
  });

  describe("membership and subscriptions", function () {
    it("enrols a member (soulbound token, covered at once when the fee is 0) and revokes it", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const m = s.members[0]!;
      const tx = pool.connect(s.governor).enroll(m);
      await expect(tx).to.emit(pool, "MemberEnrolled").withArgs(m.address, 1, 0);
      await expect(tx).to.emit(s.membership, "MembershipMinted").withArgs(m.address, await pool.getAddress(), 1);
      expect(await s.membership.ownerOf(1)).to.equal(m.address);
      expect(await pool.isCovered(m, 0)).to.equal(true);
      expect(await pool.isCovered(m, 500)).to.equal(true);
      await expect(pool.connect(s.governor).revoke(m)).to.emit(pool, "MemberRevoked").withArgs(m.address, 1);
      expect(await pool.isCovered(m, 0)).to.equal(false);
      expect(await s.membership.tokenOf(m)).to.equal(0);
    });

    it("restricts enrol and revoke to the governor, and revoke to its own members", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const m = s.members[0]!;
      const role = await pool.GOVERNOR_ROLE();
      await expect(pool.connect(m).enroll(m)).to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount").withArgs(m.address, role);
      await expect(pool.connect(m).revoke(m)).to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount").withArgs(m.address, role);
      await expect(pool.connect(s.governor).revoke(m)).to.be.revertedWithCustomError(pool, "Pool_NotMember").withArgs(m.address);
    });

    it("covers a paying member only in paid epochs; a member who stops paying is uncovered", async function () {
      const s = await loadFixture(feePool);
      const pool = s.pools[0]!;
      const m = s.members[0]!;
      await pool.connect(s.governor).enroll(m);
      expect(await pool.isCovered(m, 0)).to.equal(false);
      {
        const tx = pool.connect(m).paySubscription(m, 2);
        await expect(tx).to.emit(pool, "SubscriptionPaid").withArgs(m.address, m.address, 0, 2, tokens(4));
        await expect(tx).to.changeTokenBalances(ethers, s.asset, [m, pool], [-tokens(4), tokens(4)]);
      }
      // Continuing run: paid at epoch 0 again, extends to 3.
      await expect(pool.connect(s.other).paySubscription(m, 1)).to.emit(pool, "SubscriptionPaid").withArgs(m.address, s.other.address, 2, 3, tokens(2));
      expect(await pool.subscriptionOf(m)).to.deep.equal([0n, 3n]);
      expect(await pool.isCovered(m, 2)).to.equal(true);
      expect(await pool.isCovered(m, 3)).to.equal(false);
      // Stops paying: epochs 3 and 4 unpaid; paying in epoch 5 starts a new run at 5.
      await nextEpoch(s, 5n);
      await expect(pool.connect(s.lossOracle).reportLoss(m, 1, lossId(1))).to.be.revertedWithCustomError(pool, "Pool_NotCovered").withArgs(m.address, 5);
      await expect(pool.connect(m).paySubscription(m, 1)).to.emit(pool, "SubscriptionPaid").withArgs(m.address, m.address, 5, 6, tokens(2));
      expect(await pool.subscriptionOf(m)).to.deep.equal([5n, 6n]);
      expect(await pool.isCovered(m, 5)).to.equal(true);
      const st = await pool.state();
      expect(st.subscriptionsCollected).to.equal(tokens(8));
      expect(st.premiumsCollected).to.equal(0);
    });

    it("refuses to revoke while later epochs are prepaid", async function () {
      const s = await loadFixture(feePool);
      const pool = s.pools[0]!;
      const m = s.members[0]!;
      await pool.connect(s.governor).enroll(m);
      await pool.connect(m).paySubscription(m, 3);
      await expect(pool.connect(s.governor).revoke(m)).to.be.revertedWithCustomError(pool, "Pool_SubscriptionPrepaid").withArgs(m.address, 3);
      await nextEpoch(s, 2n);
      await expect(pool.connect(s.governor).revoke(m)).to.emit(pool, "MemberRevoked");
    });

    it("rejects payments without a fee, from non-members, with invalid epochs, paused or bankrupt", async function () {
      const s0 = await loadFixture(onePool);
      await s0.pools[0]!.connect(s0.governor).enroll(s0.members[0]!);
      await expect(s0.pools[0]!.paySubscription(s0.members[0]!, 1)).to.be.revertedWithCustomError(s0.pools[0]!, "Pool_NoSubscriptionFee");
      const s = await loadFixture(feePool);
      const pool = s.pools[0]!;
      const m = s.members[0]!;
      await expect(pool.connect(m).paySubscription(m, 1)).to.be.revertedWithCustomError(pool, "Pool_NotMember").withArgs(m.address);
      await pool.connect(s.governor).enroll(m);
      await expect(pool.connect(m).paySubscription(m, 0)).to.be.revertedWithCustomError(pool, "Pool_InvalidEpochs").withArgs(0, 1000);
      await pool.connect(s.admin).pause();
      await expect(pool.connect(m).paySubscription(m, 1)).to.be.revertedWithCustomError(pool, "EnforcedPause");
      await pool.connect(s.admin).unpause();
      await bankrupt(s);
      await expect(pool.connect(m).paySubscription(m, 1)).to.be.revertedWithCustomError(pool, "Pool_Bankrupt");
    });

    it("applies the hooks' fee (a discount), rejects a hooked fee above the base, and lets only the governor set hooks", async function () {
      const s = await loadFixture(feePool);
      const pool = s.pools[0]!;
      const m = s.members[0]!;
      const hooks = await ethers.deployContract("MockHooks");
      await expect(pool.connect(m).setHooks(hooks)).to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount");
      await expect(pool.connect(s.governor).setHooks(hooks)).to.emit(pool, "HooksSet").withArgs(await hooks.getAddress());
      await hooks.setFeeFraction(wad(0.25));
      expect(await pool.subscriptionFeeOf(m)).to.equal(tokens(2) / 4n);
      await pool.connect(s.governor).enroll(m);
      await expect(pool.connect(m).paySubscription(m, 2)).to.emit(pool, "SubscriptionPaid").withArgs(m.address, m.address, 0, 2, tokens(1));
      await hooks.setFeeFraction(wad(1.5));
      await expect(pool.connect(m).paySubscription(m, 1)).to.be.revertedWithCustomError(pool, "Pool_HookFeeAboveBase").withArgs(tokens(3), tokens(2));
      await hooks.setFeeFraction(0);
      await expect(pool.connect(m).paySubscription(m, 1)).to.emit(pool, "SubscriptionPaid").withArgs(m.address, m.address, 2, 3, 0);
      // A pool without a fee does not ask the hooks (a hook that would raise it is never consulted).
      const s0 = await deploySystem(ethers, { poolCount: 1 });
      await s0.pools[0]!.connect(s0.governor).setHooks(hooks);
      await hooks.setFeeFraction(wad(1.5));
      expect(await s0.pools[0]!.subscriptionFeeOf(m)).to.equal(0);
    });
  });

  describe("reportLoss", function () {
    it("pays min(loss, capital) to an insured member at once", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const m = s.members[0]!;
      await pool.connect(m).buyCover(1, ethers.MaxUint256);
      const capital = (await pool.state()).capital;
      const loss = tokens(150);
      {
        const tx = pool.connect(s.lossOracle).reportLoss(m, loss, lossId(7));
        await expect(tx).to.emit(pool, "ClaimPaid").withArgs(m.address, lossId(7), loss, loss, capital - loss);
        await expect(tx).to.changeTokenBalances(ethers, s.asset, [pool, m], [-loss, loss]);
      }
      expect((await pool.state()).claimsPaid).to.equal(loss);
      expect(await pool.lossReported(lossId(7))).to.equal(true);
    });

    it("pays the mandatory member of a zero-fee pool without any payment", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const m = s.members[1]!;
      await pool.connect(s.governor).enroll(m);
      await expect(pool.connect(s.lossOracle).reportLoss(m, 5n, lossId(1))).to.emit(pool, "ClaimPaid").withArgs(m.address, lossId(1), 5n, 5n, tokens(3000) - 5n);
    });

    it("goes bankrupt when a claim takes all capital, then sells no cover and pays no claim", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const [m, n] = s.members;
      await pool.connect(m!).buyCover(1, ethers.MaxUint256);
      await pool.connect(n!).buyCover(1, ethers.MaxUint256);
      const capital = (await pool.state()).capital;
      const e = await s.clock.currentEpoch();
      const tx = pool.connect(s.lossOracle).reportLoss(m!, capital + 1n, lossId(1));
      await expect(tx).to.emit(pool, "ClaimPaid").withArgs(m!.address, lossId(1), capital + 1n, capital, 0);
      await expect(tx).to.emit(pool, "Bankrupted").withArgs(e);
      expect((await pool.state()).bankrupt).to.equal(true);
      await expect(pool.connect(s.lossOracle).reportLoss(n!, 1, lossId(2))).to.be.revertedWithCustomError(pool, "Pool_Bankrupt");
      await expect(pool.connect(n!).buyCover(1, ethers.MaxUint256)).to.be.revertedWithCustomError(pool, "Pool_Bankrupt");
    });

    it("is not bankrupt when a purchase takes capital to 0; the next claim pays 0 and makes it bankrupt", async function () {
      const s = await deploySystem(ethers, { poolCount: 1, initialCapital: wad(0.5) });
      const pool = s.pools[0]!;
      const m = s.members[0]!;
      await pool.connect(s.governor).enroll(m);
      await expect(listSecret(s, wad(0.5), { kind: KOMP, amount: wad(1), potency: WAD })).to.emit(pool, "SecretPurchased");
      let st = await pool.state();
      expect([st.capital, st.bankrupt]).to.deep.equal([0n, false]);
      const tx = pool.connect(s.lossOracle).reportLoss(m, tokens(1), lossId(1));
      await expect(tx).to.emit(pool, "ClaimPaid").withArgs(m.address, lossId(1), tokens(1), 0, 0);
      await expect(tx).to.emit(pool, "Bankrupted");
      await expect(tx).to.changeTokenBalances(ethers, s.asset, [pool, m], [0, 0]);
      st = await pool.state();
      expect(st.bankrupt).to.equal(true);
    });

    it("rejects zero losses, replayed loss ids, uncovered members, non-oracles and pauses", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const [m, n] = s.members;
      await pool.connect(m!).buyCover(1, ethers.MaxUint256);
      await expect(pool.connect(s.lossOracle).reportLoss(m!, 0, lossId(1))).to.be.revertedWithCustomError(pool, "Pool_ZeroLoss").withArgs(m!.address);
      await pool.connect(s.lossOracle).reportLoss(m!, 1, lossId(1));
      await expect(pool.connect(s.lossOracle).reportLoss(m!, 1, lossId(1))).to.be.revertedWithCustomError(pool, "Pool_LossAlreadyReported").withArgs(lossId(1));
      await expect(pool.connect(s.lossOracle).reportLoss(n!, 1, lossId(2))).to.be.revertedWithCustomError(pool, "Pool_NotCovered").withArgs(n!.address, 0);
      await expect(pool.connect(m!).reportLoss(m!, 1, lossId(3)))
        .to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount").withArgs(m!.address, await pool.LOSS_ORACLE_ROLE());
      await pool.connect(s.admin).pause();
      await expect(pool.connect(s.lossOracle).reportLoss(m!, 1, lossId(4))).to.be.revertedWithCustomError(pool, "EnforcedPause");
    });

    it("does not cover in the epoch after a one-epoch cover", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const m = s.members[0]!;
      await pool.connect(m).buyCover(1, ethers.MaxUint256);
      await nextEpoch(s);
      await expect(pool.connect(s.lossOracle).reportLoss(m, 1, lossId(1))).to.be.revertedWithCustomError(pool, "Pool_NotCovered").withArgs(m.address, 1);
    });
  });

  describe("access and guards", function () {
    it("lets only the market call offer and reversePurchase, and only operators confirm or dispute", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const o = { listingId: 1, kind: 0, amount: WAD, potency: WAD, ask: 1, funder: ethers.ZeroAddress };
      await expect(pool.offer(o)).to.be.revertedWithCustomError(pool, "Pool_NotMarket").withArgs(s.admin.address);
      await expect(pool.reversePurchase(1)).to.be.revertedWithCustomError(pool, "Pool_NotMarket").withArgs(s.admin.address);
      const role = await pool.OPERATOR_ROLE();
      await expect(pool.confirmDelivery(1)).to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount").withArgs(s.admin.address, role);
      await expect(pool.disputeDelivery(1, ethers.ZeroHash)).to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount").withArgs(s.admin.address, role);
    });

    it("rejects a duplicate purchase and the reversal of an unknown one (pool whose market is an account)", async function () {
      const s = await loadFixture(onePool);
      const pool = await ethers.deployContract("InsurancePool", [
        { asset: s.asset, clock: s.clock, registry: s.registry, membership: s.membership, streams: s.streams, market: s.other },
        studyParams(),
        s.admin,
      ]);
      await s.asset.connect(s.other).approve(pool, ethers.MaxUint256);
      await pool.connect(s.other).fund(tokens(10));
      const o = { listingId: 5, kind: 0, amount: WAD, potency: WAD, ask: wad(0.1), funder: ethers.ZeroAddress };
      await expect(pool.connect(s.other).offer(o)).to.emit(pool, "SecretPurchased");
      await expect(pool.connect(s.other).offer(o)).to.be.revertedWithCustomError(pool, "Pool_DuplicatePurchase").withArgs(5);
      await expect(pool.connect(s.other).reversePurchase(6)).to.be.revertedWithCustomError(pool, "Pool_UnknownPurchase").withArgs(6);
      await pool.connect(s.other).reversePurchase(5);
      await expect(pool.connect(s.other).reversePurchase(5)).to.be.revertedWithCustomError(pool, "Pool_UnknownPurchase").withArgs(5);
    });

    it("rejects stream income the streams contract reports but does not pay", async function () {
      const s = await loadFixture(onePool);
      const liar = await ethers.deployContract("LyingStreams");
      const pool = await ethers.deployContract("InsurancePool", [
        { asset: s.asset, clock: s.clock, registry: s.registry, membership: s.membership, streams: liar, market: s.market },
        studyParams(),
        s.admin,
      ]);
      await expect(pool.collectStreamIncome([1])).to.be.revertedWithCustomError(pool, "Pool_IncomeMismatch").withArgs(1, 0);
    });

    it("lets only the pauser pause and unpause", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const m = s.members[0]!;
      const role = await pool.PAUSER_ROLE();
      await expect(pool.connect(m).pause()).to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount").withArgs(m.address, role);
      await expect(pool.connect(s.admin).pause()).to.emit(pool, "Paused").withArgs(s.admin.address);
      await expect(pool.connect(m).unpause()).to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount").withArgs(m.address, role);
      await expect(pool.connect(s.admin).unpause()).to.emit(pool, "Unpaused").withArgs(s.admin.address);
    });

    it("rejects re-entry from a hostile asset", async function () {
      const s = await loadFixture(onePool);
      const token = await ethers.deployContract("ReentrantToken");
      const pool = await ethers.deployContract("InsurancePool", [
        { asset: token, clock: s.clock, registry: s.registry, membership: s.membership, streams: s.streams, market: s.market },
        studyParams(),
        s.admin,
      ]);
      await token.mint(s.admin, tokens(10));
      await token.approve(pool, ethers.MaxUint256);
      await token.arm(pool, pool.interface.encodeFunctionData("fund", [1n]));
      const err = pool.interface.encodeErrorResult("ReentrancyGuardReentrantCall", []);
      await expect(pool.fund(tokens(1))).to.be.revertedWithCustomError(token, "ReentrantToken_CallFailed").withArgs(err);
    });
  });
});

/** Makes pool 0 of `s` bankrupt: member 7 buys cover and loses more than the capital. */
async function bankrupt(s: System): Promise<void> {
  const pool = s.pools[0]!;
  const victim = s.members[7]!;
  await underwrite(s, [victim], RISK, WEALTH);
  const [from, until] = await pool.coverOf(victim);
  const e = await s.clock.currentEpoch();
  if (!(from <= e && e < until)) await pool.connect(victim).buyCover(1, ethers.MaxUint256);
  const capital = (await pool.state()).capital;
  await pool.connect(s.lossOracle).reportLoss(victim, capital + 1n, ethers.id(`bankrupt-${e}`));
}
