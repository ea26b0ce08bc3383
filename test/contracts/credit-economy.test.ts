/**
 * CreditEconomy: every faucet and sink with the design's figures (LEDGER.md §3–§6), the submission split and
 * its remainder rule, disputes, slashes, role separation, and the soulbound paths.
 *
 * Cases:
 * - faucets: starter grant (once; roles), validations (F1 multiplier × quality, the daily validation cap, 60%
 *   from the reward pool as far as it holds), missions (range, reserve first, reserve-only), evidence review,
 *   referral (once per referred agent, no self-referral); diminishing returns and the daily earning cap across
 *   all earned faucets, Appendix A's figure;
 * - sinks: submissions by type and count, the 60/35/5 split summing exactly (remainder to the pool, ≤ 2 wei),
 *   votes/circles/priority with the transaction tax, features, insufficient balances;
 * - disputes: stake into escrow, rejected → burned, upheld → returned + bonus (at most the reserve);
 * - slashes: 50, 200, then everything, burned, not an activity;
 * - soulbound: transfer, transferFrom, approve, mint and burn revert; no operation changes two balances.
 */
import { expect } from "chai";
import { createNetwork } from "./helpers/network.js";
import { cr, DAY, deployCreditFixture, FAUCET, IT, LEVER, SPEND, SUB, WAD, wad, type CreditFixture } from "./helpers/credit.js";

const { ethers, networkHelpers } = await createNetwork();
const { loadFixture, time } = networkHelpers;

async function base(): Promise<CreditFixture> {
  return deployCreditFixture(ethers, time);
}

/** Two agents with their starter grants at t = 10, 11. */
async function granted(): Promise<CreditFixture> {
  const s = await base();
  const reg = s.economy.connect(s.roles.registrar);
  await s.atT(10, () => reg.grantStarter(s.agents[0]!));
  await s.atT(11, () => reg.grantStarter(s.agents[1]!));
  return s;
}

/** An odd submission cost (3 IT + 7 wei) so that the split's parts need rounding. */
async function oddCost(): Promise<CreditFixture> {
  const s = await deployCreditFixture(ethers, time, { paramsOverrides: { submissionCost: [3n * IT + 7n, 5n * IT + 19n, 2n * IT] } });
  await s.atT(10, () => s.economy.connect(s.roles.registrar).grantStarter(s.agents[0]!));
  return s;
}

