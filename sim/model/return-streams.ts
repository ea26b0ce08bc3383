/**
 * A pool's engineering return streams (specification §4.4–4.5): each pays a fixed amount per step for
 * `lifetime` steps, the first in the step of purchase. Kept as a FIFO ring (every stream has the same
 * lifetime, so they end in the order they began); the income of a step is summed in purchase order,
 * as the specification's list is.
 */
export class ReturnStreams {
  private per = new Float64Array(64);
  private end = new Int32Array(64);
  private head = 0;
  /** Streams still paying. */
  length = 0;

  /** A stream bought at step t paying `perStep` at steps t … t + lifetime − 1. */
  open(perStep: number, t: number, lifetime: number): void {
    if (this.length === this.per.length) this.grow();
    const slot = (this.head + this.length) % this.per.length;
    this.per[slot] = perStep;
    this.end[slot] = t + lifetime;
    this.length++;
  }

  /** The income of step t: Σ of every open stream's payment, in purchase order; streams that made their last payment close. */
  pay(t: number): number {
    const n = this.length;
    if (n === 0) return 0;
    const per = this.per;
    const cap = per.length;
    let income = 0;
    for (let k = 0, s = this.head; k < n; k++) {
      income += per[s]!;
      if (++s === cap) s = 0;
    }
    let head = this.head;
    let left = n;
    while (left > 0 && this.end[head] === t + 1) {
      if (++head === cap) head = 0;
      left--;
    }
    this.head = head;
    this.length = left;
    return income;
  }

  private grow(): void {
    const n = this.per.length;
    const per = new Float64Array(2 * n);
    const end = new Int32Array(2 * n);
    for (let k = 0; k < this.length; k++) {
      per[k] = this.per[(this.head + k) % n]!;
      end[k] = this.end[(this.head + k) % n]!;
    }
    this.per = per;
    this.end = end;
    this.head = 0;
  }
}
