/**
 * CreditEconomy: lazy inactivity decay at its boundaries, the active-agent window, the supply cap with its
 * escalation, acknowledgement and 90% hysteresis, and emergency top-ups.
 *
 * Cases:
 * - decay: nothing through day 89 (the last second before 90 days), one 5% step at 90 days exactly and still
 *   one on day 91 and until the last second before 120 days, the second step at 120 days; the 10 IT floor;
 *   settling at every anniversary or once gives the same balance; activity restarts the clock, slashes and
 *   top-ups do not; charges see the decayed balance; the rate in force at settlement applies;
 * - the window: an agent active on day p counts on days p … p + 29; the ring equals a naive count on a random
 *   sequence;
 * - the cap: breach at active × cap, faucets at 50%, starter grants stopped, validation cap 25, 25% after 12 hours
 *   unacknowledged, 50% once acknowledged, release only below 90% of the cap;
 * - top-ups: a round opened by the liquidity response, 24 hours, once per round, balances below 5 IT only,
 *   unknown addresses through the registrar only, scaled while capped.
 */
import { expect } from "chai";
import type { AddressLike } from "ethers";
import seedrandom from "seedrandom";
import { createNetwork } from "./helpers/network.js";
import { cr, DAY, deployCreditFixture, FAUCET, HOUR, LEVER, SUB, WAD, wad, type CreditFixture } from "./helpers/credit.js";
import { defaultLedgerConfig } from "../../sim/economy/config.js";

const { ethers, networkHelpers } = await createNetwork();
const { loadFixture, time } = networkHelpers;

const L = 1_000; // the agents' last activity
const D90 = 90 * DAY;
const D30 = 30 * DAY;

/**
 * Agents 0–3 granted 50 IT each around L: agent 0 left with 50 IT − 1 wei and last active at L; agent 1 with
 * 10.5 IT; agent 2 with exactly 10 IT (the floor); agent 3 with 100 IT (a mission), last active at L − 5.
 */
async function idle(): Promise<CreditFixture> {
  const s = await deployCreditFixture(ethers, time);
  const reg = s.economy.connect(s.roles.registrar);
  for (let i = 0; i < 4; i++) await s.atT(L - 10 + i, () => reg.grantStarter(s.agents[i]!));
  await s.atT(L - 5, () => s.economy.connect(s.roles.missions).rewardMission(s.agents[3]!, cr(50), false));
  await s.atT(L - 2, () => s.economy.connect(s.roles.spender).buyFeature(s.agents[2]!, cr(40)));
  await s.atT(L - 1, () => s.economy.connect(s.roles.spender).buyFeature(s.agents[1]!, cr("39.5")));
  await s.atT(L, () => s.economy.connect(s.roles.spender).buyFeature(s.agents[0]!, 1n));
  return s;
}

const step = (b: bigint, rate: bigint = wad(0.05)) => b - (b * rate) / WAD;
const B0 = cr(50) - 1n;

async function balanceAt(s: CreditFixture, agent: AddressLike, t: number): Promise<bigint> {
  await s.mineAt(t);
  return s.economy.balanceOf(agent);
}

