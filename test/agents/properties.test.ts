/**
 * Agent-based tests written with the harness as a library (sim/harness/README.md, "Agent-based tests"):
 * a deployed system, funded agent wallets with behaviours, the environment and a step driver.
 */
import { expect } from "chai";
import { agentFixture, mixBehaviours, neverDelivers, neverInsures, stopsPayingAt } from "../../sim/harness/index.js";
import { keepNumericCloseTo } from "../contracts/helpers/network.js";

describe("agent-based properties of the protocol", function () {
  this.timeout(180_000);

  it("after 50 epochs with 30% hunters and a 2% subscription fee, no pool has paid more than it held", async () => {
    // A fee of 20 tokens per epoch: 2% of the agents' mean starting wealth (1000).
    const sim = await agentFixture({ agents: 100, steps: 50, seed: 11, params: { f_hunters: 0.3, subscription_fee: 20 } });
    keepNumericCloseTo();
    try {
      await sim.run();
      expect(sim.firstDivergence).to.equal(null); // and the chain agreed with the model all along
      for (const p of sim.pools) {
        expect(p.claimsPaid + p.secretPurchaseCost).to.be.at.most(p.fundedCapital + p.premiumsCollected + p.subscriptionsCollected + p.investmentIncome);
        expect(p.capital).to.equal(p.fundedCapital + p.premiumsCollected + p.subscriptionsCollected + p.investmentIncome - p.claimsPaid - p.secretPurchaseCost);
      }
      for (const c of sim.claims) expect(c.payout).to.be.at.most(c.capitalBefore);
      expect(sim.claims.length).to.be.greaterThan(0);
      expect(sim.pools.some((p) => p.subscriptionsCollected > 0n)).to.equal(true);
    } finally {
      await sim.close();
    }
  });

  it("agents that never insure are never covered, receive no claim and bear their losses in full", async () => {
    const behaviour = mixBehaviours({ uninsured: [neverInsures, 0.5] }, 5);
    const sim = await agentFixture({ agents: 40, steps: 30, seed: 5, behaviour, check: false, params: { p_loss: 0.05, mandatory_insurance_frac: 0 } });
    try {
      const start = [...sim.balances];
      const reports = await sim.run();
      const uninsured = sim.agents.map((_, i) => i).filter((i) => behaviour(i) === neverInsures);
      expect(uninsured.length).to.be.within(10, 30);
      const lost = new Map<number, bigint>();
      for (const r of reports) {
        for (const i of uninsured) expect(r.chain.insured[i], `agent ${i} insured in step ${r.step}`).to.equal(0);
        r.lossAgents.forEach((i, k) => lost.set(i, (lost.get(i) ?? 0n) + r.lossAmounts[k]!));
      }
      for (const c of sim.claims) expect(uninsured, `claim paid to agent ${c.agent}`).to.not.include(c.agent);
      expect(sim.claims.length).to.be.greaterThan(0);
      expect(uninsured.filter((i) => lost.has(i)).length).to.be.greaterThan(0);
      // An uninsured agent's wallet moves only by its losses (sale proceeds go to the vault).
      for (const i of uninsured) expect(sim.balances[i], `agent ${i}`).to.equal(start[i]! - (lost.get(i) ?? 0n));
    } finally {
      await sim.close();
    }
  });

  it("a seller who never delivers is refunded to the buying pool, which reverses the purchase", async () => {
    const sim = await agentFixture({ agents: 30, steps: 12, seed: 7, behaviour: () => neverDelivers, check: false });
    try {
      const reports = await sim.run();
      // The delivery window is two epochs: a sale in step s is refunded in step s + 3.
      const refundable = reports.filter((r) => r.step + 3 < sim.stepIndex).flatMap((r) => r.purchases);
      expect(refundable.length).to.be.greaterThan(0);
      expect(reports.reduce((s, r) => s + r.refunds, 0)).to.equal(refundable.length);
      expect(reports.reduce((s, r) => s + r.confirmations, 0)).to.equal(0);
      for (const { listing, pool } of refundable) {
        expect((await sim.system.market.getListing(listing)).status).to.equal(6n); // Refunded
        expect((await sim.system.pools[pool]!.purchaseOf(listing)).reversed).to.equal(true);
      }
    } finally {
      await sim.close();
    }
  });

  it("a mandatory member who stops paying is uncovered from then on", async () => {
    const sim = await agentFixture({ agents: 30, steps: 10, seed: 2, check: false, behaviour: () => stopsPayingAt(4), params: { mandatory_insurance_frac: 0.5 } });
    try {
      const reports = await sim.run();
      const members = sim.agents.map((_, i) => i).filter((i) => sim.env.mandatoryPool[i]! >= 0);
      expect(members.length).to.equal(15);
      for (const r of reports) {
        const covered = members.filter((i) => r.chain.insured[i] === 1).length;
        if (r.step < 4) expect(covered, `step ${r.step}`).to.equal(members.filter((i) => !sim.env.flipped[i]).length);
        else expect(covered, `step ${r.step}`).to.equal(0);
      }
    } finally {
      await sim.close();
    }
  });

  it("a run through bankruptcy (losses far above premiums) still agrees with the model", async () => {
    const sim = await agentFixture({ agents: 40, steps: 25, seed: 9, params: { p_loss: 0.06, loss_frac: 0.25, init_cap: 600, n_pools: 2 } });
    try {
      await sim.run();
      expect(sim.firstDivergence).to.equal(null);
      expect(sim.pools.some((p) => p.bankrupt)).to.equal(true);
      for (const c of sim.claims) expect(c.payout).to.be.at.most(c.capitalBefore);
    } finally {
      await sim.close();
    }
  });
});

