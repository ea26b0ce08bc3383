/**
 * The archetype model: a population of agents driven day by day through the credit ledger.
 *
 * One day (internal day D, time t0 = D·86,400 s since genesis):
 *   t0          the metrics reporter posts yesterday's median, Gini and velocity; `evaluate()` runs
 *   t0 + 1      scenario admin actions (levers, acknowledgements)
 *   t0 + 2 …    arrivals (starter grants, referrals), then every agent operation of the day in a
 *               seeded random order, spread evenly over the day (so the 6-hour ramps matter)
 *   t0 + 86,395 disputes opened today are resolved
 *   t0 + 86,398 the reporter settles the decay of accounts with a decay step due (`settleDecay`)
 *   t0 + 86,399 end-of-day metrics
 *
 * The ledger is the bigint reference itself (no second arithmetic): measured fast enough at 100K
 * agents × 180 days (see README "Credit economy").
 */
import type { SubmissionType } from "./config.js";
import { SUBMISSION_TYPES, defaultLedgerConfig, type LedgerConfig } from "./config.js";
import { ARCHETYPES, defaultBehaviour, ratesAt, type Archetype, type BehaviourConfig, type ScaleRates } from "./behaviour.js";
import { CreditLedger, faucetTotal, sinkTotal, volumeTotal, zeroFlows, type Flows } from "./ledger.js";
import { band, giniSorted, medianSorted, topShareSorted, METRIC_KEYS, type Band, type MetricKey } from "./metrics.js";
import type { LedgerOp } from "./ops.js";
import { FLAG, Population } from "./population.js";
import { EconomyStreams, type Stream } from "./random.js";
import { CREDIT, DAY, WAD, fromFloat6, toCredits } from "./units.js";

// ---- operation kinds of a day ----
export const OP = {
  validate: 0,
  submit: 1,
  mission: 2,
  review: 3,
  vote: 4,
  circle: 5,
  priority: 6,
  dispute: 7,
  feature: 8,
  topUp: 9,
  spam: 10,
  reserveMission: 11,
  grant: 12,
  referral: 13,
} as const;
export type OpKind = (typeof OP)[keyof typeof OP];

/** A day's operations as parallel arrays: kind, agent and two integer arguments. */
export class DayOps {
  kind = new Uint8Array(1 << 16);
  agent = new Int32Array(1 << 16);
  a1 = new Int32Array(1 << 16);
  a2 = new Int32Array(1 << 16);
  n = 0;
  push(kind: OpKind, agent: number, a1 = 0, a2 = 0): void {
    if (this.n === this.kind.length) this.grow();
    const i = this.n++;
    this.kind[i] = kind;
    this.agent[i] = agent;
    this.a1[i] = a1;
    this.a2[i] = a2;
  }
  clear(): void {
    this.n = 0;
  }
  private grow(): void {
    const m = this.kind.length * 2;
    const k = new Uint8Array(m);
    k.set(this.kind);
    const a = new Int32Array(m);
    a.set(this.agent);
    const b = new Int32Array(m);
    b.set(this.a1);
    const c = new Int32Array(m);
    c.set(this.a2);
    this.kind = k;
    this.agent = a;
    this.a1 = b;
    this.a2 = c;
  }
}

export interface DayRow {
  /** Scenario day: negative during the warm-up. */
  day: number;
  phase: string;
  agentsPresent: number;
  agentsRegistered: number;
  /** Credits (floats, for reporting). */
  supply: number;
  rewardPool: number;
  reserve: number;
  escrow: number;
  burnedTotal: number;
  issuedTotal: number;
  faucet: number;
  sink: number;
  faucetByKind: Record<string, number>;
  sinkByKind: Record<string, number>;
  /** Submission costs paid into the reward pool today. */
  poolInflow: number;
  // §2.4 metrics
  inflationMonthly: number | null;
  inflationDaily: number | null;
  median: number;
  gini: number;
  velocity: number | null;
  activePct: number;
  faucetSinkRatio: number | null;
  bands: Record<MetricKey, Band | null>;
  top1Share: number;
  // activity
  submissionsWanted: number;
  submissions: number;
  validationTasks: number;
  validations: number;
  validationsUnpaid: number;
  backlog: number;
  missions: number;
  // ledger state
  capped: boolean;
  activeAgents30: number;
  responses: number;
  params: Record<string, number>;
  extra: Record<string, number>;
}

