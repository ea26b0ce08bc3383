/**
 * The differential check: after every step, the chain (read back and converted to study units) against
 * the model run with the same parameters, seed and readings ("protocol").
 *
 * Tolerance. Discrete fields — the environment's events and offers, bankrupt flags, purchase and stream
 * counts, the insured set, flips — must be equal. Money and WAD fields must agree to 1e-9 relative
 * (|chain − model| ≤ 1e-9 · max(|chain|, |model|), or both below 1e-12 tokens): the model is float64 and
 * the chain integer wei with directed rounding, so each chain operation differs from the float result by
 * at most one wei plus float round-off (~1e-16 relative), and 1e-9 leaves room for that to accumulate
 * over a run while still catching any economic difference — the smallest, one mispriced premium, is
 * ~1e-4 relative (ARCHITECTURE.md, "Model ↔ chain comparison"). The model cannot be exact in wei: its
 * arithmetic is float64 by design (sweep speed).
 */
import { LISTING_SOLD, type Environment } from "../env/index.js";
import type { PoolSnapshot, RunSnapshot } from "../model/api.js";
import { relativeDifference } from "./units.js";

export const RELATIVE_TOLERANCE = 1e-9;
/** Values this small (tokens) on both sides agree whatever their ratio (e.g. 0 against 1 wei). */
export const ABSOLUTE_FLOOR = 1e-12;

export const TOLERANCE_STATEMENT =
  "Discrete fields (environment events and offers, sold listings, bankrupt flags, purchase and stream counts, " +
  "the insured set, flips) are compared exactly. Money and WAD fields (capital, premiums, subscriptions, claims, " +
  "purchase cost, investment income, komp and eng capital, loading, potency averages, agent wealth) agree when " +
  "|chain - model| <= 1e-9 * max(|chain|, |model|), or both are below 1e-12 tokens. Why not exact: the model is " +
  "float64 (for sweep speed) and the chain integer wei rounded in the pool's favour, so each chain operation " +
  "differs from the float result by at most one wei plus float round-off (~1e-16 relative); 1e-9 leaves room " +
  "for that to accumulate over a run while still catching any economic difference, the smallest of which (one " +
  "mispriced premium) is ~1e-4 relative.";

/** The chain's side of one step, in study units. */
export interface ChainStepView {
  pools: PoolSnapshot[];
  wealth: Float64Array;
  insured: Uint8Array;
  flipped: Uint8Array;
  flips: number;
}

/** A field that differs between chain and model. */
export interface Divergence {
  /** The step (0-based) after which it was found. */
  step: number;
  scope: "environment" | "pool" | "agent" | "run";
  /** Pool or agent index (null for run- and environment-wide fields). */
  index: number | null;
  field: string;
  chain: number | string | boolean;
  model: number | string | boolean;
  relativeDifference?: number;
  /** E.g. that an offer in this step had an ask within rounding of a valuation. */
  note?: string;
}

export function describeDivergence(d: Divergence): string {
  const where = d.scope === "pool" ? `pool ${d.index}` : d.scope === "agent" ? `agent ${d.index}` : d.scope;
  const rel = d.relativeDifference !== undefined ? ` (relative difference ${d.relativeDifference.toExponential(3)})` : "";
  return `step ${d.step}, ${where}, ${d.field}: chain ${fmt(d.chain)} vs model ${fmt(d.model)}${rel}${d.note ? ` — ${d.note}` : ""}`;
}

const fmt = (v: number | string | boolean): string => (typeof v === "number" ? String(v) : String(v));

/** Compared in this order, flows before the stocks they feed, so the first difference names its cause. */
const MONEY_FIELDS = ["loading", "premiums", "subscriptions", "claims", "purchaseCost", "investmentIncome", "capital", "kompCapital", "engCapital", "avgKompPotency", "avgEngPotency"] as const;
const EXACT_FIELDS = ["bankrupt", "purchases", "activeStreams"] as const;

/** Whether two money values agree under the stated tolerance. */
export function moneyAgrees(a: number, b: number): boolean {
  if (Math.abs(a) < ABSOLUTE_FLOOR && Math.abs(b) < ABSOLUTE_FLOOR) return true;
  return relativeDifference(a, b) <= RELATIVE_TOLERANCE;
}

export class DifferentialCheck {
  fieldsCompared = 0;
  fieldsAgreed = 0;
  stepsAgreed = 0;
  /** Largest relative difference of an agreeing money field, and where. */
  worst = { relativeDifference: 0, where: "" };

