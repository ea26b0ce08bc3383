/**
 * CreditParameters with the economy: the daily evaluation and each automatic response with its bounds (±25% per
 * cycle, ±50% in total), the 24-hour cooldown, the 6-hour linear ramp and the boosts' windows; the metrics
 * report and its bounds checks; the manual levers' ranges, 6-hour delay, 30-day revert, renewal and
 * cancellation; the subscription tiers.
 *
 * Cases:
 * - evaluate: once per 24 h; inflation against the previous evaluation's supply; > 10%/day (emergency), > 5%/day,
 *   < −2%/day (with the mission boost for 72 h); median < 20 IT (costs to their floor, a top-up round, decay
 *   suspended 30 days); Gini > 0.60 (earning cap, diminishing returns, progressive discounts); velocity < 1
 *   (decay rate, validation boost for 48 h) and > 15 (costs, validation cap, flag); responses off → snapshot only;
 * - bounds and cooldown: a response asking × 2 moves 25%; repeated responses stop at 50%; a lever taking effect
 *   defers its parameter's automatic change for 24 hours;
 * - levers: range, grid, delay, revert, renew, cancel, replace; roles;
 * - tiers: 0 / 5 / 10 / 15% for < 100 / ≥ 100 / ≥ 300 / ≥ 600 IT earned in the current and previous month.
 */
import { expect } from "chai";
import type { ContractTransactionReceipt } from "ethers";
import { createNetwork } from "./helpers/network.js";
import { cr, DAY, deployCreditFixture, HOUR, IT, LEVER, MONTH, PARAM, SUB, WAD, wad, type CreditFixture } from "./helpers/credit.js";
import { defaultLedgerConfig } from "../../sim/economy/config.js";
import { toParamsConfig } from "../../sim/harness/credit/config.js";

const { ethers, networkHelpers } = await createNetwork();
const { loadFixture, time } = networkHelpers;

const T1 = 100 + DAY; // the second evaluation
const RAMP = 6 * HOUR;

/** Two agents granted (100 IT), then the first evaluation at t = 100. */
async function evaluatedOnce(): Promise<CreditFixture> {
  const s = await deployCreditFixture(ethers, time);
  const reg = s.economy.connect(s.roles.registrar);
  await s.atT(10, () => reg.grantStarter(s.agents[0]!));
  await s.atT(11, () => reg.grantStarter(s.agents[1]!));
  await s.atT(100, () => s.economy.evaluate());
  return s;
}

interface Adjusted {
  oldFactor: bigint;
  newFactor: bigint;
  oldValue: bigint;
  newValue: bigint;
  rampEnd: bigint;
  expiresAt: bigint;
}

/** Evaluates at t; returns the receipt and the adjustments by parameter index. */
async function evaluateAt(s: CreditFixture, t: number): Promise<{ rc: ContractTransactionReceipt; adjusted: Map<number, Adjusted>; deferred: Map<number, bigint> }> {
  await s.at(t);
  const rc = (await (await s.economy.evaluate()).wait())!;
  const adjusted = new Map<number, Adjusted>();
  const deferred = new Map<number, bigint>();
  for (const log of rc.logs) {
    const e = s.parameters.interface.parseLog(log);
    if (e?.name === "ParameterAdjusted") adjusted.set(Number(e.args.param), e.args.toObject() as unknown as Adjusted);
    if (e?.name === "AdjustmentDeferred") deferred.set(Number(e.args.param), e.args.nextAllowed as bigint);
  }
  return { rc, adjusted, deferred };
}

async function report(s: CreditFixture, t: number, o: { median?: bigint; gini?: bigint; velocity?: bigint } = {}) {
  await s.at(t);
  await s.parameters.connect(s.roles.reporter).reportMetrics(Math.floor(t / DAY), o.median ?? cr(40), o.gini ?? wad(0.4), o.velocity ?? wad(5));
}