describe("CreditEconomy: faucets", function () {
  it("pays the starter grant once per agent, by the registrar only", async function () {
    const s = await loadFixture(base);
    const [a] = s.agents;
    const reg = s.economy.connect(s.roles.registrar);
    await s.at(10);
    await expect(reg.grantStarter(a!)).to.emit(s.economy, "StarterGranted").withArgs(a!.address, cr(50));
    expect(await s.economy.balanceOf(a!)).to.equal(cr(50));
    expect(await s.economy.totalIssued()).to.equal(cr(50));
    expect(await s.economy.totalSupply()).to.equal(cr(50));
    expect((await s.economy.flagsOf(a!)).starterPaid).to.equal(true);
    await expect(reg.grantStarter(a!)).to.be.revertedWithCustomError(s.economy, "Credit_StarterGrantAlreadyPaid").withArgs(a!.address);
    await expect(s.economy.connect(s.roles.missions).grantStarter(s.agents[1]!))
      .to.be.revertedWithCustomError(s.economy, "AccessControlUnauthorizedAccount")
      .withArgs(s.roles.missions.address, await s.economy.REGISTRAR_ROLE());
    await expect(reg.grantStarter(ethers.ZeroAddress)).to.be.revertedWithCustomError(s.economy, "ZeroAddress").withArgs("agent");
  });

  it("reverts every operation before genesis, and views answer for second 0", async function () {
    const s = await deployCreditFixture(ethers, time, { genesisDelay: 10_000 });
    await expect(s.economy.connect(s.roles.registrar).grantStarter(s.agents[0]!))
      .to.be.revertedWithCustomError(s.economy, "Credit_BeforeGenesis");
    await expect(s.economy.evaluate()).to.be.revertedWithCustomError(s.economy, "Credit_BeforeGenesis");
    await expect(s.parameters.connect(s.roles.governor).proposeLever(LEVER.starterGrant, cr(60)))
      .to.be.revertedWithCustomError(s.parameters, "Credit_BeforeGenesis");
    expect(await s.economy.activeAgents()).to.equal(0);
    expect(await s.parameters.leverValue(LEVER.starterGrant)).to.equal(cr(50));
    expect((await s.economy.decayClock()).clock).to.equal(0);
  });

  it("rewards validations: base × F1 multiplier × quality, rounded down once (0.649 IT at F1 0.85, quality 1.1)", async function () {
    const s = await loadFixture(granted);
    const [a] = s.agents;
    const v = s.economy.connect(s.roles.validationOracle);
    await s.at(100);
    const tx = v.rewardValidations(a!, 10, wad(0.85), wad(1.1));
    await expect(tx).to.emit(s.economy, "ValidationsRewarded").withArgs(a!.address, 10, 10, cr("0.649"));
    await expect(tx).to.emit(s.economy, "FaucetPaid").withArgs(a!.address, FAUCET.validation, cr("6.49"), cr("6.49"), cr("6.49"), 0, 0, cr("6.49"));
    expect(await s.economy.balanceOf(a!)).to.equal(cr("56.49"));
    // m(f1) = clamp(2.2·f1 − 0.69, 0.70, 1.50): 0.74 at 0.65; 1.51 → 1.50 at 1.0; quality 1.5
    await s.at(101);
    await expect(v.rewardValidations(a!, 1, wad(0.65), WAD)).to.emit(s.economy, "ValidationsRewarded").withArgs(a!.address, 1, 1, cr("0.37"));
    await s.at(102);
    await expect(v.rewardValidations(a!, 1, WAD, wad(1.5))).to.emit(s.economy, "ValidationsRewarded").withArgs(a!.address, 1, 1, cr("1.125"));
  });

  it("rejects F1 above 1, below the pool minimum, quality out of range, zero counts, and other roles", async function () {
    const s = await loadFixture(granted);
    const [a] = s.agents;
    const v = s.economy.connect(s.roles.validationOracle);
    await expect(v.rewardValidations(a!, 1, WAD + 1n, WAD)).to.be.revertedWithCustomError(s.economy, "Credit_F1OutOfRange").withArgs(WAD + 1n);
    await expect(v.rewardValidations(a!, 1, wad(0.649), WAD))
      .to.be.revertedWithCustomError(s.economy, "Credit_F1BelowPoolMinimum")
      .withArgs(wad(0.649), wad(0.65));
    await expect(v.rewardValidations(a!, 1, wad(0.9), wad(0.99)))
      .to.be.revertedWithCustomError(s.economy, "Credit_QualityOutOfRange")
      .withArgs(wad(0.99), WAD, wad(1.5));
    await expect(v.rewardValidations(a!, 1, wad(0.9), wad(1.51))).to.be.revertedWithCustomError(s.economy, "Credit_QualityOutOfRange");
    await expect(v.rewardValidations(a!, 0, wad(0.9), WAD)).to.be.revertedWithCustomError(s.economy, "Credit_ZeroCount").withArgs(0);
    await expect(v.rewardValidations(a!, 2n ** 32n, wad(0.9), WAD)).to.be.revertedWithCustomError(s.economy, "Credit_ZeroCount");
    await expect(s.economy.connect(s.roles.reviewer).rewardValidations(a!, 1, wad(0.9), WAD))
      .to.be.revertedWithCustomError(s.economy, "AccessControlUnauthorizedAccount")
      .withArgs(s.roles.reviewer.address, await s.economy.VALIDATION_ORACLE_ROLE());
  });

  it("pays at most the daily validation cap (50) per day, without reverting, and resets on a new day", async function () {
    const s = await loadFixture(granted);
    const [a] = s.agents;
    const v = s.economy.connect(s.roles.validationOracle);
    await s.at(100);
    await v.rewardValidations(a!, 45, wad(0.85), WAD);
    await s.at(101);
    await expect(v.rewardValidations(a!, 10, wad(0.85), WAD)).to.emit(s.economy, "ValidationsRewarded").withArgs(a!.address, 10, 5, cr("0.59"));
    await s.at(102);
    const none = v.rewardValidations(a!, 3, wad(0.85), WAD);
    await expect(none).to.emit(s.economy, "ValidationsRewarded").withArgs(a!.address, 3, 0, cr("0.59"));
    await expect(none).to.emit(s.economy, "FaucetPaid").withArgs(a!.address, FAUCET.validation, 0, 0, 0, 0, 0, 0);
    expect(await s.economy.dailyCounters(a!)).to.deep.equal([cr("29.5"), 50n]);
    await s.at(DAY);
    await expect(v.rewardValidations(a!, 3, wad(0.85), WAD)).to.emit(s.economy, "ValidationsRewarded").withArgs(a!.address, 3, 3, cr("0.59"));
    expect(await s.economy.dailyCounters(a!)).to.deep.equal([cr("1.77"), 3n]);
    await s.mineAt(2 * DAY);
    expect(await s.economy.dailyCounters(a!)).to.deep.equal([0n, 0n]);
  });

  it("draws 60% of a validation reward from the reward pool as far as it holds, issuing the rest", async function () {
    const s = await loadFixture(granted);
    const [a, b] = s.agents;
    await s.atT(100, () => s.economy.connect(b!).chargeSubmission(b!, SUB.solution, 2)); // pool += 6 IT
    expect(await s.economy.rewardPool()).to.equal(cr(6));
    const v = s.economy.connect(s.roles.validationOracle);
    await s.at(101);
    await expect(v.rewardValidations(a!, 10, wad(0.85), wad(1.1)))
      .to.emit(s.economy, "FaucetPaid")
      .withArgs(a!.address, FAUCET.validation, cr("6.49"), cr("6.49"), cr("6.49"), cr("3.894"), 0, cr("2.596"));
    await s.at(102);
    await expect(v.rewardValidations(a!, 10, wad(0.85), wad(1.1)))
      .to.emit(s.economy, "FaucetPaid")
      .withArgs(a!.address, FAUCET.validation, cr("6.49"), cr("6.49"), cr("6.49"), cr("2.106"), 0, cr("4.384"));
    expect(await s.economy.rewardPool()).to.equal(0);
  });

  it("pays missions within the levers' range, from the reserve first; reserve-only missions need the whole amount", async function () {
    const s = await loadFixture(granted);
    const [a, b] = s.agents;
    const m = s.economy.connect(s.roles.missions);
    await expect(m.rewardMission(a!, cr("4.99"), false)).to.be.revertedWithCustomError(s.economy, "Credit_MissionRewardOutOfRange").withArgs(cr("4.99"), cr(5), cr(100));
    await expect(m.rewardMission(a!, cr(101), false)).to.be.revertedWithCustomError(s.economy, "Credit_MissionRewardOutOfRange");
    await expect(m.rewardMission(a!, cr(5), true)).to.be.revertedWithCustomError(s.economy, "Credit_ReserveInsufficient").withArgs(0, cr(5));
    await s.atT(100, () => s.economy.connect(b!).chargeSubmission(b!, SUB.solution, 2)); // reserve += 3.5 IT
    await s.at(101);
    await expect(m.rewardMission(a!, cr(5), false))
      .to.emit(s.economy, "FaucetPaid")
      .withArgs(a!.address, FAUCET.mission, cr(5), cr(5), cr(5), 0, cr("3.5"), cr("1.5"));
    await s.atT(102, () => s.economy.connect(b!).chargeSubmission(b!, SUB.solution, 4)); // reserve += 7 IT
    await s.at(103);
    await expect(m.rewardMission(a!, cr(5), true))
      .to.emit(s.economy, "FaucetPaid")
      .withArgs(a!.address, FAUCET.missionReserveOnly, cr(5), cr(5), cr(5), 0, cr(5), 0);
    expect(await s.economy.reserve()).to.equal(cr(2));
    await expect(m.rewardMission(a!, cr(5), true)).to.be.revertedWithCustomError(s.economy, "Credit_ReserveInsufficient").withArgs(cr(2), cr(5));
    await expect(s.economy.connect(s.roles.reviewer).rewardMission(a!, cr(5), false)).to.be.revertedWithCustomError(s.economy, "AccessControlUnauthorizedAccount");
  });

  it("applies diminishing returns above 100 IT a day and the 200 IT daily earning cap across all earned faucets", async function () {
    const s = await loadFixture(granted);
    const [a] = s.agents;
    const m = s.economy.connect(s.roles.missions);
    const paid = async (t: number, amount: bigint) => {
      await s.at(t);
      const rc = await (await m.rewardMission(a!, amount, false)).wait();
      const ev = rc!.logs.map((l) => s.economy.interface.parseLog(l)).find((e) => e?.name === "FaucetPaid")!;
      return ev.args.paid as bigint;
    };
    // Appendix A: 150 IT earned in a day at rate 0.25 → penalty (150 − 100)/150 × 0.25 of it: 137.5 IT, in any order
    expect(await paid(100, cr(75))).to.equal(cr(75));
    expect(await paid(101, cr(75))).to.equal(cr("62.5")); // 25 + 50 × 0.75
    expect(await paid(DAY + 100, cr(100))).to.equal(cr(100));
    expect(await paid(DAY + 101, cr(50))).to.equal(cr("37.5"));
    // the cap: 100 + 75 + 25 = 200 IT, then nothing
    expect(await paid(2 * DAY + 100, cr(100))).to.equal(cr(100));
    expect(await paid(2 * DAY + 101, cr(100))).to.equal(cr(75));
    expect(await paid(2 * DAY + 102, cr(100))).to.equal(cr(25));
    expect(await paid(2 * DAY + 103, cr(100))).to.equal(0);
    // reviews and validations count towards the same day's earnings
    await s.atT(3 * DAY + 100, () => s.economy.connect(s.roles.reviewer).rewardEvidenceReview(a!, cr(2)));
    expect(await paid(3 * DAY + 101, cr(100))).to.equal(cr("99.5")); // 98 below the threshold, 2 above at 0.75
    expect((await s.economy.dailyCounters(a!)).earned).to.equal(cr("101.5"));
  });

  it("pays evidence reviews of 1–2 IT, issued, by the reviewer role", async function () {
    const s = await loadFixture(granted);
    const [a] = s.agents;
    const r = s.economy.connect(s.roles.reviewer);
    await expect(r.rewardEvidenceReview(a!, cr("0.9"))).to.be.revertedWithCustomError(s.economy, "Credit_ReviewRewardOutOfRange").withArgs(cr("0.9"), cr(1), cr(2));
    await expect(r.rewardEvidenceReview(a!, cr("2.1"))).to.be.revertedWithCustomError(s.economy, "Credit_ReviewRewardOutOfRange");
    await s.at(100);
    await expect(r.rewardEvidenceReview(a!, cr("1.5"))).to.emit(s.economy, "FaucetPaid").withArgs(a!.address, FAUCET.review, cr("1.5"), cr("1.5"), cr("1.5"), 0, 0, cr("1.5"));
    await expect(s.economy.connect(s.roles.missions).rewardEvidenceReview(a!, cr(1))).to.be.revertedWithCustomError(s.economy, "AccessControlUnauthorizedAccount");
  });

  it("rewards a referral once per referred agent, to the referrer only, never a self-referral", async function () {
    const s = await loadFixture(granted);
    const [a, b, c] = s.agents;
    const reg = s.economy.connect(s.roles.registrar);
    await s.at(100);
    const tx = reg.rewardReferral(a!, c!);
    await expect(tx).to.emit(s.economy, "ReferralRewarded").withArgs(a!.address, c!.address);
    await expect(tx).to.emit(s.economy, "FaucetPaid").withArgs(a!.address, FAUCET.referral, cr(25), cr(25), cr(25), 0, 0, cr(25));
    expect(await s.economy.balanceOf(a!)).to.equal(cr(75));
    expect(await s.economy.balanceOf(c!)).to.equal(0);
    expect((await s.economy.flagsOf(c!)).referralPaid).to.equal(true);
    await expect(reg.rewardReferral(b!, c!)).to.be.revertedWithCustomError(s.economy, "Credit_ReferralAlreadyPaid").withArgs(c!.address);
    await expect(reg.rewardReferral(a!, a!)).to.be.revertedWithCustomError(s.economy, "Credit_SelfReferral").withArgs(a!.address);
    await expect(reg.rewardReferral(a!, ethers.ZeroAddress)).to.be.revertedWithCustomError(s.economy, "ZeroAddress").withArgs("referred");
  });
});

