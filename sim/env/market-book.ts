/**
 * The unsold secrets that may be offered, and the query the market phase needs: every one whose
 * amount·potency (ap) satisfies MIN_ASK_FACTOR·ap ≤ capMax of its kind, in ascending listing id.
 *
 * Two views of the same set, so that the query costs what its answer costs:
 * - `master`: every id, ascending (a scan of it answers any query in id order);
 * - buckets by ap on a log scale (ratio 2^¼), per kind, each ascending: when the answer is a small part
 *   of the book (pools short of capital while thousands of secrets pile up), only the buckets at or
 *   below the threshold are read and the answer is sorted.
 * Both give the same ids in the same order; which one is used changes speed, never a result.
 * Sold and purged ids are dropped lazily, when a list is next read.
 */
import { growI32, LISTING_UNSOLD, type Listings } from "./listings.js";

const BUCKETS = 160;
/**
 * Bucket of a positive ap: its binary exponent and the top two bits of its mantissa (⌊4·log₂ ap⌋ up
 * to the mantissa's curvature), read from the IEEE-754 bits, shifted by OFFSET and clamped to
 * [0, BUCKETS). Positive doubles order as their bit patterns do, so the bucket never decreases as ap
 * grows: every ap ≤ T lies in a bucket ≤ bucketOf(T). ap from 2⁻³⁵ to 2⁵ maps inside.
 */
const OFFSET = 4 * 1023 - 140;
const bits = new Float64Array(1);
const bitsHi = new Uint32Array(bits.buffer, new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 4 : 0, 1);

function bucketOf(x: number): number {
  bits[0] = x;
  const b = (bitsHi[0]! >>> 18) - OFFSET;
  return b < 0 ? 0 : b >= BUCKETS ? BUCKETS - 1 : b;
}

class Buckets {
  lists: Int32Array[] = Array.from({ length: BUCKETS }, () => new Int32Array(16));
  lens = new Int32Array(BUCKETS);
  push(id: number, ap: number): void {
    const b = bucketOf(ap);
    let list = this.lists[b]!;
    const n = this.lens[b]!;
    if (n === list.length) this.lists[b] = list = growI32(list, 2 * n);
    list[n] = id;
    this.lens[b] = n + 1;
  }
}

export class MarketBook {
  private master = new Int32Array(1024);
  private masterLen = 0;
  private readonly byKind: Buckets[];
  /** Per kind, in `collect`: one past the last bucket that may hold a qualifying ap (0: none). */
  private readonly band: Int32Array;

  constructor(
    private readonly listings: Listings,
    kinds: number,
  ) {
    this.byKind = Array.from({ length: kinds }, () => new Buckets());
    this.band = new Int32Array(kinds);
  }

  /** Add a new listing (ids arrive in ascending order). */
  add(id: number): void {
    if (this.masterLen === this.master.length) this.master = growI32(this.master, 2 * this.masterLen);
    this.master[this.masterLen++] = id;
    const slot = id - 1;
    this.byKind[this.listings.kind[slot]!]!.push(id, this.listings.ap[slot]!);
  }

  /** Ids in the book, ascending (live and not yet dropped). */
  get ids(): Int32Array {
    return this.master.subarray(0, this.masterLen);
  }

  /** Replace the master list by its first `len` entries after an in-place edit (purges). */
  setMasterLength(len: number): void {
    this.masterLen = len;
  }

  /**
   * Write into `out` (growing it as needed; the possibly new array is returned in `result.out`) the
   * ids of unsold listings with minAskFactor·ap ≤ capMax[kind], ascending; returns the count.
   */
  collect(capMax: ArrayLike<number>, minAskFactor: number, out: Int32Array, result: { out: Int32Array }): number {
    // How many entries the buckets would have us read, against a scan of the whole book.
    let candidates = 0;
    const band = this.band;
    for (let k = 0; k < this.byKind.length; k++) {
      band[k] = 0;
      const cap = capMax[k]!;
      if (!(cap > 0)) continue;
      // x·f ≤ cap ⇒ x ≤ T(1 + 2⁻⁵²) ⇒ bucketOf(x) ≤ bucketOf(T) + 1 (bucketOf is monotone), so no
      // bucket above `top` holds a qualifying secret.
      const top = Math.min(BUCKETS - 1, bucketOf(cap / minAskFactor) + 1);
      band[k] = top + 1;
      const lens = this.byKind[k]!.lens;
      for (let b = 0; b <= top; b++) candidates += lens[b]!;
    }
    let m: number;
    if (candidates * 4 >= this.masterLen) {
      m = this.scanMaster(capMax, minAskFactor, out, result);
    } else {
      m = this.gatherBuckets(capMax, minAskFactor, band, out, result);
      sortAscending(result.out, m);
    }
    return m;
  }

  private scanMaster(capMax: ArrayLike<number>, minAskFactor: number, out: Int32Array, result: { out: Int32Array }): number {
    const L = this.listings;
    const master = this.master;
    let m = 0;
    let w = 0;
    for (let r = 0; r < this.masterLen; r++) {
      const id = master[r]!;
      const slot = id - 1;
      if (L.state[slot] !== LISTING_UNSOLD) continue;
      master[w++] = id;
      if (L.ap[slot]! * minAskFactor <= capMax[L.kind[slot]!]!) {
        if (m === out.length) out = growI32(out, 2 * m);
        out[m++] = id;
      }
    }
    this.masterLen = w;
    result.out = out;
    return m;
  }

  private gatherBuckets(capMax: ArrayLike<number>, minAskFactor: number, band: Int32Array, out: Int32Array, result: { out: Int32Array }): number {
    const L = this.listings;
    let m = 0;
    for (let k = 0; k < this.byKind.length; k++) {
      const end = band[k]!;
      if (end === 0) continue;
      const cap = capMax[k]!;
      const bk = this.byKind[k]!;
      for (let b = 0; b < end; b++) {
        const list = bk.lists[b]!;
        const n = bk.lens[b]!;
        let w = 0;
        for (let r = 0; r < n; r++) {
          const id = list[r]!;
          const slot = id - 1;
          if (L.state[slot] !== LISTING_UNSOLD) continue;
          list[w++] = id;
          // Every bucket is checked element by element: bucketing only decides what is read.
          if (L.ap[slot]! * minAskFactor <= cap) {
            if (m === out.length) out = growI32(out, 2 * m);
            out[m++] = id;
          }
        }
        bk.lens[b] = w;
      }
    }
    result.out = out;
    return m;
  }
}

/** Sort a[0..n) ascending: insertion sort when short (no allocation), the native sort otherwise. */
function sortAscending(a: Int32Array, n: number): void {
  if (n > 48) {
    a.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}