describe("CreditParameters: the daily evaluation", function () {
  it("evaluates at most once per 24 hours, permissionlessly, inflation 0 the first time", async function () {
    const s = await loadFixture(evaluatedOnce);
    expect(await s.economy.lastEvaluation()).to.deep.equal([true, 100n, cr(100)]);
    await expect(s.economy.connect(s.agents[5]!).evaluate()).to.be.revertedWithCustomError(s.economy, "Credit_EvaluationTooEarly").withArgs(T1);
    await s.at(T1);
    await expect(s.economy.connect(s.agents[5]!).evaluate()).to.emit(s.parameters, "Evaluated").withArgs(1, cr(100), 0, true, false, 0, 0, 0, 0);
    await expect(s.parameters.evaluate(0, 0)).to.be.revertedWithCustomError(s.parameters, "Credit_OnlyEconomy").withArgs(s.roles.admin.address);
  });

  it("answers inflation above 10% a day: reward −25%, costs +25%, validation cap −20%, ramped over 6 hours", async function () {
    const s = await loadFixture(evaluatedOnce);
    await s.atT(200, () => s.economy.connect(s.roles.missions).rewardMission(s.agents[0]!, cr(15), false));
    const { rc, adjusted } = await evaluateAt(s, T1);
    const ev = rc.logs.map((l) => s.parameters.interface.parseLog(l)).find((e) => e?.name === "Evaluated")!;
    expect(ev.args.inflation).to.equal(wad(0.15));
    expect(ev.args.responses).to.equal(2);
    const end = BigInt(T1 + RAMP);
    expect(adjusted.get(PARAM.validationReward)).to.deep.include({ oldFactor: WAD, newFactor: wad(0.75), oldValue: cr("0.5"), newValue: cr("0.375"), rampEnd: end, expiresAt: 0n });
    expect(adjusted.get(PARAM.problemCost)).to.deep.include({ newFactor: wad(1.25), oldValue: cr(3), newValue: cr("3.75") });
    expect(adjusted.get(PARAM.solutionCost)).to.deep.include({ newFactor: wad(1.25), oldValue: cr(5), newValue: cr("6.25") });
    expect(adjusted.get(PARAM.debateCost)).to.deep.include({ newFactor: wad(1.25), oldValue: cr(2), newValue: cr("2.5") });
    expect(adjusted.get(PARAM.validationCap)).to.deep.include({ newFactor: wad(0.8), oldValue: 50n, newValue: 40n });
    expect(adjusted.size).to.equal(5);
    expect(await s.parameters.factor(PARAM.validationReward)).to.equal(WAD); // the ramp starts at the old factor
    // linear over 6 hours
    await s.mineAt(T1 + 3 * HOUR);
    expect(await s.parameters.factor(PARAM.validationReward)).to.equal(wad(0.875));
    expect(await s.parameters.paramValue(PARAM.solutionCost)).to.equal(cr("5.625"));
    await s.mineAt(T1 + RAMP);
    expect(await s.parameters.paramValue(PARAM.validationReward)).to.equal(cr("0.375"));
    expect((await s.parameters.validationTerms()).cap).to.equal(40);
  });

  it("answers inflation above 5% a day: reward −10%, costs +10%", async function () {
    const s = await loadFixture(evaluatedOnce);
    await s.atT(200, () => s.economy.connect(s.roles.missions).rewardMission(s.agents[0]!, cr(7), false));
    const { rc, adjusted } = await evaluateAt(s, T1);
    expect(rc.logs.map((l) => s.parameters.interface.parseLog(l)).find((e) => e?.name === "Evaluated")!.args.responses).to.equal(1);
    expect(adjusted.get(PARAM.validationReward)).to.deep.include({ newFactor: wad(0.9), newValue: cr("0.45") });
    expect(adjusted.get(PARAM.problemCost)).to.deep.include({ newFactor: wad(1.1), newValue: cr("3.3") });
    expect(adjusted.size).to.equal(4);
  });

  it("answers deflation below −2% a day: reward +10%, costs −10%, mission boost 1.2 for 72 hours", async function () {
    const s = await loadFixture(evaluatedOnce);
    await s.atT(200, () => s.economy.connect(s.roles.spender).buyFeature(s.agents[0]!, cr(3)));
    const { rc, adjusted } = await evaluateAt(s, T1);
    const ev = rc.logs.map((l) => s.parameters.interface.parseLog(l)).find((e) => e?.name === "Evaluated")!;
    expect(ev.args.inflation).to.equal(-wad(0.03));
    expect(ev.args.responses).to.equal(4);
    expect(adjusted.get(PARAM.validationReward)).to.deep.include({ newFactor: wad(1.1), newValue: cr("0.55") });
    expect(adjusted.get(PARAM.debateCost)).to.deep.include({ newFactor: wad(0.9), newValue: cr("1.8") });
    expect(adjusted.get(PARAM.missionBoost)).to.deep.include({ oldFactor: WAD, newFactor: wad(1.2), expiresAt: BigInt(T1 + 72 * HOUR) });
    await s.at(T1 + RAMP);
    const m = s.economy.connect(s.roles.missions);
    await expect(m.rewardMission(s.agents[1]!, cr(10), false)).to.emit(s.economy, "FaucetPaid").withArgs(s.agents[1]!.address, 1, cr(12), cr(12), cr(12), 0, 0, cr(12));
    await s.mineAt(T1 + 72 * HOUR + 3 * HOUR);
    expect(await s.parameters.factor(PARAM.missionBoost)).to.equal(wad(1.1));
    await s.mineAt(T1 + 72 * HOUR + RAMP);
    expect(await s.parameters.factor(PARAM.missionBoost)).to.equal(WAD);
  });

  it("answers a liquidity crisis (median < 20 IT): costs towards their floor, a top-up round, decay suspended for 30 days", async function () {
    const s = await loadFixture(evaluatedOnce);
    await report(s, T1 - 10, { median: cr("19.99") });
    const { rc, adjusted } = await evaluateAt(s, T1);
    expect(rc.logs.map((l) => s.parameters.interface.parseLog(l)).find((e) => e?.name === "Evaluated")!.args.toObject()).to.deep.include({
      reported: true,
      median: cr("19.99"),
      responses: 8n,
    });
    expect(adjusted.get(PARAM.problemCost)).to.deep.include({ newFactor: wad(0.75), newValue: cr("2.25") });
    const econ = rc.logs.map((l) => s.economy.interface.parseLog(l)).filter((e) => e);
    expect(econ.find((e) => e!.name === "TopUpRoundOpened")!.args.toArray()).to.deep.equal([1n, BigInt(T1 + DAY), cr(10), cr(5)]);
    expect(econ.find((e) => e!.name === "DecaySuspended")!.args.toArray()).to.deep.equal([BigInt(T1), BigInt(T1 + 30 * DAY)]);
    // the decay clock stops while suspended
    await s.mineAt(T1 + 5 * HOUR);
    expect((await s.economy.decayClock()).clock).to.equal(T1);
    // the next days: 0.5625, then the 50% bound; the suspension extends
    await report(s, T1 + DAY - 10, { median: cr(5) });
    const d2 = await evaluateAt(s, T1 + DAY);
    expect(d2.adjusted.get(PARAM.solutionCost)).to.deep.include({ oldFactor: wad(0.75), newFactor: wad(0.5625) });
    await report(s, T1 + 2 * DAY - 10, { median: cr(5) });
    const d3 = await evaluateAt(s, T1 + 2 * DAY);
    expect(d3.adjusted.get(PARAM.solutionCost)).to.deep.include({ newFactor: wad(0.5), newValue: cr("2.5") });
    expect(d3.adjusted.get(PARAM.debateCost)).to.deep.include({ newValue: cr(1) });
    const susp = d3.rc.logs.map((l) => s.economy.interface.parseLog(l)).find((e) => e?.name === "DecaySuspended")!;
    expect(susp.args.toArray()).to.deep.equal([BigInt(T1), BigInt(T1 + 32 * DAY)]);
    await report(s, T1 + 3 * DAY - 10, { median: cr(5) });
    const d4 = await evaluateAt(s, T1 + 3 * DAY);
    expect(d4.adjusted.has(PARAM.solutionCost)).to.equal(false); // at the bound: no change, no event
    expect(await s.economy.topUpRound()).to.deep.equal([4n, BigInt(T1 + 3 * DAY)]);
    await s.mineAt(T1 + 3 * DAY + 40 * DAY);
    expect((await s.economy.decayClock()).clock).to.equal(T1 + 3 * DAY + 40 * DAY - 33 * DAY);
  });

  it("answers concentration (Gini > 0.60): earning cap −15%, diminishing returns ×1.25 (asked ×2), progressive discounts", async function () {
    const s = await loadFixture(evaluatedOnce);
    const [a, b, c] = s.agents;
    await report(s, T1 - 10, { gini: wad(0.61) });
    const { rc, adjusted } = await evaluateAt(s, T1);
    expect(adjusted.get(PARAM.earningCap)).to.deep.include({ newFactor: wad(0.85), newValue: cr(170) });
    expect(adjusted.get(PARAM.drRate)).to.deep.include({ newFactor: wad(1.25), newValue: wad(0.3125) });
    expect(rc.logs.map((l) => s.economy.interface.parseLog(l)).find((e) => e?.name === "ProgressiveDiscountsSet")!.args.active).to.equal(true);
    expect(await s.economy.discountsActive()).to.equal(true);
    // balance < 50 IT: 50% off; < 100 IT: 25% off (rounded up); otherwise full
    await s.atT(T1 + 10, () => s.economy.connect(s.roles.missions).rewardMission(c!, cr(100), false));
    await s.atT(T1 + 11, () => s.economy.connect(s.roles.registrar).grantStarter(c!));
    await s.atT(T1 + 12, () => s.economy.connect(s.roles.spender).buyFeature(b!, cr(11)));
    expect(await s.economy.quoteSubmission(b!, SUB.solution, 1)).to.equal(cr("2.5"));
    expect(await s.economy.quoteSubmission(a!, SUB.solution, 1)).to.equal(cr("3.75"));
    expect(await s.economy.quoteSubmission(c!, SUB.solution, 1)).to.equal(cr(5));
    await s.at(T1 + 13);
    await expect(s.economy.connect(b!).chargeSubmission(b!, SUB.problem, 2)).to.emit(s.economy, "SubmissionCharged").withArgs(b!.address, SUB.problem, 2, cr("1.5"), cr(3), cr("1.8"), cr("1.05"), cr("0.15"));
    // repeated: 1.25 → 1.5 (the 50% bound, asked 1.5625), then no change; the earning cap down to 0.5
    const factors: bigint[] = [];
    for (let k = 1; k <= 5; k++) {
      await report(s, T1 + k * DAY - 10, { gini: wad(0.9) });
      const r = await evaluateAt(s, T1 + k * DAY);
      factors.push(r.adjusted.get(PARAM.earningCap)?.newFactor ?? -1n);
      if (k === 1) expect(r.adjusted.get(PARAM.drRate)!.newFactor).to.equal(wad(1.5));
      if (k === 2) expect(r.adjusted.has(PARAM.drRate)).to.equal(false);
    }
    expect(factors).to.deep.equal([wad(0.7225), wad("0.614125"), wad("0.52200625"), wad(0.5), -1n]);
    expect((await s.parameters.earningTerms()).earningCap).to.equal(cr(100));
    // Gini back at or below 0.60 switches the discounts off
    await report(s, T1 + 6 * DAY - 10, { gini: wad(0.6) });
    const off = await evaluateAt(s, T1 + 6 * DAY);
    expect(off.rc.logs.map((l) => s.economy.interface.parseLog(l)).find((e) => e?.name === "ProgressiveDiscountsSet")!.args.active).to.equal(false);
  });

  it("answers low velocity: decay rate ×1.25 (asked ×1.4), validation boost towards 2.0 for 48 hours", async function () {
    const s = await loadFixture(evaluatedOnce);
    await report(s, T1 - 10, { velocity: wad(0.99) });
    const { adjusted } = await evaluateAt(s, T1);
    expect(adjusted.get(PARAM.decayRate)).to.deep.include({ newFactor: wad(1.25), oldValue: wad(0.05), newValue: wad(0.0625) });
    expect(adjusted.get(PARAM.validationBoost)).to.deep.include({ newFactor: wad(1.25), expiresAt: BigInt(T1 + 48 * HOUR) });
    await s.at(T1 + RAMP);
    await expect(s.economy.connect(s.roles.validationOracle).rewardValidations(s.agents[0]!, 1, wad(0.85), WAD))
      .to.emit(s.economy, "ValidationsRewarded")
      .withArgs(s.agents[0]!.address, 1, 1, cr("0.7375")); // 0.5 × 1.18 × 1.25
    // asked again the next day: 1.5625 → the 50% bound; the window extends from the new change
    await report(s, T1 + DAY - 10, { velocity: wad(0.5) });
    const d2 = await evaluateAt(s, T1 + DAY);
    expect(d2.adjusted.get(PARAM.validationBoost)).to.deep.include({ oldFactor: wad(1.25), newFactor: wad(1.5), expiresAt: BigInt(T1 + DAY + 48 * HOUR) });
    expect(d2.adjusted.get(PARAM.decayRate)).to.deep.include({ newFactor: wad(1.5), newValue: wad(0.075) });
    // at the bound a boost is still renewed (equal factors)
    await report(s, T1 + 2 * DAY - 10, { velocity: wad(0.5) });
    const d3 = await evaluateAt(s, T1 + 2 * DAY);
    expect(d3.adjusted.get(PARAM.validationBoost)).to.deep.include({ oldFactor: wad(1.5), newFactor: wad(1.5) });
    expect(d3.adjusted.has(PARAM.decayRate)).to.equal(false);
  });

  it("answers high velocity: costs +15%, validation cap −20%, and flags the top transactors", async function () {
    const s = await loadFixture(evaluatedOnce);
    await report(s, T1 - 10, { velocity: wad(15.01) });
    const { rc, adjusted } = await evaluateAt(s, T1);
    expect(adjusted.get(PARAM.solutionCost)).to.deep.include({ newFactor: wad(1.15), newValue: cr("5.75") });
    expect(adjusted.get(PARAM.validationCap)).to.deep.include({ newFactor: wad(0.8), newValue: 40n });
    expect(rc.logs.map((l) => s.parameters.interface.parseLog(l)).find((e) => e?.name === "VelocityFlagged")!.args.velocity).to.equal(wad(15.01));
  });

  it("multiplies requests for one parameter: emergency inflation and high velocity together ask costs × 1.4375, bounded to 1.25", async function () {
    const s = await loadFixture(evaluatedOnce);
    await s.atT(200, () => s.economy.connect(s.roles.missions).rewardMission(s.agents[0]!, cr(20), false));
    await report(s, T1 - 10, { velocity: wad(20) });
    const { adjusted } = await evaluateAt(s, T1);
    expect(adjusted.get(PARAM.problemCost)!.newFactor).to.equal(wad(1.25));
    expect(adjusted.get(PARAM.validationCap)!.newFactor).to.equal(wad(0.75)); // 0.8 × 0.8 = 0.64, bounded
  });

  it("defers a parameter whose lever took effect in the last 24 hours, and uses only today's report", async function () {
    const s = await loadFixture(evaluatedOnce);
    await s.atT(200, () => s.parameters.connect(s.roles.governor).proposeLever(LEVER.validationReward, cr("0.6")));
    await s.atT(300, () => s.economy.connect(s.roles.missions).rewardMission(s.agents[0]!, cr(7), false));
    await report(s, 400, { gini: wad(0.9) }); // day 0's report: stale at the day-1 evaluation
    const { rc, adjusted, deferred } = await evaluateAt(s, T1);
    expect(deferred.get(PARAM.validationReward)).to.equal(BigInt(200 + RAMP + DAY));
    expect(await s.parameters.nextAdjustmentAt(PARAM.validationReward)).to.equal(200 + RAMP + DAY);
    expect(await s.parameters.nextAdjustmentAt(PARAM.earningCap)).to.equal(0);
    expect(adjusted.has(PARAM.validationReward)).to.equal(false);
    expect(adjusted.get(PARAM.solutionCost)!.newFactor).to.equal(wad(1.1));
    expect(rc.logs.map((l) => s.parameters.interface.parseLog(l)).find((e) => e?.name === "Evaluated")!.args.reported).to.equal(false);
    expect(adjusted.has(PARAM.earningCap)).to.equal(false);
    // 24 hours after the automatic change the costs may move again
    await s.atT(T1 + 100, () => s.economy.connect(s.roles.missions).rewardMission(s.agents[1]!, cr(8), false));
    const next = await evaluateAt(s, T1 + DAY);
    expect(next.adjusted.get(PARAM.solutionCost)!.oldFactor).to.equal(wad(1.1));
  });

  it("takes the supply snapshot only while the automatic adjustment is off", async function () {
    const s = await loadFixture(evaluatedOnce);
    await s.atT(200, () => s.parameters.connect(s.roles.governor).setAutoAdjustment(false));
    await s.atT(300, () => s.economy.connect(s.roles.missions).rewardMission(s.agents[0]!, cr(50), false));
    await report(s, 400, { median: cr(1), gini: wad(0.9), velocity: 0n });
    await s.at(T1);
    const tx = s.economy.evaluate();
    await expect(tx).to.emit(s.parameters, "Evaluated").withArgs(1, cr(150), wad(0.5), false, false, 0, 0, 0, 0);
    await expect(tx).to.not.emit(s.parameters, "ParameterAdjusted");
    await expect(tx).to.not.emit(s.economy, "TopUpRoundOpened");
    expect(await s.economy.lastEvaluation()).to.deep.equal([true, BigInt(T1), cr(150)]);
    await expect(s.parameters.connect(s.agents[0]!).setAutoAdjustment(true)).to.be.revertedWithCustomError(s.parameters, "AccessControlUnauthorizedAccount");
    await expect(s.parameters.connect(s.roles.governor).setAutoAdjustment(true)).to.emit(s.parameters, "AutoAdjustmentSet").withArgs(true);
  });
});

