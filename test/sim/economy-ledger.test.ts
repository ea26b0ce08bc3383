/**
 * The credit ledger (sim/economy/ledger.ts) against LEDGER.md, rule by rule: every faucet and sink,
 * the submission split, decay at its boundaries, the supply cap and its hysteresis, each automatic
 * response with its bounds and cooldown, the manual levers' delay and revert, and conservation.
 * Amounts are exact credit wei.
 */
import { expect } from "chai";
import fc from "fast-check";
import { ActiveWindow } from "../../sim/economy/active-window.js";
import { defaultLedgerConfig, type LedgerConfig } from "../../sim/economy/config.js";
import { LedgerError, type LedgerErrorCode } from "../../sim/economy/errors.js";
import { CreditLedger, RESPONSE, splitSubmission, type LedgerEvent } from "../../sim/economy/ledger.js";
import { DAY, HOUR, WAD, credits as IT, wad } from "../../sim/economy/units.js";

function make(over?: (c: LedgerConfig) => void): CreditLedger {
  const c = defaultLedgerConfig();
  over?.(c);
  return new CreditLedger(c);
}

function state(l: CreditLedger, agents = 4): unknown {
  const bal: bigint[] = [];
  for (let i = 0; i < agents; i++) bal.push(l.settledBalanceOf(i));
  return { supply: l.supply, pool: l.rewardPool, reserve: l.reserve, escrow: l.escrow, burned: l.totalBurned, issued: l.totalIssued, bal, capped: l.supplyCapped };
}

/** Asserts the call reverts with `code` and changes nothing. */
function reverts(l: CreditLedger, code: LedgerErrorCode, fn: () => unknown): LedgerError {
  const before = state(l);
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(LedgerError);
    expect((e as LedgerError).code).to.equal(code);
    expect(state(l)).to.deep.equal(before);
    return e as LedgerError;
  }
  expect.fail(`expected ${code}`);
}

function events(l: CreditLedger): LedgerEvent[] {
  const ev: LedgerEvent[] = [];
  l.onEvent = (e) => ev.push(e);
  return ev;
}

/** A pool funded by agent 9's submissions so that validations can draw from it. */
function fundPool(l: CreditLedger, t: number, submissions: number): void {
  l.grantStarter(t, 9);
  for (let k = 0; k < submissions; k++) l.chargeSubmission(t, 9, "debate");
}

