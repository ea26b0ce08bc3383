/**
 * Pool commands: fund, buy cover, enrol, revoke, pay a subscription, report a loss.
 */
import { ethers as E } from "ethers";
import { tokens } from "../../../contracts/helpers/fixture.js";
import { capitalOf, isCovered, move, nextEpoch, type Model } from "../model.js";
import { send, tryView } from "../world.js";
import { Command, errorsIf, fmt, type Real } from "./base.js";

const MAX = E.MaxUint256;
export const EPOCH_CHOICES = [1, 1, 2, 3, 0, 1001];
export const FUND_CHOICES = [0n, 1n, tokens(5), tokens(50)];
export const LOSS_CHOICES = [0n, 1n, tokens(1), tokens(3), tokens(10), tokens(30), tokens(200), MAX];

/** Member `i` of the world; the last index is the outsider (no risk, no membership, never covered). */
function memberOf(r: Real, i: number) {
  const all = [...r.w.members, r.w.outsider];
  return all[i % all.length]!;
}

function poolIndex(m: Model, p: number): number {
  return p % m.pools.length;
}

/** Fund(pool, amount): the capital provider contributes capital. */
export class Fund extends Command {
  get name() {
    return "Fund";
  }
  protected async act(m: Model, r: Real) {
    const p = poolIndex(m, this.args[0] as number);
    const amount = FUND_CHOICES[(this.args[1] as number) % FUND_CHOICES.length]!;
    const b = m.pools[p]!;
    const pool = r.w.s.pools[p]!;
    const who = r.w.capitalProvider;
    this.detail = `pool ${p}, ${fmt(amount)}`;
    const expected = errorsIf([b.paused, "EnforcedPause"], [amount === 0n, "Pool_ZeroAmount"], [b.bankrupt, "Pool_Bankrupt"]);
    const out = await send(r.w, m, (o) => pool.connect(who).fund(amount, o));
    if (this.expectOutcome(r, out, expected)) {
      b.funded += amount;
      move(m, who.address, m.poolAddrs[p]!, amount);
    }
  }
}

/** BuyCover(member, pool, epochs, maxPremium): k epochs of voluntary cover at k × the quote, with a cap. */
export class BuyCover extends Command {
  get name() {
    return "BuyCover";
  }
  protected async act(m: Model, r: Real) {
    const member = memberOf(r, this.args[0] as number);
    const p = poolIndex(m, this.args[1] as number);
    const epochs = EPOCH_CHOICES[(this.args[2] as number) % EPOCH_CHOICES.length]!;
    const capMode = (this.args[3] as number) % 4;
    const b = m.pools[p]!;
    const pool = r.w.s.pools[p]!;
    const e = nextEpoch(m);
    const quote = await tryView(r.w, () => pool.quotePremiumUp(member));
    const premium = quote.ok ? quote.value * BigInt(epochs) : 0n;
    const cap = [MAX, premium, premium > 0n ? premium - 1n : 0n, 0n][capMode]!;
    const cover = m.cover[p]!.get(member.address.toLowerCase());
    const outsider = member === r.w.outsider;
    this.detail = `pool ${p}, ${epochs} epochs, quote ${quote.ok ? fmt(quote.value) : quote.error}, cap ${cap === MAX ? "max" : fmt(cap)}`;
    const expected = errorsIf(
      [b.paused, "EnforcedPause"],
      [b.bankrupt, "Pool_Bankrupt"],
      [epochs === 0 || epochs > 1000, "Pool_InvalidEpochs"],
      [cover !== undefined && cover.until > e, "Pool_AlreadyCovered"],
      [outsider, "Registry_NoBaselineRisk"],
      [!outsider && m.wealthEpoch !== e, "Registry_StaleWealth"],
      [quote.ok && premium > cap, "Pool_PremiumAboveMax"],
    );
    // The quote view fails exactly when pricing would: bankrupt, no risk, stale wealth.
    if (!quote.ok && !expected.includes(quote.error)) {
      throw new Error(`${this}: the quote reverted with ${quote.error}, which the model did not expect`);
    }
    const out = await send(r.w, m, (o) => pool.connect(member).buyCover(epochs, cap, o));
    if (this.expectOutcome(r, out, expected)) {
      m.cover[p]!.set(member.address.toLowerCase(), { from: e, until: e + BigInt(epochs) });
      b.premiums += premium;
      move(m, member.address, m.poolAddrs[p]!, premium);
    }
    return [member.address];
  }
}

