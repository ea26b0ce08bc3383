/**
 * Each mechanism of the specification against values computed by hand:
 *   loading ─ below capital_low / above capital_high / between; saturation at 3 and 0.5
 *   premium ─ risk clipping at 0.01 and 0.5; the cheapest pool wins, the lowest index on ties
 *   valuation ─ kompromat, engineering (value + future return with eng capital before the purchase)
 *   stream ─ 100 payments from the step of purchase, then nothing
 *   claims ─ full payout, partial payout that bankrupts the pool, uncovered losses, wealth clipped
 *   cover ─ voluntary agents of a run buy from the cheapest solvent pool every step
 */
import { expect } from "chai";
import {
  clipRisk,
  engineeringValue,
  futureReturn,
  gini,
  kompromatValue,
  movingAverage,
  nextLoading,
  premium,
  riskEstimate,
} from "../../sim/model/mechanisms.js";
import { ReturnStreams } from "../../sim/model/return-streams.js";
import { createRun } from "../../sim/model/run.js";
import { defaultParams, type ModelParams } from "../../sim/params/index.js";

const band = { capital_low: 100, capital_high: 2000, base_loading: 2 };

/** A run with no secrets and no losses unless asked: the pools' own mechanics in isolation. */
function quietParams(over: Partial<ModelParams>): ModelParams {
  return { ...defaultParams(), lambda_komp: 0, lambda_eng: 0, p_loss: 0, mandatory_insurance_frac: 0, ...over };
}

describe("model mechanisms: loading (§4.2)", () => {
  it("rises by 0.2 below capital_low, at most to 3", () => {
    expect(nextLoading(2, 99, band)).to.equal(2.2);
    expect(nextLoading(2.9, 0, band)).to.equal(3);
    expect(nextLoading(3, 50, band)).to.equal(3);
  });
  it("falls by 0.1 above capital_high, at least to 0.5", () => {
    expect(nextLoading(2, 2001, band)).to.equal(1.9);
    expect(nextLoading(0.55, 1e9, band)).to.equal(0.5);
  });
  it("returns to base_loading between the thresholds (both inclusive)", () => {
    expect(nextLoading(2.8, 100, band)).to.equal(2);
    expect(nextLoading(0.7, 2000, band)).to.equal(2);
    expect(nextLoading(1, 500, band)).to.equal(2);
  });
  it("in a run: a pool rich beyond capital_high steps down 0.1 a step to 0.5, from the capital at the end of the previous step", () => {
    const run = createRun(quietParams({ n_pools: 1, init_cap: 1e7, base_loading: 1.5, capital_high: 5000 }), { seed: "l", steps: 20 });
    const seen: number[] = [];
    for (let t = 0; t < 12; t++) {
      run.step();
      seen.push(run.snapshot().pools[0]!.loading);
    }
    const expected = [1.4, 1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.5, 0.5];
    seen.forEach((l, k) => expect(l).to.be.closeTo(expected[k]!, 1e-12));
  });
});

