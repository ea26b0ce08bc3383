/** Streaming statistics for the findings: Pearson correlation, means, and medians. */

/** Pearson correlation of two streams of paired values, updated one pair at a time (Welford). */
export class PearsonAccumulator {
  n = 0;
  private mx = 0;
  private my = 0;
  private m2x = 0;
  private m2y = 0;
  private cxy = 0;

  add(x: number, y: number): void {
    this.n++;
    const dx = x - this.mx;
    this.mx += dx / this.n;
    const dy = y - this.my;
    this.my += dy / this.n;
    this.m2x += dx * (x - this.mx);
    this.m2y += dy * (y - this.my);
    this.cxy += dx * (y - this.my);
  }

  /** r, or why it is undefined: fewer than two pairs, or a side that never varies. */
  result(): { r: number } | { r: null; reason: "too-few" | "x-constant" | "y-constant" } {
    if (this.n < 2) return { r: null, reason: "too-few" };
    if (this.m2x === 0) return { r: null, reason: "x-constant" };
    if (this.m2y === 0) return { r: null, reason: "y-constant" };
    const r = this.cxy / Math.sqrt(this.m2x * this.m2y);
    return { r: Math.max(-1, Math.min(1, r)) };
  }
}

/** Mean of a stream; also knows whether every value was the same. */
export class MeanAccumulator {
  n = 0;
  private sum = 0;
  private c = 0; // Kahan compensation
  first: number | undefined;
  constant = true;

  add(x: number): void {
    if (this.n === 0) this.first = x;
    else if (x !== this.first) this.constant = false;
    this.n++;
    const y = x - this.c;
    const t = this.sum + y;
    this.c = t - this.sum - y;
    this.sum = t;
  }

  get mean(): number | null {
    return this.n === 0 ? null : this.sum / this.n;
  }
}

/** A growable column of numbers (8 bytes per run), for medians. */
export class NumberColumn {
  private data = new Float64Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  /** The median (the mean of the two middle values for an even count), or null when empty. */
  median(): number | null {
    if (this.length === 0) return null;
    const sorted = this.data.slice(0, this.length).sort();
    const mid = this.length >> 1;
    return this.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
}