describe("CreditEconomy: sinks", function () {
  it("charges submissions by type (problem 3, solution 5, debate 2 IT) × count, split 60/35/5", async function () {
    const s = await loadFixture(granted);
    const [a] = s.agents;
    await s.at(100);
    await expect(s.economy.connect(a!).chargeSubmission(a!, SUB.problem, 1))
      .to.emit(s.economy, "SubmissionCharged")
      .withArgs(a!.address, SUB.problem, 1, cr(3), cr(3), cr("1.8"), cr("1.05"), cr("0.15"));
    await s.at(101);
    await expect(s.economy.connect(a!).chargeSubmission(a!, SUB.solution, 3))
      .to.emit(s.economy, "SubmissionCharged")
      .withArgs(a!.address, SUB.solution, 3, cr(5), cr(15), cr(9), cr("5.25"), cr("0.75"));
    await s.at(102);
    await expect(s.economy.connect(s.roles.spender).chargeSubmission(a!, SUB.debate, 2))
      .to.emit(s.economy, "SubmissionCharged")
      .withArgs(a!.address, SUB.debate, 2, cr(2), cr(4), cr("2.4"), cr("1.4"), cr("0.2"));
    expect(await s.economy.balanceOf(a!)).to.equal(cr(28));
    expect(await s.economy.totals()).to.deep.equal([cr(78), 0n, cr("13.2"), cr("7.7"), cr(100), cr("1.1")]); // supply, escrow, pool, reserve, issued, burned
    expect(await s.economy.quoteSubmission(a!, SUB.solution, 2)).to.equal(cr(10));
  });

  it("sums the split's parts exactly to the cost: burn and reserve rounded down, the pool takes ≤ 2 wei of remainder", async function () {
    const s = await loadFixture(oddCost);
    const [a] = s.agents;
    await s.at(100);
    // 3e18 + 7: burn ⌊0.05 ×⌋ = 1.5e17, reserve ⌊0.35 ×⌋ = 1.05e18 + 2, pool 1.8e18 + 5 (60% = 1.8e18 + 4.2)
    await expect(s.economy.connect(a!).chargeSubmission(a!, SUB.problem, 1))
      .to.emit(s.economy, "SubmissionCharged")
      .withArgs(a!.address, SUB.problem, 1, 3n * IT + 7n, 3n * IT + 7n, cr("1.8") + 5n, cr("1.05") + 2n, cr("0.15"));
    await s.at(101);
    // 5e18 + 19: burn 2.5e17, reserve 1.75e18 + 6, pool 3e18 + 13 (60% = 3e18 + 11.4)
    await expect(s.economy.connect(a!).chargeSubmission(a!, SUB.solution, 1))
      .to.emit(s.economy, "SubmissionCharged")
      .withArgs(a!.address, SUB.solution, 1, 5n * IT + 19n, 5n * IT + 19n, 3n * IT + 13n, cr("1.75") + 6n, cr("0.25"));
    for (const count of [1, 2, 3, 7]) {
      await s.at(102 + count);
      const rc = await (await s.economy.connect(a!).chargeSubmission(a!, SUB.problem, count)).wait();
      const ev = rc!.logs.map((l) => s.economy.interface.parseLog(l)).find((e) => e?.name === "SubmissionCharged")!;
      const { total, toPool, toReserve, burned } = ev.args as unknown as { total: bigint; toPool: bigint; toReserve: bigint; burned: bigint };
      expect(toPool + toReserve + burned).to.equal(total);
      expect(burned).to.equal((total * 500n) / 10_000n);
      expect(toReserve).to.equal((total * 3_500n) / 10_000n);
      const sixty = (total * 6_000n) / 10_000n;
      expect(toPool - sixty).to.be.within(0n, 2n);
    }
    const [supply, escrow, pool, reserve, issued, burned] = await s.economy.totals();
    expect(issued - burned).to.equal(supply + escrow + pool + reserve);
  });

  it("rejects a charge the balance (after decay) cannot pay, zero counts, and strangers", async function () {
    const s = await loadFixture(granted);
    const [a, b] = s.agents;
    await expect(s.economy.connect(a!).chargeSubmission(a!, SUB.solution, 11))
      .to.be.revertedWithCustomError(s.economy, "Credit_InsufficientBalance")
      .withArgs(a!.address, cr(50), cr(55));
    await expect(s.economy.connect(a!).chargeSubmission(a!, SUB.solution, 0)).to.be.revertedWithCustomError(s.economy, "Credit_ZeroCount").withArgs(0);
    await expect(s.economy.connect(b!).chargeSubmission(a!, SUB.solution, 1))
      .to.be.revertedWithCustomError(s.economy, "Credit_NotAgentOrSpender")
      .withArgs(b!.address, a!.address);
    await expect(s.economy.connect(b!).chargeSpend(a!, SPEND.vote)).to.be.revertedWithCustomError(s.economy, "Credit_NotAgentOrSpender");
    await expect(s.economy.connect(a!).chargeSubmission(ethers.ZeroAddress, SUB.solution, 1)).to.be.revertedWithCustomError(s.economy, "Credit_NotAgentOrSpender");
    await expect(s.economy.connect(s.roles.spender).chargeSubmission(ethers.ZeroAddress, SUB.solution, 1)).to.be.revertedWithCustomError(s.economy, "ZeroAddress");
  });

  it("charges votes (5), circles (25) and priority (15 IT): the 5% transaction tax burned, the rest to the reserve", async function () {
    const s = await loadFixture(granted);
    const [a, b] = s.agents;
    await s.at(100);
    await expect(s.economy.connect(a!).chargeSpend(a!, SPEND.vote)).to.emit(s.economy, "SpendCharged").withArgs(a!.address, SPEND.vote, cr(5), cr("4.75"), cr("0.25"));
    await s.at(101);
    await expect(s.economy.connect(a!).chargeSpend(a!, SPEND.circle)).to.emit(s.economy, "SpendCharged").withArgs(a!.address, SPEND.circle, cr(25), cr("23.75"), cr("1.25"));
    await s.at(102);
    await expect(s.economy.connect(s.roles.spender).chargeSpend(a!, SPEND.priority)).to.emit(s.economy, "SpendCharged").withArgs(a!.address, SPEND.priority, cr(15), cr("14.25"), cr("0.75"));
    expect(await s.economy.balanceOf(a!)).to.equal(cr(5));
    expect(await s.economy.reserve()).to.equal(cr("42.75"));
    await expect(s.economy.connect(a!).chargeSpend(a!, SPEND.circle)).to.be.revertedWithCustomError(s.economy, "Credit_InsufficientBalance").withArgs(a!.address, cr(5), cr(25));
    // the tax lever (0–10%): 10% from 6 hours after the proposal
    await s.atT(200, () => s.parameters.connect(s.roles.governor).proposeLever(LEVER.transactionTax, wad(0.1)));
    await s.at(200 + 6 * 3600);
    await expect(s.economy.connect(b!).chargeSpend(b!, SPEND.vote)).to.emit(s.economy, "SpendCharged").withArgs(b!.address, SPEND.vote, cr(5), cr("4.5"), cr("0.5"));
  });

  it("burns a feature purchase whole, charged by the spend role only", async function () {
    const s = await loadFixture(granted);
    const [a] = s.agents;
    const sp = s.economy.connect(s.roles.spender);
    await expect(sp.buyFeature(a!, 0)).to.be.revertedWithCustomError(s.economy, "Credit_ZeroAmount");
    await expect(sp.buyFeature(a!, cr(51))).to.be.revertedWithCustomError(s.economy, "Credit_InsufficientBalance").withArgs(a!.address, cr(50), cr(51));
    await expect(s.economy.connect(a!).buyFeature(a!, cr(1)))
      .to.be.revertedWithCustomError(s.economy, "AccessControlUnauthorizedAccount")
      .withArgs(a!.address, await s.economy.SPEND_ROLE());
    await s.at(100);
    await expect(sp.buyFeature(a!, cr(20))).to.emit(s.economy, "FeaturePurchased").withArgs(a!.address, cr(20));
    expect(await s.economy.totalBurned()).to.equal(cr(20));
    expect(await s.economy.totalSupply()).to.equal(cr(80));
  });
});