describe("economy ledger: faucets", () => {
  it("pays the starter grant once per agent", () => {
    const l = make();
    expect(l.grantStarter(10, 0)).to.equal(IT(50));
    expect(l.balanceOf(0)).to.equal(IT(50));
    reverts(l, "StarterGrantAlreadyPaid", () => l.grantStarter(11, 0));
    expect(l.totalIssued).to.equal(IT(50));
  });

  it("pays the referral reward to the referrer once per referred agent, never to oneself", () => {
    const l = make();
    l.grantStarter(0, 0);
    l.grantStarter(0, 1);
    expect(l.rewardReferral(5, 0, 1)).to.equal(IT(25));
    expect(l.balanceOf(0)).to.equal(IT(75));
    expect(l.balanceOf(1)).to.equal(IT(50));
    reverts(l, "ReferralAlreadyPaid", () => l.rewardReferral(6, 2, 1));
    reverts(l, "SelfReferral", () => l.rewardReferral(6, 2, 2));
  });

  it("values a validation at base × m(F1) × quality, rounded down, times the count", () => {
    const l = make();
    // m(0.85) = 2.2 × 0.85 − 0.69 = 1.18; 0.5 × 1.18 × 1.1 = 0.649 IT
    expect(l.perValidationReward(wad("0.85"), wad("1.1"), 0)).to.equal(IT("0.649"));
    expect(l.rewardValidations(100, 0, 15, wad("0.85"), wad("1.1"))).to.equal(IT("9.735"));
  });

  it("F1 multiplier passes through §8 Q2's points and is clamped to §5.1's 0.70–1.50", () => {
    const l = make();
    expect(l.f1Multiplier(wad("0.70"))).to.equal(wad("0.85"));
    expect(l.f1Multiplier(wad("0.95"))).to.equal(wad("1.40"));
    expect(l.f1Multiplier(wad("0.65"))).to.equal(wad("0.74"));
    expect(l.f1Multiplier(wad("0.62"))).to.equal(wad("0.70")); // 0.674 clamped up
    expect(l.f1Multiplier(wad("1"))).to.equal(wad("1.50")); // 1.51 clamped down
  });

  it("rejects validations below the pool minimum F1, F1 above 1 and quality outside 1.0–1.5", () => {
    const l = make();
    reverts(l, "F1BelowPoolMinimum", () => l.rewardValidations(1, 0, 1, wad("0.649999"), WAD));
    reverts(l, "F1OutOfRange", () => l.rewardValidations(1, 0, 1, wad("1.000001"), WAD));
    reverts(l, "QualityOutOfRange", () => l.rewardValidations(1, 0, 1, wad("0.9"), wad("0.99")));
    reverts(l, "QualityOutOfRange", () => l.rewardValidations(1, 0, 1, wad("0.9"), wad("1.51")));
    reverts(l, "ZeroCount", () => l.rewardValidations(1, 0, 0, wad("0.9"), WAD));
  });

  it("pays at most the daily validation cap (50) per day; the count resets the next day", () => {
    const l = make();
    l.rewardValidations(100, 0, 40, wad("0.7"), WAD);
    const paid = l.rewardValidations(200, 0, 20, wad("0.7"), WAD);
    expect(l.lastValidationsPaid).to.equal(10);
    expect(paid).to.equal(10n * l.perValidationReward(wad("0.7"), WAD, 200));
    expect(l.rewardValidations(300, 0, 5, wad("0.7"), WAD)).to.equal(0n);
    expect(l.rewardValidations(DAY + 1, 0, 5, wad("0.7"), WAD)).to.be.greaterThan(0n);
    expect(l.lastValidationsPaid).to.equal(5);
  });

  it("funds 60% of a validation reward from the reward pool, at most what the pool holds, and issues the rest", () => {
    const l = make();
    fundPool(l, 0, 1); // one debate submission: 2 IT → pool 1.2 IT
    expect(l.rewardPool).to.equal(IT("1.2"));
    const ev = events(l);
    const paid = l.rewardValidations(10, 0, 1, wad("0.85"), wad("1.1")); // 0.649
    const f = ev.find((e) => e.name === "FaucetPaid")!.args;
    expect(f.fromPool).to.equal(IT("0.3894")); // ⌊0.649 × 0.6⌋
    expect(f.issued).to.equal(paid - IT("0.3894"));
    l.rewardValidations(20, 1, 15, wad("0.85"), wad("1.1")); // 9.735 × 0.6 = 5.841 > pool 0.8106
    expect(l.rewardPool).to.equal(0n);
    l.checkConservation();
  });

  it("diminishing returns: daily earnings above 100 IT are paid at (1 − 0.25); the 200 IT daily cap stops the rest", () => {
    const l = make((c) => (c.levers.missionRewardMax.default = IT(200)));
    expect(l.rewardMission(10, 0, IT(100))).to.equal(IT(100));
    expect(l.rewardMission(11, 0, IT(100))).to.equal(IT(75));
    expect(l.rewardMission(12, 0, IT(100))).to.equal(IT(25)); // 75 after DR, 25 left under the cap
    expect(l.rewardMission(13, 0, IT(100))).to.equal(0n);
    expect(l.dailyCounters(0, 13).earned).to.equal(IT(200));
    // a mission straddling the threshold: 60 below, 40 above at 75%
    expect(l.rewardMission(DAY + 10, 0, IT(40))).to.equal(IT(40));
    expect(l.rewardMission(DAY + 11, 0, IT(100))).to.equal(IT(60) + IT(30));
  });

  it("mission rewards: within [min, max], paid from the reserve first, the rest issued; reserve-only missions need the reserve", () => {
    const l = make();
    reverts(l, "MissionRewardOutOfRange", () => l.rewardMission(1, 0, IT("4.99")));
    reverts(l, "MissionRewardOutOfRange", () => l.rewardMission(1, 0, IT("100.01")));
    l.grantStarter(1, 1);
    l.chargeSpend(2, 1, "circle"); // 25 IT: 1.25 burned, 23.75 to the reserve
    expect(l.reserve).to.equal(IT("23.75"));
    const issuedBefore = l.totalIssued;
    expect(l.rewardMission(3, 0, IT(30))).to.equal(IT(30));
    expect(l.reserve).to.equal(0n);
    expect(l.totalIssued - issuedBefore).to.equal(IT("6.25"));
    reverts(l, "ReserveInsufficient", () => l.rewardMission(4, 0, IT(10), true));
    l.chargeSpend(5, 1, "vote"); // 4.75 to the reserve
    reverts(l, "ReserveInsufficient", () => l.rewardMission(6, 2, IT(5), true));
    l.chargeSpend(7, 1, "vote"); // 9.5 in the reserve
    const issued = l.totalIssued;
    expect(l.rewardMission(8, 2, IT(5), true)).to.equal(IT(5));
    expect(l.reserve).to.equal(IT("4.5"));
    expect(l.totalIssued).to.equal(issued);
    l.checkConservation();
  });

  it("evidence review rewards are 1–2 IT", () => {
    const l = make();
    reverts(l, "ReviewRewardOutOfRange", () => l.rewardEvidenceReview(1, 0, IT("0.9")));
    reverts(l, "ReviewRewardOutOfRange", () => l.rewardEvidenceReview(1, 0, IT("2.1")));
    expect(l.rewardEvidenceReview(1, 0, IT("1.5"))).to.equal(IT("1.5"));
  });

  it("emergency top-up: only while a round is open, only below 5 IT, once per round", () => {
    const l = make();
    reverts(l, "NoTopUpRound", () => l.claimEmergencyTopUp(0, 0));
    l.grantStarter(0, 1);
    l.evaluate(0);
    l.reportMetrics(DAY, 1, IT(10), wad("0.3"), wad("3"));
    l.evaluate(DAY);
    expect(l.currentTopUpRound.round).to.equal(1);
    reverts(l, "BalanceNotBelowTopUpThreshold", () => l.claimEmergencyTopUp(DAY + 1, 1));
    expect(l.claimEmergencyTopUp(DAY + 1, 0)).to.equal(IT(10));
    reverts(l, "TopUpAlreadyClaimed", () => l.claimEmergencyTopUp(DAY + 2, 0));
    reverts(l, "NoTopUpRound", () => l.claimEmergencyTopUp(2 * DAY, 2)); // the 24-hour window closed
  });
});

