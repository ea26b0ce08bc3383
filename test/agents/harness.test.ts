/**
 * The agent harness against the model: a small run whose every step agrees, mispriced pools whose first
 * divergence is reported with its step, pool, field and both values, and a run that replays to the wei.
 */
import { expect } from "chai";
import { agentFixture, describeDivergence, type AgentRun, type PoolChainState } from "../../sim/harness/index.js";
import { toWad } from "../../sim/harness/units.js";
import { keepNumericCloseTo } from "../contracts/helpers/network.js";

describe("agent harness: chain against model", function () {
  this.timeout(180_000);

  describe("a small run (20 agents × 20 steps, the default scenario)", () => {
    let sim: AgentRun;
    before(async () => {
      sim = await agentFixture({ agents: 20, steps: 20, seed: 7 });
      keepNumericCloseTo();
      await sim.run();
      await sim.settle();
    });
    after(async () => sim?.close());

    it("agrees with the model at every step, in every compared field", () => {
      expect(sim.firstDivergence, sim.firstDivergence ? describeDivergence(sim.firstDivergence) : "").to.equal(null);
      expect(sim.stepIndex).to.equal(20);
      expect(sim.check!.stepsAgreed).to.equal(20);
      expect(sim.check!.fieldsAgreed).to.equal(sim.check!.fieldsCompared);
      // 3 pools × 14 fields, 20 agents × 3 fields, flips, 6 environment fields: per step
      expect(sim.check!.fieldsCompared).to.equal(20 * (3 * 14 + 20 * 3 + 1 + 6));
      expect(sim.check!.worst.relativeDifference).to.be.below(1e-12);
    });

    it("exercised the protocol: cover, subscriptions, claims, purchases with encrypted delivery, streams", () => {
      const total = (f: (p: PoolChainState) => bigint) => sim.pools.reduce((s, p) => s + f(p), 0n);
      expect(total((p) => p.premiumsCollected)).to.be.greaterThan(0n);
      expect(total((p) => p.subscriptionsCollected)).to.be.greaterThan(0n);
      expect(total((p) => p.claimsPaid)).to.be.greaterThan(0n);
      expect(total((p) => p.secretPurchaseCost)).to.be.greaterThan(0n);
      expect(total((p) => p.investmentIncome)).to.be.greaterThan(0n);
      expect(sim.claims.length).to.be.greaterThan(0);
      for (const c of sim.claims) expect(c.payout).to.be.at.most(c.capitalBefore);
    });

    it("left no escrow open: every sale was delivered, decrypted and confirmed", async () => {
      expect(await sim.system.market.escrowed()).to.equal(0n);
    });

    it("the chain's metrics are the model's", () => {
      const chain = sim.chainMetrics();
      const model = sim.model!.metrics();
      for (const key of Object.keys(model) as (keyof typeof model)[]) {
        expect(chain[key], key).to.be.closeTo(model[key], 1e-9 * Math.max(1, Math.abs(model[key])));
      }
    });
  });

  describe("a mispriced pool is caught at its first divergent step and field", () => {
    it("a base loading one loading step (0.1) too high: step 0, pool 1, loading", async () => {
      const sim = await agentFixture({ agents: 20, steps: 5, seed: 7, poolOverrides: [{}, { baseLoading: toWad(2.35) }] });
      try {
        const reports = await sim.run();
        expect(reports).to.have.length(1);
        const d = sim.firstDivergence!;
        expect(d, "a divergence").to.not.equal(null);
        expect({ step: d.step, scope: d.scope, index: d.index, field: d.field }).to.deep.equal({ step: 0, scope: "pool", index: 1, field: "loading" });
        expect(d.chain).to.equal(2.35);
        expect(d.model).to.equal(2.25);
        expect(describeDivergence(d)).to.equal("step 0, pool 1, loading: chain 2.35 vs model 2.25 (relative difference 4.255e-2)");
        await expectStopped(sim);
      } finally {
        await sim.close();
      }
    });

    it("a premium rate off by one part in a million in every pool: step 0, pool 0, premiums", async () => {
      // Every pool mispriced alike, so the agents' choices stay the model's and only the amounts differ.
      const off = { premiumRateBase: toWad(0.1000001) };
      const sim = await agentFixture({ agents: 20, steps: 5, seed: 7, poolOverrides: [off, off, off] });
      try {
        await sim.run();
        const d = sim.firstDivergence!;
        expect(d, "a divergence").to.not.equal(null);
        expect({ step: d.step, scope: d.scope, index: d.index, field: d.field }).to.deep.equal({ step: 0, scope: "pool", index: 0, field: "premiums" });
        expect(d.relativeDifference).to.be.closeTo(1e-6, 1e-8);
      } finally {
        await sim.close();
      }
    });
  });

  describe("other corners of the parameter space agree too", () => {
    it("16 pools: pool q is the market's q-th registered pool, so the fair order is the model's", async () => {
      const sim = await agentFixture({ agents: 30, steps: 12, seed: 3, params: { n_pools: 16 } });
      try {
        expect((await sim.system.market.pools()).map((a) => a.toLowerCase())).to.deep.equal(sim.system.addr.pools);
        const reports = await sim.run();
        expect(sim.firstDivergence, sim.firstDivergence ? describeDivergence(sim.firstDivergence) : "").to.equal(null);
        expect(new Set(reports.flatMap((r) => r.purchases.map((p) => p.pool))).size).to.be.greaterThan(3);
      } finally {
        await sim.close();
      }
    });

    it("kompromat the pools value at 6·a·p: pools buy it from brokers, who deliver it encrypted", async () => {
      const sim = await agentFixture({ agents: 30, steps: 12, seed: 3, params: { value_multiplier_komp: 6, lambda_komp: 3 } });
      try {
        await sim.run();
        await sim.settle();
        expect(sim.firstDivergence, sim.firstDivergence ? describeDivergence(sim.firstDivergence) : "").to.equal(null);
        expect(sim.pools.some((p) => p.kompCapital > 0n)).to.equal(true);
        expect(await sim.system.market.escrowed()).to.equal(0n);
      } finally {
        await sim.close();
      }
    });
  });

  describe("reproducibility", () => {
    it("the same seed gives the same on-chain end state (pool capital to the wei); another seed does not", async () => {
      const endState = async (seed: number) => {
        const sim = await agentFixture({ agents: 20, steps: 12, seed, check: false });
        try {
          await sim.run();
          return { pools: sim.pools, balances: [...sim.balances], claims: sim.claims.length };
        } finally {
          await sim.close();
        }
      };
      const a = await endState(3);
      const b = await endState(3);
      const c = await endState(4);
      expect(b.pools).to.deep.equal(a.pools);
      expect(b.balances).to.deep.equal(a.balances);
      expect(b.claims).to.equal(a.claims);
      expect(c.pools.map((p) => p.capital)).to.not.deep.equal(a.pools.map((p) => p.capital));
    });
  });
});

async function expectStopped(sim: AgentRun): Promise<void> {
  let error: Error | null = null;
  try {
    await sim.step();
  } catch (e) {
    error = e as Error;
  }
  expect(error?.message).to.match(/stopped at its first divergence/);
}
