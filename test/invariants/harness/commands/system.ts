/**
 * Commands on time, streams, credit, pauses and forbidden actions: advance epochs (and attest wealth), collect
 * stream income, mint and burn credit, pause and unpause, send tokens straight to a contract, and actions by
 * an account without the role (or on soulbound tokens) that must change nothing.
 */
import type { ContractTransactionResponse } from "ethers";
import { ethers as E } from "ethers";
import { tokens } from "../../../contracts/helpers/fixture.js";
import { creditOf, epochAt, move, nextEpoch, setCredit, streamEnded, vested, type Model } from "../model.js";
import { mineAt, send, type World } from "../world.js";
import { Command, errorsIf, fmt, type Real } from "./base.js";

export const WEALTH_CHOICES = [0n, tokens(50), tokens(500), tokens(1000), tokens(3000)];
const MAX = E.MaxUint256;
const ACUA = "AccessControlUnauthorizedAccount";

/** AdvanceTime(step, attest, wealths): time moves on; in a new epoch the wealth oracle attests (unless told not to). */
export class AdvanceTime extends Command {
  /** Seconds per 86,400 s epoch: an hour, a quarter, half an epoch, one, two. */
  static readonly STEPS = [3_600n, 21_600n, 43_200n, 86_400n, 2n * 86_400n];
  get name() {
    return "AdvanceTime";
  }
  protected async act(m: Model, r: Real) {
    const [step, attestFlag, wealths] = this.args as [number, boolean, number[]];
    const L = m.epochLength;
    let target = m.now + (AdvanceTime.STEPS[step % AdvanceTime.STEPS.length]! * L) / 86_400n;
    // Keep every block away from an epoch's edges, so a view and the next transaction share their epoch.
    const pos = (target - m.genesis) % L;
    if (pos > (L * 90n) / 100n) target += L - pos + (L * 2n) / 100n;
    else if (pos < (L * 2n) / 100n) target += (L * 2n) / 100n - pos;
    const before = epochAt(m, m.now);
    await mineAt(r.w, m, target);
    const e = epochAt(m, m.now);
    this.detail = `epoch ${before} → ${e}`;
    let ok = true;
    if (attestFlag) {
      const values = r.w.members.map((_, i) => WEALTH_CHOICES[(wealths[i] ?? 0) % WEALTH_CHOICES.length]!);
      const out = await send(r.w, m, (o) => r.w.s.registry.connect(r.w.s.wealthOracle).attestWealth(r.w.members, values, o));
      ok = this.expectOutcome(r, out, []);
      if (ok) m.wealthEpoch = epochAt(m, m.now);
      this.detail += ", wealth attested";
    } else {
      r.stats.command(this.name, true);
    }
  }
}

/**
 * CollectIncome(pool, streams, foreign, unknown, finish): anyone collects a pool's vested stream income into its
 * capital; `finish` adds the pool's streams whose last epoch has come and that still owe something.
 */
export class CollectIncome extends Command {
  get name() {
    return "CollectIncome";
  }
  protected async act(m: Model, r: Real) {
    const [pI, picks, foreign, unknown, finish] = this.args as [number, number[], boolean, boolean, boolean];
    const p = pI % m.pools.length;
    const e = nextEpoch(m);
    const own = m.streams.filter((x) => x.pool === p);
    const others = m.streams.filter((x) => x.pool !== p);
    const ids = own.length === 0 ? [] : picks.map((i) => own[i % own.length]!.id);
    if (finish) ids.push(...own.filter((x) => streamEnded(x, e) && x.withdrawn < x.total).map((x) => x.id));
    if (foreign && others.length > 0) ids.push(others[picks.length % others.length]!.id);
    if (unknown) ids.push(BigInt(m.streams.length + 7));
    this.detail = `pool ${p}, streams [${ids.join(",")}]`;
    const expected = errorsIf(
      [m.pools[p]!.paused || m.streamsPaused, "EnforcedPause"],
      [ids.some((id) => id <= BigInt(m.streams.length) && m.streams[Number(id) - 1]!.pool !== p), "Streams_NotRecipient"],
      [ids.some((id) => id > BigInt(m.streams.length)), "Streams_UnknownStream"],
    );
    const out = await send(r.w, m, (o) => r.w.s.pools[p]!.connect(r.w.outsider).collectStreamIncome(ids, o));
    if (this.expectOutcome(r, out, expected)) {
      let total = 0n;
      for (const id of ids) {
        const st = m.streams[Number(id) - 1]!;
        const due = vested(st, e) - st.withdrawn;
        st.withdrawn += due;
        total += due;
        if (due > 0n && st.withdrawn === st.total && !st.cancelled) r.stats.event("stream paid in full");
        m.touchedStreams.add(id);
      }
      m.pools[p]!.income += total;
      move(m, m.streamsAddr, m.poolAddrs[p]!, total);
      this.detail += `, collected ${fmt(total)}`;
    }
  }
}

