/**
 * Market commands: list (with forged, replayed, expired and malformed attestations), reprice, cancel or
 * purge, deliver, confirm, dispute, resolve, settle, refund an undelivered sale.
 */
import { ethers as E } from "ethers";
import { attest, wad, WAD } from "../../../contracts/helpers/fixture.js";
import { capitalOf, ENG, epochAt, KOMP, move, nextTime, Status, vested, type Listing, type Model } from "../model.js";
import { send } from "../world.js";
import { Command, errorsIf, fmt, pick, type Real } from "./base.js";

export const AMOUNTS = [wad(0.5), wad(2), wad(8), wad(30)];
export const POTENCIES = [0n, wad(0.2), wad(0.6), WAD];
/** Ask as per-mille of pool 0's valuation (at least 1 wei); the last choice is above 2^128 − 1. */
export const ASK_PERMILLE = [1n, 300n, 800n, 1000n, 1200n, 3000n, -1n];
export const FLAWS = [
  "none", "forged", "replayed", "expired", "wrong seller", "potency above 1", "zero amount", "ask above 2^128",
  "zero ask", "wrong funder", "tampered",
] as const;
const TOO_BIG = 2n ** 128n;

interface Appraisal {
  value: bigint;
  futureReturn: bigint;
}

async function appraise(r: Real, kind: number, amount: bigint, potency: bigint): Promise<Appraisal[]> {
  return Promise.all(
    r.w.s.pools.map(async (p) => {
      const [value, futureReturn] = await p.valueSecretDown(kind, amount, potency);
      return { value, futureReturn };
    }),
  );
}

function askFor(a: Appraisal[], choice: number): bigint {
  const f = ASK_PERMILLE[choice % ASK_PERMILLE.length]!;
  if (f < 0n) return TOO_BIG;
  const ask = ((a[0]!.value + a[0]!.futureReturn) * f) / 1000n;
  return ask > 0n ? ask : 1n;
}

/**
 * Rule 7: the offer goes to the pools in order from (listingId + epoch) % nPools; the first that is solvent,
 * not paused, holds at least the ask and values the secret at the ask or more buys. −1: nobody buys.
 */
function predictBuyer(m: Model, id: bigint, ask: bigint, a: Appraisal[]): number {
  const n = m.pools.length;
  const start = Number((id + epochAt(m, nextTime(m))) % BigInt(n));
  for (let i = 0; i < n; i++) {
    const p = (start + i) % n;
    const b = m.pools[p]!;
    if (!b.bankrupt && !b.paused && capitalOf(b) >= ask && a[p]!.value + a[p]!.futureReturn >= ask) return p;
  }
  return -1;
}

/** The purchase: ask to escrow, the pool's books, and for engineering the funded stream. */
function applyPurchase(m: Model, l: Listing, p: number, a: Appraisal[], r: Real): void {
  r.stats.event(l.kind === ENG ? "engineering secret bought" : "kompromat bought");
  const t = m.now; // the transaction's timestamp (send has advanced the clock)
  const b = m.pools[p]!;
  b.purchases += l.ask;
  move(m, m.poolAddrs[p]!, m.market, l.ask);
  l.status = Status.Sold;
  l.buyer = p;
  l.price = l.ask;
  l.deliveryDeadline = t + m.deliveryWindow;
  const fr = a[p]!.futureReturn;
  if (fr > 0n) {
    const id = BigInt(m.streams.length + 1);
    m.streams.push({
      id, pool: p, funder: l.funder, deposit: fr, total: fr, lifetime: b.lifetime, start: epochAt(m, t), withdrawn: 0n,
      cancelled: false, refunded: 0n,
    });
    move(m, l.funder, m.streamsAddr, fr);
    r.stats.event("stream opened");
    l.streamId = id;
    m.touchedStreams.add(id);
  }
}

/** Escrow → seller. */
function release(m: Model, l: Listing, r: Real): void {
  r.stats.event("escrow released to seller");
  move(m, m.market, l.seller, l.price);
  l.status = Status.Settled;
}

/** Escrow → buyer pool, the purchase reversed, the unvested part of the stream back to its funder. */
function refund(m: Model, l: Listing, r: Real): void {
  r.stats.event("escrow refunded to pool");
  move(m, m.market, m.poolAddrs[l.buyer]!, l.price);
  m.pools[l.buyer]!.purchases -= l.price;
  l.status = Status.Refunded;
  if (l.streamId !== 0n) {
    const st = m.streams[Number(l.streamId) - 1]!;
    const v = vested(st, epochAt(m, m.now));
    st.refunded = st.total - v;
    st.total = v;
    st.cancelled = true;
    move(m, m.streamsAddr, st.funder, st.refunded);
    m.touchedStreams.add(st.id);
  }
}

