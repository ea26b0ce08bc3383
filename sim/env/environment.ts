/**
 * The environment of a run: the agents, the black box (secrets, hunters, flips), the losses, and the
 * market's offers (which secrets are offered, in which order, at which asks). It holds no pool: the
 * pools' decisions belong to whoever drives it — the model (sim/model) or the chain (the harness),
 * which report back what sold. One implementation, two consumers (sim/env/README.md).
 *
 * Per step, in the specification's order (§6):
 *   1. `beginStep(step)`     — secrets generated, flips (and the listings they purge), losses.
 *   2. (driver) loading, premiums, subscriptions.
 *   3. `prepareOffers(pools)` — the ordered offers, from start-of-market-phase pool state only.
 *   4. (driver) each offer to the pools in turn; `markSold(id)` for each purchase.
 *   5. (driver) stream income, claims.
 */
import { resolveParams, type ModelParams } from "../params/index.js";
import {
  GeometricGaps,
  PoissonSampler,
  RunStreams,
  beta22,
  beta25,
  beta52,
  uniformBetween,
  type GeneratorName,
  type RandomStream,
} from "../rng/index.js";
import { drawAgents, drawMandatory, type AgentTraits } from "./agents.js";
import { MarketBook } from "./market-book.js";
import {
  KIND_ENGINEERING,
  KIND_KOMPROMAT,
  LISTING_PURGED,
  LISTING_SOLD,
  LISTING_UNSOLD,
  Listings,
  growI32,
  type ListingInfo,
} from "./listings.js";

/**
 * The lowest ask of a secret is above 5 × amount × potency (r > 0.5). A secret is offered only
 * when some pool's capital is at least MIN_ASK_FACTOR × amount × potency; a pool is a potential
 * buyer of engineering secrets only when its value factor is at least MIN_ASK_FACTOR, of kompromat
 * only when value_multiplier_komp is. The 1e-12 margin keeps the filter conservative against
 * floating-point rounding (sim/MODEL.md "The market: which secrets are offered").
 */
export const MIN_ASK_FACTOR = 5 * (1 - 1e-12);

/** Relative margin on the most a valuation can reach in a phase (keeps the ask filter conservative against rounding). */
export const VALUE_MARGIN = 1 + 1e-12;

/**
 * Probability that a flip attempt on an agent with hoarded weight `weighted` succeeds at a check
 * (§3.2). "threshold": an attempt happens only when weighted ≥ threshold, with P = min(1, w/thr),
 * which is then 1. "proportional": every agent with weighted > 0 is attempted with P = min(1, w/thr).
 */
export function flipProbability(weighted: number, threshold: number, rule: "threshold" | "proportional"): number {
  if (rule === "threshold") return weighted >= threshold ? Math.min(1, weighted / threshold) : 0;
  return weighted > 0 ? Math.min(1, weighted / threshold) : 0;
}

/** The switches the environment needs (sim/model/readings.ts maps a reading onto them). */
export interface EnvOptions {
  /** The run seed; each purpose's stream is derived from it. */
  seed: string;
  flipRule?: "threshold" | "proportional";
  purgeEngineering?: boolean;
  ask?: "redraw" | "fixed";
  /**
   * "lean" (the model): for-sale kompromat gets an id but no target, amount or ask when no pool can
   * ever buy kompromat (value_multiplier_komp < 5) — no metric depends on them. "full" (the harness):
   * always drawn (from their own stream, so nothing else changes).
   */
  detail?: "lean" | "full";
  generator?: GeneratorName;
}

/** What a pool's state must say for the offers of one market phase (values at its start). */
export interface PoolMarketView {
  readonly capital: ArrayLike<number>;
  readonly engCapital: ArrayLike<number>;
  /** Non-zero/true when the pool may buy (study: every pool; protocol: solvent pools only). */
  readonly canBuy: ArrayLike<number | boolean>;
}

/** The events of one step (`beginStep`). Reused from step to step: copy what you keep. */
export class StepEvents {
  step = -1;
  /** Agents with a loss this step, ascending (all non-flipped after this step's flips). */
  lossAgents = new Int32Array(64);
  lossCount = 0;
  /** New listings this step: ids firstNewListing … firstNewListing + newListingCount − 1. */
  firstNewListing = 1;
  newListingCount = 0;
  /** Kompromat secrets hoarded this step. */
  hoarded = 0;
  /** Agents flipped this step, ascending. */
  flipAgents = new Int32Array(16);
  flipCount = 0;
  /** Unsold listings purged by this step's flips, ascending per flip. */
  purgedListings = new Int32Array(64);
  purgedCount = 0;
}

