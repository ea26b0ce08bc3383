/**
 * The reference implementation: the model's canonical procedure (sim/MODEL.md) written as plainly as
 * possible — agents, secrets and pools as objects, lists filtered and scanned every step, every
 * for-sale secret drawn in full. It shares only the random streams, the samplers and the formulas
 * (sim/rng, ./mechanisms.ts) with the fast model; the tests require both to give bit-identical
 * metrics. It is slow on purpose: it is the specification in code, not the thing to run sweeps with.
 */
import { resolveParams, type ModelParams } from "../params/index.js";
import {
  GeometricGaps,
  PoissonSampler,
  RandomStream,
  beta22,
  beta25,
  beta52,
  logNormal,
  streamSeed,
  uniformBetween,
  type StreamPurpose,
} from "../rng/index.js";
import { MIN_ASK_FACTOR, VALUE_MARGIN } from "../env/environment.js";
import { WEALTH_MU, WEALTH_SIGMA } from "../env/agents.js";
import type { RunMetrics, RunOptions, ReadingSwitches } from "./api.js";
import { resolveReadings } from "./readings.js";
import { engineeringValue, futureReturn, gini, kompromatValue, movingAverage, nextLoading, premium, riskEstimate } from "./mechanisms.js";

interface Agent {
  wealth: number;
  neuroticism: number;
  baselineRisk: number;
  buttressing: number;
  integrity: number;
  flipped: boolean;
  /** Hoarded kompromat about this agent: Σ amount·potency. */
  weighted: number;
  mandatoryPool: number | null;
  insuredPool: number | null;
  /** Last step in which it bought cover or paid its subscription. */
  paidStep: number;
}

interface Secret {
  id: number;
  kind: "kompromat" | "engineering";
  amount: number;
  potency: number;
  /** Target (kompromat) or engineer (engineering). */
  agent: number;
  /** Ask drawn at listing (ask "fixed", and every for-sale kompromat). */
  listedAsk: number;
  status: "unsold" | "sold" | "purged";
}

interface Stream {
  stepsLeft: number;
  perStep: number;
}

interface Pool {
  capital: number;
  loading: number;
  premiums: number;
  subscriptions: number;
  claims: number;
  purchaseCost: number;
  investmentIncome: number;
  kompCapital: number;
  engCapital: number;
  avgKompPotency: number;
  avgEngPotency: number;
  bankrupt: boolean;
  streams: Stream[];
}