/** Enroll(member, pool): governance enrols a mandatory member (soulbound membership). */
export class Enroll extends Command {
  get name() {
    return "Enroll";
  }
  protected async act(m: Model, r: Real) {
    const member = memberOf(r, this.args[0] as number);
    const p = poolIndex(m, this.args[1] as number);
    const e = nextEpoch(m);
    this.detail = `pool ${p}`;
    const expected = errorsIf([m.membership.has(member.address.toLowerCase()), "Membership_AlreadyMember"]);
    const out = await send(r.w, m, (o) => r.w.s.pools[p]!.connect(r.w.s.governor).enroll(member, o));
    if (this.expectOutcome(r, out, expected)) {
      m.membership.set(member.address.toLowerCase(), { pool: p, enrolledAt: e });
      m.subscription[p]!.delete(member.address.toLowerCase());
    }
    return [member.address];
  }
}

/** Revoke(member, pool, prefer): governance revokes a membership (refused while later epochs are prepaid). */
export class Revoke extends Command {
  get name() {
    return "Revoke";
  }
  protected async act(m: Model, r: Real) {
    let member = memberOf(r, this.args[0] as number);
    let p = poolIndex(m, this.args[1] as number);
    // Mostly a current member, in its own pool.
    const enrolled = r.w.members.filter((x) => m.membership.has(x.address.toLowerCase()));
    if (this.args[2] && enrolled.length > 0) {
      member = enrolled[(this.args[0] as number) % enrolled.length]!;
      p = m.membership.get(member.address.toLowerCase())!.pool;
    }
    const e = nextEpoch(m);
    const key = member.address.toLowerCase();
    const ms = m.membership.get(key);
    const sub = m.subscription[p]!.get(key);
    this.detail = `pool ${p}`;
    const expected = errorsIf(
      [!ms || ms.pool !== p, "Pool_NotMember"],
      [ms?.pool === p && sub !== undefined && sub.until > e + 1n, "Pool_SubscriptionPrepaid"],
    );
    const out = await send(r.w, m, (o) => r.w.s.pools[p]!.connect(r.w.s.governor).revoke(member, o));
    if (this.expectOutcome(r, out, expected)) {
      m.membership.delete(key);
      m.subscription[p]!.delete(key);
    }
    return [member.address];
  }
}

