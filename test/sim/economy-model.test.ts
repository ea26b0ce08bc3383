/**
 * The archetype model (sim/economy/model.ts): health metrics and bands, the §1.1 rates, determinism,
 * the operation log replaying to the same ledger state to the wei, and the design's volumes at 1K agents.
 */
import { expect } from "chai";
import { band, giniSorted, medianSorted, topShareSorted } from "../../sim/economy/metrics.js";
import { ratesAt, SCALE_ANCHORS } from "../../sim/economy/behaviour.js";
import { defaultRunConfig, runEconomy, type DayRow } from "../../sim/economy/model.js";
import { CreditLedger } from "../../sim/economy/ledger.js";
import { applyOp, decodeOp, encodeOp, type LedgerOp } from "../../sim/economy/ops.js";
import { credits as IT, DAY } from "../../sim/economy/units.js";
import { runGameTheory } from "../../sim/economy/game-theory.js";

describe("economy model: metrics", () => {
  it("Gini follows Appendix A's discrete formula", () => {
    expect(giniSorted([1, 1, 1, 1])).to.be.closeTo(0, 1e-12);
    expect(giniSorted([0, 0, 0, 10])).to.be.closeTo(0.75, 1e-12); // 2·40/(4·10) − 5/4
    expect(giniSorted([1, 2, 3, 4])).to.be.closeTo(0.25, 1e-12);
    expect(giniSorted([])).to.equal(0);
  });

  it("median and top-1% share", () => {
    expect(medianSorted([1, 2, 3])).to.equal(2);
    expect(medianSorted([1, 2, 3, 10])).to.equal(2.5);
    const xs = Array.from({ length: 100 }, (_, i) => (i === 99 ? 901 : 1));
    expect(topShareSorted(xs, 100, 0.01)).to.be.closeTo(0.901, 1e-12);
  });

  it("classifies every metric with §2.4's bands, gaps as 'watch'", () => {
    expect(band("inflationMonthly", 0.03)).to.equal("healthy");
    expect(band("inflationMonthly", 0.1)).to.equal("warning");
    expect(band("inflationMonthly", 0.2)).to.equal("critical");
    expect(band("inflationMonthly", -0.01)).to.equal("watch");
    expect(band("median", 100)).to.equal("healthy");
    expect(band("median", 30)).to.equal("watch");
    expect(band("median", 10)).to.equal("warning");
    expect(band("median", 4)).to.equal("critical");
    expect(band("median", 3_000)).to.equal("warning");
    expect(band("gini", 0.45)).to.equal("healthy");
    expect(band("gini", 0.6)).to.equal("warning");
    expect(band("gini", 0.7)).to.equal("critical");
    expect(band("velocity", 5)).to.equal("healthy");
    expect(band("velocity", 1.5)).to.equal("watch");
    expect(band("velocity", 0.8)).to.equal("warning");
    expect(band("velocity", 0.3)).to.equal("critical");
    expect(band("activePct", 0.7)).to.equal("healthy");
    expect(band("activePct", 0.5)).to.equal("warning");
    expect(band("activePct", 0.3)).to.equal("critical");
    expect(band("faucetSinkRatio", 1)).to.equal("healthy");
    expect(band("faucetSinkRatio", 1.3)).to.equal("warning");
    expect(band("faucetSinkRatio", 0.8)).to.equal("watch");
    expect(band("faucetSinkRatio", 1.6)).to.equal("critical");
    expect(band("velocity", null)).to.equal(null);
  });
});

describe("economy model: §1.1 rates", () => {
  it("reproduces the table's volumes at its three scales and interpolates in log10(agents) between them", () => {
    for (const [n] of SCALE_ANCHORS) {
      const r = ratesAt(n);
      const volumes = { review: r.reviews * n * 1.5, vote: r.votes * n * 5, circle: r.circles * n * 25, priority: r.priority * n * 15, disputeBurn: r.disputes * n * 0.4 * 10, starter: r.arrivals * n * 50 };
      const table: Record<number, typeof volumes> = {
        1000: { review: 1000, vote: 1000, circle: 250, priority: 500, disputeBurn: 200, starter: 500 },
        10000: { review: 8000, vote: 10000, circle: 2000, priority: 5000, disputeBurn: 2000, starter: 2000 },
        100000: { review: 60000, vote: 80000, circle: 15000, priority: 40000, disputeBurn: 15000, starter: 10000 },
      };
      for (const k of Object.keys(volumes) as (keyof typeof volumes)[]) expect(volumes[k]).to.be.closeTo(table[n]![k], 1e-6);
    }
    const mid = ratesAt(Math.sqrt(1000 * 10000));
    expect(mid.votes).to.be.closeTo(0.2, 1e-12);
    expect(mid.reviews).to.be.closeTo((ratesAt(1000).reviews + ratesAt(10000).reviews) / 2, 1e-12);
    expect(ratesAt(50).reviews).to.equal(ratesAt(1000).reviews);
  });
});

