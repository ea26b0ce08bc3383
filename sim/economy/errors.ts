/**
 * The ledger's errors, one class with a code per Solidity custom error (LEDGER.md "Errors"). A failed
 * operation changes nothing, as a reverted transaction.
 */
export type LedgerErrorCode =
  | "TimeWentBackwards"
  | "UnknownAgent"
  | "ZeroAmount"
  | "ZeroCount"
  | "InsufficientBalance"
  | "StarterGrantAlreadyPaid"
  | "StarterGrantsSuspended"
  | "ReferralAlreadyPaid"
  | "SelfReferral"
  | "F1OutOfRange"
  | "F1BelowPoolMinimum"
  | "QualityOutOfRange"
  | "MissionRewardOutOfRange"
  | "ReviewRewardOutOfRange"
  | "ReserveInsufficient"
  | "DisputeExists"
  | "UnknownDispute"
  | "NoTopUpRound"
  | "TopUpAlreadyClaimed"
  | "BalanceNotBelowTopUpThreshold"
  | "EvaluationTooEarly"
  | "ReportDayMismatch"
  | "ReportAlreadyPosted"
  | "InvalidMetric"
  | "LeverValueOutOfRange"
  | "LeverValueOffGrid"
  | "NoPendingLeverChange"
  | "LeverNotInForce"
  | "NotCapped";

export type ErrorArgs = Record<string, bigint | number | string | boolean>;

export class LedgerError extends Error {
  override name = "LedgerError";
  constructor(
    readonly code: LedgerErrorCode,
    readonly args: ErrorArgs = {},
  ) {
    const detail = Object.entries(args)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(", ");
    super(detail ? `${code}(${detail})` : code);
  }
}