/** The offers of one market phase, in the order they are made. Reused: copy what you keep. */
export class Offers {
  /** Offers made this phase. */
  count = 0;
  /** Secrets that passed the capital filter (each had an ask drawn); `count` of them could sell at their ask. */
  candidates = 0;
  listingIds = new Int32Array(256);
  asks = new Float64Array(256);
}

const PHASE_BEFORE_STEP = 0;
const PHASE_STEP_BEGUN = 1;
const PHASE_OFFERED = 2;

export class Environment {
  readonly nAgents: number;
  readonly nPools: number;
  readonly agents: AgentTraits;
  /** Per agent: its mandatory pool, or −1 (voluntary). */
  readonly mandatoryPool: Int32Array;
  /** Per agent: 1 once flipped. */
  readonly flipped: Uint8Array;
  /** Non-flipped agents, ascending, in alive[0 .. aliveCount). */
  readonly alive: Int32Array;
  aliveCount: number;
  /** Per agent: Σ amount·potency of hoarded kompromat about it. */
  readonly weighted: Float64Array;
  readonly listings = new Listings();
  readonly events = new StepEvents();
  readonly offers = new Offers();
  /** True when a pool could ever buy kompromat (value_multiplier_komp ≥ 5): then kompromat is offered like engineering. */
  readonly kompromatOfferable: boolean;
  /** Steps begun so far (= the next step's index). */
  nextStep = 0;

  private readonly p: ModelParams;
  private readonly flipRule: "threshold" | "proportional";
  private readonly purgeEngineering: boolean;
  private readonly fixedAsk: boolean;
  private readonly drawKompDetails: boolean;
  private readonly sKomp: RandomStream;
  private readonly sHoard: RandomStream;
  private readonly sKompSale: RandomStream;
  private readonly sEng: RandomStream;
  private readonly sLosses: RandomStream;
  private readonly sFlips: RandomStream;
  private readonly sShuffle: RandomStream;
  private readonly sAsks: RandomStream;
  private readonly poissonKomp: PoissonSampler;
  private readonly poissonEng: PoissonSampler;
  private readonly lossGaps: GeometricGaps;
  /** Position of the next loss in this step's sequence of trials (non-flipped agents, ascending). */
  private nextLossPos: number;
  /** Unsold listings that may be offered (engineering; kompromat too when offerable). */
  private readonly book: MarketBook;
  private readonly capMax = new Float64Array(2);
  /** Per pool, at the start of the market phase: its capital when it may buy (else 0), and the most its engineering value factor can reach (0 when it can buy no engineering). */
  private readonly potCap: Float64Array;
  private readonly potEngFactor: Float64Array;
  private readonly collected = { out: new Int32Array(256) };
  /** Unsold for-sale kompromat kept only for purges ("full" detail, kompromat not offerable). */
  private shelf = new Int32Array(256);
  private shelfLen = 0;
  private phase = PHASE_BEFORE_STEP;

  /** @param params validated here (a bad value throws a ParamsError that lists every problem) */
  constructor(params: ModelParams, options: EnvOptions) {
    if (typeof options.seed !== "string" || options.seed.length === 0) throw new TypeError("seed must be a non-empty string (see deriveRunSeed)");
    params = resolveParams(params as unknown as Record<string, unknown>, "environment parameters");
    this.p = params;
    this.nAgents = params.n_agents;
    this.nPools = params.n_pools;
    this.flipRule = options.flipRule ?? "threshold";
    this.purgeEngineering = options.purgeEngineering ?? false;
    this.fixedAsk = (options.ask ?? "redraw") === "fixed";
    this.kompromatOfferable = params.value_multiplier_komp >= MIN_ASK_FACTOR;
    this.drawKompDetails = (options.detail ?? "lean") === "full" || this.kompromatOfferable;

    const streams = new RunStreams(options.seed, options.generator);
    this.agents = drawAgents(this.nAgents, streams.get("agents"));
    this.mandatoryPool = drawMandatory(params.mandatory_insurance_frac, this.nAgents, this.nPools, streams.get("mandatory"));
    this.sKomp = streams.get("komp");
    this.sHoard = streams.get("hoard");
    this.sKompSale = streams.get("kompSale");
    this.sEng = streams.get("eng");
    this.sLosses = streams.get("losses");
    this.sFlips = streams.get("flips");
    this.sShuffle = streams.get("shuffle");
    this.sAsks = streams.get("asks");
    this.poissonKomp = new PoissonSampler(params.lambda_komp);
    this.poissonEng = new PoissonSampler(params.lambda_eng);
    this.lossGaps = new GeometricGaps(params.p_loss);

    this.flipped = new Uint8Array(this.nAgents);
    this.alive = new Int32Array(this.nAgents);
    for (let i = 0; i < this.nAgents; i++) this.alive[i] = i;
    this.aliveCount = this.nAgents;
    this.weighted = new Float64Array(this.nAgents);
    this.book = new MarketBook(this.listings, 2);
    this.potCap = new Float64Array(this.nPools);
    this.potEngFactor = new Float64Array(this.nPools);
    this.nextLossPos = this.lossGaps.draw(this.sLosses);
  }