describe("CreditEconomy: disputes and slashes", function () {
  it("holds a dispute stake in escrow and burns it when the challenge fails", async function () {
    const s = await loadFixture(granted);
    const [a, b] = s.agents;
    const d = s.economy.connect(s.roles.disputer);
    await s.at(100);
    await expect(d.openDispute(a!, 7)).to.emit(s.economy, "DisputeOpened").withArgs(a!.address, 7, cr(10));
    expect(await s.economy.totals()).to.deep.equal([cr(90), cr(10), 0n, 0n, cr(100), 0n]);
    expect(await s.economy.disputeOf(7)).to.deep.equal([a!.address, cr(10)]);
    await expect(d.openDispute(b!, 7)).to.be.revertedWithCustomError(s.economy, "Credit_DisputeExists").withArgs(7);
    // the platform numbers disputes: an agent cannot open one (it could squat the platform's ids)
    await expect(s.economy.connect(a!).openDispute(a!, 8))
      .to.be.revertedWithCustomError(s.economy, "AccessControlUnauthorizedAccount")
      .withArgs(a!.address, await s.economy.DISPUTE_ROLE());
    await expect(s.economy.connect(a!).resolveDispute(7, false)).to.be.revertedWithCustomError(s.economy, "AccessControlUnauthorizedAccount");
    await s.at(200);
    await expect(s.economy.connect(s.roles.disputer).resolveDispute(7, false)).to.emit(s.economy, "DisputeResolved").withArgs(a!.address, 7, false, cr(10), 0);
    expect(await s.economy.totals()).to.deep.equal([cr(90), 0n, 0n, 0n, cr(100), cr(10)]);
    await expect(s.economy.connect(s.roles.disputer).resolveDispute(7, true)).to.be.revertedWithCustomError(s.economy, "Credit_UnknownDispute").withArgs(7);
  });

  it("returns an upheld stake with the 5 IT bonus from the reserve, at most what the reserve holds", async function () {
    const s = await loadFixture(granted);
    const [a, b] = s.agents;
    const d = s.economy.connect(s.roles.disputer);
    await s.atT(100, () => d.openDispute(a!, 1));
    await s.atT(101, () => s.economy.connect(b!).chargeSubmission(b!, SUB.solution, 2)); // reserve 3.5 IT
    await s.at(102);
    await expect(d.resolveDispute(1, true)).to.emit(s.economy, "DisputeResolved").withArgs(a!.address, 1, true, cr(10), cr("3.5"));
    expect(await s.economy.balanceOf(a!)).to.equal(cr("53.5"));
    await s.atT(103, () => s.economy.connect(b!).chargeSubmission(b!, SUB.solution, 4)); // reserve 7 IT
    await s.atT(104, () => d.openDispute(a!, 2));
    await s.at(105);
    await expect(d.resolveDispute(2, true)).to.emit(s.economy, "DisputeResolved").withArgs(a!.address, 2, true, cr(10), cr(5));
    expect(await s.economy.reserve()).to.equal(cr(2));
    await expect(d.openDispute(s.agents[2]!, 3)).to.be.revertedWithCustomError(s.economy, "Credit_InsufficientBalance").withArgs(s.agents[2]!.address, 0, cr(10));
    const [supply, escrow, pool, reserve, issued, burned] = await s.economy.totals();
    expect(issued - burned).to.equal(supply + escrow + pool + reserve);
  });

  it("slashes 50 IT, then 200 IT, then the full balance (each at most the balance), burned, without marking activity", async function () {
    const s = await loadFixture(granted);
    const [a, b] = s.agents;
    const g = s.economy.connect(s.roles.governor);
    await s.atT(100, () => s.economy.connect(s.roles.missions).rewardMission(a!, cr(100), false)); // 150 IT
    await s.atT(DAY, () => s.economy.connect(s.roles.missions).rewardMission(a!, cr(100), false)); // 250 IT
    const before = await s.economy.activityOf(a!);
    await s.at(2 * DAY);
    await expect(g.slash(a!)).to.emit(s.economy, "Slashed").withArgs(a!.address, 1, cr(50));
    await s.at(2 * DAY + 1);
    await expect(g.slash(a!)).to.emit(s.economy, "Slashed").withArgs(a!.address, 2, cr(200));
    expect(await s.economy.balanceOf(a!)).to.equal(0);
    await s.at(2 * DAY + 2);
    await expect(g.slash(b!)).to.emit(s.economy, "Slashed").withArgs(b!.address, 1, cr(50));
    await s.atT(2 * DAY + 3, () => s.economy.connect(s.roles.registrar).grantStarter(s.agents[2]!));
    await s.atT(2 * DAY + 4, () => s.economy.connect(s.roles.missions).rewardMission(b!, cr(100), false));
    await s.atT(2 * DAY + 5, () => g.slash(b!));
    expect(await s.economy.balanceOf(b!)).to.equal(0); // second offense: min(200, 100)
    await s.atT(3 * DAY, () => s.economy.connect(s.roles.missions).rewardMission(b!, cr(75), false)); // a new day: below the threshold
    await s.at(3 * DAY + 1);
    await expect(g.slash(b!)).to.emit(s.economy, "Slashed").withArgs(b!.address, 3, cr(75));
    await s.at(3 * DAY + 2);
    await expect(g.slash(b!)).to.emit(s.economy, "Slashed").withArgs(b!.address, 4, 0);
    expect((await s.economy.flagsOf(b!)).slashCount).to.equal(4);
    expect((await s.economy.activityOf(a!)).lastActivity).to.equal(before.lastActivity);
    expect(await s.economy.totalBurned()).to.equal(cr(50 + 200 + 50 + 100 + 75));
    await expect(s.economy.connect(s.roles.disputer).slash(a!)).to.be.revertedWithCustomError(s.economy, "AccessControlUnauthorizedAccount");
  });
});

