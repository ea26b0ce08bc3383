/**
 * The fast model (sim/env + sim/model/run.ts: typed arrays, ap-bucketed market, lean draws) against
 * the plain reference implementation of the same canonical procedure (sim/model/reference.ts):
 * bit-identical metrics on every seed and parameter point below, under both named readings and
 * every switch.
 */
import { expect } from "chai";
import { runModel } from "../../sim/model/run.js";
import { referenceRun } from "../../sim/model/reference.js";
import type { RunOptions } from "../../sim/model/api.js";
import { SWEPT_PARAMS, defaultParams, type ModelParams } from "../../sim/params/index.js";

/** Rows of the study's reference design (run_index: values in SWEPT_PARAMS order, then n_pools). */
const DESIGN_ROWS: Record<string, number[]> = {
  // profitable: pools buy engineering steadily
  "design row 1350": [2.2811809118348672, 2.4443529475908496, 0.45682337408033896, 0.70776802542694683, 27.3772234160603, 0.029342560410450885, 0.13047045805020935, 0.0001838501240555477, 0.00053545581558797194, 1.8893155102645354, 0.74236475690622106, 1.0902111592865587, 4.3471888804308261, 4253.6784215935249, 222.66437131381292, 2482.1825360595576, 0.16684948635982433, 1],
  // bankrupt pools that keep buying from stream income while thousands of secrets pile up
  "design row 1950": [0.61759383635548593, 4.5464714846149583, 0.38356738568172666, 0.70929467808935653, 27.519604830496622, 0.029985520109592097, 0.21202552535864844, 0.00016556627225455215, 0.00058752762863719841, 2.4891659767959888, 0.73559537854152968, 1.6831910090508293, 3.8231682153410613, 1625.3841066211148, 109.5628752466078, 4111.7238881054254, 0.18947294161643305, 2],
  // many flips
  "design row 1450": [1.9370059435622007, 4.7604126037991517, 0.49338448159015802, 0.60732964895835106, 22.005727435134467, 0.018079518958861361, 0.12723407729548869, 0.00012452507922375056, 0.00031667481580774587, 1.6641037009654713, 0.58270484624529428, 1.9739780412567098, 1.7590378700477154, 4943.9123035913162, 133.92575230181137, 2104.9329547003149, 0.018959069573835211, 1],
};

function designRow(values: number[]): ModelParams {
  const p = defaultParams();
  SWEPT_PARAMS.forEach((name, k) => (p[name] = values[k]!));
  p.n_pools = values[SWEPT_PARAMS.length]!;
  return p;
}

const buyer = { value_multiplier_eng: 2, eng_productivity_factor: 4.5 };

const POINTS: Record<string, ModelParams> = {
  "study defaults (no pool buys: V < 5)": defaultParams(),
  "high eng_productivity_factor (5) and value_multiplier_eng (2), 3 pools": { ...defaultParams(), value_multiplier_eng: 2, eng_productivity_factor: 5, n_pools: 3 },
  "high lambda_komp (2.5), many hunters, low flip threshold, 30 agents": { ...defaultParams(), ...buyer, lambda_komp: 2.5, f_hunters: 0.5, theta_sell: 0.5, flip_threshold: 20, n_agents: 30 },
  "mandatory fraction 0.2, 1 pool": { ...defaultParams(), ...buyer, mandatory_insurance_frac: 0.2, n_pools: 1 },
  "mandatory fraction 0.2 with a subscription fee": { ...defaultParams(), ...buyer, mandatory_insurance_frac: 0.2, subscription_fee: 2 },
  "all pools bankrupt early (tiny capital, frequent large losses)": { ...defaultParams(), ...buyer, init_cap: 50, p_loss: 0.03, loss_frac: 0.25, mandatory_insurance_frac: 0.2, n_pools: 3 },
  "all agents flipped (8 agents, heavy hoarding)": { ...defaultParams(), ...buyer, n_agents: 8, lambda_komp: 6, f_hunters: 1, theta_sell: 0, flip_threshold: 20 },
  "kompromat buyable (value_multiplier_komp 6) and a flood of it": { ...defaultParams(), ...buyer, value_multiplier_komp: 6, lambda_komp: 20, f_hunters: 0.3 },
  "V just above 5 (slow buying, secrets pile up)": { ...defaultParams(), value_multiplier_eng: 1.02, eng_productivity_factor: 4, lambda_eng: 5 },
  "wealth wiped out by uncovered losses (loss_frac 1) while other pools stay open": { ...defaultParams(), ...buyer, n_pools: 3, loss_frac: 1, p_loss: 0.02, init_cap: 300, capital_low: 250, mandatory_insurance_frac: 0.2 },
  "every agent loses every step": { ...defaultParams(), ...buyer, p_loss: 1, loss_frac: 0.1, init_cap: 5000 },
  ...Object.fromEntries(Object.entries(DESIGN_ROWS).map(([k, v]) => [k, designRow(v)])),
};
const NO_LOSS: ModelParams = { ...defaultParams(), ...buyer, p_loss: 0 };