describe("CreditEconomy: inactivity decay", function () {
  it("burns nothing through day 89, one 5% step at day 90 and on day 91, the second at day 120", async function () {
    const s = await loadFixture(idle);
    const a = s.agents[0]!;
    expect(await balanceAt(s, a, L + 89 * DAY)).to.equal(B0);
    expect(await balanceAt(s, a, L + D90 - 1)).to.equal(B0);
    expect(await balanceAt(s, a, L + D90)).to.equal(step(B0));
    expect(await balanceAt(s, a, L + 91 * DAY)).to.equal(step(B0));
    expect(await balanceAt(s, a, L + D90 + D30 - 1)).to.equal(step(B0));
    expect(await balanceAt(s, a, L + D90 + D30)).to.equal(step(step(B0)));
    expect((await s.economy.activityOf(a)).stepsDue).to.equal(2);
    // settlement (permissionless) burns exactly the pending difference
    expect(await s.economy.settledBalanceOf(a)).to.equal(B0);
    const supply = await s.economy.totalSupply();
    await s.at(L + D90 + D30 + 1);
    await expect(s.economy.connect(s.agents[9]!).settleDecay(a))
      .to.emit(s.economy, "Decayed")
      .withArgs(a.address, 2, B0 - step(step(B0)), step(step(B0)));
    expect(await s.economy.settledBalanceOf(a)).to.equal(step(step(B0)));
    expect(await s.economy.totalSupply()).to.equal(supply - (B0 - step(step(B0))));
    expect(await s.economy.totalBurned()).to.equal(cr("79.5") + 1n + B0 - step(step(B0)));
    expect((await s.economy.activityOf(a)).stepsApplied).to.equal(2);
    await s.at(L + D90 + D30 + 2);
    await expect(s.economy.settleDecay(a)).to.not.emit(s.economy, "Decayed");
  });

  it("never decays below the 10 IT floor, and not at all at the floor", async function () {
    const s = await loadFixture(idle);
    const [a, above, at] = s.agents;
    expect(await balanceAt(s, above!, L + D90)).to.equal(cr(10)); // 10.5 × 0.95 = 9.975 → the floor
    expect(await balanceAt(s, at!, L + 10 * D90)).to.equal(cr(10));
    expect(await balanceAt(s, a!, L + 400 * D30)).to.equal(cr(10));
    await s.at(L + 400 * D30 + 1);
    await expect(s.economy.settleDecay(at!)).to.not.emit(s.economy, "Decayed");
    const act = await s.economy.activityOf(at!);
    expect(act.stepsApplied).to.equal(act.stepsDue);
  });

  it("gives the same balance whether settled at every anniversary or once", async function () {
    const s = await deployCreditFixture(ethers, time);
    const [x, y] = s.agents;
    await s.atT(100, () => s.economy.connect(s.roles.registrar).grantStarter(x!));
    await s.atT(101, () => s.economy.connect(s.roles.registrar).grantStarter(y!));
    for (let k = 0; k < 4; k++) {
      await s.at(100 + D90 + k * D30);
      await s.economy.settleDecay(x!);
    }
    await s.at(101 + D90 + 3 * D30);
    await expect(s.economy.settleDecay(y!)).to.emit(s.economy, "Decayed").withArgs(y!.address, 4, cr("9.2746875"), cr("40.7253125"));
    // 50 → 47.5 → 45.125 → 42.86875 → 40.7253125
    expect(await s.economy.settledBalanceOf(x!)).to.equal(cr("40.7253125"));
    expect(await s.economy.settledBalanceOf(y!)).to.equal(cr("40.7253125"));
  });

  it("restarts the clock on activity, not on a slash, and charges see the decayed balance", async function () {
    const s = await loadFixture(idle);
    const [a, , , d] = s.agents;
    await s.atT(L + 60 * DAY, () => s.economy.connect(s.roles.governor).slash(d!)); // 100 → 50 IT
    expect(await balanceAt(s, d!, L - 5 + D90)).to.equal(cr("47.5")); // the slash did not restart the clock
    await s.at(L + D90 + 1);
    await expect(s.economy.connect(a!).chargeSubmission(a!, SUB.solution, 10))
      .to.be.revertedWithCustomError(s.economy, "Credit_InsufficientBalance")
      .withArgs(a!.address, step(B0), cr(50));
    await s.at(L + D90 + 10 * DAY);
    await expect(s.economy.connect(a!).chargeSubmission(a!, SUB.debate, 1))
      .to.emit(s.economy, "Decayed")
      .withArgs(a!.address, 1, B0 - step(B0), step(B0));
    const after = step(B0) - cr(2);
    const restart = L + D90 + 10 * DAY;
    expect(await balanceAt(s, a!, restart + D90 - 1)).to.equal(after);
    expect(await balanceAt(s, a!, restart + D90)).to.equal(step(after));
  });

  it("settles at the rate in force at settlement: a 0% rate consumes the steps due without burning", async function () {
    const s = await loadFixture(idle);
    const [a, , , d] = s.agents;
    await s.atT(L + 80 * DAY, () => s.parameters.connect(s.roles.governor).proposeLever(LEVER.decayRate, 0));
    await s.at(L + D90 + 1);
    await expect(s.economy.settleDecay(a!)).to.not.emit(s.economy, "Decayed");
    expect((await s.economy.activityOf(a!)).stepsApplied).to.equal(1);
    expect(await s.economy.balanceOf(d!)).to.equal(cr(100)); // d's step is pending at 0%
    // the lever reverts 30 days after taking effect (L + 110 days 6 hours): 5% again
    expect(await balanceAt(s, a!, L + D90 + D30)).to.equal(step(B0)); // one step left for a
    expect(await balanceAt(s, d!, L + D90 + D30)).to.equal(cr("90.25")); // both of d's steps at 5%
  });
});

