/**
 * The invariants checked after every command, each a sum of parts read from the chain and compared with
 * the model's ledger. README.md (beside this folder) lists them; the names here are the ones it uses.
 */
import {
  capitalOf, creditOf, donationsTo, epochAt, isCovered, openEscrow, Status, streamEnded, vested, type Model,
} from "./model.js";
import type { Stats } from "./stats.js";
import type { World } from "./world.js";

export class InvariantViolation extends Error {
  constructor(invariant: string, detail: string) {
    super(`invariant ${invariant} violated: ${detail}`);
    this.name = "InvariantViolation";
  }
}

function eq(inv: string, what: string, actual: bigint | boolean | number | string, expected: bigint | boolean | number | string): void {
  if (actual !== expected) throw new InvariantViolation(inv, `${what}: chain ${actual}, expected ${expected}`);
}

function holds(inv: string, cond: boolean, detail: string): void {
  if (!cond) throw new InvariantViolation(inv, detail);
}

export const INVARIANTS = [
  "I1 pool books",
  "I2 pool balance = accounting",
  "I3 capital never negative",
  "I4 bankrupt pool frozen",
  "I5 no claim paid twice",
  "I6 stream withdrawn <= deposit",
  "I7 stream pays its deposit",
  "I8 escrow = open escrows",
  "I9 credit = mints - burns",
  "I10 asset conserved",
  "I11 listings and cover",
] as const;