/** Whether refunding `l` needs the streams contract (which then must not be paused). */
const needsStreams = (l: Listing | undefined): boolean => l !== undefined && l.streamId !== 0n;

/** ListSecret(seller, kind, amount, potency, ask, flaw): an attested listing, offered at once to the pools. */
export class ListSecret extends Command {
  get name() {
    return "ListSecret";
  }
  protected async act(m: Model, r: Real) {
    const { s } = r.w;
    const [sellerI, kindI, amountI, potencyI, askI, flawI] = this.args as number[];
    const seller = r.w.sellers[sellerI! % r.w.sellers.length]!;
    const otherSeller = r.w.sellers[(sellerI! + 1) % r.w.sellers.length]!;
    const kind = kindI! % 3 === 0 ? KOMP : ENG; // engineering 2:1, so streams open and run to their end
    let flaw = FLAWS[flawI! % FLAWS.length]!;
    if (flaw === "replayed" && m.usedNonces.length === 0) flaw = "none";
    const amount = flaw === "zero amount" ? 0n : AMOUNTS[amountI! % AMOUNTS.length]!;
    const potency = flaw === "potency above 1" ? WAD + 1n : POTENCIES[potencyI! % POTENCIES.length]!;
    const a = await appraise(r, kind, amount, potency);
    let ask = askFor(a, askI!);
    if (flaw === "ask above 2^128") ask = TOO_BIG;
    if (flaw === "zero ask") ask = 0n;
    const t = nextTime(m);
    const nonce = flaw === "replayed" ? m.usedNonces[amountI! % m.usedNonces.length]! : m.nextNonce++;
    const funder = (kind === ENG) !== (flaw === "wrong funder") ? s.funder.address : E.ZeroAddress;
    const signed = await attest(
      s,
      {
        seller: flaw === "wrong seller" ? otherSeller.address : seller.address,
        kind, amount, potency, funder, nonce,
        contentHash: E.id(`content-${nonce}-${flaw}`),
        deadline: flaw === "expired" ? t - 1n : t + 3600n,
      },
      flaw === "forged" ? r.w.outsider : s.attestor,
    );
    const attestation = flaw === "tampered" ? { ...signed.attestation, amount: amount + 1n } : signed.attestation;

    const id = BigInt(m.listings.length + 1);
    const buyer = predictBuyer(m, id, ask, a);
    const valid = flaw === "none" && ask < TOO_BIG;
    this.detail = `${kind === ENG ? "eng" : "komp"}, ask ${ask >= TOO_BIG ? "2^128" : fmt(ask)}, flaw ${flaw}, ${valid ? `buyer ${buyer}` : "to be rejected"}`;
    const expected = errorsIf(
      [m.marketPaused, "EnforcedPause"],
      [flaw === "forged" || flaw === "tampered", "Market_InvalidAttestor"],
      [flaw === "replayed", "Market_NonceUsed"],
      [flaw === "expired", "Market_AttestationExpired"],
      [flaw === "wrong seller", "Market_NotSeller"],
      [flaw === "potency above 1", "Market_InvalidPotency"],
      [flaw === "zero amount", "Market_InvalidAmount"],
      [ask === 0n || ask >= TOO_BIG, "Market_InvalidAsk"],
      [flaw === "wrong funder", "Market_InvalidFunder"],
      [valid && buyer >= 0 && a[buyer]!.futureReturn > 0n && m.streamsPaused, "EnforcedPause"],
    );
    const out = await send(r.w, m, (o) => s.market.connect(seller).list(attestation, ask, signed.signature, o));
    if (this.expectOutcome(r, out, expected)) {
      m.usedNonces.push(nonce);
      const l: Listing = {
        id, seller: seller.address, kind, amount, potency, ask, funder, status: Status.Open, buyer: -1, price: 0n,
        streamId: 0n, deliveryDeadline: 0n, disputeDeadline: 0n,
      };
      m.listings.push(l);
      if (buyer >= 0) applyPurchase(m, l, buyer, a, r);
      m.touchedListings.add(id);
    }
  }
}

/** A command on one listing, picked among those in `wanted` status when `prefer` (else among all). */
abstract class ListingCommand extends Command {
  protected abstract readonly wanted: Status;

  /** Needs a listing; when asked to prefer the wanted status, needs one in that status. */
  override check(m: Readonly<Model>): boolean {
    return this.args[1] ? m.listings.some((x) => x.status === this.wanted) : m.listings.length > 0;
  }

  protected listing(m: Model): Listing {
    const l = pick(m.listings, m.listings.filter((x) => x.status === this.wanted), this.args[1] as boolean, this.args[0] as number)!;
    if (this.args[1] && l.status !== this.wanted) throw new Error(`${this}: check() let through a listing in ${Status[l.status]}`);
    m.touchedListings.add(l.id);
    return l;
  }
}