/** PaySubscription(member, pool, epochs, byOutsider, prefer): the flat fee for k epochs, paid by the member or anyone. */
export class PaySubscription extends Command {
  get name() {
    return "PaySubscription";
  }
  protected async act(m: Model, r: Real) {
    let member = memberOf(r, this.args[0] as number);
    let p = poolIndex(m, this.args[1] as number);
    // Mostly a member of a pool that charges a fee.
    const payers = r.w.members.filter((x) => {
      const ms = m.membership.get(x.address.toLowerCase());
      return ms !== undefined && m.pools[ms.pool]!.fee > 0n;
    });
    if (this.args[4] && payers.length > 0) {
      member = payers[(this.args[0] as number) % payers.length]!;
      p = m.membership.get(member.address.toLowerCase())!.pool;
    } else if (this.args[4]) {
      p = m.pools.findIndex((b) => b.fee > 0n);
    }
    const epochs = EPOCH_CHOICES[(this.args[2] as number) % EPOCH_CHOICES.length]!;
    const payer = this.args[3] ? r.w.outsider : member;
    const b = m.pools[p]!;
    const e = nextEpoch(m);
    const key = member.address.toLowerCase();
    const ms = m.membership.get(key);
    const amount = b.fee * BigInt(epochs);
    this.detail = `pool ${p}, ${epochs} epochs, ${fmt(amount)}`;
    const expected = errorsIf(
      [b.paused, "EnforcedPause"],
      [b.bankrupt, "Pool_Bankrupt"],
      [b.fee === 0n, "Pool_NoSubscriptionFee"],
      [!ms || ms.pool !== p, "Pool_NotMember"],
      [epochs === 0 || epochs > 1000, "Pool_InvalidEpochs"],
    );
    const out = await send(r.w, m, (o) => r.w.s.pools[p]!.connect(payer).paySubscription(member, epochs, o));
    if (this.expectOutcome(r, out, expected)) {
      // Rule 5: the paid run continues the prepaid run when it reaches the current epoch, else starts now.
      const run = m.subscription[p]!.get(key) ?? { from: 0n, until: 0n };
      const from = run.until < e ? e : run.from;
      const start = run.until > e ? run.until : e;
      m.subscription[p]!.set(key, { from, until: start + BigInt(epochs) });
      b.subscriptions += amount;
      move(m, payer.address, m.poolAddrs[p]!, amount);
    }
    return [member.address];
  }
}

/**
 * ReportLoss(member, pool, loss, replayId, prefer): the loss oracle reports a loss; an insured member is paid
 * min(loss, capital).
 */
export class ReportLoss extends Command {
  get name() {
    return "ReportLoss";
  }
  protected async act(m: Model, r: Real) {
    let member = memberOf(r, this.args[0] as number);
    let p = poolIndex(m, this.args[1] as number);
    const loss = LOSS_CHOICES[(this.args[2] as number) % LOSS_CHOICES.length]!;
    const e = nextEpoch(m);
    // Mostly a member some pool covers now (the model decides who that is).
    const covered = r.w.members.flatMap((x) => m.pools.map((_, q) => [x, q] as const).filter(([y, q]) => isCovered(m, q, y.address, e)));
    if (this.args[4] && covered.length > 0) [member, p] = covered[(this.args[0] as number) % covered.length]!;
    const b = m.pools[p]!;
    const used = [...m.losses[p]!.keys()];
    const replay = (this.args[3] as boolean) && used.length > 0;
    const lossId = replay ? used[(this.args[0] as number) % used.length]! : E.id(`loss-${m.lossCounter++}`);
    const capital = capitalOf(b);
    const payout = loss < capital ? loss : capital;
    this.detail = `pool ${p}, loss ${loss === MAX ? "max" : fmt(loss)}, ${replay ? "replayed id" : "new id"}, capital ${fmt(capital)}`;
    const expected = errorsIf(
      [b.paused, "EnforcedPause"],
      [loss === 0n, "Pool_ZeroLoss"],
      [replay, "Pool_LossAlreadyReported"],
      [b.bankrupt, "Pool_Bankrupt"],
      [!isCovered(m, p, member.address, e), "Pool_NotCovered"],
    );
    const out = await send(r.w, m, (o) => r.w.s.pools[p]!.connect(r.w.s.lossOracle).reportLoss(member, loss, lossId, o));
    if (this.expectOutcome(r, out, expected)) {
      if (payout > loss) throw new Error("model: payout above the loss");
      b.claims += payout;
      m.losses[p]!.set(lossId, payout);
      move(m, m.poolAddrs[p]!, member.address, payout);
      r.stats.event("claim paid");
      if (capitalOf(b) === 0n) {
        r.stats.event("pool bankrupt");
        b.bankrupt = true;
        b.atBankruptcy = { funded: b.funded, premiums: b.premiums, subscriptions: b.subscriptions, claims: b.claims, purchases: b.purchases };
      }
    }
    return [member.address];
  }
}