describe("economy ledger: sinks", () => {
  it("charges submission costs by type (problem 3, solution 5, debate 2) and splits them 60/35/5", () => {
    const l = make();
    l.grantStarter(0, 0);
    const ev = events(l);
    expect(l.chargeSubmission(1, 0, "problem")).to.equal(IT(3));
    expect(l.chargeSubmission(2, 0, "solution")).to.equal(IT(5));
    expect(l.chargeSubmission(3, 0, "debate", 2)).to.equal(IT(4));
    const s = ev.filter((e) => e.name === "SubmissionCharged").map((e) => e.args);
    expect(s[0]).to.include({ toPool: IT("1.8"), toReserve: IT("1.05"), burned: IT("0.15") });
    expect(l.balanceOf(0)).to.equal(IT(38));
    expect(l.rewardPool).to.equal(IT("7.2"));
    expect(l.reserve).to.equal(IT("4.2"));
    expect(l.totalBurned).to.equal(IT("0.6"));
    l.checkConservation();
  });

  it("the split always sums exactly to the cost; the pool takes the remainder and never less than 60%", () => {
    const c = defaultLedgerConfig();
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), (total) => {
        const { burn, toReserve, toPool } = splitSubmission(total, c);
        expect(burn + toReserve + toPool).to.equal(total);
        expect(burn).to.equal((total * 500n) / 10_000n);
        expect(toReserve).to.equal((total * 3_500n) / 10_000n);
        expect(toPool * 10_000n >= total * 6_000n).to.equal(true);
        expect(toPool - (total * 6_000n) / 10_000n <= 2n).to.equal(true);
      }),
    );
    // an odd-wei cost from a ramp: problem cost 3 IT ramping ×1.1 over 6 h, charged 1 s in
    const l = make();
    l.grantStarter(0, 0);
    l.grantStarter(0, 1);
    l.evaluate(0);
    l.rewardMission(10, 0, IT(6)); // supply 100 → 106: +6%/day
    l.evaluate(DAY);
    const cost = l.submissionCost("problem", DAY + 7);
    expect(cost % 20n).to.not.equal(0n);
    const ev = events(l);
    l.chargeSubmission(DAY + 7, 1, "problem");
    const a = ev.find((e) => e.name === "SubmissionCharged")!.args;
    expect((a.toPool as bigint) + (a.toReserve as bigint) + (a.burned as bigint)).to.equal(cost);
  });

  it("reverts a submission the balance cannot pay and changes nothing", () => {
    const l = make();
    l.grantStarter(0, 0);
    reverts(l, "InsufficientBalance", () => l.chargeSubmission(1, 0, "solution", 11));
    reverts(l, "ZeroCount", () => l.chargeSubmission(1, 0, "solution", 0));
  });

  it("voting (5), circle creation (25) and priority (15): the 5% transaction tax is burned, the rest goes to the reserve", () => {
    const l = make();
    l.grantStarter(0, 0);
    l.rewardMission(0, 0, IT(50));
    l.chargeSpend(1, 0, "vote");
    l.chargeSpend(2, 0, "circle");
    l.chargeSpend(3, 0, "priority");
    expect(l.balanceOf(0)).to.equal(IT(55));
    expect(l.totalBurned).to.equal(IT("2.25"));
    expect(l.reserve).to.equal(IT("42.75"));
    l.chargeSpend(4, 0, "circle");
    l.chargeSpend(4, 0, "circle");
    reverts(l, "InsufficientBalance", () => l.chargeSpend(4, 0, "circle"));
  });

  it("dispute stakes: escrowed; burned when the challenge fails; returned with the 5 IT bonus from the reserve when it succeeds", () => {
    const l = make();
    l.grantStarter(0, 0);
    l.grantStarter(0, 1);
    l.chargeSpend(1, 1, "priority"); // reserve 14.25
    l.openDispute(2, 0, 1);
    expect(l.balanceOf(0)).to.equal(IT(40));
    expect(l.escrow).to.equal(IT(10));
    reverts(l, "DisputeExists", () => l.openDispute(3, 1, 1));
    l.resolveDispute(4, 1, false);
    expect(l.escrow).to.equal(0n);
    expect(l.balanceOf(0)).to.equal(IT(40));
    expect(l.totalBurned).to.equal(IT("0.75") + IT(10));
    l.openDispute(5, 0, 2);
    l.resolveDispute(6, 2, true);
    expect(l.balanceOf(0)).to.equal(IT(45));
    expect(l.reserve).to.equal(IT("9.25"));
    reverts(l, "UnknownDispute", () => l.resolveDispute(7, 2, true));
    // the bonus is limited by what the reserve holds
    l.openDispute(8, 0, 3);
    l.openDispute(8, 1, 4);
    l.resolveDispute(9, 3, true);
    l.resolveDispute(9, 4, true);
    expect(l.reserve).to.equal(0n);
    expect(l.balanceOf(1)).to.equal(IT(35) + IT("4.25"));
    l.checkConservation();
  });

  it("admin slashes are burned: 50, then 200, then the full balance", () => {
    const l = make((c) => (c.levers.missionRewardMax.default = IT(500)));
    l.grantStarter(0, 0);
    for (let d = 0; d < 4; d++) l.rewardMission(d * DAY + 10, 0, IT(100));
    expect(l.balanceOf(0)).to.equal(IT(450));
    expect(l.slash(5 * DAY, 0)).to.equal(IT(50));
    expect(l.slash(5 * DAY, 0)).to.equal(IT(200));
    expect(l.slash(5 * DAY, 0)).to.equal(IT(200));
    expect(l.balanceOf(0)).to.equal(0n);
    expect(l.slashCount(0)).to.equal(3);
    expect(l.totalBurned).to.equal(IT(450));
    l.grantStarter(5 * DAY, 1);
    expect(l.slash(5 * DAY, 1)).to.equal(IT(50)); // min(50, balance)
    expect(l.slash(5 * DAY, 1)).to.equal(0n);
  });

  it("progressive discounts while active: below 50 IT half price, below 100 IT a quarter off, rounded up", () => {
    const l = make();
    l.grantStarter(0, 0);
    l.grantStarter(0, 1);
    l.rewardMission(0, 1, IT(60));
    l.evaluate(0);
    l.reportMetrics(DAY, 1, IT(50), wad("0.61"), wad("3"));
    l.evaluate(DAY);
    expect(l.discountsActive).to.equal(true);
    expect(l.quoteSubmission(0, "problem", 1, DAY + 1)).to.equal(IT("2.25")); // 50 IT is not below 50: a quarter off
    l.chargeSubmission(DAY + 1, 0, "debate"); // 2 × 0.75 = 1.5
    expect(l.balanceOf(0)).to.equal(IT("48.5"));
    expect(l.quoteSubmission(0, "problem", 1, DAY + 2)).to.equal(IT("1.5")); // below 50: half price
    expect(l.quoteSubmission(1, "problem", 1, DAY + 2)).to.equal(IT(3)); // 110 IT: full price
    l.reportMetrics(2 * DAY, 2, IT(50), wad("0.6"), wad("3"));
    l.evaluate(2 * DAY);
    expect(l.discountsActive).to.equal(false);
  });
});