describe("CreditParameters: the metrics report", function () {
  it("accepts one report a day for today, with Gini ≤ 1 and the median ≤ the supply, from the reporter", async function () {
    const s = await loadFixture(evaluatedOnce);
    const p = s.parameters.connect(s.roles.reporter);
    await s.at(500);
    await expect(p.reportMetrics(1, cr(40), wad(0.4), wad(5))).to.be.revertedWithCustomError(s.parameters, "Credit_ReportDayMismatch").withArgs(1, 0);
    await expect(p.reportMetrics(0, cr(40), WAD + 1n, wad(5))).to.be.revertedWithCustomError(s.parameters, "Credit_InvalidMetric").withArgs("gini", WAD + 1n, WAD);
    await expect(p.reportMetrics(0, cr(101), wad(0.4), wad(5))).to.be.revertedWithCustomError(s.parameters, "Credit_InvalidMetric").withArgs("median", cr(101), cr(100));
    await expect(p.reportMetrics(0, cr(40), wad(0.4), 2n ** 128n)).to.be.revertedWithCustomError(s.parameters, "Credit_InvalidMetric");
    await expect(s.parameters.connect(s.roles.governor).reportMetrics(0, cr(40), wad(0.4), wad(5))).to.be.revertedWithCustomError(s.parameters, "AccessControlUnauthorizedAccount");
    await expect(p.reportMetrics(0, cr(100), WAD, wad(5))).to.emit(s.parameters, "MetricsReported").withArgs(0, cr(100), WAD, wad(5));
    await expect(p.reportMetrics(0, cr(40), wad(0.4), wad(5))).to.be.revertedWithCustomError(s.parameters, "Credit_ReportAlreadyPosted").withArgs(0);
    expect(await s.parameters.lastReport()).to.deep.equal([true, 0n, cr(100), WAD, wad(5)]);
  });

  it("binds the economy once, and needs it for a report", async function () {
    const s = await loadFixture(evaluatedOnce);
    const f = await ethers.getContractFactory("CreditParameters");
    const p = await f.deploy(toParamsConfig(defaultLedgerConfig()), s.roles.admin, 0);
    await p.grantRole(await p.METRICS_REPORTER_ROLE(), s.roles.reporter);
    await expect(p.connect(s.roles.reporter).reportMetrics(0, 0, 0, 0)).to.be.revertedWithCustomError(p, "Credit_EconomyNotSet");
    await expect(p.evaluate(0, 0)).to.be.revertedWithCustomError(p, "Credit_OnlyEconomy");
    await expect(p.setEconomy(ethers.ZeroAddress)).to.be.revertedWithCustomError(p, "ZeroAddress").withArgs("economy");
    await expect(p.connect(s.roles.governor).setEconomy(s.economy)).to.be.revertedWithCustomError(p, "AccessControlUnauthorizedAccount");
    await expect(p.setEconomy(s.economy)).to.emit(p, "EconomySet").withArgs(await s.economy.getAddress());
    await expect(p.setEconomy(s.economy)).to.be.revertedWithCustomError(p, "Credit_EconomyAlreadySet").withArgs(await s.economy.getAddress());
  });

  it("rejects an inconsistent config", async function () {
    const s = await loadFixture(evaluatedOnce);
    const good = toParamsConfig(defaultLedgerConfig());
    const f = await ethers.getContractFactory("CreditParameters");
    const lever = (o: Partial<(typeof good.levers)[number]>) => good.levers.map((l, i) => (i === 3 ? { ...l, ...o } : l));
    const bad: [string, Partial<typeof good>][] = [
      ["maxStepWad", { maxStepWad: WAD }],
      ["maxDeviationWad", { maxDeviationWad: WAD }],
      ["drRateDefault", { drRateDefault: WAD + 1n }],
      ["time", { leverDuration: 2n ** 33n }],
      ["submissionCost", { submissionCost: [2n ** 96n, 1n, 1n] }],
      ["lever", { levers: lever({ step: 0n }) }],
      ["lever", { levers: lever({ defaultValue: cr(101) }) }],
      ["lever", { levers: lever({ defaultValue: cr(7) }) }],
      ["lever", { levers: lever({ max: 2n ** 96n }) }],
    ];
    for (const [what, o] of bad) {
      await expect(f.deploy({ ...good, ...o }, s.roles.admin, 0)).to.be.revertedWithCustomError(f, "Credit_InvalidConfig").withArgs(what);
    }
    await expect(f.deploy(good, ethers.ZeroAddress, 0)).to.be.revertedWithCustomError(f, "ZeroAddress").withArgs("admin");
  });
});

