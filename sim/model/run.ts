/**
 * The model: `createRun` (a run advanced step by step; the harness compares it with the chain after
 * every step) and `runModel` (a whole run → metrics; the sweep engine and `npm run sim`). Both are
 * the same code. The step follows the specification's pseudo-code (§6); the environment
 * (sim/env) supplies the agents, secrets, flips, losses and offers; this file holds the pools.
 *
 * The hot path allocates nothing: state lives in typed arrays sized at creation (stream rings grow
 * by doubling).
 */
import { resolveParams, type ModelParams } from "../params/index.js";
import { RandomStream, streamSeed } from "../rng/index.js";
import { Environment, KIND_ENGINEERING } from "../env/index.js";
import { runMetrics, type ModelRun, type PoolSnapshot, type PoolTotals, type ReadingSwitches, type RunMetrics, type RunOptions, type RunResult, type RunSnapshot } from "./api.js";
import { resolveReadings } from "./readings.js";
import { clipRisk, giniInPlace, nextLoading } from "./mechanisms.js";
import { TraceRecorder } from "./trace.js";
import { ReturnStreams } from "./return-streams.js";

/** Below this a premium may be zero or subnormal, where products of different loadings can tie. */
const TINY = 1e-290;
const POOL_ORDER_FIXED = 0;
const POOL_ORDER_SHUFFLED = 1;
const POOL_ORDER_FAIR = 2;

/** A model run, advanced one step at a time. */
export class FastRun implements ModelRun {
  readonly params: ModelParams;
  readonly switches: Readonly<ReadingSwitches>;
  readonly steps: number;
  readonly env: Environment;
  stepIndex = 0;

  // --- pools (index = pool) ---
  readonly nPools: number;
  readonly capital: Float64Array;
  readonly loading: Float64Array;
  readonly premiums: Float64Array;
  readonly subscriptions: Float64Array;
  readonly claims: Float64Array;
  readonly purchaseCost: Float64Array;
  readonly investmentIncome: Float64Array;
  readonly kompCapital: Float64Array;
  readonly engCapital: Float64Array;
  readonly avgKompPotency: Float64Array;
  readonly avgEngPotency: Float64Array;
  readonly bankrupt: Uint8Array;
  readonly purchases: Int32Array;
  /** Start of the market phase: 1 when the pool may buy. */
  private readonly canBuy: Uint8Array;
  /** Return streams per pool. */
  private readonly streams: ReturnStreams[];

  // --- agents (index = agent) ---
  readonly wealth: Float64Array;
  /** Pool on record (−1: none). Mandatory members: their pool from the start. */
  readonly insuredPool: Int32Array;
  /** Step in which the agent last bought cover (voluntary) or paid its subscription (mandatory); −1 never. */
  private readonly paidStep: Int32Array;
  /** Non-flipped voluntary agents, ascending. */
  private readonly voluntary: Int32Array;
  private voluntaryCount = 0;
  /** Non-flipped mandatory members, ascending. */
  private readonly mandatory: Int32Array;
  private mandatoryCount = 0;
  /** Loss amounts of this step's losses (stepStart wealth), parallel to env.events.lossAgents. */
  private lossAmount = new Float64Array(64);
  private readonly scratch: Float64Array;
  private readonly kTerm: Float64Array;
  private readonly eTerm: Float64Array;
  private readonly order: Int32Array;
  /** Solvent pools this step, ascending. */
  private readonly openPools: Int32Array;
  /** The pools' state the environment reads to prepare offers (the arrays above). */
  private readonly marketView: { capital: Float64Array; engCapital: Float64Array; canBuy: Uint8Array };

  private readonly poolOrder: number;
  private readonly sticky: boolean;
  private readonly lossAtStart: boolean;
  private readonly poolOrderStream: RandomStream | null;
  private readonly trace: TraceRecorder | null;
  /** Per step (for the trace): secrets given an ask, offers made, secrets sold. */
  lastCandidates = 0;
  lastOffers = 0;
  lastSold = 0;