describe("CreditEconomy: soulbound", function () {
  it("reverts transfer, transferFrom and approve, and disables the plain mint and burn even for faucet and sink roles", async function () {
    const s = await loadFixture(granted);
    const [a, b] = s.agents;
    await expect(s.economy.connect(a!).transfer(b!, 1n)).to.be.revertedWithCustomError(s.economy, "Credit_NonTransferable").withArgs(a!.address, b!.address, 1n);
    await expect(s.economy.connect(b!).transferFrom(a!, b!, 1n)).to.be.revertedWithCustomError(s.economy, "Credit_NonTransferable").withArgs(a!.address, b!.address, 1n);
    await expect(s.economy.connect(a!).approve(b!, 1n)).to.be.revertedWithCustomError(s.economy, "Credit_ApprovalDisabled").withArgs(a!.address, b!.address);
    await expect(s.economy.connect(a!).transfer(b!, 0n)).to.be.revertedWithCustomError(s.economy, "Credit_NonTransferable");
    await s.economy.connect(s.roles.admin).grantRole(await s.economy.FAUCET_ROLE(), s.roles.admin);
    await s.economy.connect(s.roles.admin).grantRole(await s.economy.SINK_ROLE(), s.roles.admin);
    await expect(s.economy.connect(s.roles.admin).mint(a!, 1n)).to.be.revertedWithCustomError(s.economy, "Credit_DirectMintBurnDisabled");
    await expect(s.economy.connect(s.roles.admin).burn(a!, 1n)).to.be.revertedWithCustomError(s.economy, "Credit_DirectMintBurnDisabled");
    expect(await s.economy.allowance(a!, b!)).to.equal(0);
    expect(await s.economy.balanceOf(a!)).to.equal(cr(50));
    expect(await s.economy.balanceOf(b!)).to.equal(cr(50));
  });

  it("changes at most one agent's balance per operation", async function () {
    const s = await loadFixture(granted);
    const [a, b, c] = s.agents;
    const all = [a!, b!, c!];
    const balances = async () => (await s.economy.balancesOf(all)).settled.map((x) => x);
    const ops: (() => Promise<unknown>)[] = [
      () => s.economy.connect(s.roles.registrar).rewardReferral(a!, c!),
      () => s.economy.connect(s.roles.validationOracle).rewardValidations(b!, 5, wad(0.9), WAD),
      () => s.economy.connect(a!).chargeSubmission(a!, SUB.debate, 1),
      () => s.economy.connect(s.roles.disputer).openDispute(b!, 1),
      () => s.economy.connect(s.roles.disputer).resolveDispute(1, true),
      () => s.economy.connect(s.roles.governor).slash(a!),
    ];
    let t = 100;
    for (const op of ops) {
      const before = await balances();
      await s.atT(t++, op);
      const after = await balances();
      expect(before.filter((x, i) => x !== after[i]).length).to.be.at.most(1);
    }
  });

  it("pauses every operation with the pauser role", async function () {
    const s = await loadFixture(granted);
    const [a] = s.agents;
    await s.economy.connect(s.roles.admin).pause();
    await expect(s.economy.connect(a!).chargeSpend(a!, SPEND.vote)).to.be.revertedWithCustomError(s.economy, "EnforcedPause");
    await expect(s.economy.evaluate()).to.be.revertedWithCustomError(s.economy, "EnforcedPause");
    await s.economy.connect(s.roles.admin).unpause();
    await expect(s.economy.connect(a!).chargeSpend(a!, SPEND.vote)).to.emit(s.economy, "SpendCharged");
  });
});