/** Reads the chain and checks every invariant against the model; records hit counts in `stats`. */
export async function checkInvariants(w: World, m: Model, stats: Stats, touchedMembers: string[] = []): Promise<void> {
  const { s } = w;
  const epoch = epochAt(m, m.now);
  const streamIds = m.streams.filter((x) => m.touchedStreams.has(x.id) || streamEnded(x, epoch)).map((x) => x.id);
  // Batched reads: the Lens's views are plain loops over the contracts' own getters (one eth_call each);
  // sums are checked against the contracts' own totals.
  const [latest, poolViews, assetBalances, creditBalances, streamViews, listings, covered, escrowed, totals, streamCount,
    listingCount, assetSupply, creditSupply] = await Promise.all([
    w.ethers.provider.getBlock("latest"),
    s.lens.poolStates(s.pools),
    s.lens.balancesOf(s.asset, w.holders),
    s.lens.balancesOf(s.credit, w.creditHolders),
    streamIds.length > 0 ? s.lens.streamViews(s.streams, streamIds) : Promise.resolve([]),
    m.touchedListings.size > 0 ? s.lens.listings(s.market, [...m.touchedListings]) : Promise.resolve([]),
    touchedMembers.length > 0 ? s.lens.coverStatus(s.pools, touchedMembers, epoch) : Promise.resolve([]),
    s.market.escrowed(),
    Promise.all([s.streams.totalDeposited(), s.streams.totalWithdrawn(), s.streams.totalRefunded()]),
    s.streams.streamCount(),
    s.market.listingCount(),
    s.asset.totalSupply(),
    s.credit.totalSupply(),
  ]);
  const balanceOfHolder = (a: string): bigint => assetBalances[w.holders.indexOf(a)]!;
  const poolStates = poolViews.map((v) => v.state);
  const poolBalances = m.poolAddrs.map(balanceOfHolder);
  const marketBalance = balanceOfHolder(m.market);
  const streamsBalance = balanceOfHolder(m.streamsAddr);
  // The harness's own clock agrees with the chain's (every block's timestamp is set by the model).
  if (BigInt(latest!.timestamp) !== m.now) throw new Error(`harness: chain time ${latest!.timestamp}, model ${m.now}`);

  for (let p = 0; p < m.pools.length; p++) {
    const st = poolStates[p]!;
    const b = m.pools[p]!;
    // I1: capital = funded + premiums + subscriptions + income − claims − purchases, each part as the model booked it.
    const parts = st.fundedCapital + st.premiumsCollected + st.subscriptionsCollected + st.investmentIncome - st.claimsPaid - st.secretPurchaseCost;
    eq("I1 pool books", `pool ${p} capital vs its parts`, st.capital, parts);
    eq("I1 pool books", `pool ${p} funded`, st.fundedCapital, b.funded);
    eq("I1 pool books", `pool ${p} premiums`, st.premiumsCollected, b.premiums);
    eq("I1 pool books", `pool ${p} subscriptions`, st.subscriptionsCollected, b.subscriptions);
    eq("I1 pool books", `pool ${p} investment income`, st.investmentIncome, b.income);
    eq("I1 pool books", `pool ${p} claims`, st.claimsPaid, b.claims);
    eq("I1 pool books", `pool ${p} purchases`, st.secretPurchaseCost, b.purchases);
    const flows = [b.premiums, b.subscriptions, b.income, b.claims, b.purchases].filter((x) => x !== 0n).length;
    stats.invariant("I1 pool books", flows >= 2);

    // I2: the pool's asset balance is its accounting (plus anything sent to it directly, which is not capital).
    eq("I2 pool balance = accounting", `pool ${p} balance`, poolBalances[p]!, st.capital + donationsTo(m, m.poolAddrs[p]!));
    stats.invariant("I2 pool balance = accounting", flows >= 2);

    // I3: the signed sum of the parts never goes below zero.
    const signed = capitalOf(b);
    holds("I3 capital never negative", signed >= 0n, `pool ${p} parts sum to ${signed}`);
    eq("I3 capital never negative", `pool ${p} capital`, st.capital, signed);
    stats.invariant("I3 capital never negative", b.claims + b.purchases > 0n);

    // I4: bankruptcy is permanent, and a bankrupt pool's premiums, fees, claims, funding and purchases stay frozen
    // (only stream income and refunds of earlier purchases still move its capital).
    eq("I4 bankrupt pool frozen", `pool ${p} bankrupt`, st.bankrupt, b.bankrupt);
    if (b.bankrupt) {
      const f = b.atBankruptcy!;
      eq("I4 bankrupt pool frozen", `pool ${p} funded since bankruptcy`, st.fundedCapital, f.funded);
      eq("I4 bankrupt pool frozen", `pool ${p} premiums since bankruptcy`, st.premiumsCollected, f.premiums);
      eq("I4 bankrupt pool frozen", `pool ${p} subscriptions since bankruptcy`, st.subscriptionsCollected, f.subscriptions);
      eq("I4 bankrupt pool frozen", `pool ${p} claims since bankruptcy`, st.claimsPaid, f.claims);
      holds("I4 bankrupt pool frozen", st.secretPurchaseCost <= f.purchases, `pool ${p} bought after bankruptcy`);
    }
    stats.invariant("I4 bankrupt pool frozen", b.bankrupt);

    // I5: claimsPaid is the sum of one payout per accepted loss id.
    let payouts = 0n;
    for (const v of m.losses[p]!.values()) payouts += v;
    eq("I5 no claim paid twice", `pool ${p} claims vs distinct loss ids`, st.claimsPaid, payouts);
    stats.invariant("I5 no claim paid twice", m.losses[p]!.size > 0);
  }

  // I6, I7: per stream, withdrawn ≤ vested ≤ total ≤ deposit; once its last epoch has come, withdrawn + withdrawable
  // = deposit (cancelled: total + refunded = deposit); over the contract, balance = Σ (total − withdrawn).
  for (const v of streamViews) {
    const { id, stream: st, withdrawable: due } = v;
    const x = m.streams[Number(id) - 1]!;
    eq("I6 stream withdrawn <= deposit", `stream ${id} withdrawn`, st.withdrawn, x.withdrawn);
    eq("I6 stream withdrawn <= deposit", `stream ${id} total`, st.total, x.total);
    eq("I6 stream withdrawn <= deposit", `stream ${id} cancelled`, st.cancelled, x.cancelled);
    holds("I6 stream withdrawn <= deposit", st.withdrawn <= vested(x, epoch) && st.total <= x.deposit, `stream ${id} withdrew ${st.withdrawn} of ${st.total} (deposit ${x.deposit})`);
    eq("I6 stream withdrawn <= deposit", `stream ${id} withdrawable`, due, vested(x, epoch) - x.withdrawn);
    if (streamEnded(x, epoch)) {
      if (x.cancelled) eq("I7 stream pays its deposit", `stream ${id} vested + refunded`, st.total + x.refunded, x.deposit);
      else eq("I7 stream pays its deposit", `stream ${id} withdrawn + withdrawable at its end`, st.withdrawn + due, x.deposit);
      stats.invariant("I7 stream pays its deposit", !x.cancelled && st.withdrawn === x.deposit);
    }
  }
  let outstanding = 0n;
  let deposited = 0n;
  let withdrawn = 0n;
  let refunded = 0n;
  for (const x of m.streams) {
    outstanding += x.total - x.withdrawn;
    deposited += x.deposit;
    withdrawn += x.withdrawn;
    refunded += x.refunded;
  }
  eq("I6 stream withdrawn <= deposit", "streams balance", streamsBalance, outstanding + donationsTo(m, m.streamsAddr));
  eq("I6 stream withdrawn <= deposit", "total deposited", totals[0], deposited);
  eq("I6 stream withdrawn <= deposit", "total withdrawn", totals[1], withdrawn);
  eq("I6 stream withdrawn <= deposit", "total refunded", totals[2], refunded);
  eq("I6 stream withdrawn <= deposit", "deposited = withdrawn + refunded + outstanding", totals[0], totals[1] + totals[2] + outstanding);
  eq("I11 listings and cover", "stream count", streamCount, BigInt(m.streams.length));
  stats.invariant("I6 stream withdrawn <= deposit", withdrawn > 0n);

  // I8: escrowed = Σ prices of listings Sold, Delivered or Disputed = the market's balance.
  const open = openEscrow(m);
  eq("I8 escrow = open escrows", "escrowed", escrowed, open);
  eq("I8 escrow = open escrows", "market balance", marketBalance, open + donationsTo(m, m.market));
  stats.invariant("I8 escrow = open escrows", open > 0n);

  // I9: every credit balance is its mints minus its burns; they sum to the total supply.
  let creditSum = 0n;
  w.creditHolders.forEach((h, i) => {
    eq("I9 credit = mints - burns", `credit of ${h}`, creditBalances[i]!, creditOf(m, h));
    creditSum += creditBalances[i]!;
  });
  eq("I9 credit = mints - burns", "Σ credit balances", creditSupply, creditSum);
  eq("I9 credit = mints - burns", "credit supply", creditSupply, m.creditSupply);
  stats.invariant("I9 credit = mints - burns", creditSupply > 0n);

  // I10: every holder's asset balance is what the ledger says; nothing is created or destroyed.
  let assetSum = 0n;
  let moved = false;
  w.holders.forEach((h, i) => {
    const expected = m.balances.get(h.toLowerCase()) ?? 0n;
    eq("I10 asset conserved", `asset of ${h}`, assetBalances[i]!, expected);
    assetSum += assetBalances[i]!;
    if (expected !== w.initialModel.balances.get(h.toLowerCase())) moved = true;
  });
  eq("I10 asset conserved", "Σ balances", assetSum, assetSupply);
  eq("I10 asset conserved", "asset supply", assetSupply, m.assetSupply);
  stats.invariant("I10 asset conserved", moved);

  // I11: the listings and members the command touched are where the model says.
  eq("I11 listings and cover", "listing count", listingCount, BigInt(m.listings.length));
  [...m.touchedListings].forEach((id, i) => {
    const l = listings[i]!;
    const x = m.listings[Number(id) - 1]!;
    eq("I11 listings and cover", `listing ${id} status`, Number(l.status), x.status);
    eq("I11 listings and cover", `listing ${id} price`, l.price, x.status === Status.Open ? 0n : x.price);
    const buyer = x.buyer >= 0 ? m.poolAddrs[x.buyer]! : "0x0000000000000000000000000000000000000000";
    eq("I11 listings and cover", `listing ${id} buyer`, l.buyer.toLowerCase(), buyer.toLowerCase());
  });
  touchedMembers.forEach((who, i) => {
    for (let p = 0; p < m.pools.length; p++) {
      eq("I11 listings and cover", `member ${who} covered by pool ${p} in epoch ${epoch}`, covered[p]![i]!, isCovered(m, p, who, epoch));
    }
  });
  stats.invariant("I11 listings and cover", m.touchedListings.size + touchedMembers.length > 0);
  m.touchedListings.clear();
  m.touchedStreams.clear();
}
