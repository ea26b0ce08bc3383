/**
 * The step driver: one epoch of the reference economy on chain per step, agents acting through their own
 * wallets, the environment drawn by the same code the model uses (sim/env), and — with the differential
 * check on — the model run alongside and compared after every step.
 *
 * Per epoch (sim/harness/README.md, "The epoch"), four blocks at the epoch's first seconds:
 *   A  cover        wealth attestations → deliveries of last epoch's sales (and refunds of missed ones)
 *                   → subscriptions (mandatory members) → voluntary cover (every other agent)
 *   B  market       new listings at a reserve ask (ids = the environment's) → purges → the offers, in the
 *                   environment's order (reprices) → operators confirm decrypted deliveries → engineers
 *                   move their proceeds out of their insured wealth
 *   C  streams      each pool collects its return-stream income
 *   D  claims       per loss, in agent order: the loss oracle's report (when covered), the agent's loss
 *                   leaving its wallet for the damages sink
 * with one `eth_call` of pool states after A (the market phase's start), after C (the claims' capital)
 * and after D (the check).
 */
import { MaxUint256, TypedDataEncoder, keccak256, toUtf8Bytes } from "ethers";
import { Environment, KIND_ENGINEERING, KIND_KOMPROMAT } from "../env/index.js";
import { runMetrics, type PoolSnapshot, type PoolTotals, type RunMetrics, type RunSnapshot } from "../model/api.js";
import { giniInPlace } from "../model/mechanisms.js";
import { resolveReadings } from "../model/readings.js";
import { FastRun } from "../model/run.js";
import { resolveParams, type ModelParams } from "../params/index.js";
import { ATTESTATION_TYPES, marketDomain } from "./attestation.js";
import { BROKER_COUNT, DAMAGES_SINK, PROCEEDS_VAULT, type Account } from "./accounts.js";
import { studyBehaviour, type AgentBehaviour } from "./behaviours.js";
import { Chain, revertDecoder, type MinedTx, type Tx } from "./chain.js";
import { DifferentialCheck, describeDivergence, type ChainStepView, type Divergence } from "./check.js";
import { encryptTo, openDelivery, secretContent } from "./delivery.js";
import { dataWord, topicAddress, topicUint, topicsOf, type Topics } from "./events.js";
import { nextLoadingWad, payoutWad, premiumUpWad, riskOfUpWad, type PoolParamsWad } from "./mirror.js";
import { openInProcess, openNamed, type HarnessNetwork } from "./network.js";
import { deploySystem, epochStart, type System } from "./system.js";
import { WAD, fromWad, mulDivDown, toWad, word } from "./units.js";

/** Gas limits (well above the measured costs; see snapshots/gas.json). Nothing is estimated. */
const GAS = {
  mint: 150_000n,
  approve: 100_000n,
  batchBase: 100_000n,
  batchPer: 40_000n,
  enroll: 400_000n,
  cover: 400_000n,
  subscription: 400_000n,
  offerRound: 2_500_000n,
  purgePer: 30_000n,
  deliverBase: 250_000n,
  confirm: 300_000n,
  transfer: 120_000n,
  collectBase: 200_000n,
  collectPer: 60_000n,
  claim: 400_000n,
  refund: 800_000n,
};
/** Members per attestation / baseline-risk transaction; stream ids per collection transaction. */
const BATCH = 200;
const STREAM_BATCH = 200;
/** Tokens the productivity funder holds to fund return streams. */
const FUNDER_SUPPLY = 10n ** 12n * WAD;

/** A pool's state as the chain holds it (asset wei / WAD). */
export interface PoolChainState {
  capital: bigint;
  kompCapital: bigint;
  engCapital: bigint;
  avgKompPotency: bigint;
  avgEngPotency: bigint;
  premiumsCollected: bigint;
  subscriptionsCollected: bigint;
  claimsPaid: bigint;
  secretPurchaseCost: bigint;
  investmentIncome: bigint;
  fundedCapital: bigint;
  loading: bigint;
  bankrupt: boolean;
}

export interface AgentRunOptions {
  /** Model parameters (validated here); `n_agents` is the number of agent wallets. */
  params: ModelParams | Partial<ModelParams>;
  /** The run seed (`deriveRunSeed(master, run)`): the environment's and the model's. */
  seed: string;
  /** Steps the run is created for (the model needs it up front). */
  steps: number;
  /** Each agent's behaviour (default: the study's agent for everyone). */
  behaviour?: (agent: number) => AgentBehaviour;
  /** Run the model alongside and compare after every step (default: true). */
  check?: boolean;
  /** Chain-only pool parameter changes (the model keeps `params`): e.g. a mispriced pool. */
  poolOverrides?: readonly Partial<PoolParamsWad>[];
  /** A network from the Hardhat config (e.g. "localhost"); default: a fresh in-process chain. */
  network?: string;
  /** Verify the chain's cover status and balances against the harness's own books every this many steps (and at the last). Default 10; 0: only at the last. */
  verifyEvery?: number;
  /** Seconds per epoch (default 86,400). */
  epochLength?: bigint;
}

/** One claim, as paid on chain. */
export interface ClaimRecord {
  agent: number;
  pool: number;
  loss: bigint;
  payout: bigint;
  /** The pool's capital just before the payout. */
  capitalBefore: bigint;
}

