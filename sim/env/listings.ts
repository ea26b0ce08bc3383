/**
 * Every secret put up for sale, by listing id (1, 2, 3, … in generation order over both kinds), in
 * growable typed arrays: the hot path allocates nothing per step.
 */

export const KIND_KOMPROMAT = 0;
export const KIND_ENGINEERING = 1;
export type SecretKind = "kompromat" | "engineering";

export const LISTING_UNSOLD = 0;
export const LISTING_SOLD = 1;
export const LISTING_PURGED = 2;
export type ListingState = "unsold" | "sold" | "purged";

/** One listing, as the harness needs it to list the secret on chain. */
export interface ListingInfo {
  id: number;
  kind: SecretKind;
  /** Step in which the secret was generated. */
  step: number;
  amount: number;
  potency: number;
  /** amount × potency (what komp/eng capital grows by when it is bought). */
  amountPotency: number;
  /** Kompromat: the target; engineering: the engineer. −1 when not drawn (for-sale kompromat in lean detail). */
  agent: number;
  /** The ask drawn at listing (`ask: "fixed"`, and for-sale kompromat), else NaN. */
  listedAsk: number;
  state: ListingState;
}

const STATE_NAMES: readonly ListingState[] = ["unsold", "sold", "purged"];

export class Listings {
  /** Listings so far; ids are 1..count. */
  count = 0;
  kind = new Uint8Array(1024);
  state = new Uint8Array(1024);
  step = new Int32Array(1024);
  amount = new Float64Array(1024);
  potency = new Float64Array(1024);
  ap = new Float64Array(1024);
  agent = new Int32Array(1024);
  listedAsk = new Float64Array(1024);

  /** Append a listing; returns its id. */
  add(kind: number, step: number, amount: number, potency: number, agent: number, listedAsk: number): number {
    const slot = this.count;
    if (slot === this.kind.length) this.grow();
    this.kind[slot] = kind;
    this.state[slot] = LISTING_UNSOLD;
    this.step[slot] = step;
    this.amount[slot] = amount;
    this.potency[slot] = potency;
    this.ap[slot] = amount * potency;
    this.agent[slot] = agent;
    this.listedAsk[slot] = listedAsk;
    this.count = slot + 1;
    return slot + 1;
  }

  info(id: number): ListingInfo {
    if (!Number.isInteger(id) || id < 1 || id > this.count) throw new RangeError(`no listing ${id} (ids are 1..${this.count})`);
    const s = id - 1;
    return {
      id,
      kind: this.kind[s] === KIND_KOMPROMAT ? "kompromat" : "engineering",
      step: this.step[s]!,
      amount: this.amount[s]!,
      potency: this.potency[s]!,
      amountPotency: this.ap[s]!,
      agent: this.agent[s]!,
      listedAsk: this.listedAsk[s]!,
      state: STATE_NAMES[this.state[s]!]!,
    };
  }

  private grow(): void {
    const n = this.kind.length * 2;
    this.kind = growU8(this.kind, n);
    this.state = growU8(this.state, n);
    this.step = growI32(this.step, n);
    this.amount = growF64(this.amount, n);
    this.potency = growF64(this.potency, n);
    this.ap = growF64(this.ap, n);
    this.agent = growI32(this.agent, n);
    this.listedAsk = growF64(this.listedAsk, n);
  }
}

export function growU8(a: Uint8Array, n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}
export function growI32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
export function growF64(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