describe("economy model: runs", () => {
  const small = (seed: string, days = 20, agents = 300): ReturnType<typeof runEconomy> => runEconomy(defaultRunConfig({ seed, days }), { initialAgents: agents });

  it("is a pure function of its seed", () => {
    const a = small("7");
    const b = small("7");
    const c = small("8");
    const key = (rows: DayRow[]): string => JSON.stringify(rows.map((r) => [r.supply, r.median, r.gini, r.submissions]));
    expect(key(a.rows)).to.equal(key(b.rows));
    expect(key(a.rows)).to.not.equal(key(c.rows));
    a.ledger.checkConservation();
  });

  it("its operation log replays on a fresh ledger to the same state, to the wei", function () {
    this.timeout(60_000);
    const log: string[] = [];
    // the automatic adjustment switched on at day 100 so that decay (suspended by liquidity responses) also occurs
    const res = runEconomy(defaultRunConfig({ seed: "3", days: 120, autoAdjustFromDay: 100, onOp: (o: LedgerOp) => log.push(encodeOp(o)) }), { initialAgents: 150 });
    expect(log.length).to.equal(res.operations);
    const names = new Set(log.map((l) => decodeOp(l).op));
    for (const op of ["grantStarter", "rewardValidations", "rewardMission", "rewardEvidenceReview", "chargeSubmission", "chargeSpend", "openDispute", "resolveDispute", "evaluate", "reportMetrics", "settleDecay", "setAutoAdjustment"]) {
      expect(names, op).to.include(op);
    }
    const replay = new CreditLedger();
    let last = 0;
    for (const line of log) {
      const op = decodeOp(line);
      expect(op.t).to.be.at.least(last);
      last = op.t;
      applyOp(replay, op);
    }
    const L = res.ledger;
    expect([replay.supply, replay.totalBurned, replay.totalIssued, replay.reserve, replay.rewardPool, replay.escrow]).to.deep.equal([L.supply, L.totalBurned, L.totalIssued, L.reserve, L.rewardPool, L.escrow]);
    const tEnd = 120 * DAY;
    for (let i = 0; i < res.pop.n; i++) {
      expect(replay.settledBalanceOf(i)).to.equal(L.settledBalanceOf(i));
      expect(replay.balanceOf(i, tEnd)).to.equal(L.balanceOf(i, tEnd));
    }
    replay.checkConservation();
  });

  it("runs the archetypes' and §1.1's volumes at 1K agents before the cap or any adjustment", function () {
    this.timeout(30_000);
    const res = small("1", 10, 1000);
    const d0 = res.rows[0]!;
    expect(d0.faucetByKind.starter).to.equal(1000 * 50);
    const days = res.rows.slice(1, 10);
    const avg = (f: (r: DayRow) => number): number => days.reduce((s, r) => s + f(r), 0) / days.length;
    // §2.2: 15% mission runners × 1 mission × 60 IT on average
    expect(avg((r) => r.faucetByKind.mission!)).to.be.closeTo(150 * 60, 900);
    // §1.1: evidence review 1,000 IT/day at 1K
    expect(avg((r) => r.faucetByKind.review!)).to.be.closeTo(1000, 100);
    // §2.2 submissions wanted: 300·1 + 250·4 + 300·2 + 150·1 = 2,050 a day
    expect(avg((r) => r.submissionsWanted)).to.be.closeTo(2050, 100);
    // validation work: 3 tasks per submission of the day before
    for (const r of days) expect(r.validationTasks).to.be.at.least(0);
    expect(days[1]!.validationTasks).to.equal(3 * days[0]!.submissions + days[0]!.backlog);
  });

  it("keeps the present population steady: departures match arrivals, dormant accounts decay after 90 days", function () {
    this.timeout(30_000);
    const res = runEconomy(defaultRunConfig({ seed: "2", days: 130, autoAdjustFromDay: 1000 }), { initialAgents: 400 });
    const last = res.rows[res.rows.length - 1]!;
    expect(last.agentsPresent).to.equal(400);
    expect(last.agentsRegistered).to.be.greaterThan(400);
    const decayed = res.rows.reduce((s, r) => s + r.sinkByKind.decay!, 0);
    expect(decayed).to.be.greaterThan(0);
    expect(res.rows.slice(0, 90).reduce((s, r) => s + r.sinkByKind.decay!, 0)).to.equal(0);
  });
});

describe("economy model: §5 game theory from the ledger", () => {
  it("honest 15 evaluations a day for a year; dishonest paid only while F1 ≥ 0.65; collusion loses", function () {
    this.timeout(30_000);
    const g = runGameTheory({ seed: "1", trials: 100 });
    const by = (name: string): number => g.strategies.find((x) => x.strategy === name)!.value;
    expect(by("honest")).to.be.closeTo(365 * 15 * 0.649, 1e-6);
    const dishonest = g.strategies.find((x) => x.strategy === "dishonest")!;
    expect(dishonest.earningDays).to.equal(11); // F1 0.85 − 0.02·d ≥ 0.65 for d = 0…10
    expect(by("honest")).to.be.greaterThan(by("dishonest"));
    expect(by("colluding (ledger slashes)")).to.be.lessThan(by("honest"));
    expect(by("colluding sparingly")).to.be.lessThan(by("honest"));
    expect(g.individualRationality.map((r) => r.archetype)).to.deep.equal(["validator", "creator", "balanced", "missionRunner"]);
  });
});
