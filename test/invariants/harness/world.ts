/**
 * The system under test for the model-based suite: the whole protocol deployed once on the in-process
 * chain with the contract tests' fixture (test/contracts/helpers/fixture.ts), the actors, and the one way
 * commands send transactions.
 *
 * Determinism: every block's timestamp is set explicitly (the model owns the clock), and every transaction
 * is sent with a fixed gas limit, so no gas estimation runs and a reverting transaction is mined like any
 * other. A run is therefore a pure function of its commands, and a failing run replays exactly.
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { BaseContract, ContractTransactionResponse } from "ethers";
import { deploySystem, tokens, wad, type System } from "../../contracts/helpers/fixture.js";
import { type Model, type PoolBook } from "./model.js";

/** Gas limit of every transaction: far above any call here, far below the block gas limit. */
const GAS_LIMIT = 12_000_000n;

export const POOL_CAPITAL = tokens(60);
export const SUBSCRIPTION_FEE = tokens(2);
/** Return streams pay over few epochs (1: everything vests at once), so that runs reach their end. */
export const LIFETIMES = [1n, 3n];
/** Delivery and dispute windows, seconds: shorter than the fixture's, so sales settle within a run. */
export const WINDOWS = [21_600n, 43_200n];
export const MEMBER_COUNT = 6;
export const RISKS = [wad(0.01), wad(0.03), wad(0.05), wad(0.1), wad(0.3), wad(0.6)];
export const WEALTHS = [tokens(1000), tokens(500), 0n, tokens(2000), tokens(100), tokens(50)];

export interface World {
  s: System;
  ethers: HardhatEthers;
  /** Underwritten members (baseline risk set, wealth attested each epoch). */
  members: HardhatEthersSigner[];
  /** Holds no role, no risk, no membership. */
  outsider: HardhatEthersSigner;
  sellers: HardhatEthersSigner[];
  faucet: HardhatEthersSigner;
  sink: HardhatEthersSigner;
  /** Funds pools (the study's init_cap). */
  capitalProvider: HardhatEthersSigner;
  /** Every holder of the asset: the ledger is checked for each of them. */
  holders: string[];
  /** Every account that may hold credit. */
  creditHolders: string[];
  errors: ErrorDecoder;
  /** Snapshot of the deployed system; each run reverts to it. */
  snapshot: string;
  initialModel: Model;
}

export type Outcome = { ok: true } | { ok: false; error: string; args: unknown[] };

/** Custom errors of every contract, by selector. */
export class ErrorDecoder {
  private readonly byHex = new Map<string, { name: string; decode: (data: string) => unknown[] }>();

  add(contract: BaseContract): void {
    contract.interface.forEachError((fragment) => {
      if (this.byHex.has(fragment.selector)) return;
      this.byHex.set(fragment.selector, {
        name: fragment.name,
        decode: (data) => [...contract.interface.decodeErrorResult(fragment, data)],
      });
    });
  }

  decode(data: string | undefined): { error: string; args: unknown[] } {
    if (!data || data === "0x") return { error: "<empty revert>", args: [] };
    const selector = data.slice(0, 10);
    if (selector === "0x4e487b71") return { error: `Panic(0x${BigInt("0x" + data.slice(10)).toString(16)})`, args: [] };
    const e = this.byHex.get(selector);
    return e ? { error: e.name, args: e.decode(data) } : { error: `<unknown ${selector}>`, args: [] };
  }
}