describe("model mechanisms: risk and premium (§4.1–4.3)", () => {
  it("risk = clip(baseline + alpha_k·komp − alpha_e·eng, 0.01, 0.5)", () => {
    expect(riskEstimate(0.03, 0, 0, 1e-4, 5e-4)).to.equal(0.03);
    expect(riskEstimate(0.03, 100, 0, 1e-4, 5e-4)).to.be.closeTo(0.04, 1e-15);
    expect(riskEstimate(0.03, 0, 50, 1e-4, 5e-4)).to.equal(0.01); // 0.03 − 0.025 = 0.005 → 0.01
    expect(riskEstimate(0.03, 10_000, 0, 1e-4, 5e-4)).to.equal(0.5); // 1.03 → 0.5
    expect(clipRisk(0.2)).to.equal(0.2);
  });
  it("premium = risk × wealth × 0.1 × loading", () => {
    expect(premium(0.03, 1000, 0.1, 2)).to.be.closeTo(6, 1e-12);
    expect(premium(0.5, 800, 0.1, 3)).to.be.closeTo(120, 1e-12);
  });
  it("in a run's first step every voluntary agent pays pool 0 (both pools quote the same: the lowest index wins)", () => {
    const p = quietParams({ n_pools: 2, init_cap: 1000, base_loading: 2, capital_low: 100, capital_high: 2000 });
    const run = createRun(p, { seed: "prem", steps: 1 });
    const w0 = Float64Array.from(run.env.agents.wealth);
    run.step();
    const s = run.snapshot();
    let expected = 0;
    for (let i = 0; i < p.n_agents; i++) {
      const prem = run.env.agents.baselineRisk[i]! * w0[i]! * 0.1 * 2; // risk unclipped: baseline ∈ (0.01, 0.05)
      expected += prem;
      expect(s.wealth[i]).to.be.closeTo(w0[i]! - prem, 1e-9);
      expect(s.insuredPool[i]).to.equal(0);
    }
    expect(s.pools[0]!.premiums).to.be.closeTo(expected, 1e-9);
    expect(s.pools[0]!.capital).to.be.closeTo(1000 + expected, 1e-9);
    expect(s.pools[1]!.premiums).to.equal(0);
    expect(s.insuredCount).to.equal(p.n_agents);
  });
  it("each agent buys from the pool that quotes it least (loading against eng-capital risk reduction)", () => {
    const p = quietParams({ n_pools: 2, init_cap: 1000, base_loading: 2, capital_low: 100, capital_high: 2000, alpha_e: 5e-4 });
    const run = createRun(p, { seed: "cheap", steps: 1 });
    // pool 0: short of capital (loading 2 → 2.2) but 6 units of eng capital (risk − 0.003); pool 1: loading 2
    run.capital[0] = 50;
    run.engCapital[0] = 6;
    const w0 = Float64Array.from(run.env.agents.wealth);
    run.step();
    const s = run.snapshot();
    expect(s.pools[0]!.loading).to.be.closeTo(2.2, 1e-15);
    expect(s.pools[1]!.loading).to.equal(2);
    const chose = [0, 0];
    for (let i = 0; i < p.n_agents; i++) {
      const b = run.env.agents.baselineRisk[i]!;
      const q0 = Math.max(0.01, b - 0.003) * w0[i]! * 0.1 * 2.2;
      const q1 = b * w0[i]! * 0.1 * 2;
      const want = q0 < q1 ? 0 : 1; // b < 0.033 ⇒ pool 0
      expect(s.insuredPool[i], `agent ${i}, baseline ${b}`).to.equal(want);
      expect(s.wealth[i]).to.be.closeTo(w0[i]! - Math.min(q0, q1), 1e-9);
      chose[want]!++;
    }
    expect(chose[0]).to.be.above(20);
    expect(chose[1]).to.be.above(20);
  });
  it("an agent with no wealth is quoted 0 everywhere and, as the pseudo-code's strict < says, takes the first solvent pool", () => {
    const p = quietParams({ n_pools: 3, init_cap: 1000, base_loading: 2, capital_low: 100, capital_high: 2000 });
    const run = createRun(p, { seed: "zero", steps: 1 });
    run.capital[0] = 50; // pool 0: loading 2.2, the dearest; pools 1 and 2: loading 2
    run.bankrupt[1] = 1; // pool 1 sells nothing: pool 2 is the cheapest for everyone with wealth
    run.wealth[3] = 0;
    run.wealth[7] = 0;
    run.step();
    const s = run.snapshot();
    expect(s.insuredPool[3]).to.equal(0);
    expect(s.insuredPool[7]).to.equal(0);
    expect(s.insuredPool[0]).to.equal(2);
    expect(s.insuredPool[199]).to.equal(2);
  });
  it("a bankrupt pool sells no cover: its agents move to a solvent pool", () => {
    const p = quietParams({ n_pools: 2, init_cap: 1000 });
    const run = createRun(p, { seed: "bk", steps: 1 });
    run.bankrupt[0] = 1;
    run.step();
    expect([...run.snapshot().insuredPool].every((q) => q === 1)).to.equal(true);
  });
});

describe("model mechanisms: valuation (§4.4)", () => {
  it("kompromat: amount·potency·value_multiplier_komp; never above an ask (≥ 5·amount·potency) when the multiplier is below 5", () => {
    expect(kompromatValue(2 * 0.5, 0.8)).to.be.closeTo(0.8, 1e-15);
    for (const vmk of [0.1, 1, 4.999]) expect(kompromatValue(1, vmk)).to.be.below(1 * 0.5000001 * 10);
  });
  it("engineering: value + future return, the future return with the pool's eng capital before the purchase", () => {
    const ap = 3 * 0.5; // amount 3, potency 0.5
    expect(engineeringValue(ap, 1.5)).to.be.closeTo(2.25, 1e-15);
    expect(futureReturn(ap, 4, 0)).to.be.closeTo(6, 1e-15);
    expect(futureReturn(ap, 4, 500)).to.be.closeTo(9, 1e-15); // 1.5·4·(1 + 0.5)
    // total 11.25 at eng capital 500: buys at ask 11.25 (r = 0.75), not at 11.26
    const total = engineeringValue(ap, 1.5) + futureReturn(ap, 4, 500);
    expect(total >= ap * 0.75 * 10).to.equal(true);
    expect(total >= 11.26).to.equal(false);
  });
  it("potency moving average: (1 − 0.1)·avg + 0.1·potency", () => {
    expect(movingAverage(0.5, 0.9, 0.1)).to.be.closeTo(0.54, 1e-15);
  });
});