/** What a step did and found. */
export interface StepReport {
  step: number;
  epoch: bigint;
  /** Transactions mined in this step (all senders) and from agents' wallets. */
  txs: number;
  agentTxs: number;
  blocks: number;
  wallMs: number;
  losses: number;
  /** Agents with a loss this step (ascending) and each loss, asset wei (wealth at the start × loss_frac). */
  lossAgents: number[];
  lossAmounts: bigint[];
  claims: ClaimRecord[];
  newListings: number;
  offers: number;
  sold: number[];
  /** The purchases of this step's market phase: listing, buying pool, price (asset wei). */
  purchases: { listing: number; pool: number; price: bigint }[];
  purged: number;
  deliveries: number;
  confirmations: number;
  refunds: number;
  pools: PoolChainState[];
  /** The chain's view in study units, and the model's snapshot (null without the check). */
  chain: ChainStepView;
  model: RunSnapshot | null;
  /** Divergences found after this step (empty when it agreed or the check is off). */
  divergences: Divergence[];
  /** Smallest relative gap between an offer's ask and a pool's valuation or capital at the phase start. */
  offerMargin: number;
}

/** A harness failure that is not an economic divergence (a failed transaction, a mirror or book mismatch). */
export class HarnessError extends Error {
  override name = "HarnessError";
}

interface ListingMeta {
  seller: Account;
  /** The agent selling (engineering), or −1 (a broker selling kompromat). */
  sellerAgent: number;
  contentHash: string;
  plaintext: Buffer;
}

interface PreparedListing {
  id: number;
  seller: Account;
  attestation: Record<string, unknown>;
  signature: string;
  label: string;
}

interface Sale {
  id: number;
  pool: number;
  price: bigint;
  step: number;
  deadline: bigint;
  streamId: bigint;
  delivered: boolean;
}

interface Stream {
  id: bigint;
  pool: number;
  /** The last step in which it vests. */
  lastStep: number;
}

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

/** A harness run: deployed system, agent wallets, environment, model and the step driver. */
export class AgentRun {
  readonly params: ModelParams;
  readonly seed: string;
  readonly steps: number;
  readonly net: HarnessNetwork;
  readonly system: System;
  readonly chain: Chain;
  readonly env: Environment;
  readonly model: FastRun | null;
  readonly check: DifferentialCheck | null;
  readonly behaviours: AgentBehaviour[];
  /** Agents' asset balances (wei), kept from Transfer events and verified against the chain every `verifyEvery` steps. */
  readonly balances: bigint[];
  /** The agents' baseline risks as attested (WAD). */
  readonly baselineRisk: bigint[];
  readonly topics: Topics;
  stepIndex = 0;
  /** The first divergence found (the run stops there), or null. */
  firstDivergence: Divergence | null = null;
  /** Every claim paid so far. */
  readonly claims: ClaimRecord[] = [];
  /** Pool states after the last completed step (after set-up before step 0). */
  pools: PoolChainState[] = [];
  /** Chain transactions and agent-wallet transactions sent by the step driver (set-up excluded). */
  stepTxs = 0;
  stepAgentTxs = 0;
  /** Milliseconds spent in deployment + set-up. */
  readonly setupMs: number;
  readonly verifyEvery: number;
  verifications = 0;

  private readonly agentIndex = new Map<string, number>();
  private readonly poolIndex = new Map<string, number>();
  private readonly listings = new Map<number, ListingMeta>();
  private readonly sales = new Map<number, Sale>();
  private awaitingConfirmation: { id: number; uri: string; hash: string }[] = [];
  private streams: Stream[] = [];
  private readonly purchases: number[];
  private readonly domainSeparator: string;
  private readonly typedEncoder = new TypedDataEncoder(ATTESTATION_TYPES);
  private readonly coveredPool: Int32Array;
  private readonly lossFracWad: bigint;
  /** Selectors of the calls encoded by hand on the hot path (one per agent per epoch). */
  private readonly sel: { buyCover: string; paySubscription: string; transfer: string };

  private constructor(init: {
    params: ModelParams;
    seed: string;
    steps: number;
    net: HarnessNetwork;
    system: System;
    chain: Chain;
    env: Environment;
    model: FastRun | null;
    behaviours: AgentBehaviour[];
    setupMs: number;
    verifyEvery: number;
  }) {
    this.params = init.params;
    this.seed = init.seed;
    this.steps = init.steps;
    this.net = init.net;
    this.system = init.system;
    this.chain = init.chain;
    this.env = init.env;
    this.model = init.model;
    this.check = init.model ? new DifferentialCheck() : null;
    this.behaviours = init.behaviours;
    this.setupMs = init.setupMs;
    this.verifyEvery = init.verifyEvery;
    const n = this.params.n_agents;
    this.balances = new Array<bigint>(n).fill(0n);
    this.baselineRisk = Array.from(this.env.agents.baselineRisk, (b) => toWad(b));
    this.topics = topicsOf(this.system.iface);
    this.net.agents.forEach((a, i) => this.agentIndex.set(a.address.toLowerCase(), i));
    this.system.addr.pools.forEach((a, q) => this.poolIndex.set(a, q));
    this.purchases = new Array<number>(this.params.n_pools).fill(0);
    this.coveredPool = new Int32Array(n).fill(-1);
    this.lossFracWad = toWad(this.params.loss_frac);
    this.sel = {
      buyCover: this.system.iface.pool.getFunction("buyCover")!.selector,
      paySubscription: this.system.iface.pool.getFunction("paySubscription")!.selector,
      transfer: this.system.iface.asset.getFunction("transfer")!.selector,
    };
    this.domainSeparator = TypedDataEncoder.hashDomain(marketDomain(this.system.chainId, this.system.addr.market));
  }

