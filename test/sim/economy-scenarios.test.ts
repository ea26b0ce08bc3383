/**
 * The §6 scenario presets at 1K agents: each shock moves its metrics in the expected direction, the
 * design's automatic and manual responses are applied, and every preset reports its outcome checks.
 * (Whether each expected outcome holds is the model's finding, printed by `npm run economy`; these tests
 * check the mechanics that finding rests on.)
 */
import { expect } from "chai";
import { runScenario, SCENARIO_NAMES, type ScenarioResult } from "../../sim/economy/scenarios.js";
import type { DayRow } from "../../sim/economy/model.js";
import { RESPONSE } from "../../sim/economy/ledger.js";

const at = (r: ScenarioResult, day: number): DayRow => {
  const row = r.rows.find((x) => x.day === day);
  if (!row) throw new Error(`no day ${day}`);
  return row;
};
const mean = (r: ScenarioResult, from: number, to: number, f: (x: DayRow) => number): number => {
  const xs = r.rows.filter((x) => x.day >= from && x.day <= to).map(f);
  return xs.reduce((a, b) => a + b, 0) / xs.length;
};

describe("economy scenarios (1K agents)", function () {
  this.timeout(120_000);

  it("growth: the population grows tenfold over 12 weeks; starter grants surge; the starter-grant lever goes 50 → 35 → 50", () => {
    const r = runScenario("growth", { agents: 1000, days: 90, seed: "1" });
    expect(at(r, -1).agentsPresent).to.equal(100);
    expect(at(r, 83).agentsPresent).to.equal(1000);
    expect(mean(r, 0, 27, (x) => x.faucetByKind.starter!)).to.be.greaterThan(3 * mean(r, -20, -1, (x) => x.faucetByKind.starter!));
    expect(at(r, 27).params.starterGrant).to.equal(50);
    expect(at(r, 29).params.starterGrant).to.equal(35);
    expect(at(r, 57).params.starterGrant).to.equal(50);
    expect(at(r, 89).supply).to.be.greaterThan(at(r, -1).supply);
    expect(r.checks).to.have.length(4);
  });

  it("whale: the 1% whales hold far more than the rest; the Gini response lowers the earning cap; premium features burn credits", () => {
    const r = runScenario("whale", { agents: 1000, days: 61, seed: "1" });
    const d0 = at(r, 0);
    expect(d0.extra.whaleMeanBalance).to.be.greaterThan(10 * (d0.supply / d0.agentsRegistered));
    expect(d0.top1Share).to.be.greaterThan(at(r, -150).top1Share);
    expect(d0.sinkByKind.feature).to.equal(10 * (500 + 1000 + 200));
    const fired = r.rows.find((x) => x.day >= 0 && x.responses & RESPONSE.concentration);
    expect(fired, "concentration response").to.not.equal(undefined);
    expect(at(r, fired!.day + 1).params.earningCap).to.be.lessThan(200);
    expect(at(r, fired!.day + 1).params.discounts).to.equal(1);
    expect(r.checks.map((c) => c.holds)).to.have.length(4);
  });

  it("validator shortage: the pool loses ~30%; each remaining validator earns more; the manual levers apply after their delay", () => {
    const r = runScenario("validator-shortage", { agents: 1000, days: 30, seed: "1" });
    const before = at(r, -1).extra.poolSize!;
    const after = at(r, 0).extra.poolSize!;
    expect(after / before).to.be.within(0.62, 0.78);
    const perMember = (x: DayRow): number => x.faucetByKind.validation! / x.extra.poolSize!;
    expect(perMember(at(r, 0))).to.be.greaterThan(mean(r, -7, -1, perMember));
    expect(at(r, 0).params.validationCap).to.be.at.most(50);
    expect(at(r, 2).params.validationCap).to.be.at.least(at(r, 0).params.validationCap! * 1.4); // 50 → 75 × the automatic factor
    expect(at(r, 2).params.validationReward).to.be.greaterThan(at(r, 0).params.validationReward!);
    expect(at(r, 10).params.validationReward).to.equal(at(r, 0).params.validationReward);
  });

  it("spam: submissions and validation work rise during the attack; detected sybils are slashed and banned", () => {
    const r = runScenario("spam", { agents: 1000, days: 20, seed: "1" });
    expect(mean(r, 0, 9, (x) => x.submissions)).to.be.greaterThan(mean(r, -7, -1, (x) => x.submissions));
    expect(mean(r, 1, 10, (x) => x.validationTasks)).to.be.greaterThan(mean(r, -7, -1, (x) => x.validationTasks));
    const end = r.rows[r.rows.length - 1]!;
    expect(end.extra.spamSubmitted).to.be.greaterThan(0);
    expect(end.extra.banned).to.be.greaterThan(0);
    expect(r.rows.filter((x) => x.day >= 0).reduce((s, x) => s + x.sinkByKind.slash!, 0)).to.be.greaterThan(0);
  });

  it("deflation: tripled costs and no missions cut submissions and mission income; the lever reverts after 30 days", () => {
    const r = runScenario("deflation", { agents: 1000, days: 40, seed: "1" });
    expect(at(r, 1).params.costMultiplier).to.equal(3);
    expect(mean(r, 1, 7, (x) => x.submissions)).to.be.lessThan(0.9 * mean(r, -7, -1, (x) => x.submissions));
    expect(mean(r, 1, 7, (x) => x.faucetByKind.mission!)).to.be.lessThan(0.05 * mean(r, -7, -1, (x) => x.faucetByKind.mission!));
    expect(at(r, 31).params.costMultiplier).to.equal(1);
    expect(r.counterfactual).to.have.length(r.rows.length);
  });

  it("every preset reports its design checks with a criterion and a measured figure", function () {
    this.timeout(60_000);
    for (const name of SCENARIO_NAMES) {
      const r = runScenario(name, { agents: 300, days: 40, seed: "1" });
      expect(r.checks.length, name).to.be.at.least(3);
      for (const c of r.checks) {
        expect(c.claim).to.match(/§/);
        expect(c.criterion.length).to.be.greaterThan(10);
        expect(c.measured.length).to.be.greaterThan(0);
      }
    }
  });
});