  /**
   * @param detail "lean" (default) skips the draws no metric depends on; "full" draws every for-sale
   *   kompromat's details, as the harness's environment does (the tests show both give the same run).
   */
  constructor(params: ModelParams, options: RunOptions, detail: "lean" | "full" = "lean") {
    this.params = resolveParams(params as unknown as Record<string, unknown>, "model parameters");
    const p = this.params;
    const steps = options.steps;
    if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
    if (typeof options.seed !== "string" || options.seed.length === 0) throw new TypeError("seed must be a non-empty string (see deriveRunSeed)");
    this.steps = steps;
    this.switches = Object.freeze(resolveReadings(options.readings ?? "study", options.switches ?? {}));
    const sw = this.switches;
    this.env = new Environment(p, {
      seed: options.seed,
      flipRule: sw.flipRule,
      purgeEngineering: sw.purgeEngineering,
      ask: sw.ask,
      detail,
    });

    const np = (this.nPools = p.n_pools);
    const f = () => new Float64Array(np);
    this.capital = f().fill(p.init_cap);
    this.loading = f().fill(p.base_loading);
    this.premiums = f();
    this.subscriptions = f();
    this.claims = f();
    this.purchaseCost = f();
    this.investmentIncome = f();
    this.kompCapital = f();
    this.engCapital = f();
    this.avgKompPotency = f().fill(0.5);
    this.avgEngPotency = f().fill(0.5);
    this.kTerm = f();
    this.eTerm = f();
    this.bankrupt = new Uint8Array(np);
    this.canBuy = new Uint8Array(np);
    this.purchases = new Int32Array(np);
    this.order = new Int32Array(np);
    this.openPools = new Int32Array(np);
    this.streams = Array.from({ length: np }, () => new ReturnStreams());
    this.marketView = { capital: this.capital, engCapital: this.engCapital, canBuy: this.canBuy };

    const n = p.n_agents;
    this.wealth = Float64Array.from(this.env.agents.wealth);
    this.insuredPool = Int32Array.from(this.env.mandatoryPool);
    this.paidStep = new Int32Array(n).fill(-1);
    this.voluntary = new Int32Array(n);
    this.mandatory = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (this.env.mandatoryPool[i]! < 0) this.voluntary[this.voluntaryCount++] = i;
      else this.mandatory[this.mandatoryCount++] = i;
    }
    this.scratch = new Float64Array(n);