  /** Opens the chain, deploys the system, creates and funds the agents' wallets and sets everything up for step 0. */
  static async create(options: AgentRunOptions): Promise<AgentRun> {
    const started = performance.now();
    const params = resolveParams(options.params as Record<string, unknown>, "harness parameters");
    if (!Number.isInteger(options.steps) || options.steps < 0) throw new RangeError(`steps must be a non-negative integer, got ${options.steps}`);
    if (typeof options.seed !== "string" || options.seed.length === 0) throw new TypeError("seed must be a non-empty string (see deriveRunSeed)");
    const n = params.n_agents;
    const behaviours = Array.from({ length: n }, (_, i) => options.behaviour?.(i) ?? studyBehaviour);
    const sw = resolveReadings("protocol");
    const env = new Environment(params, { seed: options.seed, flipRule: sw.flipRule, purgeEngineering: sw.purgeEngineering, ask: sw.ask, detail: "full" });
    // "full" detail: the model's environment draws every for-sale kompromat's target too, as the harness's
    // must (to purge it on chain), so the two environments' events can be compared one for one.
    const model = options.check === false ? null : new FastRun(params, { seed: options.seed, steps: options.steps, readings: "protocol" }, "full");

    const net = options.network && options.network !== "hardhat" ? await openNamed(options.network, n) : await openInProcess(n);
    const system = await deploySystem(net.connection, params, net.roles, {
      epochLength: options.epochLength,
      poolOverrides: options.poolOverrides,
      prefix: net.inProcess ? undefined : `Harness${Date.now().toString(36)}`,
      keyLabel: options.seed,
    });
    const decode = revertDecoder([system.iface.pool, system.iface.market, system.iface.registry, system.iface.asset, system.iface.streams]);
    const chain = new Chain(net.connection.provider, system.chainId, net.blockGasLimit, net.fees, decode);
    const run = new AgentRun({ params, seed: options.seed, steps: options.steps, net, system, chain, env, model, behaviours, setupMs: 0, verifyEvery: options.verifyEvery ?? 10 });
    await run.setUp();
    run.stepAgentTxs = 0;
    (run as { setupMs: number }).setupMs = performance.now() - started;
    return run;
  }

  /** Number of agents. */
  get agentCount(): number {
    return this.params.n_agents;
  }

  /** The agents' wallets. */
  get agents(): readonly Account[] {
    return this.net.agents;
  }