  /** The two environments' events and offers of step `step` (both after the step's market phase). */
  compareEnvironments(step: number, chainEnv: Environment, modelEnv: Environment, soldByChain: readonly number[]): Divergence[] {
    const out: Divergence[] = [];
    const a = chainEnv.events;
    const b = modelEnv.events;
    const list = (x: Int32Array, n: number): string => Array.from(x.subarray(0, n)).join(" ");
    const cmp = (field: string, x: string | number, y: string | number): void => {
      this.fieldsCompared++;
      if (x === y) this.fieldsAgreed++;
      else out.push({ step, scope: "environment", index: null, field, chain: x, model: y });
    };
    cmp("newListings", `${a.firstNewListing}+${a.newListingCount}`, `${b.firstNewListing}+${b.newListingCount}`);
    cmp("flippedAgents", list(a.flipAgents, a.flipCount), list(b.flipAgents, b.flipCount));
    cmp("purgedListings", list(a.purgedListings, a.purgedCount), list(b.purgedListings, b.purgedCount));
    cmp("lossAgents", list(a.lossAgents, a.lossCount), list(b.lossAgents, b.lossCount));
    const oa = chainEnv.offers;
    const ob = modelEnv.offers;
    cmp("offers", offerList(oa.listingIds, oa.asks, oa.count), offerList(ob.listingIds, ob.asks, ob.count));
    // Which offered listings sold: the chain's Sold events against the model's market.
    const modelSold: number[] = [];
    for (let k = 0; k < ob.count; k++) {
      const id = ob.listingIds[k]!;
      if (modelEnv.listings.state[id - 1] === LISTING_SOLD) modelSold.push(id);
    }
    cmp("soldListings", [...soldByChain].sort((x, y) => x - y).join(" "), modelSold.sort((x, y) => x - y).join(" "));
    return out;
  }

  /** Pools, agents and flips after step `step`. */
  compareState(step: number, chain: ChainStepView, model: RunSnapshot): Divergence[] {
    const out: Divergence[] = [];
    for (let q = 0; q < model.pools.length; q++) {
      const c = chain.pools[q]!;
      const m = model.pools[q]!;
      for (const f of MONEY_FIELDS) this.money(out, step, "pool", q, f, c[f], m[f]);
      for (const f of EXACT_FIELDS) this.exact(out, step, "pool", q, f, c[f], m[f]);
    }
    const n = model.wealth.length;
    for (let i = 0; i < n; i++) this.exact(out, step, "agent", i, "insured", chain.insured[i] === 1, model.insured[i] === 1);
    for (let i = 0; i < n; i++) this.money(out, step, "agent", i, "wealth", chain.wealth[i]!, model.wealth[i]!);
    for (let i = 0; i < n; i++) this.exact(out, step, "agent", i, "flipped", chain.flipped[i] === 1, model.flipped[i] === 1);
    this.exact(out, step, "run", null, "flips", chain.flips, model.flips);
    return out;
  }

  /** Records that step `step` agreed in every field. */
  stepAgreed(): void {
    this.stepsAgreed++;
  }

  private money(out: Divergence[], step: number, scope: Divergence["scope"], index: number | null, field: string, c: number, m: number): void {
    this.fieldsCompared++;
    if (moneyAgrees(c, m)) {
      this.fieldsAgreed++;
      const r = relativeDifference(c, m);
      if (r > this.worst.relativeDifference && !(Math.abs(c) < ABSOLUTE_FLOOR && Math.abs(m) < ABSOLUTE_FLOOR)) {
        this.worst = { relativeDifference: r, where: `step ${step}, ${scope}${index === null ? "" : " " + index}, ${field}` };
      }
      return;
    }
    out.push({ step, scope, index, field, chain: c, model: m, relativeDifference: relativeDifference(c, m) });
  }

  private exact(out: Divergence[], step: number, scope: Divergence["scope"], index: number | null, field: string, c: number | boolean, m: number | boolean): void {
    this.fieldsCompared++;
    if (c === m) this.fieldsAgreed++;
    else out.push({ step, scope, index, field, chain: c, model: m });
  }
}

function offerList(ids: Int32Array, asks: Float64Array, n: number): string {
  const parts: string[] = [];
  for (let k = 0; k < n; k++) parts.push(`${ids[k]}@${asks[k]}`);
  return parts.join(" ");
}