/** Deploys and wires the system once and returns it with its initial model. */
export async function deployWorld(ethers: HardhatEthers): Promise<World> {
  const s = await deploySystem(ethers, {
    poolCount: 2,
    members: 8,
    initialCapital: POOL_CAPITAL,
    params: [{ engAssetLifetime: LIFETIMES[0]! }, { engAssetLifetime: LIFETIMES[1]!, subscriptionFee: SUBSCRIPTION_FEE }],
  });
  // The in-process network has 20 accounts: twelve roles and eight members. Members 0–5 are underwritten,
  // member 6 is a second seller, member 7 the credit faucet; the purger doubles as the credit sink.
  const members = s.members.slice(0, MEMBER_COUNT);
  const sellers = [s.seller, s.members[6]!];
  const faucet = s.members[7]!;
  const sink = s.purger;

  await s.market.connect(s.governor).setWindows(WINDOWS[0]!, WINDOWS[1]!);
  await s.credit.connect(s.admin).grantRole(await s.credit.FAUCET_ROLE(), faucet);
  await s.credit.connect(s.admin).grantRole(await s.credit.SINK_ROLE(), sink);
  await s.credit.connect(s.admin).grantRole(await s.credit.PAUSER_ROLE(), s.admin);
  await s.asset.mint(s.admin, tokens(100_000));
  for (const pool of s.pools) await s.asset.connect(s.admin).approve(pool, ethers.MaxUint256);
  const addrs = members.map((m) => m.address);
  await s.registry.connect(s.underwriter).setBaselineRisks(addrs, RISKS);
  await s.registry.connect(s.wealthOracle).attestWealth(addrs, WEALTHS);

  const errors = new ErrorDecoder();
  for (const c of [s.pools[0]!, s.market, s.streams, s.credit, s.membership, s.registry, s.asset, s.clock]) errors.add(c);

  const contracts = [...(await Promise.all(s.pools.map((p) => p.getAddress()))), await s.market.getAddress(), await s.streams.getAddress()];
  const people = [
    s.admin, s.governor, s.lossOracle, s.wealthOracle, s.underwriter, s.attestor, s.arbiter, s.purger, s.operator,
    s.funder, s.seller, s.other, ...s.members,
  ].map((x) => x.address);
  const holders = [...new Set([...people, ...contracts])];
  const creditHolders = [...new Set(people)];

  const latest = (await ethers.provider.getBlock("latest"))!;
  const balances = new Map<string, bigint>();
  let sum = 0n;
  for (const h of holders) {
    const b = await s.asset.balanceOf(h);
    balances.set(h.toLowerCase(), b);
    sum += b;
  }
  const supply = await s.asset.totalSupply();
  if (sum !== supply) throw new Error(`world: holders hold ${sum} of ${supply}: an asset holder is missing from the ledger`);

  const pools: PoolBook[] = [];
  for (let i = 0; i < s.pools.length; i++) {
    const st = await s.pools[i]!.state();
    pools.push({
      funded: st.fundedCapital, premiums: 0n, subscriptions: 0n, income: 0n, claims: 0n, purchases: 0n,
      bankrupt: false, paused: false, fee: (await s.pools[i]!.params()).subscriptionFee, lifetime: LIFETIMES[i]!,
    });
  }
  const initialModel: Model = {
    now: BigInt(latest.timestamp),
    genesis: await s.clock.genesis(),
    epochLength: await s.clock.epochLength(),
    deliveryWindow: await s.market.deliveryWindow(),
    disputeWindow: await s.market.disputeWindow(),
    wealthEpoch: await s.clock.currentEpoch(),
    balances,
    assetSupply: supply,
    donations: new Map(),
    pools,
    poolAddrs: contracts.slice(0, s.pools.length),
    market: contracts[s.pools.length]!,
    streamsAddr: contracts[s.pools.length + 1]!,
    marketPaused: false,
    streamsPaused: false,
    creditPaused: false,
    cover: s.pools.map(() => new Map()),
    subscription: s.pools.map(() => new Map()),
    membership: new Map(),
    losses: s.pools.map(() => new Map()),
    lossCounter: 0,
    listings: [],
    streams: [],
    usedNonces: [],
    nextNonce: 1n,
    credit: new Map(),
    creditSupply: 0n,
    touchedListings: new Set(),
    touchedStreams: new Set(),
  };
  const snapshot = (await ethers.provider.send("evm_snapshot", [])) as string;
  return {
    s, ethers, members, outsider: s.other, sellers, faucet, sink, capitalProvider: s.admin, holders, creditHolders,
    errors, snapshot, initialModel,
  };
}

/** Restores the deployed system (a new snapshot replaces the one consumed by the revert). */
export async function resetWorld(w: World): Promise<void> {
  const ok = (await w.ethers.provider.send("evm_revert", [w.snapshot])) as boolean;
  if (!ok) throw new Error("world: evm_revert failed");
  w.snapshot = (await w.ethers.provider.send("evm_snapshot", [])) as string;
}

/**
 * Sends one transaction at `m.now + 1` and reports whether it succeeded or which custom error it raised.
 * `call` must send exactly one transaction with the overrides it is given.
 */
export async function send(
  w: World,
  m: Model,
  call: (overrides: { gasLimit: bigint }) => Promise<ContractTransactionResponse>,
): Promise<Outcome> {
  m.now += 1n;
  await w.ethers.provider.send("evm_setNextBlockTimestamp", [Number(m.now)]);
  try {
    // With automine the transaction is mined when the call returns; a revert throws here with its data.
    await call({ gasLimit: GAS_LIMIT });
    return { ok: true };
  } catch (e) {
    const data = (e as { data?: string }).data;
    if (typeof data !== "string") throw e;
    return { ok: false, ...w.errors.decode(data) };
  }
}

/** Mines an empty block at `t` (views then read the chain at `t`). */
export async function mineAt(w: World, m: Model, t: bigint): Promise<void> {
  if (t <= m.now) throw new Error(`world: cannot mine at ${t} <= ${m.now}`);
  m.now = t;
  await w.ethers.provider.send("evm_mine", [Number(t)]);
}

/** A view that may revert: its value, or the custom error it raised. */
export async function tryView<T>(w: World, f: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    const data = (e as { data?: string }).data;
    if (typeof data !== "string") throw e;
    return { ok: false, error: w.errors.decode(data).error };
  }
}