  /**
   * Start step `step` (0, 1, 2, … in turn): generate the step's secrets (§3.1), run the flip check
   * when step is a multiple of flip_interval (§3.2), and draw the step's losses (§3.3).
   */
  beginStep(step: number): StepEvents {
    if (step !== this.nextStep) throw new Error(`beginStep(${step}): the next step is ${this.nextStep}`);
    if (this.phase === PHASE_STEP_BEGUN) throw new Error(`beginStep(${step}): step ${step - 1} has no market phase yet (call prepareOffers)`);
    const ev = this.events;
    ev.step = step;
    ev.lossCount = 0;
    ev.flipCount = 0;
    ev.purgedCount = 0;
    ev.hoarded = 0;
    ev.firstNewListing = this.listings.count + 1;
    this.generateKompromat(step);
    this.generateEngineering(step);
    ev.newListingCount = this.listings.count + 1 - ev.firstNewListing;
    if (step % this.p.flip_interval === 0) this.checkFlips();
    this.drawLosses();
    this.nextStep = step + 1;
    this.phase = PHASE_STEP_BEGUN;
    return ev;
  }

  /**
   * The market phase's offers, from the pools' state at the start of the phase (sim/MODEL.md
   * "The market"):
   *   1. candidates: the unsold secrets with MIN_ASK_FACTOR·ap ≤ the capital of some eligible pool
   *      whose value factor reaches MIN_ASK_FACTOR, in ascending listing id;
   *   2. an ask for each candidate, in that order;
   *   3. kept: the candidates some such pool could still buy at that ask (ask ≤ its capital and ask ≤
   *      the most its valuation can reach during the phase);
   *   4. the kept ones in a uniformly random order (Fisher–Yates).
   * The rest cannot sell this step whatever happens: leaving them out changes nothing (proof in
   * sim/MODEL.md), and their shuffle draws are saved.
   */
  prepareOffers(pools: PoolMarketView): Offers {
    if (this.phase !== PHASE_STEP_BEGUN) throw new Error("prepareOffers: call beginStep first (once per step)");
    this.phase = PHASE_OFFERED;
    const { value_multiplier_eng: vme, eng_productivity_factor: epf, value_multiplier_komp: vmk } = this.p;
    const np = this.nPools;
    const potCap = this.potCap;
    const potEng = this.potEngFactor;
    let capEng = 0;
    let capKomp = 0;
    for (let q = 0; q < np; q++) {
      potCap[q] = 0;
      potEng[q] = 0;
      if (!pools.canBuy[q]) continue;
      const cap = pools.capital[q]!;
      if (!(cap > 0)) continue;
      potCap[q] = cap;
      if (this.kompromatOfferable && cap > capKomp) capKomp = cap;
      const eng = pools.engCapital[q]!;
      if (vme + epf * (1 + eng / 1000) >= MIN_ASK_FACTOR) {
        if (cap > capEng) capEng = cap;
        // the most its value factor can reach this phase: eng capital grows by at most cap/5
        potEng[q] = (vme + epf * (1 + (eng + cap / MIN_ASK_FACTOR) / 1000)) * VALUE_MARGIN;
      }
    }
    const offers = this.offers;
    offers.count = 0;
    offers.candidates = 0;
    if (capEng === 0 && capKomp === 0) return offers;

    // 1. Candidates, ascending id (the canonical base order).
    this.capMax[KIND_KOMPROMAT] = capKomp;
    this.capMax[KIND_ENGINEERING] = capEng;
    this.collected.out = offers.listingIds;
    const m = this.book.collect(this.capMax, MIN_ASK_FACTOR, offers.listingIds, this.collected);
    const ids = (offers.listingIds = this.collected.out);
    offers.candidates = m;
    if (offers.asks.length < ids.length) offers.asks = new Float64Array(ids.length);
    const asks = offers.asks;

    // 2–3. Asks in that order; keep what some pool could buy at its ask.
    const L = this.listings;
    const sa = this.sAsks;
    const kompFactor = vmk * VALUE_MARGIN;
    let kept = 0;
    for (let i = 0; i < m; i++) {
      const id = ids[i]!;
      const slot = id - 1;
      const ap = L.ap[slot]!;
      const ask = this.fixedAsk ? L.listedAsk[slot]! : ap * uniformBetween(sa, 0.5, 1.5) * 10;
      const isEng = L.kind[slot] === KIND_ENGINEERING;
      let buyable = false;
      for (let q = 0; q < np; q++) {
        const factor = isEng ? potEng[q]! : this.kompromatOfferable ? kompFactor : 0;
        if (ask <= potCap[q]! && ask <= ap * factor) {
          buyable = true;
          break;
        }
      }
      if (buyable) {
        ids[kept] = id;
        asks[kept] = ask;
        kept++;
      } else if (L.step[slot] === this.events.step) {
        // A new secret that no pool could buy at its drawn ask: that ask is the one it is listed at
        // (`listingAsk`), which no pool can accept this phase (10·a·p could be: a value factor may exceed 10).
        L.listedAsk[slot] = ask;
      }
    }
    offers.count = kept;

    // 4. Uniformly random order of the kept offers: Fisher–Yates from the last place down.
    const sh = this.sShuffle;
    for (let i = kept - 1; i > 0; i--) {
      const j = sh.below(i + 1);
      const t = ids[i]!;
      ids[i] = ids[j]!;
      ids[j] = t;
      const a = asks[i]!;
      asks[i] = asks[j]!;
      asks[j] = a;
    }
    return offers;
  }