const SWITCH_SETS: [string, Partial<RunOptions>][] = [
  ["study + shuffled pool order, proportional flips, purge engineering", { readings: "study", switches: { poolOrder: "shuffled", flipRule: "proportional", purgeEngineering: true } }],
  ["study + fixed asks, loss on after-premium wealth, per-step cover, bankrupt pools do not buy", { readings: "study", switches: { ask: "fixed", lossWealth: "afterPremium", cover: "perStep", bankruptBuys: false } }],
];

function expectSame(params: ModelParams, options: RunOptions, label: string): void {
  const fast = runModel(params, options).metrics;
  const ref = referenceRun(params, options);
  // bit-identical: compare the exact doubles, not within a tolerance
  for (const k of Object.keys(ref) as (keyof typeof ref)[]) {
    expect(Object.is(fast[k], ref[k]), `${label}: ${k} fast ${fast[k]} reference ${ref[k]}`).to.equal(true);
  }
}

describe("model: fast == reference, bit for bit", function () {
  this.timeout(120_000);

  for (const [name, params] of Object.entries(POINTS)) {
    it(`${name}: study and protocol readings, 3 seeds`, () => {
      for (const readings of ["study", "protocol"] as const) {
        for (const seed of ["1/0", "42/7", "x"]) expectSame(params, { seed, steps: 700, readings }, `${readings} ${seed}`);
      }
    });
  }

  for (const [name, opts] of SWITCH_SETS) {
    it(`switches — ${name}: every parameter point`, () => {
      for (const [pname, params] of Object.entries(POINTS)) expectSame(params, { seed: "sw/1", steps: 500, ...opts }, pname);
    });
  }

  it("edge cases: no losses at all, zero steps, one agent, one pool", () => {
    expectSame(NO_LOSS, { seed: "e", steps: 300 }, "p_loss 0");
    expectSame(defaultParams(), { seed: "e", steps: 0 }, "0 steps");
    expectSame({ ...defaultParams(), ...buyer, n_agents: 1, n_pools: 1 }, { seed: "e", steps: 500, readings: "protocol" }, "1 agent");
  });

  it("the comparison is not vacuous: the points buy secrets, flip agents, bankrupt pools and pay streams", () => {
    const m = (name: string, readings: "study" | "protocol" = "study") => runModel(POINTS[name]!, { seed: "42/7", steps: 700, readings }).metrics;
    expect(m("high eng_productivity_factor (5) and value_multiplier_eng (2), 3 pools").total_investment_income).to.be.above(0);
    expect(m("all agents flipped (8 agents, heavy hoarding)").flips).to.equal(8);
    expect(m("all pools bankrupt early (tiny capital, frequent large losses)").bankrupt_pools).to.equal(3);
    expect(m("high lambda_komp (2.5), many hunters, low flip threshold, 30 agents").flips).to.be.above(0);
    expect(m("kompromat buyable (value_multiplier_komp 6) and a flood of it").total_secret_purchases).to.be.above(0);
    expect(m("design row 1950").total_secret_purchases).to.be.above(0);
  });
});
