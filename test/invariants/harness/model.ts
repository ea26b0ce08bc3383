/**
 * The model of the model-based suite: a simplified double-entry ledger of the protocol, written from the
 * specification (ARCHITECTURE.md, protocol rules 5–8), not from the Solidity.
 *
 * What the model computes itself: who holds how much of the asset and of the credit, each pool's books
 * (funded + premiums + subscriptions + income − claims − purchases), which member is covered in which
 * epoch, the listing lifecycle and its escrow, stream vesting, pauses and roles.
 * What it takes from the system's own views, as an oracle: the premium quote and a secret's valuation
 * (their formulas are checked against a plain reference in test/contracts/). The model then checks that
 * exactly that amount moved, from and to the right accounts.
 *
 * Pure: no chain imports. Amounts are bigint asset wei; times are unix seconds; epochs are bigint.
 */

export const KOMP = 0;
export const ENG = 1;

/** A listing's lifecycle (ISecretMarket.ListingStatus). */
export enum Status {
  None = 0,
  Open = 1,
  Sold = 2,
  Delivered = 3,
  Disputed = 4,
  Settled = 5,
  Refunded = 6,
  Cancelled = 7,
  Purged = 8,
}

/** An epoch run [from, until). */
export interface Run {
  from: bigint;
  until: bigint;
}

/** One pool's books: every flow of the asset in or out of its capital. */
export interface PoolBook {
  funded: bigint;
  premiums: bigint;
  subscriptions: bigint;
  income: bigint;
  claims: bigint;
  /** Asks paid for secrets, net of refunds. */
  purchases: bigint;
  bankrupt: boolean;
  /** The books when the pool went bankrupt (frozen afterwards, except income and refunds). */
  atBankruptcy?: { funded: bigint; premiums: bigint; subscriptions: bigint; claims: bigint; purchases: bigint };
  paused: boolean;
  /** Subscription fee per epoch, asset wei (0: members are always covered). */
  fee: bigint;
  /** Epochs an engineering return stream pays. */
  lifetime: bigint;
}

export interface Listing {
  id: bigint;
  seller: string;
  kind: number;
  /** Attested amount and potency, WAD. */
  amount: bigint;
  potency: bigint;
  ask: bigint;
  funder: string;
  status: Status;
  /** Index of the buyer pool (−1 until sold). */
  buyer: number;
  price: bigint;
  streamId: bigint;
  deliveryDeadline: bigint;
  disputeDeadline: bigint;
}

export interface Stream {
  id: bigint;
  pool: number;
  funder: string;
  /** What the funder deposited at opening, asset wei. */
  deposit: bigint;
  /** Payable total: the deposit, or what had vested when the stream was cancelled. */
  total: bigint;
  lifetime: bigint;
  start: bigint;
  withdrawn: bigint;
  cancelled: boolean;
  refunded: bigint;
}

export interface Membership {
  pool: number;
  enrolledAt: bigint;
}

export interface Model {
  /** Timestamp of the latest block; the next transaction is mined at `now + 1`. */
  now: bigint;
  genesis: bigint;
  epochLength: bigint;
  deliveryWindow: bigint;
  disputeWindow: bigint;
  /** Epoch of the last wealth attestation of every member. */
  wealthEpoch: bigint;
  /** Asset balances of every holder: the ledger. */
  balances: Map<string, bigint>;
  assetSupply: bigint;
  /** Asset sent straight to a contract (not capital, not escrow, not a stream). */
  donations: Map<string, bigint>;
  pools: PoolBook[];
  poolAddrs: string[];
  market: string;
  streamsAddr: string;
  marketPaused: boolean;
  streamsPaused: boolean;
  creditPaused: boolean;
  /** cover[pool][member] — the member's latest voluntary cover run. */
  cover: Map<string, Run>[];
  /** subscription[pool][member] — the member's latest paid subscription run. */
  subscription: Map<string, Run>[];
  membership: Map<string, Membership>;
  /** Loss ids accepted, per pool, with the payout. */
  losses: Map<string, bigint>[];
  lossCounter: number;
  listings: Listing[];
  streams: Stream[];
  usedNonces: bigint[];
  nextNonce: bigint;
  credit: Map<string, bigint>;
  creditSupply: bigint;
  /** Listings and streams whose chain state the last command touched (checked in detail). */
  touchedListings: Set<bigint>;
  touchedStreams: Set<bigint>;
}