export interface EconomyContext {
  readonly ledger: CreditLedger;
  readonly pop: Population;
  readonly streams: EconomyStreams;
  readonly behaviour: BehaviourConfig;
  readonly config: EconomyRunConfig;
  /** Internal day (0 = genesis). */
  D: number;
  /** Scenario day (D − warmupDays). */
  day: number;
  t0: number;
  /** Present agents today (indices). */
  present: Int32Array;
  presentCount: number;
  rates: ScaleRates;
  /** Multiplier on mission counts (1 = normal; a mission provider withdrawing sets it lower). */
  missionAvailability: number;
  /** Missions paid from the reserve instead of issued (scenario 5's internal missions). */
  missionsFromReserve: boolean;
  /** Scenario scratch space. */
  readonly state: Record<string, number>;
  /** Rows so far. */
  readonly rows: DayRow[];
  /** Adds an agent today. */
  addAgent(arch: Archetype, flags?: number): number;
}

export interface ScenarioHooks {
  /** Name of the phase a scenario day falls in. */
  phase?(day: number): string;
  /** Agents at genesis. */
  initialAgents: number;
  setup?(ctx: EconomyContext): void;
  /** Before arrivals; admin ops go at ctx.t0 + 1. */
  beforeDay?(ctx: EconomyContext): void;
  /** Overrides the number of arrivals today (default: Poisson of the §1.1 arrival rate). */
  arrivals?(ctx: EconomyContext, normal: number): number;
  /** Extra operations of the day (shuffled with the rest). */
  extraOps?(ctx: EconomyContext, ops: DayOps): void;
  /** Called after a spam submission executed (detection, slashing). */
  afterSpam?(ctx: EconomyContext, agent: number, count: number, t: number, paid: bigint): void;
  /** Extra numbers for the day's row. */
  extras?(ctx: EconomyContext): Record<string, number>;
  /** Agents excluded from random departures. */
  keepPresent?(ctx: EconomyContext, agent: number): boolean;
  /** Missions per day of one agent (default: the archetype's mean). */
  missionsMean?(ctx: EconomyContext, agent: number, normal: number): number;
  /** Reward range of an agent's missions (default: the archetype's). */
  missionRange?(ctx: EconomyContext, agent: number, normal: readonly [number, number]): readonly [number, number];
}

export interface EconomyRunConfig {
  seed: string;
  warmupDays: number;
  days: number;
  ledger: LedgerConfig;
  behaviour: BehaviourConfig;
  /** The reporter settles due decay at the end of each day (true: the supply is current on-chain). */
  settleDecayDaily: boolean;
  /** The operator acknowledges a supply-cap breach at the start of the next day (false: the design's 25% escalation applies). */
  acknowledgeCapBreach: boolean;
  /** Internal day on which the automatic adjustment is switched on (0: from genesis). Before it the ledger runs with it off (§7 migration path). */
  autoAdjustFromDay: number;
  /** Record every ledger operation (for replay on-chain). */
  onOp?: (op: LedgerOp) => void;
  /** Progress callback per day. */
  onDay?: (row: DayRow) => void;
}

export function defaultRunConfig(over: Partial<EconomyRunConfig> = {}): EconomyRunConfig {
  return {
    seed: "1",
    warmupDays: 0,
    days: 180,
    ledger: defaultLedgerConfig(),
    behaviour: defaultBehaviour(),
    settleDecayDaily: true,
    acknowledgeCapBreach: false,
    autoAdjustFromDay: 30,
    ...over,
  };
}

export interface EconomyRunResult {
  rows: DayRow[];
  ledger: CreditLedger;
  pop: Population;
  state: Record<string, number>;
  /** Ledger operations executed. */
  operations: number;
  seconds: number;
}

const FAUCET_KINDS = ["validation", "mission", "review", "referral", "starter", "topUp", "disputeBonus"] as const;
const SINK_KINDS = ["submission", "vote", "circle", "priority", "feature", "decay", "slash", "disputeBurned"] as const;
const TYPE_INDEX: readonly SubmissionType[] = SUBMISSION_TYPES;

