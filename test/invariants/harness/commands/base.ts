/**
 * The shape every command shares: fast-check's `check` / `run` / `toString`, plus `toJSON` so a failing
 * sequence can be kept as a regression file and replayed without fast-check.
 *
 * A command predicts from the model alone which custom errors the system may answer with (an empty list:
 * it must succeed), sends one transaction, compares, applies its effects to the model when it succeeded,
 * and then every invariant is checked.
 */
import type { AsyncCommand } from "fast-check";
import { checkInvariants } from "../invariants.js";
import type { Model } from "../model.js";
import type { Stats } from "../stats.js";
import type { Outcome, World } from "../world.js";

export interface Real {
  w: World;
  stats: Stats;
  /** What each command of the current run did (its toString after running): printed when the run fails. */
  trace: string[];
}

export class ModelMismatch extends Error {
  constructor(command: string, detail: string) {
    super(`${command}: ${detail}`);
    this.name = "ModelMismatch";
  }
}

/** A command's arguments: small integers and booleans, JSON as they are. */
export type Args = (number | boolean | number[])[];

export abstract class Command implements AsyncCommand<Model, Real> {
  /** What the last run resolved the arguments to (shown by `toString`). */
  protected detail = "";

  constructor(readonly args: Args) {}

  abstract get name(): string;

  /** Whether the command has anything to act on in this model state. */
  check(_m: Readonly<Model>): boolean {
    return true;
  }

  async run(m: Model, r: Real): Promise<void> {
    this.detail = "";
    try {
      const touchedMembers = await this.act(m, r);
      await checkInvariants(r.w, m, r.stats, touchedMembers ?? []);
    } finally {
      r.trace.push(this.toString());
    }
  }

  /** Sends the command's transactions and updates the model; returns the members whose cover to re-check. */
  protected abstract act(m: Model, r: Real): Promise<string[] | void>;

  /**
   * Compares the system's answer with the model's prediction: success when `expected` is empty, otherwise a
   * revert with one of the `expected` custom errors (any of them, when several conditions fail at once).
   */
  protected expectOutcome(r: Real, outcome: Outcome, expected: string[]): boolean {
    const want = expected.length === 0 ? "success" : `one of ${expected.join(", ")}`;
    if (outcome.ok) {
      if (expected.length > 0) throw new ModelMismatch(this.toString(), `succeeded; the model expected ${want}`);
    } else if (!expected.includes(outcome.error)) {
      throw new ModelMismatch(this.toString(), `reverted with ${outcome.error}(${outcome.args.join(", ")}); the model expected ${want}`);
    }
    r.stats.command(this.name, outcome.ok, outcome.ok ? undefined : outcome.error);
    return outcome.ok;
  }

  toString(): string {
    return `${this.name}(${this.args.map((a) => JSON.stringify(a)).join(",")})${this.detail ? ` {${this.detail}}` : ""}`;
  }

  toJSON(): { type: string; args: Args } {
    return { type: this.name, args: this.args };
  }
}

/** The errors a call raises, given which conditions hold. */
export function errorsIf(...cases: [boolean, string][]): string[] {
  return cases.filter(([c]) => c).map(([, e]) => e);
}

/** Picks an element: among `preferred` when asked to and any exist, else among `all`. */
export function pick<T>(all: readonly T[], preferred: readonly T[], prefer: boolean, index: number): T | undefined {
  const from = prefer && preferred.length > 0 ? preferred : all;
  return from.length === 0 ? undefined : from[index % from.length];
}

/** Asset wei as tokens: 12, 0.5, 59.999999999999999999. */
export const fmt = (x: bigint): string => {
  const whole = x / 10n ** 18n;
  const frac = x % 10n ** 18n;
  return frac === 0n ? `${whole}` : `${whole}.${frac.toString().padStart(18, "0").replace(/0+$/, "")}`;
};