export const capitalOf = (b: PoolBook): bigint =>
  b.funded + b.premiums + b.subscriptions + b.income - b.claims - b.purchases;

export const epochAt = (m: Model, t: bigint): bigint => (t - m.genesis) / m.epochLength;
/** Timestamp of the next transaction. */
export const nextTime = (m: Model): bigint => m.now + 1n;
/** Epoch of the next transaction. */
export const nextEpoch = (m: Model): bigint => epochAt(m, nextTime(m));

const key = (a: string): string => a.toLowerCase();

export function balanceOf(m: Model, who: string): bigint {
  return m.balances.get(key(who)) ?? 0n;
}

/** Moves `amount` of the asset between two holders; the ledger never goes negative. */
export function move(m: Model, from: string, to: string, amount: bigint): void {
  if (amount < 0n) throw new Error(`model: negative move ${amount}`);
  if (amount === 0n) return;
  const f = balanceOf(m, from);
  if (f < amount) throw new Error(`model: ${from} cannot pay ${amount} (holds ${f})`);
  m.balances.set(key(from), f - amount);
  m.balances.set(key(to), balanceOf(m, to) + amount);
}

export function creditOf(m: Model, who: string): bigint {
  return m.credit.get(key(who)) ?? 0n;
}

export function setCredit(m: Model, who: string, amount: bigint): void {
  m.credit.set(key(who), amount);
}

/** Protocol rule 5 and voluntary cover: is `member` covered by pool `p` in `epoch`? */
export function isCovered(m: Model, p: number, member: string, epoch: bigint): boolean {
  const c = m.cover[p]!.get(key(member));
  if (c && c.from <= epoch && epoch < c.until) return true;
  const ms = m.membership.get(key(member));
  if (!ms || ms.pool !== p || epoch < ms.enrolledAt) return false;
  if (m.pools[p]!.fee === 0n) return true;
  const s = m.subscription[p]!.get(key(member));
  return s !== undefined && s.from <= epoch && epoch < s.until;
}

/** Protocol rule 8: vested(e) = 0 before the start, the total from the last epoch on, else n·floor(total/lifetime). */
export function vested(s: Stream, epoch: bigint): bigint {
  if (s.cancelled) return s.total;
  if (epoch < s.start) return 0n;
  const n = epoch - s.start + 1n;
  return n >= s.lifetime ? s.total : n * (s.total / s.lifetime);
}

/** The stream's last paying epoch has started: everything deposited has vested. */
export const streamEnded = (s: Stream, epoch: bigint): boolean => s.cancelled || epoch >= s.start + s.lifetime - 1n;

/** Sum of the prices of listings whose payment sits in escrow. */
export function openEscrow(m: Model): bigint {
  let sum = 0n;
  for (const l of m.listings) {
    if (l.status === Status.Sold || l.status === Status.Delivered || l.status === Status.Disputed) sum += l.price;
  }
  return sum;
}

export function donationsTo(m: Model, who: string): bigint {
  return m.donations.get(key(who)) ?? 0n;
}

/** A deep copy, so each run starts from the same initial model. */
export function cloneModel(m: Model): Model {
  return {
    ...m,
    balances: new Map(m.balances),
    donations: new Map(m.donations),
    pools: m.pools.map((p) => ({ ...p, atBankruptcy: p.atBankruptcy && { ...p.atBankruptcy } })),
    poolAddrs: [...m.poolAddrs],
    cover: m.cover.map((c) => new Map([...c].map(([k, v]) => [k, { ...v }]))),
    subscription: m.subscription.map((c) => new Map([...c].map(([k, v]) => [k, { ...v }]))),
    membership: new Map([...m.membership].map(([k, v]) => [k, { ...v }])),
    losses: m.losses.map((l) => new Map(l)),
    listings: m.listings.map((l) => ({ ...l })),
    streams: m.streams.map((s) => ({ ...s })),
    usedNonces: [...m.usedNonces],
    credit: new Map(m.credit),
    touchedListings: new Set(m.touchedListings),
    touchedStreams: new Set(m.touchedStreams),
  };
}
