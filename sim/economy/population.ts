/**
 * The agents of an economy run: archetype, F1 score, arrival and departure days, and scenario flags.
 * Struct-of-arrays, grown by doubling.
 */
import { ARCHETYPES, type Archetype } from "./behaviour.js";
import { fromFloat6 } from "./units.js";

export const FLAG = {
  /** A whale (scenario 2): one of the most active mission runners. */
  whale: 1,
  /** An attacker's sybil account (scenario 4). */
  attacker: 2,
  /** Removed from the validator pool (scenario 3). */
  removed: 4,
  /** Starter grant paid. */
  granted: 8,
  /** Banned: acts no more. */
  banned: 16,
} as const;

export class Population {
  n = 0;
  private capacity = 0;
  arch = new Uint8Array(0);
  f1 = new Float64Array(0);
  f1Wad: bigint[] = [];
  joined = new Int32Array(0);
  /** Day the agent left for good, −1 while present. */
  left = new Int32Array(0);
  flags = new Uint8Array(0);

  constructor(initialCapacity = 1024) {
    this.grow(initialCapacity);
  }

  add(arch: Archetype, f1: number, day: number, flags = 0): number {
    if (this.n === this.capacity) this.grow(this.capacity * 2);
    const i = this.n++;
    this.arch[i] = ARCHETYPES.indexOf(arch);
    this.f1[i] = f1;
    this.f1Wad[i] = fromFloat6(f1);
    this.joined[i] = day;
    this.left[i] = -1;
    this.flags[i] = flags;
    return i;
  }

  archetypeOf(i: number): Archetype {
    return ARCHETYPES[this.arch[i]!]!;
  }

  setF1(i: number, f1: number): void {
    this.f1[i] = f1;
    this.f1Wad[i] = fromFloat6(f1);
  }

  has(i: number, flag: number): boolean {
    return (this.flags[i]! & flag) !== 0;
  }

  isPresent(i: number): boolean {
    return this.left[i]! < 0 && (this.flags[i]! & FLAG.banned) === 0;
  }

  private grow(capacity: number): void {
    const copy = <T extends Uint8Array | Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    this.arch = copy(this.arch, (n) => new Uint8Array(n));
    this.f1 = copy(this.f1, (n) => new Float64Array(n));
    this.joined = copy(this.joined, (n) => new Int32Array(n));
    this.left = copy(this.left, (n) => new Int32Array(n));
    this.flags = copy(this.flags, (n) => new Uint8Array(n));
    this.capacity = capacity;
  }
}