/** Reprice(listing, prefer, ask, byStranger): the seller changes the ask; the listing is offered again. */
export class Reprice extends ListingCommand {
  protected readonly wanted = Status.Open;
  get name() {
    return "Reprice";
  }
  protected async act(m: Model, r: Real) {
    const l = this.listing(m);
    const caller = this.args[3] ? r.w.outsider : r.w.sellers.find((x) => x.address === l.seller)!;
    const a = await appraise(r, l.kind, l.amount, l.potency);
    const ask = askFor(a, this.args[2] as number);
    const buyer = predictBuyer(m, l.id, ask, a);
    this.detail = `listing ${l.id} (${Status[l.status]}), ask ${ask >= TOO_BIG ? "2^128" : fmt(ask)}, buyer ${buyer}`;
    const ok = l.status === Status.Open && caller.address === l.seller && ask < TOO_BIG;
    const expected = errorsIf(
      [m.marketPaused, "EnforcedPause"],
      [caller.address !== l.seller, "Market_OnlySeller"],
      [l.status !== Status.Open, "Market_WrongStatus"],
      [ask >= TOO_BIG, "Market_InvalidAsk"],
      [ok && buyer >= 0 && a[buyer]!.futureReturn > 0n && m.streamsPaused, "EnforcedPause"],
    );
    const out = await send(r.w, m, (o) => r.w.s.market.connect(caller).reprice(l.id, ask, o));
    if (this.expectOutcome(r, out, expected)) {
      l.ask = ask;
      if (buyer >= 0) applyPurchase(m, l, buyer, a, r);
    }
  }
}

/** Withdraw(listing, prefer, purge): the seller cancels, or a purger purges, an open listing. */
export class Withdraw extends ListingCommand {
  protected readonly wanted = Status.Open;
  get name() {
    return "Withdraw";
  }
  protected async act(m: Model, r: Real) {
    const l = this.listing(m);
    const purge = this.args[2] as boolean;
    const seller = r.w.sellers.find((x) => x.address === l.seller)!;
    this.detail = `listing ${l.id} (${Status[l.status]}), ${purge ? "purge" : "cancel"}`;
    const expected = errorsIf([l.status !== Status.Open, "Market_WrongStatus"]);
    const out = await send(r.w, m, (o) =>
      purge ? r.w.s.market.connect(r.w.s.purger).purge([l.id], o) : r.w.s.market.connect(seller).cancel(l.id, o),
    );
    if (this.expectOutcome(r, out, expected)) l.status = purge ? Status.Purged : Status.Cancelled;
  }
}

/** Deliver(listing, prefer, emptyCiphertext): the seller delivers the content encrypted to the buyer. */
export class Deliver extends ListingCommand {
  protected readonly wanted = Status.Sold;
  get name() {
    return "Deliver";
  }
  protected async act(m: Model, r: Real) {
    const l = this.listing(m);
    const empty = this.args[2] as boolean;
    const seller = r.w.sellers.find((x) => x.address === l.seller)!;
    const t = nextTime(m);
    this.detail = `listing ${l.id} (${Status[l.status]}), ${t <= l.deliveryDeadline ? "in time" : "late"}`;
    const expected = errorsIf(
      [m.marketPaused, "EnforcedPause"],
      [l.status !== Status.Sold, "Market_WrongStatus"],
      [l.status === Status.Sold && t > l.deliveryDeadline, "Market_DeliveryDeadlinePassed"],
      [empty, "Market_EmptyCiphertext"],
    );
    const hash = empty ? E.ZeroHash : E.id(`ciphertext-${l.id}`);
    const out = await send(r.w, m, (o) => r.w.s.market.connect(seller).deliver(l.id, hash, `ipfs://ciphertext/${l.id}`, o));
    if (this.expectOutcome(r, out, expected)) {
      l.status = Status.Delivered;
      l.disputeDeadline = m.now + m.disputeWindow;
    }
  }
}

/** The pool the operator acts through: the buyer, or the other pool when `wrongPool`. */
function poolFor(m: Model, l: Listing, wrongPool: boolean): number {
  const buyer = l.buyer >= 0 ? l.buyer : 0;
  return wrongPool ? (buyer + 1) % m.pools.length : buyer;
}