  /** Mints each agent its starting wealth, approves the pools, sets baseline risks, enrols mandatory members. */
  private async setUp(): Promise<void> {
    const { system, chain, net } = this;
    const provider = net.connection.provider;
    await provider.request({ method: "evm_setAutomine", params: [false] });
    const latest = (await provider.request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as { timestamp: string };
    chain.nextTimestamp = Number(latest.timestamp) + 1;
    const A = system.iface.asset;
    const P = system.iface.pool;
    const R = system.iface.registry;
    const T = this.topics;
    const deployer = net.roles.deployer;
    const n = this.agentCount;
    const agents = net.agents;

    const wealth = Array.from(this.env.agents.wealth, (w) => toWad(w));
    await chain.submit(
      agents.map((a, i) => this.tx(deployer, system.addr.asset, A.encodeFunctionData("mint", [a.address, wealth[i]]), GAS.mint, `mint agent ${i}'s wealth`, T.Transfer, system.addr.asset)),
      "unordered",
    );
    await chain.submit([this.tx(deployer, system.addr.asset, A.encodeFunctionData("mint", [net.roles.funder.address, FUNDER_SUPPLY]), GAS.mint, "mint the funder's supply", T.Transfer, system.addr.asset)], "ordered");
    await chain.submit([this.tx(net.roles.funder, system.addr.asset, A.encodeFunctionData("approve", [system.addr.streams, MaxUint256]), GAS.approve, "funder approves the streams", T.Approval, system.addr.asset)], "ordered");
    const approvals: Tx[] = [];
    for (let i = 0; i < n; i++) {
      for (const pool of system.addr.pools) approvals.push(this.tx(agents[i]!, system.addr.asset, A.encodeFunctionData("approve", [pool, MaxUint256]), GAS.approve, `agent ${i} approves pool ${pool}`, T.Approval, system.addr.asset));
    }
    await chain.submit(approvals, "unordered");
    const risks: Tx[] = [];
    for (let s = 0; s < n; s += BATCH) {
      const idx = range(s, Math.min(n, s + BATCH));
      risks.push(this.tx(deployer, system.addr.registry, R.encodeFunctionData("setBaselineRisks", [idx.map((i) => agents[i]!.address), idx.map((i) => this.baselineRisk[i])]), GAS.batchBase + GAS.batchPer * BigInt(idx.length), `baseline risks of agents ${s}..`, T.BaselineRiskSet, system.addr.registry));
    }
    await chain.submit(risks, "ordered");
    const enrols: Tx[] = [];
    for (let i = 0; i < n; i++) {
      const q = this.env.mandatoryPool[i]!;
      if (q >= 0) enrols.push(this.tx(deployer, system.addr.pools[q]!, P.encodeFunctionData("enroll", [agents[i]!.address]), GAS.enroll, `enrol agent ${i} in pool ${q}`, T.MemberEnrolled, system.addr.pools[q]!));
    }
    await chain.submit(enrols, "ordered");
    this.absorb(await chain.mine());
    for (let i = 0; i < n; i++) {
      if (this.balances[i] !== wealth[i]) throw new HarnessError(`agent ${i}: balance ${this.balances[i]} after minting, expected ${wealth[i]}`);
    }
    this.pools = await this.readPools();
    const epoch = await system.clock.currentEpoch();
    if (epoch !== system.firstStepEpoch - 1n) throw new HarnessError(`set-up ended in epoch ${epoch}, expected ${system.firstStepEpoch - 1n}`);
    await this.verifyBooks(system.firstStepEpoch - 1n);
  }

  /** Runs the next step (one epoch). After a divergence the run is stopped: further calls throw. */
  async step(): Promise<StepReport> {
    const t = this.stepIndex;
    if (t >= this.steps) throw new Error(`step(): the run has completed its ${this.steps} steps`);
    if (this.firstDivergence) throw new Error(`step(): the run stopped at its first divergence (${describeDivergence(this.firstDivergence)})`);
    const started = performance.now();
    const { system, chain, env, net } = this;
    const n = this.agentCount;
    const nPools = this.params.n_pools;
    const P = system.iface.pool;
    const M = system.iface.market;
    const R = system.iface.registry;
    const T = this.topics;
    const epoch = system.firstStepEpoch + BigInt(t);
    const t0 = epochStart(system, epoch);
    chain.nextTimestamp = t0;
    const blocksBefore = chain.blocksMined;
    const minedBefore = chain.minedCount;
    const agentTxsBefore = this.stepAgentTxs;

    // --- The environment's draws for this step (the model steps while block A mines).
    const ev = env.beginStep(t);
    const lossAgents = Array.from(ev.lossAgents.subarray(0, ev.lossCount));
    const startBalance = [...this.balances];
    const lossWei = lossAgents.map((i) => mulDivDown(startBalance[i]!, this.lossFracWad, WAD));
    const newIds = range(ev.firstNewListing, ev.firstNewListing + ev.newListingCount);
    const purgedIds = Array.from(ev.purgedListings.subarray(0, ev.purgedCount));
    const loadingNow = this.pools.map((s, q) => nextLoadingWad(system.poolParams[q]!, s.loading, s.capital));
    this.coveredPool.fill(-1);
    for (let i = 0; i < n; i++) {
      const q = env.mandatoryPool[i]!;
      if (q >= 0 && system.poolParams[q]!.subscriptionFee === 0n) this.coveredPool[i] = q;
    }

    // --- Block A: attestations, deliveries and refunds, subscriptions, cover.
    const alive = Array.from(env.alive.subarray(0, env.aliveCount));
    const attest: Tx[] = [];
    for (let s = 0; s < alive.length; s += BATCH) {
      const idx = alive.slice(s, s + BATCH);
      attest.push(this.tx(net.roles.wealthOracle, system.addr.registry, R.encodeFunctionData("attestWealth", [idx.map((i) => net.agents[i]!.address), idx.map((i) => startBalance[i])]), GAS.batchBase + GAS.batchPer * BigInt(idx.length), `wealth attestations from agent ${idx[0]}`, T.WealthAttested, system.addr.registry));
    }
    await chain.submit(attest, "ordered");

    const refunds: Tx[] = [];
    const deliveries: Tx[] = [];
    for (const sale of this.sales.values()) {
      if (sale.delivered) continue;
      if (BigInt(t0) > sale.deadline) {
        refunds.push(this.tx(net.roles.operator, system.addr.market, M.encodeFunctionData("refundUndelivered", [sale.id]), GAS.refund, `refund of undelivered listing ${sale.id}`, T.Refunded, system.addr.market));
        continue;
      }
      if (sale.step !== t - 1) continue;
      const meta = this.listings.get(sale.id)!;
      const seller = meta.sellerAgent;
      const deliver = seller < 0 || this.behaviours[seller]!.deliver({ seller, listingId: sale.id, pool: sale.pool, price: sale.price, step: t });
      if (!deliver) continue;
      const enc = encryptTo(system.poolKeys[sale.pool]!.publicKey, meta.plaintext, `${this.seed}/listing/${sale.id}`);
      deliveries.push(this.tx(meta.seller, system.addr.market, M.encodeFunctionData("deliver", [sale.id, enc.hash, enc.uri]), GAS.deliverBase + 20n * BigInt(enc.uri.length), `delivery of listing ${sale.id} by ${seller < 0 ? "a broker" : `agent ${seller}`}`, T.Delivered, system.addr.market));
    }
    let prev = this.pools;
    if (refunds.length > 0) {
      // A refund reverses a purchase (capital, eng capital): mined first, so that cover is quoted on the state after it.
      await chain.submit(refunds, "ordered");
      chain.phase = "refunds";
      this.absorb(await chain.mine());
      prev = await this.readPools();
    }
    await chain.submit(deliveries, "unordered");

    const subs: Tx[] = [];
    for (let i = 0; i < n; i++) {
      const q = env.mandatoryPool[i]!;
      if (q < 0 || env.flipped[i]) continue;
      const fee = system.poolParams[q]!.subscriptionFee;
      if (fee === 0n) continue;
      if (!this.behaviours[i]!.paySubscription({ agent: i, step: t, pool: q, fee, wealth: startBalance[i]!, poolBankrupt: prev[q]!.bankrupt })) continue;
      subs.push(this.tx(net.agents[i]!, system.addr.pools[q]!, this.sel.paySubscription + addressWord(net.agents[i]!.address) + uintWord(1n), GAS.subscription, `subscription of agent ${i} to pool ${q}`, T.SubscriptionPaid, system.addr.pools[q]!));
    }
    await chain.submit(subs, "unordered");

    const expectedPremium = new Map<number, bigint>();
    const cover: Tx[] = [];
    const neuroticism = env.agents.neuroticism;
    for (let i = 0; i < n; i++) {
      if (env.mandatoryPool[i]! >= 0 || env.flipped[i]) continue;
      const wealth = startBalance[i]!;
      const quotes = prev.map((s, q) => (s.bankrupt ? null : premiumUpWad(system.poolParams[q]!, riskOfUpWad(system.poolParams[q]!, this.baselineRisk[i]!, s.kompCapital, s.engCapital), wealth, loadingNow[q]!)));
      const wealthTokens = fromWad(wealth);
      const q = this.behaviours[i]!.chooseCover({ agent: i, step: t, wealth, wealthTokens, willingness: wealthTokens * neuroticism[i]! * 1.0, quotes });
      if (q === null) continue;
      if (!(q >= 0 && q < nPools) || quotes[q] === null) throw new HarnessError(`agent ${i}'s behaviour chose pool ${q}, which sells no cover`);
      expectedPremium.set(i, quotes[q]!);
      cover.push(this.tx(net.agents[i]!, system.addr.pools[q]!, this.sel.buyCover + uintWord(1n) + uintWord(quotes[q]!), GAS.cover, `cover for agent ${i} from pool ${q}`, T.CoverBought, system.addr.pools[q]!));
    }
    await chain.submit(cover, "unordered");
    chain.phase = "A";
    // While the chain mines block A, the JavaScript side does the work that does not depend on it.
    const minedAPending = chain.mine();
    if (this.model) this.model.step();
    const prepared = newIds.map((id) => this.prepareListing(id, epoch));
    const minedA = await minedAPending;
    this.absorb(minedA, expectedPremium);

    // --- Block B: the market phase.
    const atMarket = await this.readPools();
    const offers = env.prepareOffers({
      capital: atMarket.map((s) => fromWad(s.capital)),
      engCapital: atMarket.map((s) => fromWad(s.engCapital)),
      canBuy: atMarket.map((s) => (s.bankrupt ? 0 : 1)),
    });
    let reserve = 0n;
    for (const s of atMarket) if (s.capital > reserve) reserve = s.capital;
    reserve += 1n;
    const lists: Tx[] = [];
    for (const l of prepared) lists.push(this.listingTx(l, reserve));
    await chain.submit(lists, "ordered");
    if (purgedIds.length > 0) {
      await chain.submit([this.tx(net.roles.purger, system.addr.market, M.encodeFunctionData("purge", [purgedIds]), GAS.batchBase + GAS.purgePer * BigInt(purgedIds.length), `purge of ${purgedIds.length} listings about captured agents`, T.ListingPurged, system.addr.market)], "ordered");
    }
    const offerTxs: Tx[] = [];
    let offerMargin = Number.POSITIVE_INFINITY;
    for (let k = 0; k < offers.count; k++) {
      const id = offers.listingIds[k]!;
      const ask = offers.asks[k]!;
      offerMargin = Math.min(offerMargin, this.offerMargin(id, ask, atMarket));
      const meta = this.listings.get(id)!;
      offerTxs.push(this.tx(meta.seller, system.addr.market, M.encodeFunctionData("reprice", [id, toWad(ask)]), GAS.offerRound, `offer of listing ${id} at ${ask}`, T.Repriced, system.addr.market));
    }
    await chain.submit(offerTxs, "ordered");
    const confirmed = await this.submitConfirmations();
    chain.phase = "B";
    const minedB = await chain.mine();
    const sold = this.absorb(minedB, undefined, t);
    env.settle(sold);

    // --- Block C: stream income.
    const collect: Tx[] = [];
    for (let q = 0; q < nPools; q++) {
      const ids = this.streams.filter((s) => s.pool === q).map((s) => s.id);
      for (let s = 0; s < ids.length; s += STREAM_BATCH) {
        const part = ids.slice(s, s + STREAM_BATCH);
        collect.push(this.tx(net.roles.operator, system.addr.pools[q]!, P.encodeFunctionData("collectStreamIncome", [part]), GAS.collectBase + GAS.collectPer * BigInt(part.length), `pool ${q} collects ${part.length} streams`, T.StreamIncomeCollected, system.addr.pools[q]!));
      }
    }
    if (collect.length > 0) {
      await chain.submit(collect, "unordered");
      chain.phase = "C";
      this.absorb(await chain.mine());
    }
    this.streams = this.streams.filter((s) => s.lastStep > t);

    // --- Block D: claims and losses, in agent order.
    const beforeClaims = lossAgents.length > 0 ? await this.readPools() : atMarket;
    const capital = beforeClaims.map((s) => s.capital);
    const bankrupt = beforeClaims.map((s) => s.bankrupt);
    const claimTxs: Tx[] = [];
    const expectedClaims: ClaimRecord[] = [];
    for (let k = 0; k < lossAgents.length; k++) {
      const i = lossAgents[k]!;
      const loss = lossWei[k]!;
      if (loss === 0n) continue;
      const q = this.coveredPool[i]!;
      let payout = 0n;
      if (q >= 0 && !bankrupt[q]) {
        payout = payoutWad(loss, capital[q]!);
        expectedClaims.push({ agent: i, pool: q, loss, payout, capitalBefore: capital[q]! });
        capital[q] = capital[q]! - payout;
        if (capital[q] === 0n) bankrupt[q] = true;
        const lossId = word((BigInt(t) << 32n) | BigInt(i));
        claimTxs.push(this.tx(net.roles.lossOracle, system.addr.pools[q]!, P.encodeFunctionData("reportLoss", [net.agents[i]!.address, loss, lossId]), GAS.claim, `claim of agent ${i} on pool ${q}`, T.ClaimPaid, system.addr.pools[q]!));
      }
      const have = this.balances[i]! + payout;
      const damage = loss < have ? loss : have;
      if (damage > 0n) claimTxs.push(this.tx(net.agents[i]!, system.addr.asset, this.sel.transfer + addressWord(DAMAGES_SINK) + uintWord(damage), GAS.transfer, `agent ${i} bears its loss`, T.Transfer, system.addr.asset));
    }
    let claimsPaid: ClaimRecord[] = [];
    if (claimTxs.length > 0) {
      await chain.submit(claimTxs, "ordered");
      chain.phase = "D";
      claimsPaid = this.absorbClaims(await chain.mine(), expectedClaims);
    }

    // --- Read back, verify the books, compare with the model.
    this.pools = await this.readPools();
    for (let q = 0; q < nPools; q++) {
      if (this.pools[q]!.loading !== loadingNow[q]) throw new HarnessError(`pool ${q}: loading ${this.pools[q]!.loading} on chain in step ${t}, the mirror of the loading rule says ${loadingNow[q]}`);
    }
    const last = t === this.steps - 1;
    if (last || (this.verifyEvery > 0 && (t + 1) % this.verifyEvery === 0)) await this.verifyBooks(epoch);
    const chainView = this.chainView(t);
    let divergences: Divergence[] = [];
    let snapshot: RunSnapshot | null = null;
    if (this.model && this.check) {
      snapshot = this.model.snapshot();
      divergences = [...this.check.compareEnvironments(t, env, this.model.env, sold), ...this.check.compareState(t, chainView, snapshot)];
      if (divergences.length === 0) this.check.stepAgreed();
      else {
        if (offerMargin < 1e-9) for (const d of divergences) d.note = `an offer this step had its ask within ${offerMargin.toExponential(2)} (relative) of a pool's valuation or capital: a knife edge that float64 and wei arithmetic may decide differently`;
        this.firstDivergence = divergences[0]!;
      }
    }
    this.stepIndex = t + 1;
    const txs = chain.minedCount - minedBefore;
    this.stepTxs += txs;
    return {
      step: t,
      epoch,
      txs,
      agentTxs: this.stepAgentTxs - agentTxsBefore,
      blocks: chain.blocksMined - blocksBefore,
      wallMs: performance.now() - started,
      losses: lossAgents.length,
      lossAgents,
      lossAmounts: lossWei,
      claims: claimsPaid,
      newListings: newIds.length,
      offers: offers.count,
      sold,
      purchases: sold.map((id) => ({ listing: id, pool: this.sales.get(id)!.pool, price: this.sales.get(id)!.price })),
      purged: purgedIds.length,
      deliveries: deliveries.length,
      confirmations: confirmed,
      refunds: refunds.length,
      pools: this.pools,
      chain: chainView,
      model: snapshot,
      divergences,
      offerMargin,
    };
  }

  /**
   * Runs `count` more steps (default: to the end), stopping after the first divergence. Returns the
   * step reports.
   */
  async run(count = this.steps - this.stepIndex): Promise<StepReport[]> {
    const reports: StepReport[] = [];
    for (let k = 0; k < count && this.stepIndex < this.steps && !this.firstDivergence; k++) reports.push(await this.step());
    return reports;
  }

  /** Delivers and confirms the last step's sales (in the last epoch), so no escrow is left open. */
  async settle(): Promise<number> {
    const { system, chain } = this;
    const M = system.iface.market;
    const T = this.topics;
    const deliveries: Tx[] = [];
    for (const sale of this.sales.values()) {
      if (sale.delivered || sale.step !== this.stepIndex - 1) continue;
      const meta = this.listings.get(sale.id)!;
      if (meta.sellerAgent >= 0 && !this.behaviours[meta.sellerAgent]!.deliver({ seller: meta.sellerAgent, listingId: sale.id, pool: sale.pool, price: sale.price, step: this.stepIndex })) continue;
      const enc = encryptTo(system.poolKeys[sale.pool]!.publicKey, meta.plaintext, `${this.seed}/listing/${sale.id}`);
      deliveries.push(this.tx(meta.seller, system.addr.market, M.encodeFunctionData("deliver", [sale.id, enc.hash, enc.uri]), GAS.deliverBase + 20n * BigInt(enc.uri.length), `delivery of listing ${sale.id}`, T.Delivered, system.addr.market));
    }
    if (deliveries.length === 0) return 0;
    await chain.submit(deliveries, "unordered");
    this.absorb(await chain.mine());
    await this.submitConfirmations();
    this.absorb(await chain.mine());
    return deliveries.length;
  }

  /** Restores automine (a node is left as it was found) and closes the connection. */
  async close(): Promise<void> {
    try {
      await this.net.connection.provider.request({ method: "evm_setAutomine", params: [true] });
    } catch {
      // a closed in-process chain
    }
    await this.net.connection.close();
  }

  /** The run's metrics as the chain has them (the model's `RunMetrics`, computed from chain state). */
  chainMetrics(): RunMetrics {
    const view = this.chainView(this.stepIndex - 1);
    const pools = this.pools.map((s): PoolTotals => ({
      profit: fromWad(s.capital - s.fundedCapital),
      capital: fromWad(s.capital),
      purchaseCost: fromWad(s.secretPurchaseCost),
      claims: fromWad(s.claimsPaid),
      investmentIncome: fromWad(s.investmentIncome),
      premiums: fromWad(s.premiumsCollected + s.subscriptionsCollected),
      bankrupt: s.bankrupt,
    }));
    const insured = view.insured.reduce((a, b) => a + b, 0);
    return runMetrics(pools, { total: this.agentCount, alive: this.env.aliveCount, insured, gini: this.chainGini() });
  }

  /** Gini of the non-flipped agents' wealth on chain. */
  chainGini(): number {
    const env = this.env;
    const scratch = new Float64Array(env.aliveCount);
    for (let k = 0; k < env.aliveCount; k++) scratch[k] = fromWad(this.balances[env.alive[k]!]!);
    return giniInPlace(scratch, env.aliveCount);
  }

  // --- internals -----------------------------------------------------------------------------

  /**
   * Submits (not mines) the confirmations of the deliveries awaiting one — each decrypted and checked
   * against its listing's content first — and the engineers' moves of their proceeds out of their insured
   * wealth. Returns the number of confirmations.
   */
  private async submitConfirmations(): Promise<number> {
    const { system, chain, net } = this;
    const P = system.iface.pool;
    const A = system.iface.asset;
    const T = this.topics;
    const confirms: Tx[] = [];
    const sweeps: Tx[] = [];
    for (const d of this.awaitingConfirmation) {
      const sale = this.sales.get(d.id)!;
      const meta = this.listings.get(d.id)!;
      openDelivery(system.poolKeys[sale.pool]!, d.uri, d.hash, meta.contentHash);
      confirms.push(this.tx(net.roles.operator, system.addr.pools[sale.pool]!, P.encodeFunctionData("confirmDelivery", [d.id]), GAS.confirm, `confirmation of listing ${d.id}`, T.DeliveryConfirmed, system.addr.market));
      if (meta.sellerAgent >= 0) sweeps.push(this.tx(meta.seller, system.addr.asset, A.encodeFunctionData("transfer", [PROCEEDS_VAULT, sale.price]), GAS.transfer, `agent ${meta.sellerAgent} moves the proceeds of listing ${d.id}`, T.Transfer, system.addr.asset));
    }
    this.awaitingConfirmation = [];
    await chain.submit(confirms, "unordered");
    await chain.submit(sweeps, "unordered");
    return confirms.length;
  }

  private tx(from: Account, to: string, data: string, gas: bigint, label: string, topic: string, emitter: string): Tx {
    if (this.agentIndex.has(from.address.toLowerCase())) this.stepAgentTxs++;
    return { from, to, data, gas, label, expect: { topic, address: emitter } };
  }

  /** New secret `id`'s content, seller and attestation (signed by the attestor). */
  private prepareListing(id: number, epoch: bigint): PreparedListing {
    const { system, env, net } = this;
    const L = env.listings;
    const slot = id - 1;
    const kind = L.kind[slot]!;
    const agent = L.agent[slot]!;
    const isEng = kind === KIND_ENGINEERING;
    const seller = isEng ? net.agents[agent]! : net.roles.brokers[id % BROKER_COUNT]!;
    const { plaintext, contentHash } = secretContent({
      run: this.seed,
      listing: id,
      kind: isEng ? "engineering" : "kompromat",
      [isEng ? "engineer" : "target"]: agent,
      amount: L.amount[slot]!,
      potency: L.potency[slot]!,
      salt: keccak256(toUtf8Bytes(`${this.seed}/salt/${id}`)),
    });
    this.listings.set(id, { seller, sellerAgent: isEng ? agent : -1, contentHash, plaintext });
    const attestation = {
      seller: seller.address,
      kind: kind === KIND_KOMPROMAT ? 0 : 1,
      contentHash,
      amount: toWad(L.amount[slot]!),
      potency: toWad(L.potency[slot]!),
      funder: isEng ? net.roles.funder.address : ZERO_ADDRESS,
      nonce: BigInt(id),
      deadline: BigInt(epochStart(system, epoch + 1n)),
    };
    const digest = keccak256("0x1901" + this.domainSeparator.slice(2) + this.typedEncoder.hash(attestation).slice(2));
    const signature = net.roles.attestor.signingKey.sign(digest).serialized;
    return { id, seller, attestation, signature, label: `listing ${id} (${isEng ? `engineering by agent ${agent}` : "kompromat by a broker"})` };
  }

  /** The listing transaction of a prepared secret at the reserve ask. */
  private listingTx(l: PreparedListing, reserve: bigint): Tx {
    const { system } = this;
    return this.tx(l.seller, system.addr.market, system.iface.market.encodeFunctionData("list", [l.attestation, reserve > 0n ? reserve : 1n, l.signature]), GAS.offerRound, l.label, this.topics.Listed, system.addr.market);
  }

  /** The smallest relative gap, over the pools that may buy, between `ask` and the pool's valuation or capital at the phase start. */
  private offerMargin(id: number, ask: number, pools: PoolChainState[]): number {
    const L = this.env.listings;
    const ap = L.ap[id - 1]!;
    const isEng = L.kind[id - 1] === KIND_ENGINEERING;
    const p = this.params;
    let margin = Number.POSITIVE_INFINITY;
    for (const s of pools) {
      if (s.bankrupt) continue;
      const value = isEng ? ap * p.value_multiplier_eng + ap * p.eng_productivity_factor * (1 + fromWad(s.engCapital) / 1000) : ap * p.value_multiplier_komp;
      margin = Math.min(margin, Math.abs(value - ask) / ask, Math.abs(fromWad(s.capital) - ask) / ask);
    }
    return margin;
  }

  /**
   * Reads the events of mined transactions into the harness's books: agent balances (Transfer), cover
   * and subscriptions (checked against the mirror's premium), sales and streams, deliveries. Returns the
   * listing ids sold, in block order.
   */
  private absorb(mined: MinedTx[], expectedPremium?: Map<number, bigint>, step = this.stepIndex): number[] {
    const T = this.topics;
    const assetAddr = this.system.addr.asset;
    const marketAddr = this.system.addr.market;
    const sold: number[] = [];
    for (const m of mined) {
      for (const log of m.logs) {
        const topic = log.topics[0];
        if (log.address === assetAddr) {
          if (topic !== T.Transfer) continue;
          const from = this.agentIndex.get(topicAddress(log, 1));
          const to = this.agentIndex.get(topicAddress(log, 2));
          const value = dataWord(log, 0);
          if (from !== undefined) this.balances[from] = this.balances[from]! - value;
          if (to !== undefined) this.balances[to] = this.balances[to]! + value;
        } else if (log.address === marketAddr) {
          if (topic === T.Sold) {
            const id = Number(topicUint(log, 1));
            const pool = this.poolIndex.get(topicAddress(log, 2))!;
            const price = dataWord(log, 0);
            const streamId = dataWord(log, 1);
            const deadline = dataWord(log, 2);
            this.sales.set(id, { id, pool, price, step, deadline, streamId, delivered: false });
            this.purchases[pool] = this.purchases[pool]! + 1;
            if (streamId !== 0n) this.streams.push({ id: streamId, pool, lastStep: step + Number(this.system.poolParams[pool]!.engAssetLifetime) - 1 });
            sold.push(id);
          } else if (topic === T.Delivered) {
            const parsed = this.system.iface.market.parseLog({ topics: log.topics, data: log.data })!;
            const id = Number(parsed.args[0]);
            this.sales.get(id)!.delivered = true;
            this.awaitingConfirmation.push({ id, hash: parsed.args[1] as string, uri: parsed.args[2] as string });
          } else if (topic === T.Refunded) {
            const id = Number(topicUint(log, 1));
            const sale = this.sales.get(id)!;
            sale.delivered = true; // closed
            this.purchases[sale.pool] = this.purchases[sale.pool]! - 1;
            for (const s of this.streams) if (s.id === sale.streamId) s.lastStep = step;
          }
        } else {
          const q = this.poolIndex.get(log.address);
          if (q === undefined) continue;
          if (topic === T.CoverBought) {
            const i = this.agentIndex.get(topicAddress(log, 1))!;
            const premium = dataWord(log, 2);
            const expected = expectedPremium?.get(i);
            if (expected !== undefined && premium !== expected) throw new HarnessError(`agent ${i} paid a premium of ${premium} wei to pool ${q}; the mirror of the quote says ${expected}`);
            this.coveredPool[i] = q;
          } else if (topic === T.SubscriptionPaid) {
            const i = this.agentIndex.get(topicAddress(log, 1))!;
            this.coveredPool[i] = q;
          }
        }
      }
    }
    return sold;
  }

  /** `absorb` for block D, checking every ClaimPaid against the predicted payout. */
  private absorbClaims(mined: MinedTx[], expected: ClaimRecord[]): ClaimRecord[] {
    this.absorb(mined);
    const paid: ClaimRecord[] = [];
    for (const m of mined) {
      for (const log of m.logs) {
        if (log.topics[0] !== this.topics.ClaimPaid) continue;
        const q = this.poolIndex.get(log.address)!;
        const i = this.agentIndex.get(topicAddress(log, 1))!;
        const e = expected[paid.length];
        const loss = dataWord(log, 0);
        const payout = dataWord(log, 1);
        if (!e || e.agent !== i || e.pool !== q || e.loss !== loss || e.payout !== payout) {
          throw new HarnessError(`claim of agent ${i} on pool ${q}: paid ${payout} of ${loss} wei; expected ${e ? `agent ${e.agent}, pool ${e.pool}, ${e.payout} of ${e.loss}` : "no claim"}`);
        }
        paid.push(e);
      }
    }
    if (paid.length !== expected.length) throw new HarnessError(`${paid.length} claims paid, ${expected.length} expected`);
    this.claims.push(...paid);
    return paid;
  }

  /** Pool states in one `eth_call` (Lens.poolStates). */
  async readPools(): Promise<PoolChainState[]> {
    const res = await this.chain.view<[{ state: Record<string, unknown> }[]]>(this.system.iface.lens, this.system.addr.lens, "poolStates", [this.system.addr.pools]);
    return res[0].map((v) => {
      const s = v.state as unknown as PoolChainState;
      return {
        capital: s.capital,
        kompCapital: s.kompCapital,
        engCapital: s.engCapital,
        avgKompPotency: s.avgKompPotency,
        avgEngPotency: s.avgEngPotency,
        premiumsCollected: s.premiumsCollected,
        subscriptionsCollected: s.subscriptionsCollected,
        claimsPaid: s.claimsPaid,
        secretPurchaseCost: s.secretPurchaseCost,
        investmentIncome: s.investmentIncome,
        fundedCapital: s.fundedCapital,
        loading: s.loading,
        bankrupt: s.bankrupt,
      };
    });
  }

  /** The harness's books against the chain: every agent's balance, and each pool's cover of each agent in `epoch`. */
  private async verifyBooks(epoch: bigint): Promise<void> {
    const { system, chain } = this;
    const addrs = this.net.agents.map((a) => a.address);
    const [balances] = await chain.view<[bigint[]]>(system.iface.lens, system.addr.lens, "balancesOf", [system.addr.asset, addrs]);
    for (let i = 0; i < addrs.length; i++) {
      if (balances[i] !== this.balances[i]) throw new HarnessError(`agent ${i}: balance ${balances[i]} on chain, ${this.balances[i]} in the harness's books (from Transfer events)`);
    }
    if (this.stepIndex > 0 || epoch >= system.firstStepEpoch) {
      const [covered] = await chain.view<[boolean[][]]>(system.iface.lens, system.addr.lens, "coverStatus", [system.addr.pools, addrs, epoch]);
      for (let q = 0; q < covered.length; q++) {
        for (let i = 0; i < addrs.length; i++) {
          if (covered[q]![i] !== (this.coveredPool[i] === q)) throw new HarnessError(`agent ${i}: pool ${q} ${covered[q]![i] ? "covers" : "does not cover"} it on chain in epoch ${epoch}; the harness's books say the opposite`);
        }
      }
    }
    this.verifications++;
  }

  /** The chain's state after step t in study units (the check's chain side). */
  private chainView(t: number): ChainStepView {
    const n = this.agentCount;
    const env = this.env;
    const pools: PoolSnapshot[] = this.pools.map((s, q) => ({
      capital: fromWad(s.capital),
      loading: fromWad(s.loading),
      premiums: fromWad(s.premiumsCollected),
      subscriptions: fromWad(s.subscriptionsCollected),
      claims: fromWad(s.claimsPaid),
      purchaseCost: fromWad(s.secretPurchaseCost),
      investmentIncome: fromWad(s.investmentIncome),
      kompCapital: fromWad(s.kompCapital),
      engCapital: fromWad(s.engCapital),
      avgKompPotency: fromWad(s.avgKompPotency),
      avgEngPotency: fromWad(s.avgEngPotency),
      bankrupt: s.bankrupt,
      purchases: this.purchases[q]!,
      activeStreams: this.streams.filter((x) => x.pool === q && x.lastStep > t).length,
    }));
    const wealth = new Float64Array(n);
    const insured = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      wealth[i] = fromWad(this.balances[i]!);
      const q = this.coveredPool[i]!;
      if (q >= 0 && !env.flipped[i] && !this.pools[q]!.bankrupt) insured[i] = 1;
    }
    return { pools, wealth, insured, flipped: Uint8Array.from(env.flipped), flips: n - env.aliveCount };
  }
}

/** ABI words without the 0x: a uint256 and an address. */
const uintWord = (x: bigint): string => x.toString(16).padStart(64, "0");
const addressWord = (a: string): string => a.slice(2).toLowerCase().padStart(64, "0");

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}

