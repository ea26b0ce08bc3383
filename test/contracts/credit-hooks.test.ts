/**
 * CreditHooks: the credit economy in the secret market and the insurance pools, through their hooks.
 *
 * Cases:
 * - listing: charged to the seller as a submission (engineering → solution 5 IT, kompromat → problem 3 IT); a seller
 *   who cannot pay cannot list; the attestor earns a validation reward at its score; an unscored attestor or one
 *   below the pool minimum earns nothing and the listing goes through;
 * - settlement: the engineer whose knowledge a pool bought earns ⌊price × rate⌋ clamped to the mission range,
 *   through the mission path; kompromat earns nothing; a failing reward never blocks the settlement;
 * - subscriptions: a mandatory member's fee is discounted by credit tier, rounded up;
 * - only the market calls the market hooks.
 */
import { expect } from "chai";
import { createNetwork } from "./helpers/network.js";
import { deploySystem, ENG, KOMP, listSecret, tokens, type System } from "./helpers/fixture.js";
import { cr, wad } from "./helpers/credit.js";
import { deployCreditLedger, type CreditLedgerSystem } from "../../sim/harness/credit/deploy.js";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { CreditHooks } from "../../typechain-types/index.js";

const { ethers, networkHelpers } = await createNetwork();
const { loadFixture } = networkHelpers;

interface HookedSystem extends System {
  credit2: CreditLedgerSystem<HardhatEthersSigner>;
  hooks: CreditHooks;
}

const RATE = wad(4); // 4 IT per token of price

async function hooked(): Promise<HookedSystem> {
  const s = await deploySystem(ethers, { poolCount: 1, params: { subscriptionFee: tokens(2) } });
  const credit2 = await deployCreditLedger(ethers, {
    roles: {
      admin: s.admin,
      registrar: s.governor,
      validationOracle: s.lossOracle,
      missions: s.wealthOracle,
      reviewer: s.underwriter,
      spender: s.arbiter,
      disputer: s.purger,
      governor: s.governor,
      reporter: s.operator,
    },
  });
  const e = credit2.economy;
  const hooks = await ethers.deployContract("CreditHooks", [e, s.market, 0, 1, RATE, s.admin]);
  for (const role of [await e.SPEND_ROLE(), await e.VALIDATION_ORACLE_ROLE(), await e.MISSION_ROLE()]) await e.grantRole(role, hooks);
  await hooks.grantRole(await hooks.SCORER_ROLE(), s.admin);
  await s.market.connect(s.governor).setHooks(hooks);
  await s.pools[0]!.connect(s.governor).setHooks(hooks);
  return { ...s, credit2, hooks };
}