/** Runs the model: warm-up days, then `days` reported days. Pure function of (config, scenario). */
export function runEconomy(config: EconomyRunConfig, scenario: ScenarioHooks): EconomyRunResult {
  const started = performance.now();
  const ledger = new CreditLedger(config.ledger);
  if (config.onOp) ledger.onOp = config.onOp;
  const pop = new Population(Math.max(1024, scenario.initialAgents * 2));
  const streams = new EconomyStreams(config.seed);
  const B = config.behaviour;
  const rows: DayRow[] = [];
  const rsPop = streams.get("population");
  const rsAct = streams.get("activity");
  const rsEv = streams.get("events");
  const rsAlloc = streams.get("allocation");
  const rsOrder = streams.get("order");
  const rsChurn = streams.get("churn");

  const archShares = ARCHETYPES.map((a) => B.archetypes[a].share);
  const drawArchetype = (s: Stream): Archetype => {
    let u = s.uniform();
    for (let k = 0; k < ARCHETYPES.length; k++) {
      u -= archShares[k]!;
      if (u < 0) return ARCHETYPES[k]!;
    }
    return ARCHETYPES[ARCHETYPES.length - 1]!;
  };
  const drawF1 = (): number => {
    const [lo, hi] = B.f1Range;
    return Math.round((lo + (hi - lo) * rsPop.uniform()) * 1000) / 1000;
  };

  const ctx: EconomyContext = {
    ledger,
    pop,
    streams,
    behaviour: B,
    config,
    D: 0,
    day: -config.warmupDays,
    t0: 0,
    present: new Int32Array(0),
    presentCount: 0,
    rates: ratesAt(scenario.initialAgents),
    missionAvailability: 1,
    missionsFromReserve: false,
    state: {},
    rows,
    addAgent(arch: Archetype, flags = 0): number {
      return pop.add(arch, drawF1(), ctx.D, flags);
    },
  };

  for (let i = 0; i < scenario.initialAgents; i++) ctx.addAgent(drawArchetype(rsPop));
  scenario.setup?.(ctx);

  const ops = new DayOps();
  let backlog = 0;
  let submissionsYesterday = 0;
  let disputeSeq = 0;
  let operations = 0;
  const supplyHist: number[] = [];
  const volumeHist: number[] = [];
  let prevFlows: Flows = zeroFlows();
  let lastReport: { median: bigint; gini: bigint; velocity: bigint } | null = null;
  let presentBuf = new Int32Array(pop.n * 2 + 16);
  const qualityGrid = (): bigint => {
    const [lo, hi] = B.qualityRange;
    const q = Math.round((lo + (hi - lo) * rsAct.uniform()) * 100) / 100;
    return fromFloat6(q);
  };
  const f1Min = Number(config.ledger.f1Min) / 1e18;

  const totalDays = config.warmupDays + config.days;
  for (let D = 0; D < totalDays; D++) {
    const t0 = D * DAY;
    ctx.D = D;
    ctx.day = D - config.warmupDays;
    ctx.t0 = t0;

    // ---- 00:00: report and evaluate ----
    if (D === 0 && config.autoAdjustFromDay > 0 && ledger.autoAdjustEnabled) {
      ledger.setAutoAdjustment(0, false);
      operations++;
    }
    if (D === config.autoAdjustFromDay && D > 0 && !ledger.autoAdjustEnabled) {
      ledger.setAutoAdjustment(t0, true);
      operations++;
    }
    if (D >= 1 && lastReport) ledger.reportMetrics(t0, D, lastReport.median, lastReport.gini, lastReport.velocity);
    const responses = ledger.evaluate(t0);
    operations += D >= 1 && lastReport ? 2 : 1;
    if (config.acknowledgeCapBreach && ledger.supplyCapped && !ledger.capAcknowledgedFlag) {
      ledger.acknowledgeCapBreach(t0);
      operations++;
    }
    scenario.beforeDay?.(ctx);

    // ---- arrivals and departures ----
    if (presentBuf.length < pop.n + 1) presentBuf = new Int32Array(pop.n * 2 + 16);
    let P = 0;
    for (let i = 0; i < pop.n; i++) if (pop.isPresent(i)) presentBuf[P++] = i;
    ctx.rates = ratesAt(P);
    const normalArrivals = rsChurn.poisson(P * ctx.rates.arrivals);
    const arrivals = scenario.arrivals ? scenario.arrivals(ctx, normalArrivals) : D === 0 ? 0 : normalArrivals;
    const existingP = P;
    const newcomers: number[] = [];
    for (let k = 0; k < arrivals; k++) {
      const i = ctx.addAgent(drawArchetype(rsChurn));
      newcomers.push(i);
    }
    if (B.departuresMatchArrivals && D > 0 && existingP > 0) {
      let leaving = normalArrivals;
      let guard = 0;
      while (leaving > 0 && guard++ < normalArrivals * 20 + 100) {
        const i = presentBuf[rsChurn.below(existingP)]!;
        if (!pop.isPresent(i) || pop.flags[i]! & (FLAG.whale | FLAG.attacker)) continue;
        if (scenario.keepPresent?.(ctx, i)) continue;
        pop.left[i] = D;
        leaving--;
      }
    }
    P = 0;
    if (presentBuf.length < pop.n + 1) presentBuf = new Int32Array(pop.n * 2 + 16);
    for (let i = 0; i < pop.n; i++) if (pop.isPresent(i)) presentBuf[P++] = i;
    ctx.present = presentBuf;
    ctx.presentCount = P;

    // ---- build the day's operations ----
    ops.clear();
    // starter grants: today's arrivals and earlier agents whose grant was suspended
    for (let k = 0; k < P; k++) {
      const i = presentBuf[k]!;
      if (!(pop.flags[i]! & FLAG.granted)) ops.push(OP.grant, i);
    }
    for (const i of newcomers) {
      if (existingP > 0 && rsChurn.uniform() < B.referredShare) {
        const r = presentBuf[rsChurn.below(P)]!;
        if (r !== i && pop.joined[r]! < D) ops.push(OP.referral, r, i);
      }
    }
    const fixedOps = ops.n;

    // validation work
    const tasks = backlog + B.consensus * submissionsYesterday;
    const capNow = ledger.validationCap(t0 + 1);
    const wants = new Float64Array(P);
    let totalWant = 0;
    let totalHeadroom = 0;
    for (let k = 0; k < P; k++) {
      const i = presentBuf[k]!;
      const spec = B.archetypes[ARCHETYPES[pop.arch[i]!]!];
      if (spec.validations <= 0) continue;
      if (pop.flags[i]! & (FLAG.removed | FLAG.attacker)) continue;
      if (pop.joined[i]! > 0 && D - pop.joined[i]! < B.poolMaturityDays) continue;
      if (pop.f1[i]! < f1Min) continue;
      const want = Math.min(spec.validations, capNow);
      wants[k] = want;
      totalWant += want;
      totalHeadroom += Math.max(0, capNow - want);
    }
    let validationsAllocated = 0;
    if (totalWant > 0 && tasks > 0) {
      const share = Math.min(1, tasks / totalWant);
      const surplus = tasks - totalWant;
      const surge = B.surgeToCap && surplus > 0 && totalHeadroom > 0 ? Math.min(1, surplus / totalHeadroom) : 0;
      for (let k = 0; k < P; k++) {
        const want = wants[k]!;
        if (want <= 0) continue;
        let x = want * share + (surge > 0 ? Math.max(0, capNow - want) * surge : 0);
        const whole = Math.floor(x);
        x = whole + (rsAlloc.uniform() < x - whole ? 1 : 0);
        if (x > 0) {
          ops.push(OP.validate, presentBuf[k]!, x);
          validationsAllocated += x;
        }
      }
    }
    const validationsThisDay = Math.min(validationsAllocated, tasks);
    backlog = Math.max(0, tasks - validationsAllocated);

    // submissions and missions
    let missionCount = 0;
    const typeCounts = [0, 0, 0];
    for (let k = 0; k < P; k++) {
      const i = presentBuf[k]!;
      const fl = pop.flags[i]!;
      if (fl & FLAG.attacker) continue;
      const spec = B.archetypes[ARCHETYPES[pop.arch[i]!]!];
      const subs = rsAct.poisson(spec.submissions);
      if (subs > 0) {
        typeCounts[0] = typeCounts[1] = typeCounts[2] = 0;
        if (spec.mix.problem === 1) typeCounts[0] = subs;
        else if (spec.mix.debate === 1) typeCounts[2] = subs;
        else if (spec.mix.solution === 1) typeCounts[1] = subs;
        else {
          for (let s = 0; s < subs; s++) {
            const u = rsAct.uniform();
            typeCounts[u < spec.mix.problem ? 0 : u < spec.mix.problem + spec.mix.solution ? 1 : 2]!++;
          }
        }
        for (let ty = 0; ty < 3; ty++) if (typeCounts[ty]! > 0) ops.push(OP.submit, i, ty, typeCounts[ty]!);
      }
      if (spec.missions > 0 && ctx.missionAvailability > 0) {
        const mean = (scenario.missionsMean ? scenario.missionsMean(ctx, i, spec.missions) : spec.missions) * ctx.missionAvailability;
        const m = rsAct.poisson(mean);
        const [lo, hi] = scenario.missionRange ? scenario.missionRange(ctx, i, spec.missionReward) : spec.missionReward;
        for (let j = 0; j < m; j++) {
          ops.push(ctx.missionsFromReserve ? OP.reserveMission : OP.mission, i, rsAct.between(lo, hi));
          missionCount++;
        }
      }
    }
    // §1.1 events spread over present agents
    const pickAgent = (): number => {
      for (let g = 0; g < 50; g++) {
        const i = presentBuf[rsEv.below(P)]!;
        if (!(pop.flags[i]! & FLAG.attacker)) return i;
      }
      return presentBuf[0]!;
    };
    if (P > 0) {
      const [rlo, rhi] = B.reviewTenths;
      const nReviews = rsEv.poisson(P * ctx.rates.reviews);
      for (let j = 0; j < nReviews; j++) ops.push(OP.review, pickAgent(), rsEv.between(rlo, rhi));
      const nVotes = rsEv.poisson(P * ctx.rates.votes);
      for (let j = 0; j < nVotes; j++) ops.push(OP.vote, pickAgent());
      const nCircles = rsEv.poisson(P * ctx.rates.circles);
      for (let j = 0; j < nCircles; j++) ops.push(OP.circle, pickAgent());
      const nPriority = rsEv.poisson(P * ctx.rates.priority);
      for (let j = 0; j < nPriority; j++) ops.push(OP.priority, pickAgent());
      const nDisputes = rsEv.poisson(P * ctx.rates.disputes);
      for (let j = 0; j < nDisputes; j++) ops.push(OP.dispute, pickAgent(), rsEv.uniform() < B.disputeFailShare ? 0 : 1);
    }
    // emergency top-up claims while a round is open
    const round = ledger.currentTopUpRound;
    if (round.round > 0 && t0 + 2 < round.openedAt + config.ledger.topUpWindow) {
      for (let k = 0; k < P; k++) {
        const i = presentBuf[k]!;
        if (ledger.balanceOf(i, t0 + 1) < config.ledger.topUpBelow) ops.push(OP.topUp, i);
      }
    }
    scenario.extraOps?.(ctx, ops);

    // ---- order and execute ----
    const nOps = ops.n;
    const order = new Int32Array(nOps - fixedOps);
    for (let j = 0; j < order.length; j++) order[j] = fixedOps + j;
    rsOrder.shuffle(order);
    const span = 86_390;
    let submissionsWanted = 0;
    let submissionsDone = 0;
    let validationsUnpaid = 0;
    const opened: [number, boolean][] = [];
    for (let j = 0; j < nOps; j++) {
      const idx = j < fixedOps ? j : order[j - fixedOps]!;
      const t = t0 + 2 + Math.floor((j * span) / Math.max(1, nOps));
      const a = ops.agent[idx]!;
      const kind = ops.kind[idx]!;
      const a1 = ops.a1[idx]!;
      const a2 = ops.a2[idx]!;
      switch (kind) {
        case OP.grant:
          if (!ledger.starterGrantSuspended(a, t)) {
            ledger.grantStarter(t, a);
            pop.flags[a]! |= FLAG.granted;
            operations++;
          }
          break;
        case OP.referral:
          ledger.rewardReferral(t, a, a1);
          operations++;
          break;
        case OP.validate: {
          ledger.rewardValidations(t, a, a1, pop.f1Wad[a]!, qualityGrid());
          validationsUnpaid += a1 - ledger.lastValidationsPaid;
          operations++;
          break;
        }
        case OP.submit:
        case OP.spam: {
          const type = TYPE_INDEX[a1]!;
          if (kind === OP.submit) submissionsWanted += a2;
          const n = ledger.affordableSubmissions(a, type, a2, t);
          if (n > 0) {
            const paid = ledger.chargeSubmission(t, a, type, n);
            submissionsDone += n;
            operations++;
            if (kind === OP.spam) scenario.afterSpam?.(ctx, a, n, t, paid);
          }
          break;
        }
        case OP.mission:
        case OP.reserveMission: {
          const amount = BigInt(a1) * CREDIT;
          if (kind === OP.reserveMission) {
            // internal missions: paid from the reserve alone, while it can pay the boosted amount in full
            if (ledger.reserve >= (amount * ledger.factor("missionBoost", t)) / WAD) {
              ledger.rewardMission(t, a, amount, true);
              operations++;
            }
          } else {
            ledger.rewardMission(t, a, amount, false);
            operations++;
          }
          break;
        }
        case OP.review:
          ledger.rewardEvidenceReview(t, a, (BigInt(a1) * CREDIT) / 10n);
          operations++;
          break;
        case OP.vote:
        case OP.circle:
        case OP.priority: {
          const sk = kind === OP.vote ? "vote" : kind === OP.circle ? "circle" : "priority";
          if (ledger.balanceOf(a, t) >= config.ledger.spendCost[sk]) {
            ledger.chargeSpend(t, a, sk);
            operations++;
          }
          break;
        }
        case OP.dispute:
          if (ledger.balanceOf(a, t) >= config.ledger.disputeStake) {
            const id = ++disputeSeq;
            ledger.openDispute(t, a, id);
            opened.push([id, a1 === 1]);
            operations++;
          }
          break;
        case OP.feature: {
          const amount = BigInt(a1) * CREDIT;
          if (ledger.balanceOf(a, t) >= amount) {
            ledger.buyFeature(t, a, amount);
            operations++;
          }
          break;
        }
        case OP.topUp:
          if (ledger.canClaimTopUp(a, t)) {
            ledger.claimEmergencyTopUp(t, a);
            operations++;
          }
          break;
      }
    }
    for (const [id, upheld] of opened) {
      ledger.resolveDispute(t0 + 86_395, id, upheld);
      operations++;
    }
    if (config.settleDecayDaily) {
      const tp = t0 + 86_398;
      const threshold = config.ledger.inactivityThreshold;
      for (let i = 0; i < pop.n; i++) {
        const la = ledger.lastActivity(i);
        if (la < 0 || la + threshold > tp) continue;
        if (ledger.decayDue(i, tp)) {
          ledger.settleDecay(tp, i);
          operations++;
        }
      }
    }
    submissionsYesterday = submissionsDone;

    // ---- end-of-day metrics ----
    const tEnd = t0 + 86_399;
    const flows = ledger.flows;
    const dayFlows = diffFlows(flows, prevFlows);
    prevFlows = { ...flows };
    const faucet = toCredits(faucetTotal(dayFlows));
    const sink = toCredits(sinkTotal(dayFlows));
    const supply = toCredits(ledger.supply);
    supplyHist.push(supply);
    volumeHist.push(toCredits(volumeTotal(dayFlows)));

    const n = pop.n;
    const bal90 = new Float64Array(n);
    const all = new Float64Array(n);
    let n90 = 0;
    let active7 = 0;
    let nonZero = 0;
    for (let i = 0; i < n; i++) {
      const b = toCredits(ledger.settledBalanceOf(i));
      all[i] = b;
      if (b > 0) nonZero++;
      const la = ledger.lastActivity(i);
      if (la >= 0 && la > tEnd - 90 * DAY) bal90[n90++] = b;
      if (la >= 0 && la > tEnd - 7 * DAY) active7++;
    }
    const s90 = bal90.subarray(0, n90).sort();
    all.sort();
    const median = medianSorted(s90, n90);
    const gini = giniSorted(s90, n90);
    const top1Share = topShareSorted(all, n, 0.01);
    const h = supplyHist.length;
    const inflationMonthly = h > 30 && supplyHist[h - 31]! > 0 ? supply / supplyHist[h - 31]! - 1 : null;
    const inflationDaily = h > 1 && supplyHist[h - 2]! > 0 ? supply / supplyHist[h - 2]! - 1 : null;
    const win = Math.min(30, h);
    let vol = 0;
    let sup = 0;
    for (let k = h - win; k < h; k++) {
      vol += volumeHist[k]!;
      sup += supplyHist[k]!;
    }
    const velocity = win >= 7 && sup > 0 ? (vol * (30 / win)) / (sup / win) : null;
    const activePct = nonZero > 0 ? active7 / nonZero : 0;
    const faucetSinkRatio = sink > 0 ? faucet / sink : null;
    const metricValues: Record<MetricKey, number | null> = { inflationMonthly, median, gini, velocity, activePct, faucetSinkRatio };
    const bands = {} as Record<MetricKey, Band | null>;
    for (const k of METRIC_KEYS) bands[k] = band(k, metricValues[k]);
    lastReport = {
      median: fromFloat6(median) <= ledger.supply ? fromFloat6(median) : ledger.supply,
      gini: fromFloat6(Math.min(1, Math.max(0, gini))),
      velocity: fromFloat6(velocity ?? (win > 0 && sup > 0 ? (vol * (30 / win)) / (sup / win) : 0)),
    };
    const faucetByKind: Record<string, number> = {};
    for (const k of FAUCET_KINDS) faucetByKind[k] = toCredits(dayFlows[k]);
    const sinkByKind: Record<string, number> = {};
    for (const k of SINK_KINDS) sinkByKind[k] = toCredits(dayFlows[k]);
    const row: DayRow = {
      day: ctx.day,
      phase: scenario.phase ? scenario.phase(ctx.day) : ctx.day < 0 ? "warm-up" : "run",
      agentsPresent: P,
      agentsRegistered: n,
      supply,
      rewardPool: toCredits(ledger.rewardPool),
      reserve: toCredits(ledger.reserve),
      escrow: toCredits(ledger.escrow),
      burnedTotal: toCredits(ledger.totalBurned),
      issuedTotal: toCredits(ledger.totalIssued),
      faucet,
      sink,
      faucetByKind,
      sinkByKind,
      poolInflow: toCredits(dayFlows.toPool),
      inflationMonthly,
      inflationDaily,
      median,
      gini,
      velocity,
      activePct,
      faucetSinkRatio,
      bands,
      top1Share,
      submissionsWanted,
      submissions: submissionsDone,
      validationTasks: tasks,
      validations: validationsThisDay - validationsUnpaid,
      validationsUnpaid,
      backlog,
      missions: missionCount,
      capped: ledger.supplyCapped,
      activeAgents30: ledger.activeAgents(tEnd),
      responses,
      params: {
        validationReward: toCredits(ledger.validationReward(tEnd)),
        problemCost: toCredits(ledger.submissionCost("problem", tEnd)),
        solutionCost: toCredits(ledger.submissionCost("solution", tEnd)),
        debateCost: toCredits(ledger.submissionCost("debate", tEnd)),
        validationCap: ledger.validationCap(tEnd),
        earningCap: toCredits(ledger.earningCap(tEnd)),
        decayRate: Number(ledger.decayRate(tEnd)) / 1e18,
        drRate: Number(ledger.drRate(tEnd)) / 1e18,
        missionBoost: Number(ledger.factor("missionBoost", tEnd)) / 1e18,
        validationBoost: Number(ledger.factor("validationBoost", tEnd)) / 1e18,
        costMultiplier: Number(ledger.lever("submissionCostMultiplier", tEnd)) / 1e18,
        starterGrant: toCredits(ledger.lever("starterGrant", tEnd)),
        discounts: ledger.discountsActive ? 1 : 0,
      },
      extra: scenario.extras ? scenario.extras(ctx) : {},
    };
    rows.push(row);
    config.onDay?.(row);
  }
  return { rows, ledger, pop, state: ctx.state, operations, seconds: (performance.now() - started) / 1000 };
}

function diffFlows(a: Flows, b: Flows): Flows {
  const d = zeroFlows();
  for (const k of Object.keys(d) as (keyof Flows)[]) d[k] = a[k] - b[k];
  return d;
}

/** WAD → float. */
export const fromWad = (x: bigint): number => Number(x) / Number(WAD);