describe("economy ledger: inactivity decay", () => {
  const L = 1_000;
  const grant = (): CreditLedger => {
    const l = make();
    l.grantStarter(L, 0);
    return l;
  };

  it("does nothing before 90 days without activity (day 89, and 1 s before day 90)", () => {
    const l = grant();
    expect(l.balanceOf(0, L + 89 * DAY)).to.equal(IT(50));
    expect(l.balanceOf(0, L + 90 * DAY - 1)).to.equal(IT(50));
  });

  it("takes 5% at exactly 90 days, nothing more on day 91 or until day 120, then 5% of the rest", () => {
    const l = grant();
    expect(l.balanceOf(0, L + 90 * DAY)).to.equal(IT("47.5"));
    expect(l.balanceOf(0, L + 91 * DAY)).to.equal(IT("47.5"));
    expect(l.balanceOf(0, L + 120 * DAY - 1)).to.equal(IT("47.5"));
    expect(l.balanceOf(0, L + 120 * DAY)).to.equal(IT("45.125"));
  });

  it("never goes below the 10 IT floor", () => {
    const l = grant();
    // 50 × 0.95^k ≥ 10 for k ≤ 31; the 32nd step stops at the floor
    expect(l.balanceOf(0, L + 90 * DAY + 30 * 30 * DAY)).to.be.greaterThan(IT(10));
    expect(l.balanceOf(0, L + 90 * DAY + 31 * 30 * DAY)).to.equal(IT(10));
    expect(l.balanceOf(0, L + 90 * DAY + 100 * 30 * DAY)).to.equal(IT(10));
    const small = make();
    small.grantStarter(0, 1);
    small.chargeSubmission(0, 1, "solution", 8); // 10 IT left
    expect(small.balanceOf(1, 400 * DAY)).to.equal(IT(10));
  });

  it("is computed lazily: settling burns exactly the viewed amount, once", () => {
    const l = grant();
    const t = L + 150 * DAY;
    const viewed = l.balanceOf(0, t);
    const ev = events(l);
    const burned = l.settleDecay(t, 0);
    expect(burned).to.equal(IT(50) - viewed);
    expect(l.settledBalanceOf(0)).to.equal(viewed);
    expect(l.supply).to.equal(viewed);
    expect(l.totalBurned).to.equal(burned);
    expect(ev.find((e) => e.name === "Decayed")!.args).to.include({ steps: 3, burned });
    expect(l.settleDecay(t + 1, 0)).to.equal(0n);
    expect(l.balanceOf(0, L + 180 * DAY)).to.equal(viewed - viewed / 20n);
  });

  it("any credit-affecting transaction resets the inactivity clock; a slash does not", () => {
    const l = grant();
    l.rewardMission(L, 0, IT(50));
    l.slash(L + 80 * DAY, 0);
    expect(l.balanceOf(0, L + 90 * DAY)).to.equal(IT("47.5"));
    const m = grant();
    m.chargeSubmission(L + 80 * DAY, 0, "debate");
    expect(m.balanceOf(0, L + 169 * DAY)).to.equal(IT(48));
    expect(m.balanceOf(0, L + 170 * DAY)).to.equal(IT("45.6"));
  });

  it("a decay suspension (liquidity response) stops the clock for its 30 days", () => {
    const l = grant();
    l.grantStarter(L, 1);
    l.reportMetrics(L + DAY, 1, IT(10), wad("0.3"), wad("3"));
    l.evaluate(L + DAY);
    expect(l.decaySuspendedUntil).to.equal(L + 31 * DAY);
    expect(l.balanceOf(0, L + 119 * DAY)).to.equal(IT(50));
    expect(l.balanceOf(0, L + 120 * DAY)).to.equal(IT("47.5"));
  });
});