  /** Record that listing `id` sold in this step's market phase. */
  markSold(id: number): void {
    if (this.phase !== PHASE_OFFERED) throw new Error(`markSold(${id}): no market phase open (call prepareOffers first)`);
    const slot = id - 1;
    if (!(slot >= 0 && slot < this.listings.count)) throw new RangeError(`markSold(${id}): no such listing`);
    if (this.listings.state[slot] !== LISTING_UNSOLD) throw new Error(`markSold(${id}): listing is not for sale`);
    this.listings.state[slot] = LISTING_SOLD;
  }

  /** `markSold` for each id (the harness reports a step's sales at once). */
  settle(soldIds: Iterable<number>): void {
    for (const id of soldIds) this.markSold(id);
  }

  /** One listing's details (allocates). */
  listing(id: number): ListingInfo {
    return this.listings.info(id);
  }

  /**
   * The ask at which the harness lists a new secret that is not offered in its first step: the ask
   * drawn for it this step when it was a candidate (no pool could buy at it), else its fixed ask (fixed
   * asks, kompromat), else 10 × amount × potency (r = 1; 5·a·p is above every engineering buyer's
   * capital). No pool can accept it in that step's market phase, so the chain's outcome is the model's.
   */
  listingAsk(id: number): number {
    const info = this.listings.info(id);
    return Number.isNaN(info.listedAsk) ? info.amountPotency * 10 : info.listedAsk;
  }

  /** Unsold engineering secrets (allocation-free but O(listings): not for the hot path). */
  unsoldEngineering(): number {
    let n = 0;
    const L = this.listings;
    for (let s = 0; s < L.count; s++) if (L.state[s] === LISTING_UNSOLD && L.kind[s] === KIND_ENGINEERING) n++;
    return n;
  }

  // --- the black box -------------------------------------------------------------------------