    this.poolOrder = sw.poolOrder === "fixed" ? POOL_ORDER_FIXED : sw.poolOrder === "fair" ? POOL_ORDER_FAIR : POOL_ORDER_SHUFFLED;
    this.poolOrderStream = sw.poolOrder === "shuffled" ? new RandomStream(streamSeed(options.seed, "poolOrder")) : null;
    this.sticky = sw.cover === "sticky";
    this.lossAtStart = sw.lossWealth === "stepStart";
    this.trace = options.trace ? new TraceRecorder(np, options.traceGiniEvery ?? 0) : null;
  }

  /** Advance one step (specification §6). */
  step(): void {
    const t = this.stepIndex;
    if (t >= this.steps) throw new Error(`step(): the run has completed its ${this.steps} steps`);
    const p = this.params;
    const env = this.env;

    // 1. Black box: secrets, flips, losses.
    const ev = env.beginStep(t);
    if (ev.flipCount > 0) this.removeFlipped();
    if (this.lossAtStart) {
      if (this.lossAmount.length < ev.lossAgents.length) this.lossAmount = new Float64Array(ev.lossAgents.length);
      for (let k = 0; k < ev.lossCount; k++) this.lossAmount[k] = this.wealth[ev.lossAgents[k]!]! * p.loss_frac;
    }

    // 2. Loading, from the capital at the end of the previous step.
    const np = this.nPools;
    for (let q = 0; q < np; q++) this.loading[q] = nextLoading(this.loading[q]!, this.capital[q]!, p);

    // 3. Subscriptions (mandatory members; nothing when the fee is 0), then voluntary cover.
    if (p.subscription_fee > 0) this.collectSubscriptions(t);
    this.sellCover(t);

    // 4. The market.
    this.runMarket(t);

    // 5. Stream income (§4.5).
    for (let q = 0; q < np; q++) {
      const income = this.streams[q]!.pay(t);
      this.capital[q] = this.capital[q]! + income;
      this.investmentIncome[q] = this.investmentIncome[q]! + income;
    }

    // 6. Claims.
    this.settleLosses(t);

    this.stepIndex = t + 1;
    if (this.trace) this.trace.record(this);
  }

  private removeFlipped(): void {
    const flipped = this.env.flipped;
    let w = 0;
    for (let k = 0; k < this.voluntaryCount; k++) {
      const i = this.voluntary[k]!;
      if (!flipped[i]) this.voluntary[w++] = i;
    }
    this.voluntaryCount = w;
    w = 0;
    for (let k = 0; k < this.mandatoryCount; k++) {
      const i = this.mandatory[k]!;
      if (!flipped[i]) this.mandatory[w++] = i;
    }
    this.mandatoryCount = w;
  }

  private collectSubscriptions(t: number): void {
    const fee = this.params.subscription_fee;
    const wealth = this.wealth;
    for (let k = 0; k < this.mandatoryCount; k++) {
      const i = this.mandatory[k]!;
      const q = this.insuredPool[i]!;
      if (this.bankrupt[q] || !(wealth[i]! >= fee)) continue;
      wealth[i] = wealth[i]! - fee;
      this.capital[q] = this.capital[q]! + fee;
      this.subscriptions[q] = this.subscriptions[q]! + fee;
      this.paidStep[i] = t;
    }
  }

  /** Every non-flipped voluntary agent buys from the cheapest solvent pool whose premium it is willing to pay (§4.3, §6). */
  private sellCover(t: number): void {
    const p = this.params;
    const np = this.nPools;
    const { kTerm, eTerm, bankrupt, loading, capital, premiums, wealth, insuredPool, paidStep, openPools } = this;
    let open = 0;
    let riskFree = true; // no pool's risk estimate depends on its secrets
    for (let q = 0; q < np; q++) {
      kTerm[q] = p.alpha_k * this.kompCapital[q]!;
      eTerm[q] = p.alpha_e * this.engCapital[q]!;
      if (kTerm[q] !== 0 || eTerm[q] !== 0) riskFree = false;
      if (!bankrupt[q]) openPools[open++] = q;
    }
    if (open === 0) return;
    const rate = p.premium_rate_base;
    const { neuroticism, baselineRisk } = this.env.agents;
    const vol = this.voluntary;
    const nv = this.voluntaryCount;

    if (riskFree) {
      // Every pool quotes clip(b)·w·rate·loading: the same pool is cheapest for every agent. Used only
      // when the lowest loading is apart from the others by far more than rounding, so that no
      // product can tie across pools (then the general loop below would choose the same pool).
      let qMin = openPools[0]!;
      for (let k = 1; k < open; k++) if (loading[openPools[k]!]! < loading[qMin]!) qMin = openPools[k]!;
      const lMin = loading[qMin]!;
      let separated = true;
      for (let k = 0; k < open; k++) {
        const l = loading[openPools[k]!]!;
        if (l !== lMin && !(l > lMin * (1 + 1e-9))) separated = false;
      }
      if (separated) {
        let capQ = capital[qMin]!;
        let premQ = premiums[qMin]!;
        for (let k = 0; k < nv; k++) {
          const i = vol[k]!;
          const w = wealth[i]!;
          const prem = clipRisk(baselineRisk[i]!) * w * rate * lMin;
          if (!(prem > TINY)) {
            // a zero or subnormal premium could tie across pools: decide this agent the general way
            capital[qMin] = capQ;
            premiums[qMin] = premQ;
            this.buyCheapest(i, t, open);
            capQ = capital[qMin]!;
            premQ = premiums[qMin]!;
            continue;
          }
          if (prem <= w * neuroticism[i]! * 1.0) {
            wealth[i] = w - prem;
            capQ += prem;
            premQ += prem;
            insuredPool[i] = qMin;
            paidStep[i] = t;
          }
        }
        capital[qMin] = capQ;
        premiums[qMin] = premQ;
        return;
      }
    }

    for (let k = 0; k < nv; k++) this.buyCheapest(vol[k]!, t, open);
  }

  /** Agent i buys from the cheapest of the `open` solvent pools (lowest index on ties), if willing. */
  private buyCheapest(i: number, t: number, open: number): void {
    const { kTerm, eTerm, loading, capital, premiums, wealth, openPools } = this;
    const rate = this.params.premium_rate_base;
    const w = wealth[i]!;
    const willingness = w * this.env.agents.neuroticism[i]! * 1.0;
    const b = this.env.agents.baselineRisk[i]!;
    let best = Number.POSITIVE_INFINITY;
    let bestPool = -1;
    for (let r = 0; r < open; r++) {
      const q = openPools[r]!;
      const prem = clipRisk(b + kTerm[q]! - eTerm[q]!) * w * rate * loading[q]!;
      if (prem <= willingness && prem < best) {
        best = prem;
        bestPool = q;
      }
    }
    if (bestPool >= 0) {
      wealth[i] = w - best;
      capital[bestPool] = capital[bestPool]! + best;
      premiums[bestPool] = premiums[bestPool]! + best;
      this.insuredPool[i] = bestPool;
      this.paidStep[i] = t;
    }
  }

  private runMarket(t: number): void {
    const p = this.params;
    const np = this.nPools;
    const { canBuy, bankrupt, capital, engCapital, kompCapital } = this;
    const bankruptBuys = this.switches.bankruptBuys;
    for (let q = 0; q < np; q++) canBuy[q] = bankruptBuys || !bankrupt[q] ? 1 : 0;
    const env = this.env;
    const offers = env.prepareOffers(this.marketView);
    this.lastCandidates = offers.candidates;
    this.lastOffers = offers.count;
    this.lastSold = 0;
    if (offers.count === 0) return;
    const L = env.listings;
    const { value_multiplier_eng: vme, value_multiplier_komp: vmk, eng_productivity_factor: epf, learning_rate: lr } = p;
    const order = this.order;
    // The richest eligible pool's capital: an ask above it sells to nobody (capital only falls here).
    let capMax = 0;
    for (let q = 0; q < np; q++) if (canBuy[q] && capital[q]! > capMax) capMax = capital[q]!;
    for (let o = 0; o < offers.count; o++) {
      const id = offers.listingIds[o]!;
      const ask = offers.asks[o]!;
      if (ask > capMax && this.poolOrder !== POOL_ORDER_SHUFFLED) continue; // (a shuffled order still draws)
      const slot = id - 1;
      const ap = L.ap[slot]!;
      const isEng = L.kind[slot] === KIND_ENGINEERING;
      this.poolOrderFor(id, t, order);
      for (let r = 0; r < np; r++) {
        const q = order[r]!;
        if (!canBuy[q]) continue;
        const total = isEng ? ap * vme + ap * epf * (1 + engCapital[q]! / 1000) : ap * vmk;
        if (!(total >= ask && capital[q]! >= ask)) continue;
        // Buy.
        capital[q] = capital[q]! - ask;
        this.purchaseCost[q] = this.purchaseCost[q]! + ask;
        this.purchases[q] = this.purchases[q]! + 1;
        const potency = L.potency[slot]!;
        if (isEng) {
          const fr = ap * epf * (1 + engCapital[q]! / 1000);
          engCapital[q] = engCapital[q]! + ap;
          this.avgEngPotency[q] = (1 - lr) * this.avgEngPotency[q]! + lr * potency;
          this.streams[q]!.open(fr / p.eng_asset_lifetime, t, p.eng_asset_lifetime);
        } else {
          kompCapital[q] = kompCapital[q]! + ap;
          this.avgKompPotency[q] = (1 - lr) * this.avgKompPotency[q]! + lr * potency;
        }
        env.markSold(id);
        this.lastSold++;
        capMax = 0;
        for (let k = 0; k < np; k++) if (canBuy[k] && capital[k]! > capMax) capMax = capital[k]!;
        break;
      }
    }
  }

  /** The order in which pools evaluate listing `id` at step t. */
  private poolOrderFor(id: number, t: number, order: Int32Array): void {
    const np = this.nPools;
    if (this.poolOrder === POOL_ORDER_FIXED) {
      for (let r = 0; r < np; r++) order[r] = r;
    } else if (this.poolOrder === POOL_ORDER_FAIR) {
      const start = (id + t) % np;
      for (let r = 0; r < np; r++) order[r] = (start + r) % np;
    } else {
      for (let r = 0; r < np; r++) order[r] = r;
      const s = this.poolOrderStream!;
      for (let r = np - 1; r > 0; r--) {
        const j = s.below(r + 1);
        const x = order[r]!;
        order[r] = order[j]!;
        order[j] = x;
      }
    }
  }

  /** Is agent i covered at this moment of step t? */
  private covered(i: number, t: number): boolean {
    const q = this.insuredPool[i]!;
    if (q < 0 || this.bankrupt[q]) return false;
    if (this.env.mandatoryPool[i]! >= 0) return this.params.subscription_fee === 0 || this.paidStep[i] === t;
    return this.sticky || this.paidStep[i] === t;
  }

  private settleLosses(t: number): void {
    const ev = this.env.events;
    const lf = this.params.loss_frac;
    const wealth = this.wealth;
    for (let k = 0; k < ev.lossCount; k++) {
      const i = ev.lossAgents[k]!;
      const loss = this.lossAtStart ? this.lossAmount[k]! : wealth[i]! * lf;
      if (!(loss > 0)) continue;
      let w: number;
      if (this.covered(i, t)) {
        const q = this.insuredPool[i]!;
        const cap = this.capital[q]!;
        const payout = Math.min(loss, cap);
        this.capital[q] = cap - payout;
        this.claims[q] = this.claims[q]! + payout;
        if (this.capital[q]! <= 0) this.bankrupt[q] = 1;
        w = wealth[i]! + (payout - loss);
      } else {
        w = wealth[i]! - loss;
      }
      wealth[i] = w > 0 ? w : 0;
    }
  }

  /** Agents counted as insured now (non-flipped; `cover` switch). */
  insuredCount(): number {
    let n = 0;
    const t = this.stepIndex - 1;
    for (const i of this.env.alive.subarray(0, this.env.aliveCount)) if (this.isInsured(i, t)) n++;
    return n;
  }

  private isInsured(i: number, t: number): boolean {
    return this.sticky ? this.insuredPool[i]! >= 0 : this.covered(i, t);
  }

  /** Gini of the wealth of non-flipped agents. */
  gini(): number {
    const env = this.env;
    for (let k = 0; k < env.aliveCount; k++) this.scratch[k] = this.wealth[env.alive[k]!]!;
    return giniInPlace(this.scratch, env.aliveCount);
  }

  metrics(): RunMetrics {
    const initCap = this.params.init_cap;
    const pools = Array.from({ length: this.nPools }, (_, q): PoolTotals => ({
      profit: this.capital[q]! - initCap,
      capital: this.capital[q]!,
      purchaseCost: this.purchaseCost[q]!,
      claims: this.claims[q]!,
      investmentIncome: this.investmentIncome[q]!,
      premiums: this.premiums[q]! + this.subscriptions[q]!,
      bankrupt: this.bankrupt[q] === 1,
    }));
    return runMetrics(pools, { total: this.params.n_agents, alive: this.env.aliveCount, insured: this.insuredCount(), gini: this.gini() });
  }

  poolSnapshot(q: number): PoolSnapshot {
    return {
      capital: this.capital[q]!,
      loading: this.loading[q]!,
      premiums: this.premiums[q]!,
      subscriptions: this.subscriptions[q]!,
      claims: this.claims[q]!,
      purchaseCost: this.purchaseCost[q]!,
      investmentIncome: this.investmentIncome[q]!,
      kompCapital: this.kompCapital[q]!,
      engCapital: this.engCapital[q]!,
      avgKompPotency: this.avgKompPotency[q]!,
      avgEngPotency: this.avgEngPotency[q]!,
      bankrupt: this.bankrupt[q] === 1,
      purchases: this.purchases[q]!,
      activeStreams: this.streams[q]!.length,
    };
  }

  snapshot(): RunSnapshot {
    const n = this.params.n_agents;
    const t = this.stepIndex - 1;
    const insured = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (!this.env.flipped[i] && this.isInsured(i, t)) insured[i] = 1;
    return {
      step: this.stepIndex,
      pools: Array.from({ length: this.nPools }, (_, q) => this.poolSnapshot(q)),
      wealth: Float64Array.from(this.wealth),
      flipped: Uint8Array.from(this.env.flipped),
      insuredPool: Int32Array.from(this.insuredPool),
      insured,
      flips: n - this.env.aliveCount,
      insuredCount: insured.reduce((a, b) => a + b, 0),
      unsoldEngineering: this.env.unsoldEngineering(),
    };
  }

  /** The trace rows recorded so far (with `trace`). */
  traceRows(): readonly Record<string, number>[] | undefined {
    return this.trace?.rows;
  }
}

/**
 * A run to advance step by step.
 *
 * @example
 * const run = createRun(defaultParams(), { seed: deriveRunSeed(7, 0), steps: 100 });
 * while (run.stepIndex < run.steps) { run.step(); compare(run.snapshot()); }
 */
export function createRun(params: ModelParams, options: RunOptions): FastRun {
  return new FastRun(params, options);
}

/**
 * One whole run: a pure function of (params, options.seed, options.steps, readings).
 *
 * @example runModel(defaultParams(), { seed: deriveRunSeed(7, 0), steps: 5000 }).metrics.flips
 */
export function runModel(params: ModelParams, options: RunOptions): RunResult {
  const run = new FastRun(params, options);
  for (let t = 0; t < run.steps; t++) run.step();
  const result: RunResult = { metrics: run.metrics(), agentSteps: run.params.n_agents * run.steps };
  const rows = run.traceRows();
  if (rows) result.trace = rows;
  return result;
}