describe("economy ledger: supply cap", () => {
  /** cap 60 IT per active agent so a single agent reaches it. */
  const capped = (): CreditLedger => make((c) => (c.capPerActiveAgent = IT(60)));

  it("above active agents × cap: faucets at 50%, starter grants suspended, validations capped at 25 a day", () => {
    const l = capped();
    l.grantStarter(0, 0); // supply 50, cap 60
    expect(l.rewardMission(10, 0, IT(20))).to.equal(IT(20)); // 50 ≤ 60: full
    const ev = events(l);
    expect(l.rewardMission(11, 0, IT(20))).to.equal(IT(10)); // 70 > 60: breach
    expect(l.supplyCapped).to.equal(true);
    expect(ev.some((e) => e.name === "SupplyCapBreached")).to.equal(true);
    reverts(l, "StarterGrantsSuspended", () => l.grantStarter(12, 1));
    l.rewardValidations(13, 0, 40, wad("0.85"), WAD);
    expect(l.lastValidationsPaid).to.equal(25);
  });

  it("escalates to 25% 12 hours after the breach unless the operator acknowledges", () => {
    const l = capped();
    l.grantStarter(0, 0);
    l.rewardMission(10, 0, IT(20));
    l.rewardMission(11, 0, IT(20)); // breach at t = 11
    expect(l.rewardMission(11 + 12 * HOUR - 1, 0, IT(20))).to.equal(IT(10));
    expect(l.rewardMission(11 + 12 * HOUR, 0, IT(20))).to.equal(IT(5));
    l.acknowledgeCapBreach(11 + 13 * HOUR);
    expect(l.rewardMission(11 + 14 * HOUR, 0, IT(20))).to.equal(IT(10));
    const m = make();
    reverts(m, "NotCapped", () => m.acknowledgeCapBreach(1));
  });

  it("releases only below 90% of the cap (hysteresis)", () => {
    const l = capped();
    l.grantStarter(0, 0);
    l.rewardMission(10, 0, IT(20));
    l.rewardMission(11, 0, IT(20)); // supply 80, capped
    l.chargeSubmission(20, 0, "solution", 5); // 55: below the cap but not below 54
    expect(l.rewardMission(21, 0, IT(5))).to.equal(IT("2.5")); // still capped → 57.5
    l.chargeSubmission(22, 0, "solution"); // 52.5 < 54
    const ev = events(l);
    expect(l.rewardMission(23, 0, IT(5))).to.equal(IT(5));
    expect(l.supplyCapped).to.equal(false);
    expect(ev.some((e) => e.name === "SupplyCapReleased")).to.equal(true);
  });

  it("counts agents active in the last 30 days (today included) exactly as a naive count does", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 9 })), { maxLength: 200 }), (steps) => {
        const w = new ActiveWindow(30);
        const last = new Map<number, number>();
        let day = 0;
        for (const [advance, agent] of steps) {
          day += advance % 5 === 0 ? advance : 0;
          w.roll(day);
          w.touch(last.get(agent) ?? -1, day);
          last.set(agent, day);
          const naive = [...last.values()].filter((d) => d > day - 30).length;
          expect(w.count).to.equal(naive);
        }
      }),
    );
  });
});

