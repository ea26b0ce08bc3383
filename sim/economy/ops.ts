/**
 * The ledger's operations as data: the event sequence an agreement test replays through both the
 * reference ledger and the contracts. A model run can record every operation it performs
 * (`ledger.onOp`); `applyOp` replays one; `encodeOp`/`decodeOp` write and read them as JSON lines
 * (bigints as decimal strings).
 */
import type { Lever, SpendKind, SubmissionType } from "./config.js";
import type { CreditLedger } from "./ledger.js";

export type LedgerOp =
  | { op: "grantStarter"; t: number; agent: number }
  | { op: "rewardReferral"; t: number; referrer: number; referred: number }
  | { op: "rewardValidations"; t: number; agent: number; count: number; f1: bigint; quality: bigint }
  | { op: "rewardMission"; t: number; agent: number; amount: bigint; reserveOnly: boolean }
  | { op: "rewardEvidenceReview"; t: number; agent: number; amount: bigint }
  | { op: "claimEmergencyTopUp"; t: number; agent: number }
  | { op: "chargeSubmission"; t: number; agent: number; kind: SubmissionType; count: number }
  | { op: "chargeSpend"; t: number; agent: number; kind: SpendKind }
  | { op: "buyFeature"; t: number; agent: number; amount: bigint }
  | { op: "openDispute"; t: number; agent: number; dispute: number }
  | { op: "resolveDispute"; t: number; dispute: number; upheld: boolean }
  | { op: "slash"; t: number; agent: number }
  | { op: "settleDecay"; t: number; agent: number }
  | { op: "reportMetrics"; t: number; day: number; median: bigint; gini: bigint; velocity: bigint }
  | { op: "evaluate"; t: number }
  | { op: "proposeLever"; t: number; lever: Lever; value: bigint }
  | { op: "cancelLever"; t: number; lever: Lever }
  | { op: "renewLever"; t: number; lever: Lever }
  | { op: "acknowledgeCapBreach"; t: number }
  | { op: "setAutoAdjustment"; t: number; enabled: boolean };

/** Replays one operation on a ledger (throws the ledger's error if the operation reverts). */
export function applyOp(l: CreditLedger, o: LedgerOp): void {
  switch (o.op) {
    case "grantStarter":
      l.grantStarter(o.t, o.agent);
      return;
    case "rewardReferral":
      l.rewardReferral(o.t, o.referrer, o.referred);
      return;
    case "rewardValidations":
      l.rewardValidations(o.t, o.agent, o.count, o.f1, o.quality);
      return;
    case "rewardMission":
      l.rewardMission(o.t, o.agent, o.amount, o.reserveOnly);
      return;
    case "rewardEvidenceReview":
      l.rewardEvidenceReview(o.t, o.agent, o.amount);
      return;
    case "claimEmergencyTopUp":
      l.claimEmergencyTopUp(o.t, o.agent);
      return;
    case "chargeSubmission":
      l.chargeSubmission(o.t, o.agent, o.kind, o.count);
      return;
    case "chargeSpend":
      l.chargeSpend(o.t, o.agent, o.kind);
      return;
    case "buyFeature":
      l.buyFeature(o.t, o.agent, o.amount);
      return;
    case "openDispute":
      l.openDispute(o.t, o.agent, o.dispute);
      return;
    case "resolveDispute":
      l.resolveDispute(o.t, o.dispute, o.upheld);
      return;
    case "slash":
      l.slash(o.t, o.agent);
      return;
    case "settleDecay":
      l.settleDecay(o.t, o.agent);
      return;
    case "reportMetrics":
      l.reportMetrics(o.t, o.day, o.median, o.gini, o.velocity);
      return;
    case "evaluate":
      l.evaluate(o.t);
      return;
    case "proposeLever":
      l.proposeLever(o.t, o.lever, o.value);
      return;
    case "cancelLever":
      l.cancelLever(o.t, o.lever);
      return;
    case "renewLever":
      l.renewLever(o.t, o.lever);
      return;
    case "acknowledgeCapBreach":
      l.acknowledgeCapBreach(o.t);
      return;
    case "setAutoAdjustment":
      l.setAutoAdjustment(o.t, o.enabled);
      return;
  }
}

const BIGINT_FIELDS = new Set(["f1", "quality", "amount", "median", "gini", "velocity", "value"]);

/** One operation as a JSON line, bigints as decimal strings. */
export function encodeOp(o: LedgerOp): string {
  return JSON.stringify(o, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/** The inverse of `encodeOp`. */
export function decodeOp(line: string): LedgerOp {
  return JSON.parse(line, (k, v: unknown) => (BIGINT_FIELDS.has(k) && typeof v === "string" ? BigInt(v) : v)) as LedgerOp;
}
