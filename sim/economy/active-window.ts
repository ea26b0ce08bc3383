/**
 * The count of agents active in the last `windowDays` days (today included), kept in O(1) per
 * operation as a contract keeps it: a ring of 32 day buckets, each the number of agents whose last
 * activity fell on that day. Rolling to a new day subtracts the buckets that leave the window
 * (at most 31 iterations; a jump of `windowDays` days or more clears the ring).
 *
 * An agent last active on day p counts on day d when d − windowDays < p ≤ d.
 */
export const RING_SLOTS = 32;

export class ActiveWindow {
  private readonly buckets = new Int32Array(RING_SLOTS);
  private rolledDay = 0;
  private total = 0;

  constructor(readonly windowDays: number) {
    if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays >= RING_SLOTS) {
      throw new RangeError(`windowDays must be an integer in 1..${RING_SLOTS - 1}, got ${windowDays}`);
    }
  }

  /** Expire the days that left the window by `today`. Idempotent: the result depends only on `today`. */
  roll(today: number): void {
    if (today <= this.rolledDay) return;
    if (today - this.rolledDay >= this.windowDays) {
      this.buckets.fill(0);
      this.total = 0;
    } else {
      for (let x = this.rolledDay + 1; x <= today; x++) {
        const leaving = x - this.windowDays;
        if (leaving < 0) continue;
        const slot = leaving % RING_SLOTS;
        this.total -= this.buckets[slot]!;
        this.buckets[slot] = 0;
      }
    }
    this.rolledDay = today;
  }

  /**
   * Record that an agent whose previous activity day was `previousDay` (−1: never) is active on
   * `today`. Call `roll(today)` first.
   */
  touch(previousDay: number, today: number): void {
    if (previousDay >= 0 && previousDay > today - this.windowDays) {
      this.buckets[previousDay % RING_SLOTS]!--;
      this.total--;
    }
    this.buckets[today % RING_SLOTS]!++;
    this.total++;
  }

  /** Agents active in the window ending on the day last rolled to. */
  get count(): number {
    return this.total;
  }

  get day(): number {
    return this.rolledDay;
  }
}
