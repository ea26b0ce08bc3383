/**
 * Every command with the arbitrary that generates it (weighted by repetition: fast-check picks among the
 * arbitraries uniformly), and the registry that rebuilds a command from its JSON form.
 */
import fc from "fast-check";
import type { Args, Command } from "./base.js";
import { BuyCover, Enroll, Fund, PaySubscription, ReportLoss, Revoke } from "./insurance.js";
import { Confirm, Deliver, Dispute, FLAWS, ListSecret, RefundUndelivered, Reprice, Resolve, Settle, Withdraw } from "./market.js";
import { AdvanceTime, BurnCredit, CollectIncome, Donate, FORBIDDEN, Forbidden, MintCredit, Pause } from "./system.js";

type Ctor = new (args: Args) => Command;

export const REGISTRY: Record<string, Ctor> = {
  AdvanceTime, Fund, BuyCover, Enroll, Revoke, PaySubscription, ReportLoss, ListSecret, Reprice, Withdraw, Deliver,
  Confirm, Dispute, Resolve, Settle, RefundUndelivered, CollectIncome, MintCredit, BurnCredit, Pause, Donate,
  Forbidden,
};

const n = (k: number) => fc.nat({ max: k - 1 });
const mostly = (p: number) => fc.oneof({ arbitrary: fc.constant(true), weight: p }, { arbitrary: fc.constant(false), weight: 10 - p });
const build = (C: Ctor) => (args: Args) => new C(args);
/** A listing pick: an index and whether to prefer listings in the status the command acts on (mostly). */
const listing = [fc.nat({ max: 31 }), mostly(9)] as const;

/** [arbitrary, weight] for every command. */
const WEIGHTED: [fc.Arbitrary<Command>, number][] = [
  [fc.tuple(n(5), mostly(9), fc.array(n(5), { minLength: 6, maxLength: 6 })).map(build(AdvanceTime)), 4],
  [fc.tuple(n(2), n(4)).map(build(Fund)), 1],
  [fc.tuple(n(7), n(2), n(6), n(4)).map(build(BuyCover)), 3],
  [fc.tuple(n(7), n(2)).map(build(Enroll)), 2],
  [fc.tuple(n(7), n(2), mostly(8)).map(build(Revoke)), 1],
  [fc.tuple(n(7), n(2), n(6), fc.boolean(), mostly(8)).map(build(PaySubscription)), 2],
  [fc.tuple(n(7), n(2), n(8), mostly(2), mostly(8)).map(build(ReportLoss)), 3],
  [
    fc.tuple(n(2), n(3), n(4), n(4), n(7), fc.oneof({ arbitrary: fc.constant(0), weight: 7 }, { arbitrary: fc.integer({ min: 1, max: FLAWS.length - 1 }), weight: 3 }))
      .map(build(ListSecret)),
    4,
  ],
  [fc.tuple(...listing, n(7), mostly(1)).map(build(Reprice)), 1],
  [fc.tuple(...listing, fc.boolean()).map(build(Withdraw)), 1],
  [fc.tuple(...listing, mostly(1)).map(build(Deliver)), 3],
  [fc.tuple(...listing, mostly(1)).map(build(Confirm)), 2],
  [fc.tuple(...listing, mostly(1)).map(build(Dispute)), 2],
  [fc.tuple(...listing, fc.boolean()).map(build(Resolve)), 2],
  [fc.tuple(...listing).map(build(Settle)), 2],
  [fc.tuple(...listing).map(build(RefundUndelivered)), 1],
  [fc.tuple(n(2), fc.array(n(8), { maxLength: 4 }), mostly(1), mostly(1), mostly(7)).map(build(CollectIncome)), 3],
  [fc.tuple(n(24), n(5)).map(build(MintCredit)), 1],
  [fc.tuple(n(24), n(5), mostly(8)).map(build(BurnCredit)), 1],
  [fc.tuple(n(5), fc.constantFrom(0, 1, 2, 3, 3, 3), mostly(8)).map(build(Pause)), 2],
  [fc.tuple(n(4), n(3)).map(build(Donate)), 1],
  [fc.tuple(n(FORBIDDEN.length)).map(build(Forbidden)), 2],
];

export const COMMAND_ARBITRARIES: fc.Arbitrary<Command>[] = WEIGHTED.flatMap(([a, w]) => Array.from({ length: w }, () => a));
export const COMMAND_NAMES = Object.keys(REGISTRY);

/** Rebuilds a command from `toJSON()` output. */
export function commandFromJSON(j: { type: string; args: Args }): Command {
  const C = REGISTRY[j.type];
  if (!C) throw new Error(`regression: unknown command type "${j.type}" (known: ${COMMAND_NAMES.join(", ")})`);
  return new C(j.args);
}