describe("CreditEconomy: construction", function () {
  it("rejects an inconsistent config and a missing parameter engine", async function () {
    const s = await loadFixture(base);
    const { toEconomyConfig } = await import("../../sim/harness/credit/config.js");
    const { defaultLedgerConfig } = await import("../../sim/economy/config.js");
    const good = toEconomyConfig(defaultLedgerConfig());
    const f = await ethers.getContractFactory("CreditEconomy");
    const bad: [string, Partial<typeof good>][] = [
      ["split", { splitBurnBps: 6_600n }],
      ["validationFundedBps", { validationFundedBps: 10_001n }],
      ["decayPeriod", { decayPeriod: 0n }],
      ["activeWindowDays", { activeWindowDays: 32n }],
      ["activeWindowDays", { activeWindowDays: 0n }],
      ["range", { f1MultMin: wad(2) }],
      ["range", { qualityMin: wad(2) }],
      ["range", { reviewMin: cr(3) }],
      ["wad", { cappedFaucetWad: wad(1.1) }],
      ["wad", { discountWad: [wad(1.1), 0n] }],
      ["tiers", { tierAtLeast: [cr(300), cr(100), cr(600)] }],
      ["tiers", { tierDiscount: [0n, 0n, wad(1.5)] }],
      ["disputeStake", { disputeStake: 2n ** 96n }],
      ["time", { decaySuspension: 2n ** 33n }],
    ];
    for (const [what, o] of bad) {
      await expect(f.deploy("C", "C", s.roles.admin, { ...good, ...o }, s.parameters)).to.be.revertedWithCustomError(f, "Credit_InvalidConfig").withArgs(what);
    }
    await expect(f.deploy("C", "C", s.roles.admin, good, ethers.ZeroAddress)).to.be.revertedWithCustomError(f, "ZeroAddress").withArgs("parameters");
    expect(await s.economy.genesis()).to.equal(await s.parameters.genesis());
    expect(await s.economy.parameters()).to.equal(await s.parameters.getAddress());
  });
});