const MINT_CHOICES = [0n, 1n, tokens(1), tokens(10n ** 12n), MAX];

/** MintCredit(holder, amount): a faucet mints soulbound credit. */
export class MintCredit extends Command {
  get name() {
    return "MintCredit";
  }
  protected async act(m: Model, r: Real) {
    const to = r.w.creditHolders[(this.args[0] as number) % r.w.creditHolders.length]!;
    const amount = MINT_CHOICES[(this.args[1] as number) % MINT_CHOICES.length]!;
    this.detail = `${amount === MAX ? "max" : fmt(amount)}`;
    const expected = errorsIf(
      [amount === 0n, "Credit_ZeroAmount"],
      [m.creditPaused, "EnforcedPause"],
      [amount > MAX - m.creditSupply, "Panic(0x11)"],
    );
    const out = await send(r.w, m, (o) => r.w.s.credit.connect(r.w.faucet).mint(to, amount, o));
    if (this.expectOutcome(r, out, expected)) {
      setCredit(m, to, creditOf(m, to) + amount);
      m.creditSupply += amount;
    }
  }
}

/** BurnCredit(holder, amount, prefer): a sink burns credit (zero, one wei, half, all, or more than the balance). */
export class BurnCredit extends Command {
  get name() {
    return "BurnCredit";
  }
  protected async act(m: Model, r: Real) {
    const holding = r.w.creditHolders.filter((h) => creditOf(m, h) > 0n);
    const from = this.args[2] && holding.length > 0
      ? holding[(this.args[0] as number) % holding.length]!
      : r.w.creditHolders[(this.args[0] as number) % r.w.creditHolders.length]!;
    const bal = creditOf(m, from);
    const amount = [0n, 1n, bal / 2n, bal, bal < MAX ? bal + 1n : bal][(this.args[1] as number) % 5]!;
    this.detail = `${fmt(amount)} of ${fmt(bal)}`;
    const expected = errorsIf(
      [amount === 0n, "Credit_ZeroAmount"],
      [m.creditPaused, "EnforcedPause"],
      [amount > bal, "ERC20InsufficientBalance"],
    );
    const out = await send(r.w, m, (o) => r.w.s.credit.connect(r.w.sink).burn(from, amount, o));
    if (this.expectOutcome(r, out, expected)) {
      setCredit(m, from, bal - amount);
      m.creditSupply -= amount;
    }
  }
}

const PAUSE_TARGETS = ["pool 0", "pool 1", "market", "streams", "credit"] as const;

function pausable(w: World, i: number) {
  return [w.s.pools[0]!, w.s.pools[1]!, w.s.market, w.s.streams, w.s.credit][i]!;
}

function isPaused(m: Model, i: number): boolean {
  return [m.pools[0]!.paused, m.pools[1]!.paused, m.marketPaused, m.streamsPaused, m.creditPaused][i]!;
}

function setPaused(m: Model, i: number, v: boolean): void {
  if (i < 2) m.pools[i]!.paused = v;
  else if (i === 2) m.marketPaused = v;
  else if (i === 3) m.streamsPaused = v;
  else m.creditPaused = v;
}

/** Pause(target, mode, byPauser): the pauser toggles, pauses or unpauses a contract (or an outsider tries to). */
export class Pause extends Command {
  get name() {
    return "Pause";
  }
  protected async act(m: Model, r: Real) {
    const [tI, mode, byPauser] = this.args as [number, number, boolean];
    // Mode 0 toggles the target, 1 pauses it, 2 unpauses it, 3 unpauses whatever is paused (pauses are short).
    const pausedNow = PAUSE_TARGETS.map((_, i) => i).filter((i) => isPaused(m, i));
    const t = mode % 4 === 3 && pausedNow.length > 0 ? pausedNow[tI % pausedNow.length]! : tI % PAUSE_TARGETS.length;
    const paused = isPaused(m, t);
    const pause = mode % 4 === 0 ? !paused : mode % 4 === 1 || (mode % 4 === 3 && pausedNow.length === 0);
    const who = byPauser ? r.w.s.admin : r.w.outsider;
    this.detail = `${pause ? "pause" : "unpause"} ${PAUSE_TARGETS[t]} (paused: ${paused})${byPauser ? "" : " by outsider"}`;
    const expected = errorsIf(
      [!byPauser, ACUA],
      [pause && paused, "EnforcedPause"],
      [!pause && !paused, "ExpectedPause"],
    );
    const c = pausable(r.w, t);
    const out = await send(r.w, m, (o) => (pause ? c.connect(who).pause(o) : c.connect(who).unpause(o)));
    if (this.expectOutcome(r, out, expected)) setPaused(m, t, pause);
  }
}