describe("CreditHooks: the secret market", function () {
  it("charges a listing to the seller as a submission, and a seller without credit cannot list", async function () {
    const s = await loadFixture(hooked);
    const e = s.credit2.economy;
    await expect(listSecret(s, tokens(5))).to.be.revertedWithCustomError(e, "Credit_InsufficientBalance").withArgs(s.seller.address, 0, cr(5));
    await e.connect(s.governor).grantStarter(s.seller);
    const eng = listSecret(s, tokens(5));
    await expect(eng).to.emit(s.hooks, "ListingCharged").withArgs(1, s.seller.address, 1, cr(5));
    await expect(eng).to.emit(e, "SubmissionCharged").withArgs(s.seller.address, 1, 1, cr(5), cr(5), cr(3), cr("1.75"), cr("0.25"));
    await expect(listSecret(s, wad(0.9), { kind: KOMP })).to.emit(s.hooks, "ListingCharged").withArgs(2, s.seller.address, 0, cr(3));
    expect(await e.balanceOf(s.seller)).to.equal(cr(42));
    expect(await s.hooks.listingType(true)).to.equal(1);
    expect(await s.hooks.listingType(false)).to.equal(0);
  });

  it("rewards the attestor as a validator at its score; unscored or below the pool minimum, nothing, and the listing goes through", async function () {
    const s = await loadFixture(hooked);
    const e = s.credit2.economy;
    await e.connect(s.governor).grantStarter(s.seller);
    await expect(listSecret(s, tokens(100))).to.emit(s.hooks, "AttestationUnrewarded").withArgs(1, s.attestor.address, "0x");
    await expect(s.hooks.setAttestorScore(s.attestor, wad(0.85), wad(1.1))).to.emit(s.hooks, "AttestorScoreSet").withArgs(s.attestor.address, wad(0.85), wad(1.1));
    expect(await s.hooks.attestorScore(s.attestor)).to.deep.equal([true, wad(0.85), wad(1.1)]);
    const tx = listSecret(s, tokens(100));
    await expect(tx).to.emit(s.hooks, "AttestationRewarded").withArgs(2, s.attestor.address, cr("0.649"));
    await expect(tx).to.emit(e, "ValidationsRewarded").withArgs(s.attestor.address, 1, 1, cr("0.649"));
    expect(await e.balanceOf(s.attestor)).to.equal(cr("0.649"));
    await s.hooks.setAttestorScore(s.attestor, wad(0.5), wad(1));
    const low = e.interface.encodeErrorResult("Credit_F1BelowPoolMinimum", [wad(0.5), wad(0.65)]);
    await expect(listSecret(s, tokens(100))).to.emit(s.hooks, "AttestationUnrewarded").withArgs(3, s.attestor.address, low);
    expect((await s.market.getListing(3)).seller).to.equal(s.seller.address);
  });

  it("rejects scores out of range, from anyone but the scorer", async function () {
    const s = await loadFixture(hooked);
    await expect(s.hooks.setAttestorScore(s.attestor, wad(1.01), wad(1))).to.be.revertedWithCustomError(s.hooks, "CreditHooks_InvalidScore").withArgs(wad(1.01), wad(1));
    await expect(s.hooks.setAttestorScore(s.attestor, wad(0.9), wad(0.99))).to.be.revertedWithCustomError(s.hooks, "CreditHooks_InvalidScore");
    await expect(s.hooks.setAttestorScore(s.attestor, wad(0.9), 2n ** 64n)).to.be.revertedWithCustomError(s.hooks, "CreditHooks_InvalidScore");
    await expect(s.hooks.setAttestorScore(ethers.ZeroAddress, wad(0.9), wad(1))).to.be.revertedWithCustomError(s.hooks, "ZeroAddress").withArgs("attestor");
    await expect(s.hooks.connect(s.other).setAttestorScore(s.attestor, wad(0.9), wad(1))).to.be.revertedWithCustomError(s.hooks, "AccessControlUnauthorizedAccount");
  });

  it("rewards the engineer whose knowledge a pool bought when the escrow is released (mission path), not kompromat", async function () {
    const s = await loadFixture(hooked);
    const e = s.credit2.economy;
    const pool = s.pools[0]!;
    await e.connect(s.governor).grantStarter(s.seller);
    await listSecret(s, tokens(5)); // bought: reserve gets 1.75 IT from the charge
    await s.market.connect(s.seller).deliver(1, ethers.id("c"), "");
    const tx = pool.connect(s.operator).confirmDelivery(1);
    await expect(tx).to.emit(s.hooks, "KnowledgeRewarded").withArgs(1, s.seller.address, await pool.getAddress(), cr(20), cr(20));
    await expect(tx).to.emit(e, "FaucetPaid").withArgs(s.seller.address, 1, cr(20), cr(20), cr(20), 0, cr("1.75"), cr("18.25"));
    expect(await e.balanceOf(s.seller)).to.equal(cr(65));
    // kompromat: settled, no credit
    await listSecret(s, wad(0.9), { kind: KOMP });
    await s.market.connect(s.seller).deliver(2, ethers.id("k"), "");
    const k = pool.connect(s.operator).confirmDelivery(2);
    await expect(k).to.emit(s.market, "Settled");
    await expect(k).to.not.emit(s.hooks, "KnowledgeRewarded");
    // the reward is clamped to the mission range
    expect(await s.hooks.saleReward(1n)).to.equal(cr(5));
    expect(await s.hooks.saleReward(tokens(1_000))).to.equal(cr(100));
    expect(await s.hooks.saleReward(tokens(10))).to.equal(cr(40));
  });

  it("settles a sale even when the reward fails (economy paused)", async function () {
    const s = await loadFixture(hooked);
    const e = s.credit2.economy;
    const pool = s.pools[0]!;
    await e.connect(s.governor).grantStarter(s.seller);
    await listSecret(s, tokens(5));
    await s.market.connect(s.seller).deliver(1, ethers.id("c"), "");
    await e.connect(s.admin).pause();
    const before = await s.asset.balanceOf(s.seller);
    const tx = pool.connect(s.operator).confirmDelivery(1);
    await expect(tx).to.emit(s.hooks, "KnowledgeRewardFailed").withArgs(1, s.seller.address, e.interface.encodeErrorResult("EnforcedPause", []));
    expect(await s.asset.balanceOf(s.seller)).to.equal(before + tokens(5));
  });

  it("lets only the market call the market hooks", async function () {
    const s = await loadFixture(hooked);
    await expect(s.hooks.onListed(1, s.seller, s.attestor)).to.be.revertedWithCustomError(s.hooks, "CreditHooks_OnlyMarket").withArgs(s.admin.address);
    await expect(s.hooks.onSettled(1, s.seller, s.pools[0]!, ENG, 1)).to.be.revertedWithCustomError(s.hooks, "CreditHooks_OnlyMarket");
    const f = await ethers.getContractFactory("CreditHooks");
    const e = s.credit2.economy;
    await expect(f.deploy(ethers.ZeroAddress, s.market, 0, 1, RATE, s.admin)).to.be.revertedWithCustomError(f, "ZeroAddress").withArgs("economy");
    await expect(f.deploy(e, ethers.ZeroAddress, 0, 1, RATE, s.admin)).to.be.revertedWithCustomError(f, "ZeroAddress").withArgs("market");
    await expect(f.deploy(e, s.market, 0, 1, RATE, ethers.ZeroAddress)).to.be.revertedWithCustomError(f, "ZeroAddress").withArgs("admin");
  });
});