describe("CreditEconomy: active agents in the last 30 days", function () {
  it("counts an agent active on day p on days p … p + 29 only", async function () {
    const s = await deployCreditFixture(ethers, time);
    await s.atT(5 * DAY + 100, () => s.economy.connect(s.roles.registrar).grantStarter(s.agents[0]!));
    await s.atT(7 * DAY, () => s.economy.connect(s.roles.registrar).grantStarter(s.agents[1]!));
    await s.atT(8 * DAY, () => s.economy.connect(s.agents[0]!).chargeSpend(s.agents[0]!, 0)); // agent 0 moves to day 8
    for (const [t, n] of [
      [8 * DAY + 1, 2],
      [12 * DAY, 2],
      [36 * DAY + DAY - 1, 2],
      [37 * DAY, 1],
      [38 * DAY, 0],
      [200 * DAY, 0],
    ] as const) {
      await s.mineAt(t);
      expect(await s.economy.activeAgents(), `t = ${t / DAY} days`).to.equal(n);
    }
    expect(await s.economy.supplyCap()).to.equal(0);
  });

  it("equals a naive count over a random activity sequence", async function () {
    const s = await deployCreditFixture(ethers, time);
    const rng = seedrandom("ring");
    const last = new Map<number, number>();
    const reg = s.economy.connect(s.roles.registrar);
    const rev = s.economy.connect(s.roles.reviewer);
    let t = 100;
    for (let k = 0; k < 120; k++) {
      t += Math.floor(rng() * (rng() < 0.1 ? 40 : 2) * DAY) + 1;
      const i = Math.floor(rng() * 10);
      const agent = s.agents[i]!;
      await s.at(t);
      if (!last.has(i)) await reg.grantStarter(agent);
      else await rev.rewardEvidenceReview(agent, cr(1));
      last.set(i, Math.floor(t / DAY));
      const today = Math.floor(t / DAY);
      const naive = [...last.values()].filter((p) => today - 30 < p && p <= today).length;
      expect(await s.economy.activeAgents(), `step ${k}, day ${today}`).to.equal(naive);
    }
  });
});

/** Cap of 60 IT per active agent: two agents granted (100 IT, cap 120), then a 30 IT mission: 130 IT. */
async function nearCap(): Promise<CreditFixture> {
  const config = defaultLedgerConfig();
  config.capPerActiveAgent = cr(60);
  const s = await deployCreditFixture(ethers, time, { config });
  const reg = s.economy.connect(s.roles.registrar);
  await s.atT(10, () => reg.grantStarter(s.agents[0]!));
  await s.atT(11, () => reg.grantStarter(s.agents[1]!));
  await s.atT(100, () => s.economy.connect(s.roles.missions).rewardMission(s.agents[0]!, cr(30), false));
  return s;
}