const DONATIONS = [1n, tokens(1), tokens(7)];

/** Donate(target, amount): a member sends the asset straight to a pool, the market or the streams contract. */
export class Donate extends Command {
  get name() {
    return "Donate";
  }
  protected async act(m: Model, r: Real) {
    const targets = [...m.poolAddrs, m.market, m.streamsAddr];
    const to = targets[(this.args[0] as number) % targets.length]!;
    const amount = DONATIONS[(this.args[1] as number) % DONATIONS.length]!;
    const from = r.w.members[0]!;
    this.detail = `${fmt(amount)} to ${to === m.market ? "market" : to === m.streamsAddr ? "streams" : "a pool"}`;
    const out = await send(r.w, m, (o) => r.w.s.asset.connect(from).transfer(to, amount, o));
    if (this.expectOutcome(r, out, [])) {
      move(m, from.address, to, amount);
      m.donations.set(to.toLowerCase(), (m.donations.get(to.toLowerCase()) ?? 0n) + amount);
    }
  }
}

interface ForbiddenAction {
  label: string;
  call: (w: World, m: Model, o: { gasLimit: bigint }) => Promise<ContractTransactionResponse>;
  expected: (w: World, m: Model) => string[];
}

const acua = (): string[] => [ACUA];

/** Actions by an account without the role, and transfers of soulbound tokens: all rejected, nothing moves. */
export const FORBIDDEN: ForbiddenAction[] = [
  { label: "pool.reportLoss", call: (w, _m, o) => w.s.pools[0]!.connect(w.outsider).reportLoss(w.members[0]!, 1n, E.id("forged-loss"), o), expected: acua },
  { label: "pool.enroll", call: (w, _m, o) => w.s.pools[1]!.connect(w.outsider).enroll(w.outsider, o), expected: acua },
  { label: "pool.revoke", call: (w, _m, o) => w.s.pools[0]!.connect(w.outsider).revoke(w.members[0]!, o), expected: acua },
  { label: "pool.pause", call: (w, _m, o) => w.s.pools[0]!.connect(w.outsider).pause(o), expected: acua },
  { label: "pool.confirmDelivery", call: (w, _m, o) => w.s.pools[0]!.connect(w.outsider).confirmDelivery(1n, o), expected: acua },
  { label: "pool.disputeDelivery", call: (w, _m, o) => w.s.pools[1]!.connect(w.outsider).disputeDelivery(1n, E.ZeroHash, o), expected: acua },
  {
    label: "pool.offer",
    call: (w, _m, o) =>
      w.s.pools[0]!.connect(w.outsider).offer({ listingId: 10_000n, kind: 0, amount: 1n, potency: 1n, ask: 1n, funder: E.ZeroAddress }, o),
    expected: () => ["Pool_NotMarket"],
  },
  { label: "pool.reversePurchase", call: (w, _m, o) => w.s.pools[0]!.connect(w.outsider).reversePurchase(1n, o), expected: () => ["Pool_NotMarket"] },
  { label: "pool.setHooks", call: (w, _m, o) => w.s.pools[0]!.connect(w.outsider).setHooks(w.outsider, o), expected: acua },
  { label: "market.resolveDispute", call: (w, _m, o) => w.s.market.connect(w.outsider).resolveDispute(1n, true, o), expected: acua },
  { label: "market.purge", call: (w, _m, o) => w.s.market.connect(w.outsider).purge([1n], o), expected: acua },
  { label: "market.registerPool", call: (w, _m, o) => w.s.market.connect(w.outsider).registerPool(w.outsider, "0x01", o), expected: acua },
  { label: "market.setWindows", call: (w, _m, o) => w.s.market.connect(w.outsider).setWindows(1n, 1n, o), expected: acua },
  { label: "market.pause", call: (w, _m, o) => w.s.market.connect(w.outsider).pause(o), expected: acua },
  { label: "credit.mint", call: (w, _m, o) => w.s.credit.connect(w.outsider).mint(w.outsider, 1n, o), expected: acua },
  { label: "credit.burn", call: (w, _m, o) => w.s.credit.connect(w.outsider).burn(w.members[0]!, 1n, o), expected: acua },
  { label: "streams.open", call: (w, _m, o) => w.s.streams.connect(w.outsider).open(w.outsider, w.s.funder, 1n, 1n, o), expected: acua },
  { label: "streams.pause", call: (w, _m, o) => w.s.streams.connect(w.outsider).pause(o), expected: acua },
  {
    label: "streams.withdraw",
    call: (w, _m, o) => w.s.streams.connect(w.outsider).withdraw([1n], o),
    expected: (_w, m) => (m.streamsPaused ? ["EnforcedPause"] : m.streams.length > 0 ? ["Streams_NotRecipient"] : ["Streams_UnknownStream"]),
  },
  {
    label: "streams.cancel",
    call: (w, _m, o) => w.s.streams.connect(w.outsider).cancel(1n, o),
    expected: (_w, m) => (m.streamsPaused ? ["EnforcedPause"] : m.streams.length > 0 ? ["Streams_NotRecipient"] : ["Streams_UnknownStream"]),
  },
  { label: "membership.mint", call: (w, _m, o) => w.s.membership.connect(w.outsider).mint(w.outsider, o), expected: acua },
  {
    label: "membership.burn",
    call: (w, _m, o) => w.s.membership.connect(w.outsider).burn(w.members[0]!, o),
    expected: (w, m) => (m.membership.has(w.members[0]!.address.toLowerCase()) ? ["Membership_NotPoolOf"] : ["Membership_NotMember"]),
  },
  { label: "registry.attestWealth", call: (w, _m, o) => w.s.registry.connect(w.outsider).attestWealth([w.outsider], [1n], o), expected: acua },
  { label: "registry.setBaselineRisks", call: (w, _m, o) => w.s.registry.connect(w.outsider).setBaselineRisks([w.outsider], [1n], o), expected: acua },
  { label: "credit.transfer", call: (w, _m, o) => w.s.credit.connect(w.members[0]!).transfer(w.outsider, 0n, o), expected: () => ["Credit_NonTransferable"] },
  {
    label: "credit.transferFrom",
    call: (w, _m, o) => w.s.credit.connect(w.outsider).transferFrom.send(w.members[0]!, w.outsider, 1n, o),
    expected: () => ["Credit_NonTransferable"],
  },
  { label: "credit.approve", call: (w, _m, o) => w.s.credit.connect(w.members[0]!).approve.send(w.outsider, 1n, o), expected: () => ["Credit_ApprovalDisabled"] },
  {
    label: "membership.transferFrom",
    call: async (w, _m, o) => {
      const holder = w.members[0]!;
      const id = await w.s.membership.tokenOf(holder);
      return w.s.membership.connect(holder).transferFrom(holder, w.outsider, id === 0n ? 1n : id, o);
    },
    expected: (w, m) => (m.membership.has(w.members[0]!.address.toLowerCase()) ? ["Membership_Soulbound"] : ["Membership_Soulbound", "ERC721NonexistentToken", "ERC721InsufficientApproval", "ERC721IncorrectOwner"]),
  },
  { label: "membership.approve", call: (w, _m, o) => w.s.membership.connect(w.members[0]!).approve.send(w.outsider, 1n, o), expected: () => ["Membership_Soulbound"] },
  {
    label: "market.reprice by a stranger",
    call: (w, _m, o) => w.s.market.connect(w.outsider).reprice(1n, 1n, o),
    expected: (_w, m) => (m.marketPaused ? ["EnforcedPause"] : m.listings.length > 0 ? ["Market_OnlySeller"] : ["Market_UnknownListing"]),
  },
  {
    label: "market.deliver by a stranger",
    call: (w, _m, o) => w.s.market.connect(w.outsider).deliver(1n, E.id("x"), "", o),
    expected: (_w, m) => (m.marketPaused ? ["EnforcedPause"] : m.listings.length > 0 ? ["Market_OnlySeller"] : ["Market_UnknownListing"]),
  },
  {
    label: "market.cancel by a stranger",
    call: (w, _m, o) => w.s.market.connect(w.outsider).cancel(1n, o),
    expected: (_w, m) => (m.listings.length > 0 ? ["Market_OnlySeller"] : ["Market_UnknownListing"]),
  },
  {
    label: "market.confirmDelivery by a stranger",
    call: (w, _m, o) => w.s.market.connect(w.outsider).confirmDelivery(1n, o),
    expected: (_w, m) => (m.marketPaused ? ["EnforcedPause"] : m.listings.length > 0 ? ["Market_OnlyBuyer"] : ["Market_UnknownListing"]),
  },
];

/** Forbidden(action): one of FORBIDDEN, by an account without the role. */
export class Forbidden extends Command {
  get name() {
    return "Forbidden";
  }
  protected async act(m: Model, r: Real) {
    const f = FORBIDDEN[(this.args[0] as number) % FORBIDDEN.length]!;
    this.detail = f.label;
    const expected = f.expected(r.w, m);
    const out = await send(r.w, m, (o) => f.call(r.w, m, o));
    this.expectOutcome(r, out, expected);
    if (!out.ok && out.error === ACUA && String(out.args[0]).toLowerCase() !== r.w.outsider.address.toLowerCase()) {
      throw new Error(`${this}: ${ACUA} names ${out.args[0]}, not the caller`);
    }
  }
}