describe("CreditHooks: subscription discount by credit tier", function () {
  it("discounts a mandatory member's fee 5 / 10 / 15% by credits earned, rounded up in the pool's favour", async function () {
    const s = await loadFixture(hooked);
    const e = s.credit2.economy;
    const pool = s.pools[0]!;
    const m = s.members[0]!;
    await pool.connect(s.governor).enroll(m);
    expect(await pool.subscriptionFeeOf(m)).to.equal(tokens(2));
    const missions = e.connect(s.wealthOracle);
    await missions.rewardMission(m, cr(100), false);
    expect(await pool.subscriptionFeeOf(m)).to.equal(tokens(2) * 95n / 100n);
    await expect(pool.connect(m).paySubscription(m, 1)).to.emit(pool, "SubscriptionPaid").withArgs(m.address, m.address, 0, 1, wad(1.9));
    await missions.rewardMission(m, cr(100), false); // 100 + 75 = 175 → still 5%
    expect(await s.hooks.subscriptionFee(m, tokens(2))).to.equal(wad(1.9));
    await missions.rewardMission(m, cr(100), false); // + 25 = 200
    await networkHelpers.time.increase(86_400);
    for (let k = 0; k < 3; k++) await missions.rewardMission(m, cr(100), false); // 400 → 10%
    expect(await pool.subscriptionFeeOf(m)).to.equal(wad(1.8));
    await networkHelpers.time.increase(86_400);
    for (let k = 0; k < 3; k++) await missions.rewardMission(m, cr(100), false); // 600 → 15%
    expect(await pool.subscriptionFeeOf(m)).to.equal(wad(1.7));
    expect(await s.hooks.subscriptionFee(m, 3n)).to.equal(3n); // ⌈2.55⌉
    expect(await s.hooks.subscriptionFee(s.members[1]!, tokens(2))).to.equal(tokens(2));
  });
});