describe("CreditEconomy: supply cap", function () {
  it("breaches above active × cap: faucets at 50%, starter grants stop, 25 validations a day", async function () {
    const s = await loadFixture(nearCap);
    const [a0, a1, a2] = s.agents;
    expect(await s.economy.totalSupply()).to.equal(cr(130)); // the mission's own decision saw 100 ≤ 120
    expect(await s.economy.supplyCap()).to.equal(cr(120));
    await s.at(200);
    const tx = s.economy.connect(s.roles.validationOracle).rewardValidations(a1!, 10, wad(0.85), WAD);
    await expect(tx).to.emit(s.economy, "SupplyCapBreached").withArgs(cr(130), cr(120), 2);
    await expect(tx).to.emit(s.economy, "FaucetPaid").withArgs(a1!.address, FAUCET.validation, cr("5.9"), cr("2.95"), cr("2.95"), 0, 0, cr("2.95"));
    expect(await s.economy.capState()).to.deep.equal([true, 200n, false, wad(0.5)]);
    await s.at(201);
    await expect(s.economy.connect(s.roles.registrar).grantStarter(a2!))
      .to.be.revertedWithCustomError(s.economy, "Credit_StarterGrantsSuspended")
      .withArgs(cr("132.95"), cr(120));
    await s.at(202);
    await expect(s.economy.connect(s.roles.validationOracle).rewardValidations(a1!, 30, wad(0.85), WAD))
      .to.emit(s.economy, "ValidationsRewarded")
      .withArgs(a1!.address, 30, 15, cr("0.59"));
    // acknowledged or not, the 12-hour escalation: 25% after it unless acknowledged
    const review = async (t: number) => {
      await s.at(t);
      const rc = await (await s.economy.connect(s.roles.reviewer).rewardEvidenceReview(a0!, cr(2))).wait();
      return s.economy.interface.parseLog(rc!.logs.find((l) => s.economy.interface.parseLog(l)?.name === "FaucetPaid")!)!.args.paid as bigint;
    };
    expect(await review(200 + 12 * HOUR - 1)).to.equal(cr(1));
    expect(await review(200 + 12 * HOUR)).to.equal(cr("0.5"));
    expect((await s.economy.capState()).faucetScale).to.equal(wad(0.25));
    await s.at(200 + 13 * HOUR);
    await expect(s.economy.connect(s.roles.governor).acknowledgeCapBreach()).to.emit(s.economy, "SupplyCapAcknowledged");
    expect(await review(200 + 13 * HOUR + 1)).to.equal(cr(1));
    await expect(s.economy.connect(a0!).acknowledgeCapBreach()).to.be.revertedWithCustomError(s.economy, "AccessControlUnauthorizedAccount");
  });

  it("releases only below 90% of the cap (hysteresis), then pays in full", async function () {
    const s = await loadFixture(nearCap);
    const [a0, a1] = s.agents;
    const rev = s.economy.connect(s.roles.reviewer);
    await s.atT(200, () => rev.rewardEvidenceReview(a1!, cr(2))); // breach, 1 IT
    await s.atT(201, async () => s.economy.connect(s.roles.spender).buyFeature(a0!, (await s.economy.totalSupply()) - cr(115)));
    await s.at(202);
    await expect(rev.rewardEvidenceReview(a1!, cr(2))).to.emit(s.economy, "FaucetPaid").withArgs(a1!.address, FAUCET.review, cr(2), cr(1), cr(1), 0, 0, cr(1));
    expect((await s.economy.capState()).capped).to.equal(true); // 115 < 120 but not < 108
    await s.atT(203, async () => s.economy.connect(s.roles.spender).buyFeature(a0!, (await s.economy.totalSupply()) - cr(108)));
    await s.at(204);
    await expect(rev.rewardEvidenceReview(a1!, cr(2))).to.not.emit(s.economy, "SupplyCapReleased"); // exactly 90%: not below
    await s.atT(205, () => s.economy.connect(s.roles.spender).buyFeature(a0!, cr("1.1")));
    await s.at(206);
    const tx = rev.rewardEvidenceReview(a1!, cr(2));
    await expect(tx).to.emit(s.economy, "SupplyCapReleased").withArgs(cr("107.9"), cr(120), 2);
    await expect(tx).to.emit(s.economy, "FaucetPaid").withArgs(a1!.address, FAUCET.review, cr(2), cr(2), cr(2), 0, 0, cr(2));
    await expect(s.economy.connect(s.roles.governor).acknowledgeCapBreach()).to.be.revertedWithCustomError(s.economy, "Credit_NotCapped");
    // the evaluation applies the decision too
    await s.atT(300, () => s.economy.connect(s.roles.missions).rewardMission(a1!, cr(20), false));
    await s.at(400);
    await expect(s.economy.evaluate()).to.emit(s.economy, "SupplyCapBreached");
  });

  it("scales the dispute bonus and the top-up while capped", async function () {
    const s = await loadFixture(nearCap);
    const [a0, a1] = s.agents;
    await s.atT(200, () => s.economy.connect(a1!).chargeSubmission(a1!, SUB.solution, 4)); // reserve 7 IT
    await s.atT(201, () => s.economy.connect(s.roles.disputer).openDispute(a1!, 1));
    // decided at 100 IT (not capped): +29.5 IT (a mission would drain the reserve first)
    await s.atT(202, () => s.economy.connect(s.roles.validationOracle).rewardValidations(a0!, 50, wad(0.85), WAD));
    await s.at(203);
    await expect(s.economy.connect(s.roles.disputer).resolveDispute(1, true))
      .to.emit(s.economy, "DisputeResolved")
      .withArgs(a1!.address, 1, true, cr(10), cr("2.5"));
  });
});