/** Confirm(listing, prefer, wrongPool): the buyer pool's operator confirms delivery; the escrow goes to the seller. */
export class Confirm extends ListingCommand {
  protected readonly wanted = Status.Delivered;
  get name() {
    return "Confirm";
  }
  protected async act(m: Model, r: Real) {
    const l = this.listing(m);
    const q = poolFor(m, l, this.args[2] as boolean);
    this.detail = `listing ${l.id} (${Status[l.status]}) via pool ${q}`;
    const expected = errorsIf(
      [m.marketPaused, "EnforcedPause"],
      [l.buyer !== q, "Market_OnlyBuyer"],
      [l.status !== Status.Delivered, "Market_WrongStatus"],
    );
    const out = await send(r.w, m, (o) => r.w.s.pools[q]!.connect(r.w.s.operator).confirmDelivery(l.id, o));
    if (this.expectOutcome(r, out, expected)) release(m, l, r);
  }
}

/** Dispute(listing, prefer, wrongPool): the buyer pool's operator disputes a delivery within the window. */
export class Dispute extends ListingCommand {
  protected readonly wanted = Status.Delivered;
  get name() {
    return "Dispute";
  }
  protected async act(m: Model, r: Real) {
    const l = this.listing(m);
    const q = poolFor(m, l, this.args[2] as boolean);
    const t = nextTime(m);
    this.detail = `listing ${l.id} (${Status[l.status]}) via pool ${q}, ${t <= l.disputeDeadline ? "in window" : "late"}`;
    const expected = errorsIf(
      [m.marketPaused, "EnforcedPause"],
      [l.buyer !== q, "Market_OnlyBuyer"],
      [l.status !== Status.Delivered, "Market_WrongStatus"],
      [l.status === Status.Delivered && t > l.disputeDeadline, "Market_DisputeWindowClosed"],
    );
    const out = await send(r.w, m, (o) => r.w.s.pools[q]!.connect(r.w.s.operator).disputeDelivery(l.id, E.id("evidence"), o));
    if (this.expectOutcome(r, out, expected)) l.status = Status.Disputed;
  }
}

/** Resolve(listing, prefer, upheld): the arbiter refunds the pool (upheld) or pays the seller. */
export class Resolve extends ListingCommand {
  protected readonly wanted = Status.Disputed;
  get name() {
    return "Resolve";
  }
  protected async act(m: Model, r: Real) {
    const l = this.listing(m);
    const upheld = this.args[2] as boolean;
    this.detail = `listing ${l.id} (${Status[l.status]}), ${upheld ? "upheld" : "rejected"}`;
    const expected = errorsIf(
      [m.marketPaused, "EnforcedPause"],
      [l.status !== Status.Disputed, "Market_WrongStatus"],
      [l.status === Status.Disputed && upheld && needsStreams(l) && m.streamsPaused, "EnforcedPause"],
    );
    const out = await send(r.w, m, (o) => r.w.s.market.connect(r.w.s.arbiter).resolveDispute(l.id, upheld, o));
    if (this.expectOutcome(r, out, expected)) {
      if (upheld) refund(m, l, r);
      else release(m, l, r);
    }
  }
}

/** Settle(listing, prefer): anyone pays the seller once the dispute window has passed. */
export class Settle extends ListingCommand {
  protected readonly wanted = Status.Delivered;
  get name() {
    return "Settle";
  }
  protected async act(m: Model, r: Real) {
    const l = this.listing(m);
    const t = nextTime(m);
    this.detail = `listing ${l.id} (${Status[l.status]}), ${t > l.disputeDeadline ? "window passed" : "window open"}`;
    const expected = errorsIf(
      [m.marketPaused, "EnforcedPause"],
      [l.status !== Status.Delivered, "Market_WrongStatus"],
      [l.status === Status.Delivered && t <= l.disputeDeadline, "Market_DisputeWindowOpen"],
    );
    const out = await send(r.w, m, (o) => r.w.s.market.connect(r.w.outsider).settle(l.id, o));
    if (this.expectOutcome(r, out, expected)) release(m, l, r);
  }
}

/** RefundUndelivered(listing, prefer): anyone refunds the pool of a sale not delivered by its deadline. */
export class RefundUndelivered extends ListingCommand {
  protected readonly wanted = Status.Sold;
  get name() {
    return "RefundUndelivered";
  }
  protected async act(m: Model, r: Real) {
    const l = this.listing(m);
    const t = nextTime(m);
    this.detail = `listing ${l.id} (${Status[l.status]}), ${t > l.deliveryDeadline ? "deadline passed" : "in time"}`;
    const late = l.status === Status.Sold && t > l.deliveryDeadline;
    const expected = errorsIf(
      [m.marketPaused, "EnforcedPause"],
      [l.status !== Status.Sold, "Market_WrongStatus"],
      [l.status === Status.Sold && !late, "Market_DeliveryDeadlineNotPassed"],
      [late && needsStreams(l) && m.streamsPaused, "EnforcedPause"],
    );
    const out = await send(r.w, m, (o) => r.w.s.market.connect(r.w.outsider).refundUndelivered(l.id, o));
    if (this.expectOutcome(r, out, expected)) refund(m, l, r);
  }
}