describe("model mechanisms: return streams (§4.5)", () => {
  it("pay future_return/100 at the step of purchase and the 99 after, then nothing", () => {
    const rs = new ReturnStreams();
    rs.open(120 / 100, 5, 100);
    const income: number[] = [];
    for (let t = 5; t < 110; t++) income.push(rs.pay(t));
    expect(income.slice(0, 100).every((x) => x === 1.2)).to.equal(true);
    expect(income.slice(100).every((x) => x === 0)).to.equal(true);
    expect(rs.length).to.equal(0);
  });
  it("sum overlapping streams each step and close each after its own 100 payments", () => {
    const rs = new ReturnStreams();
    rs.open(1, 0, 100);
    expect(rs.pay(0)).to.equal(1);
    for (let t = 1; t < 50; t++) expect(rs.pay(t)).to.equal(1);
    rs.open(2, 50, 100);
    for (let t = 50; t < 100; t++) expect(rs.pay(t)).to.equal(3);
    for (let t = 100; t < 150; t++) expect(rs.pay(t)).to.equal(2);
    expect(rs.pay(150)).to.equal(0);
  });
  it("keep purchase order when the ring grows", () => {
    const rs = new ReturnStreams();
    for (let k = 0; k < 300; k++) rs.open(k + 1, k, 100);
    // at step 299 the streams opened at 200..299 pay: Σ (201..300)
    let total = 0;
    for (let t = 0; t < 299; t++) rs.pay(t);
    total = rs.pay(299);
    expect(total).to.equal(((201 + 300) * 100) / 2);
  });
});

describe("model mechanisms: claims and bankruptcy (§4.6)", () => {
  it("an insured loss is paid in full while capital lasts; the pool that runs dry goes bankrupt and pays no more", () => {
    // every agent mandatory with the single pool (pays nothing, covered), every agent loses every step
    const p = quietParams({ n_pools: 1, init_cap: 600, p_loss: 1, loss_frac: 0.2, mandatory_insurance_frac: 1, capital_low: 0, capital_high: 1e9, base_loading: 2 });
    const run = createRun(p, { seed: "claims", steps: 2 });
    const w0 = Float64Array.from(run.env.agents.wealth);
    run.step();
    const s = run.snapshot();
    let cap = 600;
    const expectedWealth = w0.map((w) => {
      const loss = w * 0.2;
      if (cap <= 0) return w - loss; // bankrupt pool: uncovered
      const payout = Math.min(loss, cap);
      cap -= payout;
      return w + (payout - loss);
    });
    expect(s.pools[0]!.capital).to.equal(0);
    expect(s.pools[0]!.bankrupt).to.equal(true);
    expect(s.pools[0]!.claims).to.be.closeTo(600, 1e-9);
    s.wealth.forEach((w, i) => expect(w).to.be.closeTo(expectedWealth[i]!, 1e-9));
    // the first agents were paid in full, at least one was not
    expect(s.wealth[0]).to.be.closeTo(w0[0]!, 1e-9);
    expect(s.wealth[199]).to.be.closeTo(w0[199]! * 0.8, 1e-9);
    // next step: nobody is paid, and a bankrupt pool sells no cover
    run.step();
    const s2 = run.snapshot();
    expect(s2.pools[0]!.claims).to.equal(s.pools[0]!.claims);
    s2.wealth.forEach((w, i) => expect(w).to.be.closeTo(s.wealth[i]! * 0.8, 1e-9));
    const m = run.metrics();
    expect(m.bankrupt_pools).to.equal(1);
    expect(m.total_pool_profit).to.equal(-600);
  });
  it("an uninsured loss lowers wealth by wealth·loss_frac, never below 0", () => {
    // no pool can sell cover: every pool bankrupt from the first claim; a loss_frac of 1 empties wealth
    const p = quietParams({ n_pools: 1, init_cap: 0, p_loss: 1, loss_frac: 1 });
    const run = createRun(p, { seed: "uninsured", steps: 3 });
    run.step();
    run.step();
    const s = run.snapshot();
    expect(s.pools[0]!.bankrupt).to.equal(true);
    expect([...s.wealth].every((w) => w === 0)).to.equal(true);
  });
  it("protocol: a mandatory member whose wealth is below the subscription fee pays nothing and is uncovered that step", () => {
    const p = quietParams({ n_pools: 1, init_cap: 1e6, mandatory_insurance_frac: 1, subscription_fee: 900, p_loss: 1, loss_frac: 0.1 });
    const run = createRun(p, { seed: "fee", steps: 1, readings: "protocol" });
    const w0 = Float64Array.from(run.env.agents.wealth);
    run.step();
    const s = run.snapshot();
    let fees = 0;
    w0.forEach((w, i) => {
      if (w >= 900) {
        fees += 900;
        expect(s.wealth[i]).to.be.closeTo(w - 900, 1e-9); // paid, covered: loss (on start-of-step wealth) refunded
      } else {
        expect(s.wealth[i]).to.be.closeTo(w * 0.9, 1e-9); // unpaid, uncovered
      }
    });
    expect(s.pools[0]!.subscriptions).to.equal(fees);
    expect(s.insuredCount).to.equal(w0.filter((w) => w >= 900).length);
  });
});

describe("model mechanisms: Gini", () => {
  it("is 0 for equal wealth, (n−1)/n when one agent has everything, 0 for nobody", () => {
    expect(gini([5, 5, 5, 5])).to.equal(0);
    expect(gini([0, 0, 0, 8])).to.be.closeTo(0.75, 1e-15);
    expect(gini([1, 2, 3, 4])).to.be.closeTo(0.25, 1e-15);
    expect(gini([])).to.equal(0);
    expect(gini([0, 0])).to.equal(0);
  });
});