describe("economy ledger: automatic adjustment", () => {
  /** Two agents with 50 IT each, a baseline evaluation at t = 0. */
  const base = (): CreditLedger => {
    const l = make();
    l.grantStarter(0, 0);
    l.grantStarter(0, 1);
    l.evaluate(0);
    return l;
  };

  it("evaluates at most once per 24 hours", () => {
    const l = base();
    reverts(l, "EvaluationTooEarly", () => l.evaluate(DAY - 1));
    l.evaluate(DAY);
  });

  it("inflation > 5%/day: validation reward −10%, submission costs +10%, applied linearly over 6 hours", () => {
    const l = base();
    l.rewardMission(10, 0, IT(6)); // 100 → 106
    const ev = events(l);
    expect(l.evaluate(DAY) & RESPONSE.inflation).to.not.equal(0);
    expect(l.validationReward(DAY)).to.equal(IT("0.5"));
    expect(l.validationReward(DAY + 3 * HOUR)).to.equal(IT("0.475"));
    expect(l.validationReward(DAY + 6 * HOUR)).to.equal(IT("0.45"));
    expect(l.submissionCost("problem", DAY + 6 * HOUR)).to.equal(IT("3.3"));
    expect(l.submissionCost("solution", DAY + 6 * HOUR)).to.equal(IT("5.5"));
    const adj = ev.filter((e) => e.name === "ParameterAdjusted").map((e) => e.args);
    expect(adj.find((a) => a.param === "validationReward")).to.include({ oldValue: IT("0.5"), newValue: IT("0.45"), oldFactor: WAD, newFactor: wad("0.9") });
  });

  it("inflation > 10%/day: −25% reward, +25% costs, −20% validation cap", () => {
    const l = base();
    l.rewardMission(10, 0, IT(11));
    expect(l.evaluate(DAY) & RESPONSE.emergencyInflation).to.not.equal(0);
    const t = DAY + 6 * HOUR;
    expect(l.validationReward(t)).to.equal(IT("0.375"));
    expect(l.submissionCost("debate", t)).to.equal(IT("2.5"));
    expect(l.validationCap(t)).to.equal(40);
  });

  it("never moves a factor more than 50% from its default, whatever the number of cycles", () => {
    const l = base();
    for (let d = 1; d <= 5; d++) {
      l.rewardMission(d * DAY - 100, 0, IT(60)); // well above +10% each day
      l.evaluate(d * DAY);
    }
    expect(l.factor("validationReward", 6 * DAY)).to.equal(wad("0.5"));
    expect(l.factor("problemCost", 6 * DAY)).to.equal(wad("1.5"));
    expect(l.submissionCost("problem", 6 * DAY)).to.equal(IT("4.5"));
  });

  it("deflation < −2%/day: reward +10%, costs −10%, mission rewards ×1.2 for 72 hours", () => {
    const l = base();
    l.chargeSubmission(10, 0, "debate", 2); // 100 → 96
    expect(l.evaluate(DAY) & RESPONSE.deflation).to.not.equal(0);
    const t = DAY + 6 * HOUR;
    expect(l.validationReward(t)).to.equal(IT("0.55"));
    expect(l.submissionCost("problem", t)).to.equal(IT("2.7"));
    expect(l.factor("missionBoost", t)).to.equal(wad("1.2"));
    expect(l.rewardMission(t, 1, IT(10))).to.equal(IT(12));
    expect(l.factor("missionBoost", DAY + 72 * HOUR - 1)).to.equal(wad("1.2"));
    expect(l.factor("missionBoost", DAY + 75 * HOUR)).to.equal(wad("1.1"));
    expect(l.factor("missionBoost", DAY + 78 * HOUR)).to.equal(WAD);
  });

  it("liquidity crisis (median < 20 IT): costs as low as the bounds allow, a top-up round, decay suspended 30 days", () => {
    const l = base();
    l.reportMetrics(DAY, 1, IT("19.99"), wad("0.4"), wad("3"));
    const ev = events(l);
    expect(l.evaluate(DAY) & RESPONSE.liquidity).to.not.equal(0);
    expect(l.submissionCost("problem", DAY + 6 * HOUR)).to.equal(IT("2.25"));
    expect(ev.map((e) => e.name)).to.include.members(["TopUpRoundOpened", "DecaySuspended"]);
    for (let d = 2; d <= 4; d++) {
      l.reportMetrics(d * DAY, d, IT(10), wad("0.4"), wad("3"));
      l.evaluate(d * DAY);
    }
    expect(l.submissionCost("problem", 5 * DAY)).to.equal(IT("1.5"));
    expect(l.submissionCost("debate", 5 * DAY)).to.equal(IT(1)); // 50% of 2 IT, the 1 IT minimum
  });

  it("wealth concentration (Gini > 0.60): earning cap −15%, diminishing returns steeper by at most 25% a cycle, progressive discounts", () => {
    const l = base();
    l.reportMetrics(DAY, 1, IT(50), wad("0.61"), wad("3"));
    expect(l.evaluate(DAY) & RESPONSE.concentration).to.not.equal(0);
    const t = DAY + 6 * HOUR;
    expect(l.earningCap(t)).to.equal(IT(170));
    expect(l.drRate(t)).to.equal(wad("0.3125")); // the design's ×2 (25% → 50%) bounded to ×1.25
    expect(l.discountsActive).to.equal(true);
  });

  it("low velocity (< 1): decay rate up (×1.4 asked, bounded to ×1.25), validation rewards boosted 25% for 48 hours", () => {
    const l = base();
    l.reportMetrics(DAY, 1, IT(50), wad("0.4"), wad("0.9"));
    expect(l.evaluate(DAY) & RESPONSE.velocityLow).to.not.equal(0);
    const t = DAY + 6 * HOUR;
    expect(l.decayRate(t)).to.equal(wad("0.0625"));
    expect(l.factor("validationBoost", t)).to.equal(wad("1.25"));
    expect(l.perValidationReward(wad("0.85"), wad("1.1"), t)).to.equal(IT("0.81125"));
    expect(l.factor("validationBoost", DAY + 54 * HOUR)).to.equal(WAD);
  });

  it("high velocity (> 15): costs +15%, validation cap −20%, the top transactors flagged", () => {
    const l = base();
    l.reportMetrics(DAY, 1, IT(50), wad("0.4"), wad("15.01"));
    const ev = events(l);
    expect(l.evaluate(DAY) & RESPONSE.velocityHigh).to.not.equal(0);
    expect(l.submissionCost("debate", DAY + 6 * HOUR)).to.equal(IT("2.3"));
    expect(l.validationCap(DAY + 6 * HOUR)).to.equal(40);
    expect(ev.some((e) => e.name === "VelocityFlagged")).to.equal(true);
  });

  it("respects a 24-hour cooldown per parameter, counting a manual change taking effect", () => {
    const l = base();
    l.proposeLever(1, "validationReward", IT(1)); // takes effect at 1 + 6 h
    l.rewardMission(100, 0, IT(6));
    const ev = events(l);
    l.evaluate(DAY); // inflation > 5%, but the reward changed 18 h ago
    const deferred = ev.filter((e) => e.name === "AdjustmentDeferred").map((e) => e.args);
    expect(deferred).to.deep.include({ param: "validationReward", nextAllowed: 1 + 6 * HOUR + DAY });
    expect(ev.some((e) => e.name === "ParameterAdjusted" && e.args.param === "problemCost")).to.equal(true);
    expect(l.factor("validationReward", 2 * DAY)).to.equal(WAD);
    expect(l.validationReward(2 * DAY)).to.equal(IT(1));
    // 24 hours after an automatic change the same parameter may move again
    l.rewardMission(2 * DAY - 10, 0, IT(7));
    l.evaluate(2 * DAY);
    expect(l.factor("problemCost", 3 * DAY)).to.equal(wad("1.21"));
  });

  it("does not respond while switched off, and uses a report only for its own day", () => {
    const l = base();
    l.setAutoAdjustment(1, false);
    l.rewardMission(10, 0, IT(20));
    l.reportMetrics(DAY, 1, IT(1), wad("0.9"), wad("0.1"));
    expect(l.evaluate(DAY)).to.equal(0);
    l.setAutoAdjustment(DAY + 1, true);
    expect(l.evaluate(2 * DAY) & (RESPONSE.liquidity | RESPONSE.concentration)).to.equal(0); // yesterday's report is stale
  });

  it("checks the metrics report", () => {
    const l = base();
    reverts(l, "ReportDayMismatch", () => l.reportMetrics(DAY, 2, IT(1), 0n, 0n));
    reverts(l, "InvalidMetric", () => l.reportMetrics(DAY, 1, IT(1), WAD + 1n, 0n));
    reverts(l, "InvalidMetric", () => l.reportMetrics(DAY, 1, IT(101), 0n, 0n));
    l.reportMetrics(DAY, 1, IT(1), 0n, 0n);
    reverts(l, "ReportAlreadyPosted", () => l.reportMetrics(DAY + 5, 1, IT(1), 0n, 0n));
  });
});