describe("CreditEconomy: emergency top-ups", function () {
  async function crisis(): Promise<CreditFixture> {
    const s = await deployCreditFixture(ethers, time);
    const reg = s.economy.connect(s.roles.registrar);
    await s.atT(10, () => reg.grantStarter(s.agents[0]!));
    await s.atT(11, () => reg.grantStarter(s.agents[1]!));
    await s.atT(12, () => s.economy.connect(s.roles.spender).buyFeature(s.agents[1]!, cr(46))); // 4 IT left
    await s.atT(20, () => s.parameters.connect(s.roles.reporter).reportMetrics(0, cr(10), wad(0.3), wad(5)));
    return s;
  }

  it("opens a 24-hour round on a liquidity crisis: once per agent below 5 IT, known agents or through the registrar", async function () {
    const s = await loadFixture(crisis);
    const [a0, a1, fresh, other] = s.agents;
    await expect(s.economy.connect(a1!).claimEmergencyTopUp(a1!)).to.be.revertedWithCustomError(s.economy, "Credit_NoTopUpRound").withArgs(0);
    await s.at(30);
    await expect(s.economy.evaluate()).to.emit(s.economy, "TopUpRoundOpened").withArgs(1, 30 + DAY, cr(10), cr(5));
    expect(await s.economy.topUpRound()).to.deep.equal([1n, 30n]);
    await s.at(40);
    await expect(s.economy.connect(a1!).claimEmergencyTopUp(a1!)).to.emit(s.economy, "EmergencyTopUpClaimed").withArgs(a1!.address, 1, cr(10));
    expect(await s.economy.balanceOf(a1!)).to.equal(cr(14));
    expect((await s.economy.activityOf(a1!)).lastActivity).to.equal(12); // not an activity
    await expect(s.economy.connect(a1!).claimEmergencyTopUp(a1!)).to.be.revertedWithCustomError(s.economy, "Credit_TopUpAlreadyClaimed").withArgs(a1!.address, 1);
    await expect(s.economy.connect(a0!).claimEmergencyTopUp(a0!))
      .to.be.revertedWithCustomError(s.economy, "Credit_BalanceNotBelowTopUpThreshold")
      .withArgs(a0!.address, cr(50), cr(5));
    await expect(s.economy.connect(fresh!).claimEmergencyTopUp(fresh!)).to.be.revertedWithCustomError(s.economy, "Credit_UnknownAgent").withArgs(fresh!.address);
    await expect(s.economy.connect(other!).claimEmergencyTopUp(fresh!))
      .to.be.revertedWithCustomError(s.economy, "Credit_NotAgentOrRegistrar")
      .withArgs(other!.address, fresh!.address);
    await s.at(50);
    await expect(s.economy.connect(s.roles.registrar).claimEmergencyTopUp(fresh!)).to.emit(s.economy, "EmergencyTopUpClaimed").withArgs(fresh!.address, 1, cr(10));
    expect((await s.economy.flagsOf(fresh!)).topUpClaimedRound).to.equal(1);
    await s.at(30 + DAY);
    await expect(s.economy.connect(s.roles.registrar).claimEmergencyTopUp(other!)).to.be.revertedWithCustomError(s.economy, "Credit_NoTopUpRound").withArgs(1);
    expect(await s.economy.totalIssued()).to.equal(cr(120));
  });
});

