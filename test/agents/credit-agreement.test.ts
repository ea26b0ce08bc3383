/**
 * The on-chain credit ledger agrees with the off-chain economy model (issue 6): a 40-agent, 40-day baseline run
 * of the model (with operator actions, a short decay and a tight supply cap so that every mechanism occurs) is
 * replayed day by day as real transactions from agent wallets and role accounts; after every day the chain and
 * the reference ledger must agree exactly, in credit wei, on the supply, the issued and burned totals, the
 * reserve, the reward pool, the escrow and every agent's balance (with pending decay) and settled balance.
 * A chain deployed with one deliberately wrong parameter must fail on the first day that parameter matters, at
 * the field it changes.
 */
import { expect } from "chai";
import { runCreditAgreement, modelOperations, agreementLedgerConfig } from "../../sim/harness/credit/agreement.js";

const AGENTS = 40;
const DAYS = 40;

describe("Credit ledger: chain ↔ model agreement", function () {
  this.timeout(300_000);

  it(`agrees on every balance, the supply, the totals, the reserve, the pool and the escrow after each of ${DAYS} days (${AGENTS} agents)`, async function () {
    const r = await runCreditAgreement({ agents: AGENTS, days: DAYS, seed: "1" });
    expect(r.firstDifference, JSON.stringify(r.firstDifference, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).to.equal(null);
    expect(r.daysAgreed).to.equal(DAYS);
    expect(r.replayMatchesModel).to.equal(true);
    expect(r.transactions).to.equal(r.operations);
    // the run exercised what it claims to check
    for (const op of [
      "grantStarter", "rewardReferral", "rewardValidations", "rewardMission", "rewardMission(reserveOnly)", "rewardEvidenceReview",
      "claimEmergencyTopUp", "chargeSubmission", "chargeSpend", "buyFeature", "openDispute", "resolveDispute", "slash",
      "settleDecay", "reportMetrics", "evaluate", "proposeLever", "cancelLever", "renewLever", "acknowledgeCapBreach", "setAutoAdjustment",
    ]) {
      expect(r.operationsByKind[op] ?? 0, op).to.be.greaterThan(0);
    }
    for (const ev of ["Decayed", "ParameterAdjusted", "SupplyCapBreached", "TopUpRoundOpened", "DecaySuspended", "ProgressiveDiscountsSet"]) {
      expect(r.eventsByName[ev] ?? 0, ev).to.be.greaterThan(0);
    }
    expect(r.agentWallets).to.be.greaterThan(AGENTS); // arrivals got wallets too
    console.log(
      `      ${r.agentWallets} agent wallets × ${DAYS} days: ${r.transactions} transactions in ${r.blocks} blocks, ` +
        `${r.eventsByName.Decayed} decay settlements, ${r.eventsByName.ParameterAdjusted} automatic adjustments, ${r.seconds.toFixed(1)} s`,
    );
  });

  it("fails on the first day with a submission, at totalBurned, when the chain burns 5.01% of submissions", async function () {
    const { byDay } = modelOperations({ agents: AGENTS, days: DAYS, seed: "1", ledger: agreementLedgerConfig() });
    const firstDay = byDay.findIndex((ops) => ops.some((o) => o.op === "chargeSubmission"));
    const r = await runCreditAgreement({ agents: AGENTS, days: DAYS, seed: "1", economyOverrides: { splitBurnBps: 501n } });
    expect(r.firstDifference).to.not.equal(null);
    expect(r.firstDifference!.day).to.equal(firstDay);
    expect(r.firstDifference!.field).to.equal("totalBurned");
    expect(r.firstDifference!.chain).to.be.greaterThan(r.firstDifference!.model);
    expect(r.daysAgreed).to.equal(firstDay);
  });

  it("fails on the first day a dispute is upheld with a reserve, at the supply, when the chain's bonus is 6 IT", async function () {
    const { byDay } = modelOperations({ agents: AGENTS, days: DAYS, seed: "1", ledger: agreementLedgerConfig() });
    const firstDay = byDay.findIndex((ops) => ops.some((o) => o.op === "resolveDispute" && o.upheld));
    const r = await runCreditAgreement({ agents: AGENTS, days: DAYS, seed: "1", economyOverrides: { disputeBonus: 6n * 10n ** 18n } });
    expect(r.firstDifference).to.deep.include({ day: firstDay, field: "supply" });
    expect(r.firstDifference!.chain - r.firstDifference!.model).to.be.greaterThan(0n);
  });
});
