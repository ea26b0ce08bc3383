/**
 * The per-step time series of a run (`trace`): one row per step, recorded after the step.
 * Pool columns are cumulative totals (as the pools keep them); `*_step` columns count this step.
 */
import type { FastRun } from "./run.js";

/** Per-pool columns, suffixed to `pool<q>_`. */
export const POOL_TRACE_FIELDS = [
  "capital",
  "premiums",
  "subscriptions",
  "claims",
  "purchase_cost",
  "investment_income",
  "komp_capital",
  "eng_capital",
  "loading",
  "bankrupt",
  "purchases",
  "active_streams",
] as const;

/** Run-level columns. `gini` is NaN in steps where it was not computed (see `traceGiniEvery`). */
export const RUN_TRACE_FIELDS = ["step", "flips", "insured", "losses_step", "new_listings_step", "hoarded_step", "candidates_step", "offers_step", "sold_step", "gini"] as const;

/** Every column of a trace with nPools pools, in order. */
export function traceColumns(nPools: number): string[] {
  const cols: string[] = [...RUN_TRACE_FIELDS];
  for (let q = 0; q < nPools; q++) for (const f of POOL_TRACE_FIELDS) cols.push(`pool${q}_${f}`);
  return cols;
}

export class TraceRecorder {
  readonly rows: Record<string, number>[] = [];
  private readonly columns: string[];
  constructor(
    readonly nPools: number,
    /** Compute the Gini every this many steps (0: never). */
    readonly giniEvery: number,
  ) {
    if (!Number.isInteger(giniEvery) || giniEvery < 0) throw new RangeError(`traceGiniEvery must be a non-negative integer, got ${giniEvery}`);
    this.columns = traceColumns(nPools);
  }

  record(run: FastRun): void {
    const ev = run.env.events;
    const step = run.stepIndex - 1;
    const row: Record<string, number> = {
      step,
      flips: run.params.n_agents - run.env.aliveCount,
      insured: run.insuredCount(),
      losses_step: ev.lossCount,
      new_listings_step: ev.newListingCount,
      hoarded_step: ev.hoarded,
      candidates_step: run.lastCandidates,
      offers_step: run.lastOffers,
      sold_step: run.lastSold,
      gini: this.giniEvery > 0 && (step + 1) % this.giniEvery === 0 ? run.gini() : Number.NaN,
    };
    for (let q = 0; q < this.nPools; q++) {
      const s = run.poolSnapshot(q);
      const pre = `pool${q}_`;
      row[pre + "capital"] = s.capital;
      row[pre + "premiums"] = s.premiums;
      row[pre + "subscriptions"] = s.subscriptions;
      row[pre + "claims"] = s.claims;
      row[pre + "purchase_cost"] = s.purchaseCost;
      row[pre + "investment_income"] = s.investmentIncome;
      row[pre + "komp_capital"] = s.kompCapital;
      row[pre + "eng_capital"] = s.engCapital;
      row[pre + "loading"] = s.loading;
      row[pre + "bankrupt"] = s.bankrupt ? 1 : 0;
      row[pre + "purchases"] = s.purchases;
      row[pre + "active_streams"] = s.activeStreams;
    }
    this.rows.push(row);
  }

  toCsv(): string {
    return traceToCsv(this.rows, this.columns);
  }
}

/** Rows as CSV (numbers as JavaScript prints them, round-trip exact; NaN as an empty cell). */
export function traceToCsv(rows: readonly Record<string, number>[], columns: readonly string[]): string {
  const lines = [columns.join(",")];
  for (const r of rows) lines.push(columns.map((c) => (Number.isNaN(r[c]) || r[c] === undefined ? "" : String(r[c]))).join(","));
  return lines.join("\n") + "\n";
}