describe("CreditParameters: manual levers", function () {
  it("takes effect 6 hours after the proposal and reverts to the default 30 days later", async function () {
    const s = await loadFixture(evaluatedOnce);
    const g = s.parameters.connect(s.roles.governor);
    await s.at(1_000);
    await expect(g.proposeLever(LEVER.starterGrant, cr(100)))
      .to.emit(s.parameters, "LeverProposed")
      .withArgs(LEVER.starterGrant, cr(50), cr(100), 1_000 + RAMP, 1_000 + RAMP + 30 * DAY);
    await s.mineAt(1_000 + RAMP - 1);
    expect(await s.parameters.leverValue(LEVER.starterGrant)).to.equal(cr(50));
    await s.at(1_000 + RAMP);
    await expect(s.economy.connect(s.roles.registrar).grantStarter(s.agents[2]!)).to.emit(s.economy, "StarterGranted").withArgs(s.agents[2]!.address, cr(100));
    await s.mineAt(1_000 + RAMP + 30 * DAY - 1);
    expect(await s.parameters.leverValue(LEVER.starterGrant)).to.equal(cr(100));
    await s.mineAt(1_000 + RAMP + 30 * DAY);
    expect(await s.parameters.leverValue(LEVER.starterGrant)).to.equal(cr(50));
    await expect(g.renewLever(LEVER.starterGrant)).to.be.revertedWithCustomError(s.parameters, "Credit_LeverNotInForce").withArgs(LEVER.starterGrant);
    // the revert counts as a change of the parameter it drives: earning cap lever → 24-hour cooldown
    await s.atT(40 * DAY, () => g.proposeLever(LEVER.earningCap, cr(300)));
    await s.mineAt(70 * DAY + 10 * HOUR);
    expect(await s.parameters.nextAdjustmentAt(PARAM.earningCap)).to.equal(40 * DAY + RAMP + 30 * DAY + DAY);
  });

  it("renews the value in force for 30 days from now; cancels or replaces a pending proposal", async function () {
    const s = await loadFixture(evaluatedOnce);
    const g = s.parameters.connect(s.roles.governor);
    await s.atT(1_000, () => g.proposeLever(LEVER.validationCap, 80));
    expect(await s.parameters.nextAdjustmentAt(PARAM.validationCap)).to.equal(0); // not in force yet: no change so far
    await expect(g.renewLever(LEVER.validationCap)).to.be.revertedWithCustomError(s.parameters, "Credit_LeverNotInForce");
    await s.at(20 * DAY);
    await expect(g.renewLever(LEVER.validationCap)).to.emit(s.parameters, "LeverRenewed").withArgs(LEVER.validationCap, 80, 50 * DAY);
    await s.mineAt(45 * DAY);
    expect(await s.parameters.leverValue(LEVER.validationCap)).to.equal(80);
    // a new proposal: the value in force stays until it takes effect
    await s.atT(46 * DAY, () => g.proposeLever(LEVER.validationCap, 60));
    expect(await s.parameters.leverValue(LEVER.validationCap)).to.equal(80);
    await s.at(46 * DAY + 10);
    await expect(g.proposeLever(LEVER.validationCap, 70)).to.emit(s.parameters, "LeverProposed").withArgs(LEVER.validationCap, 80, 70, 46 * DAY + 10 + RAMP, 46 * DAY + 10 + RAMP + 30 * DAY);
    await s.at(46 * DAY + 20);
    await expect(g.cancelLever(LEVER.validationCap)).to.emit(s.parameters, "LeverCancelled").withArgs(LEVER.validationCap, 70);
    await expect(g.cancelLever(LEVER.validationCap)).to.be.revertedWithCustomError(s.parameters, "Credit_NoPendingLeverChange").withArgs(LEVER.validationCap);
    await s.mineAt(47 * DAY);
    expect(await s.parameters.leverValue(LEVER.validationCap)).to.equal(80);
    await s.mineAt(50 * DAY);
    expect(await s.parameters.leverValue(LEVER.validationCap)).to.equal(50);
  });

  it("rejects values off the design's ranges and granularity, and other roles", async function () {
    const s = await loadFixture(evaluatedOnce);
    const g = s.parameters.connect(s.roles.governor);
    const cases: [number, bigint, string][] = [
      [LEVER.validationReward, cr("0.2"), "range"],
      [LEVER.validationReward, cr("2.05"), "range"],
      [LEVER.validationReward, cr("0.26"), "grid"],
      [LEVER.submissionCostMultiplier, wad("3.1"), "range"],
      [LEVER.submissionCostMultiplier, wad("0.55"), "grid"],
      [LEVER.decayRate, wad("0.105"), "range"],
      [LEVER.decayRate, wad("0.052"), "grid"],
      [LEVER.validationCap, 12n, "grid"],
      [LEVER.earningCap, cr(1010), "range"],
      [LEVER.missionRewardMax, cr(502), "range"],
      [LEVER.emergencyTopUp, cr(7), "grid"],
    ];
    for (const [lever, value, kind] of cases) {
      const [, min, max, step] = await s.parameters.leverSpec(lever);
      const tx = g.proposeLever(lever, value);
      if (kind === "range") await expect(tx).to.be.revertedWithCustomError(s.parameters, "Credit_LeverValueOutOfRange").withArgs(lever, value, min, max);
      else await expect(tx).to.be.revertedWithCustomError(s.parameters, "Credit_LeverValueOffGrid").withArgs(lever, value, step);
    }
    await expect(g.proposeLever(LEVER.referralReward, 0)).to.emit(s.parameters, "LeverProposed");
    await expect(g.proposeLever(LEVER.validationReward, cr(2))).to.emit(s.parameters, "LeverProposed");
    await expect(s.parameters.connect(s.roles.admin).proposeLever(LEVER.validationReward, cr(1))).to.be.revertedWithCustomError(s.parameters, "AccessControlUnauthorizedAccount");
    await expect(s.parameters.connect(s.roles.admin).cancelLever(LEVER.validationReward)).to.be.revertedWithCustomError(s.parameters, "AccessControlUnauthorizedAccount");
    await expect(s.parameters.connect(s.roles.admin).renewLever(LEVER.validationReward)).to.be.revertedWithCustomError(s.parameters, "AccessControlUnauthorizedAccount");
    expect(await s.parameters.leverSpec(LEVER.validationReward)).to.deep.equal([cr("0.5"), cr("0.25"), cr(2), cr("0.05")]);
  });

  it("moves the mission range, the multiplier on every cost and the base reward", async function () {
    const s = await loadFixture(evaluatedOnce);
    const g = s.parameters.connect(s.roles.governor);
    await s.atT(1_000, () => g.proposeLever(LEVER.missionRewardMax, cr(500)));
    await s.atT(1_001, () => g.proposeLever(LEVER.submissionCostMultiplier, wad("0.5")));
    await s.atT(1_002, () => g.proposeLever(LEVER.validationReward, cr(1)));
    await s.mineAt(1_002 + RAMP);
    expect(await s.parameters.missionTerms()).to.deep.equal([cr(5), cr(500), WAD]);
    expect(await s.parameters.submissionCost(SUB.problem)).to.equal(cr("1.5"));
    expect(await s.parameters.submissionCost(SUB.debate)).to.equal(cr(1)); // max(1 IT, 2 × 0.5)
    expect((await s.parameters.validationTerms()).reward).to.equal(cr(1));
  });
});