describe("economy ledger: manual levers", () => {
  it("take effect 6 hours after the proposal and revert to the default 30 days later", () => {
    const l = make();
    const ev = events(l);
    l.proposeLever(100, "starterGrant", IT(75));
    expect(ev[0]!.args).to.include({ lever: "starterGrant", oldValue: IT(50), newValue: IT(75), effectiveAt: 100 + 6 * HOUR, revertsAt: 100 + 6 * HOUR + 30 * DAY });
    expect(l.lever("starterGrant", 100 + 6 * HOUR - 1)).to.equal(IT(50));
    expect(l.lever("starterGrant", 100 + 6 * HOUR)).to.equal(IT(75));
    expect(l.lever("starterGrant", 100 + 6 * HOUR + 30 * DAY - 1)).to.equal(IT(75));
    expect(l.lever("starterGrant", 100 + 6 * HOUR + 30 * DAY)).to.equal(IT(50));
    expect(l.grantStarter(100 + 6 * HOUR, 0)).to.equal(IT(75));
  });

  it("renewal extends a value in force by 30 days from the renewal; a pending change can be cancelled", () => {
    const l = make();
    l.proposeLever(0, "referralReward", IT(40));
    reverts(l, "LeverNotInForce", () => l.renewLever(HOUR, "referralReward"));
    l.renewLever(20 * DAY, "referralReward");
    expect(l.lever("referralReward", 49 * DAY)).to.equal(IT(40));
    expect(l.lever("referralReward", 50 * DAY)).to.equal(IT(25));
    l.proposeLever(60 * DAY, "referralReward", IT(0));
    l.cancelLever(60 * DAY + HOUR, "referralReward");
    expect(l.lever("referralReward", 61 * DAY)).to.equal(IT(25));
    reverts(l, "NoPendingLeverChange", () => l.cancelLever(61 * DAY, "referralReward"));
  });

  it("reject values outside the design's range or off its granularity", () => {
    const l = make();
    reverts(l, "LeverValueOutOfRange", () => l.proposeLever(0, "validationReward", IT("2.05")));
    reverts(l, "LeverValueOutOfRange", () => l.proposeLever(0, "decayRate", wad("0.105")));
    reverts(l, "LeverValueOffGrid", () => l.proposeLever(0, "validationReward", IT("0.52")));
    reverts(l, "LeverValueOffGrid", () => l.proposeLever(0, "validationCap", 52n));
    l.proposeLever(0, "submissionCostMultiplier", wad("2.5"));
    expect(l.submissionCost("problem", 6 * HOUR)).to.equal(IT("7.5"));
  });
});