  private generateKompromat(step: number): void {
    const n = this.poissonKomp.draw(this.sKomp);
    if (this.aliveCount === 0) return;
    const { f_hunters, theta_sell } = this.p;
    const sk = this.sKomp;
    for (let k = 0; k < n; k++) {
      const hunter = sk.uniform() < f_hunters;
      const potency = beta22(sk);
      if (hunter && potency >= theta_sell) {
        const sh = this.sHoard;
        const target = this.alive[sh.below(this.aliveCount)]!;
        const amount = uniformBetween(sh, 1, 5);
        this.weighted[target] = this.weighted[target]! + amount * potency;
        this.events.hoarded++;
      } else if (this.drawKompDetails) {
        const ss = this.sKompSale;
        const target = this.alive[ss.below(this.aliveCount)]!;
        const amount = uniformBetween(ss, 1, 5);
        const ask = amount * potency * uniformBetween(ss, 0.5, 1.5) * 10;
        const id = this.listings.add(KIND_KOMPROMAT, step, amount, potency, target, ask);
        if (this.kompromatOfferable) this.pushMarket(id);
        else this.pushShelf(id);
      } else {
        this.listings.add(KIND_KOMPROMAT, step, Number.NaN, potency, -1, Number.NaN);
      }
    }
  }

  private generateEngineering(step: number): void {
    const n = this.poissonEng.draw(this.sEng);
    if (this.aliveCount === 0) return;
    const se = this.sEng;
    const { buttressing, integrity } = this.agents;
    for (let k = 0; k < n; k++) {
      const engineer = this.alive[se.below(this.aliveCount)]!;
      const amount = uniformBetween(se, 1, 5) * buttressing[engineer]!;
      const potency = integrity[engineer]! > 0.5 ? beta52(se) : beta25(se);
      const ask = this.fixedAsk ? amount * potency * uniformBetween(this.sAsks, 0.5, 1.5) * 10 : Number.NaN;
      this.pushMarket(this.listings.add(KIND_ENGINEERING, step, amount, potency, engineer, ask));
    }
  }

  private checkFlips(): void {
    const thr = this.p.flip_threshold;
    const proportional = this.flipRule === "proportional";
    for (let j = 0; j < this.nAgents; j++) {
      if (this.flipped[j]) continue;
      const w = this.weighted[j]!;
      if (proportional) {
        if (w > 0 && this.sFlips.uniform() < flipProbability(w, thr, "proportional")) this.flip(j);
      } else if (w >= thr) {
        // P_flip = min(1, w/thr) = 1 whenever an attempt happens: no draw (sim/MODEL.md).
        this.flip(j);
      }
    }
  }

  private flip(j: number): void {
    const ev = this.events;
    this.flipped[j] = 1;
    this.weighted[j] = 0;
    // remove j from the ascending alive list
    const a = this.alive;
    let pos = 0;
    while (a[pos] !== j) pos++;
    a.copyWithin(pos, pos + 1, this.aliveCount);
    this.aliveCount--;
    if (ev.flipCount === ev.flipAgents.length) ev.flipAgents = growI32(ev.flipAgents, 2 * ev.flipCount);
    ev.flipAgents[ev.flipCount++] = j;
    this.book.setMasterLength(this.purgeAbout(j, this.book.ids, this.book.ids.length));
    this.shelfLen = this.purgeAbout(j, this.shelf, this.shelfLen);
  }

  /** Purge the unsold listings about agent j in list[0..len); returns the compacted length. */
  private purgeAbout(j: number, list: Int32Array, len: number): number {
    const L = this.listings;
    const ev = this.events;
    let w = 0;
    for (let r = 0; r < len; r++) {
      const id = list[r]!;
      const slot = id - 1;
      if (L.state[slot] !== LISTING_UNSOLD) continue;
      if (L.agent[slot] === j && (L.kind[slot] === KIND_KOMPROMAT || this.purgeEngineering)) {
        L.state[slot] = LISTING_PURGED;
        if (ev.purgedCount === ev.purgedListings.length) ev.purgedListings = growI32(ev.purgedListings, 2 * ev.purgedCount);
        ev.purgedListings[ev.purgedCount++] = id;
        continue;
      }
      list[w++] = id;
    }
    return w;
  }

  private drawLosses(): void {
    const ev = this.events;
    const n = this.aliveCount;
    let pos = this.nextLossPos;
    while (pos < n) {
      if (ev.lossCount === ev.lossAgents.length) ev.lossAgents = growI32(ev.lossAgents, 2 * ev.lossCount);
      ev.lossAgents[ev.lossCount++] = this.alive[pos]!;
      pos += 1 + this.lossGaps.draw(this.sLosses);
    }
    this.nextLossPos = pos - n;
  }

  private pushMarket(id: number): void {
    this.book.add(id);
  }

  private pushShelf(id: number): void {
    if (this.shelfLen === this.shelf.length) this.shelf = growI32(this.shelf, 2 * this.shelfLen);
    this.shelf[this.shelfLen++] = id;
  }
}