/** A cap too high to bind, so that one agent can earn 200 IT a day for days. */
async function uncapped(): Promise<CreditFixture> {
  const config = defaultLedgerConfig();
  config.capPerActiveAgent = cr(1_000_000);
  const s = await deployCreditFixture(ethers, time, { config });
  await s.atT(10, () => s.economy.connect(s.roles.registrar).grantStarter(s.agents[0]!));
  return s;
}

describe("CreditEconomy: subscription tiers", function () {
  it("discounts 5 / 10 / 15% for ≥ 100 / 300 / 600 IT earned in the current and previous ledger month", async function () {
    const s = await loadFixture(uncapped);
    const [a] = s.agents;
    const m = s.economy.connect(s.roles.missions);
    expect(await s.economy.recentEarnings(a!)).to.equal(0); // the starter grant is not earned
    await s.atT(2 * DAY, () => m.rewardMission(a!, cr(99), false));
    expect(await s.economy.subscriptionDiscount(a!)).to.equal(0);
    await s.atT(2 * DAY + 1, () => m.rewardMission(a!, cr(5), false)); // 99 + 1 + 4 × 0.75
    expect(await s.economy.recentEarnings(a!)).to.equal(cr(103));
    expect(await s.economy.subscriptionDiscount(a!)).to.equal(wad(0.05));
    for (const [t, amount] of [[3 * DAY, 100], [3 * DAY + 1, 100], [3 * DAY + 2, 100]] as const) await s.atT(t, () => m.rewardMission(a!, cr(amount), false));
    expect(await s.economy.recentEarnings(a!)).to.equal(cr(303));
    expect(await s.economy.subscriptionDiscount(a!)).to.equal(wad(0.1));
    // next month: this month's and last month's
    for (const d of [MONTH / DAY, MONTH / DAY + 1]) {
      for (let k = 0; k < 3; k++) await s.atT(d * DAY + k, () => m.rewardMission(a!, cr(100), false));
    }
    expect(await s.economy.recentEarnings(a!)).to.equal(cr(703));
    expect(await s.economy.subscriptionDiscount(a!)).to.equal(wad(0.15));
    await s.mineAt(2 * MONTH);
    expect(await s.economy.recentEarnings(a!)).to.equal(cr(400));
    expect(await s.economy.subscriptionDiscount(a!)).to.equal(wad(0.1));
    await s.mineAt(3 * MONTH);
    expect(await s.economy.subscriptionDiscount(a!)).to.equal(0);
    // earned = paid: with nobody active for 30 days the cap (0 × 1,000,000 IT) binds and halves the review
    await s.atT(3 * MONTH + 10, () => s.economy.connect(s.roles.reviewer).rewardEvidenceReview(a!, cr(1)));
    expect(await s.economy.recentEarnings(a!)).to.equal(cr("0.5"));
  });
});

void IT;