describe("economy ledger: subscription discount tiers", () => {
  it("tiers by credits earned in the current and previous ledger month: 100 → 5%, 300 → 10%, 600 → 15%", () => {
    const l = make((c) => (c.capPerActiveAgent = IT(100_000)));
    l.grantStarter(0, 0);
    expect(l.subscriptionDiscount(0, 0)).to.equal(0n); // the starter grant is not earned
    l.rewardMission(10, 0, IT(100));
    expect(l.subscriptionDiscount(0, 10)).to.equal(wad("0.05"));
    l.rewardMission(DAY, 0, IT(100));
    l.rewardMission(2 * DAY, 0, IT(100));
    expect(l.recentEarnings(0, 2 * DAY)).to.equal(IT(300));
    expect(l.subscriptionDiscount(0, 2 * DAY)).to.equal(wad("0.10"));
    for (let d = 3; d < 6; d++) l.rewardMission(d * DAY, 0, IT(100));
    expect(l.subscriptionDiscount(0, 6 * DAY)).to.equal(wad("0.15"));
    l.rewardMission(31 * DAY, 0, IT(5)); // month 1: month 0's 600 still counts
    expect(l.recentEarnings(0, 31 * DAY)).to.equal(IT(605));
    expect(l.recentEarnings(0, 60 * DAY)).to.equal(IT(5)); // month 2: only month 1's
    expect(l.subscriptionDiscount(0, 90 * DAY)).to.equal(0n);
  });
});

describe("economy ledger: invariants", () => {
  const opArb = fc.oneof(
    fc.record({ k: fc.constant("grant"), a: fc.nat(5) }),
    fc.record({ k: fc.constant("val"), a: fc.nat(5), n: fc.integer({ min: 1, max: 60 }) }),
    fc.record({ k: fc.constant("mission"), a: fc.nat(5), x: fc.integer({ min: 5, max: 100 }) }),
    fc.record({ k: fc.constant("sub"), a: fc.nat(5), n: fc.integer({ min: 1, max: 5 }) }),
    fc.record({ k: fc.constant("spend"), a: fc.nat(5) }),
    fc.record({ k: fc.constant("dispute"), a: fc.nat(5), up: fc.boolean() }),
    fc.record({ k: fc.constant("slash"), a: fc.nat(5) }),
    fc.record({ k: fc.constant("wait"), days: fc.integer({ min: 0, max: 120 }) }),
    fc.record({ k: fc.constant("eval"), median: fc.integer({ min: 0, max: 60 }), gini: fc.integer({ min: 0, max: 100 }) }),
  );

  it("conserves credit (issued − burned = balances + escrow + pool + reserve) and moves credit into or out of one agent at a time", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const l = make((c) => (c.capPerActiveAgent = IT(200)));
        let t = 0;
        let disputes = 0;
        for (const o of ops) {
          const before = [0, 1, 2, 3, 4, 5].map((i) => l.settledBalanceOf(i));
          try {
            switch (o.k) {
              case "grant":
                l.grantStarter(t, o.a);
                break;
              case "val":
                l.rewardValidations(t, o.a, o.n, wad("0.8"), wad("1.2"));
                break;
              case "mission":
                l.rewardMission(t, o.a, IT(o.x));
                break;
              case "sub":
                l.chargeSubmission(t, o.a, "problem", o.n);
                break;
              case "spend":
                l.chargeSpend(t, o.a, "vote");
                break;
              case "dispute":
                l.openDispute(t, o.a, ++disputes);
                l.resolveDispute(t + 1, disputes, o.up);
                break;
              case "slash":
                l.slash(t, o.a);
                break;
              case "wait":
                t += o.days * DAY;
                break;
              case "eval":
                if (l.lastEvaluation < 0 || t >= l.lastEvaluation + DAY) {
                  if (t >= DAY && !(l.lastReport && l.lastReport.day === Math.floor(t / DAY))) {
                    const median = IT(o.median) <= l.supply ? IT(o.median) : l.supply;
                    l.reportMetrics(t, Math.floor(t / DAY), median, (WAD * BigInt(o.gini)) / 100n, WAD);
                  }
                  l.evaluate(t);
                }
                break;
            }
          } catch (e) {
            if (!(e instanceof LedgerError)) throw e;
          }
          t += 2;
          l.checkConservation();
          const after = [0, 1, 2, 3, 4, 5].map((i) => l.settledBalanceOf(i));
          const changed = after.filter((b, i) => b !== before[i]).length;
          expect(changed).to.be.at.most(1);
          for (const b of after) expect(b >= 0n).to.equal(true);
          expect(l.rewardPool >= 0n && l.reserve >= 0n && l.escrow >= 0n).to.equal(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
