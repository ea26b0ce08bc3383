/**
 * A run is a pure function of (parameters, seed, steps, readings):
 *   same inputs ⇒ the same bytes (metrics and trace); another seed ⇒ another run
 *   the stepwise run (the harness's view) ends where runModel ends
 *   the harness's full-detail environment gives the very same run as the model's lean one
 * and the run keeps its books: per pool, capital = init + premiums + subscriptions + income − purchases − claims.
 */
import { expect } from "chai";
import { FastRun, createRun, runModel } from "../../sim/model/run.js";
import { traceColumns, traceToCsv } from "../../sim/model/trace.js";
import { METRIC_NAMES, type RunOptions } from "../../sim/model/api.js";
import { ReadingsError } from "../../sim/model/readings.js";
import { defaultParams, ParamsError, type ModelParams } from "../../sim/params/index.js";

const P: ModelParams = { ...defaultParams(), value_multiplier_eng: 2, eng_productivity_factor: 4.5, lambda_komp: 2, f_hunters: 0.5, theta_sell: 0.55, flip_threshold: 20, mandatory_insurance_frac: 0.1 };

describe("model: determinism and the stepwise run", function () {
  this.timeout(60_000);

  it("same params and seed give the same bytes: metrics and trace", () => {
    const opts: RunOptions = { seed: "42/3", steps: 1500, trace: true, traceGiniEvery: 100 };
    const a = runModel(P, opts);
    const b = runModel({ ...P }, { ...opts });
    expect(JSON.stringify(a.metrics)).to.equal(JSON.stringify(b.metrics));
    const cols = traceColumns(P.n_pools);
    expect(traceToCsv(a.trace!, cols)).to.equal(traceToCsv(b.trace!, cols));
    expect(a.trace).to.have.length(1500);
    expect(a.agentSteps).to.equal(200 * 1500);
    // tracing changes nothing
    expect(runModel(P, { seed: "42/3", steps: 1500 }).metrics).to.deep.equal(a.metrics);
    expect(Object.keys(a.metrics)).to.deep.equal([...METRIC_NAMES]);
  });

  it("another seed gives another run", () => {
    const a = runModel(P, { seed: "42/3", steps: 800 }).metrics;
    const b = runModel(P, { seed: "42/4", steps: 800 }).metrics;
    expect(a.total_claims).to.not.equal(b.total_claims);
  });

  it("the stepwise run ends where runModel ends, and its snapshots agree with its trace", () => {
    for (const readings of ["study", "protocol"] as const) {
      const opts: RunOptions = { seed: "7/0", steps: 600, readings, trace: true };
      const whole = runModel(P, opts);
      const run = createRun(P, opts);
      while (run.stepIndex < run.steps) {
        run.step();
        const snap = run.snapshot();
        const row = whole.trace![run.stepIndex - 1]!;
        expect(snap.step).to.equal(run.stepIndex);
        expect(snap.flips).to.equal(row.flips);
        expect(snap.insuredCount).to.equal(row.insured);
        snap.pools.forEach((pool, q) => {
          expect(pool.capital).to.equal(row[`pool${q}_capital`]);
          expect(pool.engCapital).to.equal(row[`pool${q}_eng_capital`]);
          expect(pool.bankrupt ? 1 : 0).to.equal(row[`pool${q}_bankrupt`]);
        });
      }
      expect(run.metrics()).to.deep.equal(whole.metrics);
      expect(() => run.step()).to.throw(/completed its 600 steps/);
    }
  });

  it("the harness's full-detail environment gives the same run as the model's lean one, step by step", () => {
    for (const params of [P, { ...P, value_multiplier_komp: 6, lambda_komp: 8 }]) {
      const lean = new FastRun(params, { seed: "d/1", steps: 500 }, "lean");
      const full = new FastRun(params, { seed: "d/1", steps: 500 }, "full");
      for (let t = 0; t < 500; t++) {
        lean.step();
        full.step();
        expect(full.snapshot()).to.deep.equal(lean.snapshot());
      }
    }
  });

  it("keeps each pool's books: capital = init + premiums + subscriptions + income − purchases − claims", () => {
    for (const readings of ["study", "protocol"] as const) {
      const run = createRun({ ...P, subscription_fee: 1, n_pools: 3 }, { seed: "books", steps: 2000, readings });
      for (let t = 0; t < 2000; t++) run.step();
      const s = run.snapshot();
      for (const pool of s.pools) {
        const books = P.init_cap + pool.premiums + pool.subscriptions + pool.investmentIncome - pool.purchaseCost - pool.claims;
        expect(pool.capital).to.be.closeTo(books, 1e-9 * Math.max(1, Math.abs(books), pool.premiums, pool.claims));
        expect(pool.capital).to.be.at.least(0);
      }
      const m = run.metrics();
      expect(m.insurance_penetration).to.equal(m.insured_end / (P.n_agents - m.flips));
      expect(m.total_pool_profit).to.be.closeTo(s.pools.reduce((a, p) => a + p.capital - P.init_cap, 0), 1e-6);
      expect(m.total_premiums).to.be.closeTo(s.pools.reduce((a, p) => a + p.premiums + p.subscriptions, 0), 1e-6);
    }
  });

  it("rejects bad parameters, steps, seeds and readings with messages that say what to fix", () => {
    expect(() => runModel({ ...P, p_loss: 2 }, { seed: "s", steps: 1 })).to.throw(ParamsError, /p_loss: 2 is outside its domain \[0, 1\]/);
    expect(() => runModel(P, { seed: "s", steps: -1 })).to.throw(/steps must be a non-negative integer/);
    expect(() => runModel(P, { seed: "", steps: 1 })).to.throw(/seed must be a non-empty string/);
    expect(() => runModel(P, { seed: "s", steps: 1, readings: "contract" as never })).to.throw(ReadingsError, /unknown readings "contract" \(known: study, protocol\)/);
    expect(() => runModel(P, { seed: "s", steps: 1, switches: { poolOrder: "random" as never } })).to.throw(ReadingsError, /"fixed", "shuffled", "fair"/);
  });
});