/** The reference model: a whole run → metrics. Same contract as `runModel`. */
export function referenceRun(params: ModelParams, options: RunOptions): RunMetrics {
  const p = resolveParams(params as unknown as Record<string, unknown>, "model parameters");
  const sw: ReadingSwitches = resolveReadings(options.readings ?? "study", options.switches ?? {});
  const stream = (purpose: StreamPurpose) => new RandomStream(streamSeed(options.seed, purpose));
  const rAgents = stream("agents");
  const rMandatory = stream("mandatory");
  const rKomp = stream("komp");
  const rHoard = stream("hoard");
  const rKompSale = stream("kompSale");
  const rEng = stream("eng");
  const rLosses = stream("losses");
  const rFlips = stream("flips");
  const rShuffle = stream("shuffle");
  const rAsks = stream("asks");
  const rPoolOrder = stream("poolOrder");

  // --- agents ---
  const agents: Agent[] = [];
  for (let i = 0; i < p.n_agents; i++) {
    agents.push({
      wealth: logNormal(rAgents, WEALTH_MU, WEALTH_SIGMA),
      neuroticism: uniformBetween(rAgents, 0.2, 0.8),
      baselineRisk: uniformBetween(rAgents, 0.01, 0.05),
      buttressing: 0.5 + 1.5 * beta22(rAgents),
      integrity: rAgents.uniform(),
      flipped: false,
      weighted: 0,
      mandatoryPool: null,
      insuredPool: null,
      paidStep: -1,
    });
  }
  // mandatory members: partial Fisher–Yates, then a pool each
  const indices = agents.map((_, i) => i);
  const nMandatory = Math.floor(p.mandatory_insurance_frac * p.n_agents);
  for (let k = 0; k < nMandatory; k++) {
    const j = k + rMandatory.below(p.n_agents - k);
    [indices[k], indices[j]] = [indices[j]!, indices[k]!];
  }
  for (let k = 0; k < nMandatory; k++) {
    const a = agents[indices[k]!]!;
    a.mandatoryPool = rMandatory.below(p.n_pools);
    a.insuredPool = a.mandatoryPool;
  }

  // --- pools ---
  const pools: Pool[] = [];
  for (let q = 0; q < p.n_pools; q++) {
    pools.push({
      capital: p.init_cap,
      loading: p.base_loading,
      premiums: 0,
      subscriptions: 0,
      claims: 0,
      purchaseCost: 0,
      investmentIncome: 0,
      kompCapital: 0,
      engCapital: 0,
      avgKompPotency: 0.5,
      avgEngPotency: 0.5,
      bankrupt: false,
      streams: [],
    });
  }

  const market: Secret[] = []; // every for-sale secret, in listing order
  let nextId = 1;
  const poissonKomp = new PoissonSampler(p.lambda_komp);
  const poissonEng = new PoissonSampler(p.lambda_eng);
  const gaps = new GeometricGaps(p.p_loss);
  let nextLoss = gaps.draw(rLosses);
  const kompromatOfferable = p.value_multiplier_komp >= MIN_ASK_FACTOR;

  const aliveIndices = () => agents.flatMap((a, i) => (a.flipped ? [] : [i]));
  const covered = (a: Agent, t: number): boolean => {
    if (a.insuredPool === null || pools[a.insuredPool]!.bankrupt) return false;
    if (a.mandatoryPool !== null) return p.subscription_fee === 0 || a.paidStep === t;
    return sw.cover === "sticky" || a.paidStep === t;
  };

  for (let t = 0; t < options.steps; t++) {
    // ---- black box: kompromat ----
    const alive = aliveIndices();
    const nKomp = poissonKomp.draw(rKomp);
    for (let k = 0; k < nKomp && alive.length > 0; k++) {
      const hunter = rKomp.uniform() < p.f_hunters;
      const potency = beta22(rKomp);
      if (hunter && potency >= p.theta_sell) {
        const target = alive[rHoard.below(alive.length)]!;
        const amount = uniformBetween(rHoard, 1, 5);
        agents[target]!.weighted += amount * potency;
      } else {
        const target = alive[rKompSale.below(alive.length)]!;
        const amount = uniformBetween(rKompSale, 1, 5);
        const ask = amount * potency * uniformBetween(rKompSale, 0.5, 1.5) * 10;
        market.push({ id: nextId++, kind: "kompromat", amount, potency, agent: target, listedAsk: ask, status: "unsold" });
      }
    }
    // ---- black box: engineering ----
    const nEng = poissonEng.draw(rEng);
    for (let k = 0; k < nEng && alive.length > 0; k++) {
      const engineer = alive[rEng.below(alive.length)]!;
      const amount = uniformBetween(rEng, 1, 5) * agents[engineer]!.buttressing;
      const potency = agents[engineer]!.integrity > 0.5 ? beta52(rEng) : beta25(rEng);
      const ask = sw.ask === "fixed" ? amount * potency * uniformBetween(rAsks, 0.5, 1.5) * 10 : Number.NaN;
      market.push({ id: nextId++, kind: "engineering", amount, potency, agent: engineer, listedAsk: ask, status: "unsold" });
    }
    // ---- black box: flips ----
    if (t % p.flip_interval === 0) {
      agents.forEach((a, j) => {
        if (a.flipped) return;
        const attempt =
          sw.flipRule === "threshold" ? a.weighted >= p.flip_threshold : a.weighted > 0 && rFlips.uniform() < Math.min(1, a.weighted / p.flip_threshold);
        if (!attempt) return;
        a.flipped = true;
        a.weighted = 0;
        for (const s of market) {
          if (s.status === "unsold" && s.agent === j && (s.kind === "kompromat" || sw.purgeEngineering)) s.status = "purged";
        }
      });
    }
    // ---- black box: losses (Bernoulli(p_loss) per non-flipped agent, via geometric gaps) ----
    const trials = aliveIndices();
    const losses: { agent: number; amount: number }[] = [];
    while (nextLoss < trials.length) {
      const i = trials[nextLoss]!;
      losses.push({ agent: i, amount: agents[i]!.wealth * p.loss_frac });
      nextLoss += 1 + gaps.draw(rLosses);
    }
    nextLoss -= trials.length;

    // ---- loading ----
    for (const pool of pools) pool.loading = nextLoading(pool.loading, pool.capital, p);

    // ---- subscriptions, then voluntary cover ----
    if (p.subscription_fee > 0) {
      for (const a of agents) {
        if (a.flipped || a.mandatoryPool === null) continue;
        const pool = pools[a.mandatoryPool]!;
        if (pool.bankrupt || !(a.wealth >= p.subscription_fee)) continue;
        a.wealth -= p.subscription_fee;
        pool.capital += p.subscription_fee;
        pool.subscriptions += p.subscription_fee;
        a.paidStep = t;
      }
    }
    for (const a of agents) {
      if (a.flipped || a.mandatoryPool !== null) continue;
      const willingness = a.wealth * a.neuroticism * 1.0;
      let best = Number.POSITIVE_INFINITY;
      let bestPool: number | null = null;
      pools.forEach((pool, q) => {
        if (pool.bankrupt) return;
        const prem = premium(riskEstimate(a.baselineRisk, pool.kompCapital, pool.engCapital, p.alpha_k, p.alpha_e), a.wealth, p.premium_rate_base, pool.loading);
        if (prem <= willingness && prem < best) {
          best = prem;
          bestPool = q;
        }
      });
      if (bestPool !== null) {
        a.wealth -= best;
        pools[bestPool]!.capital += best;
        pools[bestPool]!.premiums += best;
        a.insuredPool = bestPool;
        a.paidStep = t;
      }
    }

    // ---- market ----
    // candidates: what an eligible pool whose value factor reaches 5 could afford at the lowest ask
    const canBuy = pools.map((pool) => sw.bankruptBuys || !pool.bankrupt);
    const engFactor = (e: number) => p.value_multiplier_eng + p.eng_productivity_factor * (1 + e / 1000);
    const buyers = pools.filter((pool, q) => canBuy[q] && pool.capital > 0);
    const engBuyers = buyers.filter((pool) => engFactor(pool.engCapital) >= MIN_ASK_FACTOR);
    const capEng = Math.max(0, ...engBuyers.map((pool) => pool.capital));
    const capKomp = kompromatOfferable ? Math.max(0, ...buyers.map((pool) => pool.capital)) : 0;
    const candidates = market.filter((s) => {
      if (s.status !== "unsold") return false;
      const capMax = s.kind === "engineering" ? capEng : capKomp;
      return capMax > 0 && s.amount * s.potency * MIN_ASK_FACTOR <= capMax;
    });
    // an ask for each candidate, in listing order; keep those some pool could buy at that ask
    const offered: Secret[] = [];
    const asks: number[] = [];
    for (const s of candidates) {
      const ap = s.amount * s.potency;
      const ask = sw.ask === "fixed" ? s.listedAsk : ap * uniformBetween(rAsks, 0.5, 1.5) * 10;
      const couldBuy = buyers.some((pool) => {
        if (ask > pool.capital) return false;
        if (s.kind === "kompromat") return kompromatOfferable && ask <= ap * (p.value_multiplier_komp * VALUE_MARGIN);
        if (!engBuyers.includes(pool)) return false;
        // most the value factor can reach this phase: eng capital grows by at most capital/5
        return ask <= ap * (engFactor(pool.engCapital + pool.capital / MIN_ASK_FACTOR) * VALUE_MARGIN);
      });
      if (couldBuy) {
        offered.push(s);
        asks.push(ask);
      }
    }
    // in a uniformly random order
    for (let i = offered.length - 1; i > 0; i--) {
      const j = rShuffle.below(i + 1);
      [offered[i], offered[j]] = [offered[j]!, offered[i]!];
      [asks[i], asks[j]] = [asks[j]!, asks[i]!];
    }
    offered.forEach((s, o) => {
      const ask = asks[o]!;
      const ap = s.amount * s.potency;
      for (const q of poolOrder(sw.poolOrder, s.id, t, p.n_pools, rPoolOrder)) {
        const pool = pools[q]!;
        if (!canBuy[q]) continue;
        const total =
          s.kind === "engineering"
            ? engineeringValue(ap, p.value_multiplier_eng) + futureReturn(ap, p.eng_productivity_factor, pool.engCapital)
            : kompromatValue(ap, p.value_multiplier_komp);
        if (!(total >= ask && pool.capital >= ask)) continue;
        pool.capital -= ask;
        pool.purchaseCost += ask;
        if (s.kind === "engineering") {
          const fr = futureReturn(ap, p.eng_productivity_factor, pool.engCapital);
          pool.engCapital += ap;
          pool.avgEngPotency = movingAverage(pool.avgEngPotency, s.potency, p.learning_rate);
          pool.streams.push({ stepsLeft: p.eng_asset_lifetime, perStep: fr / p.eng_asset_lifetime });
        } else {
          pool.kompCapital += ap;
          pool.avgKompPotency = movingAverage(pool.avgKompPotency, s.potency, p.learning_rate);
        }
        s.status = "sold";
        break;
      }
    });

    // ---- future returns (§4.5, literally) ----
    for (const pool of pools) {
      let income = 0;
      const kept: Stream[] = [];
      for (const st of pool.streams) {
        if (st.stepsLeft > 0) {
          income += st.perStep;
          kept.push({ stepsLeft: st.stepsLeft - 1, perStep: st.perStep });
        }
      }
      pool.streams = kept;
      pool.capital += income;
      pool.investmentIncome += income;
    }

    // ---- claims ----
    for (const { agent: i, amount } of losses) {
      const a = agents[i]!;
      const loss = sw.lossWealth === "stepStart" ? amount : a.wealth * p.loss_frac;
      if (!(loss > 0)) continue;
      if (covered(a, t)) {
        const pool = pools[a.insuredPool!]!;
        const payout = Math.min(loss, pool.capital);
        pool.capital -= payout;
        pool.claims += payout;
        if (pool.capital <= 0) pool.bankrupt = true;
        a.wealth += payout - loss;
      } else {
        a.wealth -= loss;
      }
      a.wealth = Math.max(0, a.wealth);
    }
  }

  // ---- metrics (§8) ----
  const alive = agents.filter((a) => !a.flipped);
  const last = options.steps - 1;
  const insured = alive.filter((a) => (sw.cover === "sticky" ? a.insuredPool !== null : covered(a, last))).length;
  let profit = 0;
  let capSum = 0;
  let purchases = 0;
  let claims = 0;
  let income = 0;
  let prem = 0;
  for (const pool of pools) {
    profit += pool.capital - p.init_cap;
    capSum += pool.capital;
    purchases += pool.purchaseCost;
    claims += pool.claims;
    income += pool.investmentIncome;
    prem += pool.premiums + pool.subscriptions;
  }
  return {
    flips: agents.length - alive.length,
    total_pool_profit: profit,
    insurance_penetration: alive.length > 0 ? insured / alive.length : 0,
    mean_pool_capital: capSum / pools.length,
    total_secret_purchases: purchases,
    total_claims: claims,
    total_investment_income: income,
    total_premiums: prem,
    gini: gini(alive.map((a) => a.wealth)),
    bankrupt_pools: pools.filter((pool) => pool.bankrupt).length,
    insured_end: insured,
  };
}

function poolOrder(rule: ReadingSwitches["poolOrder"], listingId: number, t: number, n: number, s: RandomStream): number[] {
  const order = Array.from({ length: n }, (_, r) => r);
  if (rule === "fair") return order.map((r) => (((listingId + t) % n) + r) % n);
  if (rule === "shuffled") {
    for (let r = n - 1; r > 0; r--) {
      const j = s.below(r + 1);
      [order[r], order[j]] = [order[j]!, order[r]!];
    }
  }
  return order;
}
