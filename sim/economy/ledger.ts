/**
 * The credit ledger: the pure TypeScript reference of what the credit-economy contracts do, in integer
 * credit wei. Every rule, its rounding, its events and its errors are specified in LEDGER.md; this file
 * is that specification executed. The off-chain model drives it day by day; the harness replays the
 * same operations (see ops.ts) against the contracts and compares every balance, the supply, the burn
 * total and the reserve exactly.
 *
 * Conventions (LEDGER.md §1):
 * - time `t` is whole seconds since genesis, non-decreasing across operations (block timestamps);
 * - day = ⌊t / 86,400⌋;
 * - an operation first computes everything it needs without changing state, checks, then applies its
 *   effects in the order the specification gives, so that a failing operation changes nothing;
 * - agents are numbered (the harness maps numbers to addresses).
 */
import { ActiveWindow } from "./active-window.js";
import {
  AUTO_PARAMS,
  BOOST_PARAMS,
  COST_PARAM,
  LEVERS,
  checkLedgerConfig,
  defaultLedgerConfig,
  type AutoParam,
  type LedgerConfig,
  type Lever,
  type SpendKind,
  type SubmissionType,
} from "./config.js";
import { LedgerError, type ErrorArgs } from "./errors.js";
import type { LedgerOp } from "./ops.js";
import { BPS as BPS_, DAY, WAD as WAD_, wad } from "./units.js";

// Hot-path constants and helpers kept module-local (an imported binding is a property read per use
// once transpiled; measured ~5% of a 100K-agent run).
const WAD = WAD_;
const BPS = BPS_;
const mulDivDown = (x: bigint, y: bigint, d: bigint): bigint => (x * y) / d;
const mulDivUp = (x: bigint, y: bigint, d: bigint): bigint => {
  const p = x * y;
  const q = p / d;
  return q * d === p ? q : q + 1n;
};
const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const maxBig = (a: bigint, b: bigint): bigint => (a > b ? a : b);

export type EventArgs = ErrorArgs;
export interface LedgerEvent {
  name: string;
  t: number;
  args: EventArgs;
}

/** Cumulative credit flows by kind (credit wei). Faucets add to agent balances; sinks take from them. */
export interface Flows {
  // faucets
  validation: bigint;
  validationFromPool: bigint;
  mission: bigint;
  missionFromReserve: bigint;
  review: bigint;
  referral: bigint;
  starter: bigint;
  topUp: bigint;
  disputeBonus: bigint;
  // sinks (spending)
  submission: bigint;
  vote: bigint;
  circle: bigint;
  priority: bigint;
  feature: bigint;
  // sinks (burns outside spending)
  decay: bigint;
  slash: bigint;
  disputeBurned: bigint;
  // escrow movements (neither faucet nor sink)
  stakeLocked: bigint;
  stakeReturned: bigint;
  // where spending went
  toPool: bigint;
  toReserve: bigint;
  spendBurned: bigint;
}

const FLOW_KEYS = [
  "validation", "validationFromPool", "mission", "missionFromReserve", "review", "referral", "starter", "topUp", "disputeBonus",
  "submission", "vote", "circle", "priority", "feature", "decay", "slash", "disputeBurned", "stakeLocked", "stakeReturned",
  "toPool", "toReserve", "spendBurned",
] as const satisfies readonly (keyof Flows)[];

export function zeroFlows(): Flows {
  const f = {} as Flows;
  for (const k of FLOW_KEYS) f[k] = 0n;
  return f;
}

/** Faucet total: every credit that entered agent balances from outside them (not stake returns). */
export function faucetTotal(f: Flows): bigint {
  return f.validation + f.mission + f.review + f.referral + f.starter + f.topUp + f.disputeBonus;
}

/** Sink total: every credit that left agent balances for good (not stakes still in escrow). */
export function sinkTotal(f: Flows): bigint {
  return f.submission + f.vote + f.circle + f.priority + f.feature + f.decay + f.slash + f.disputeBurned;
}

/** Transaction volume for velocity: faucets paid, spending, and stakes placed (not decay or slashes). */
export function volumeTotal(f: Flows): bigint {
  return faucetTotal(f) + f.submission + f.vote + f.circle + f.priority + f.feature + f.stakeLocked;
}

interface FactorState {
  from: bigint;
  to: bigint;
  start: number;
  /** 0: no expiry. Boosts return to 1.0 (ramped) from this time. */
  expiresAt: number;
  /** Time of the last automatic change, −∞ if none. */
  lastAuto: number;
}

interface LeverChange {
  value: bigint;
  effectiveAt: number;
  revertsAt: number;
}

interface LeverState {
  current?: LeverChange;
  pending?: LeverChange;
}

interface Dispute {
  agent: number;
  stake: bigint;
}

export interface MetricsReport {
  day: number;
  median: bigint;
  gini: bigint;
  velocity: bigint;
}

interface DecayView {
  balance: bigint;
  burned: bigint;
  /** Steps due in total since the last activity (to store). */
  due: number;
  /** Steps applied by this settlement. */
  steps: number;
}

interface CapDecision {
  capped: boolean;
  transition: "breach" | "release" | null;
  cap: bigint;
  active: number;
}

/** Bit flags of the responses an evaluation triggered (the Evaluated event's `responses`). */
export const RESPONSE = {
  inflation: 1,
  emergencyInflation: 2,
  deflation: 4,
  liquidity: 8,
  concentration: 16,
  velocityLow: 32,
  velocityHigh: 64,
} as const;

export class CreditLedger {
  readonly config: LedgerConfig;
  onEvent: ((e: LedgerEvent) => void) | null = null;
  onOp: ((op: LedgerOp) => void) | null = null;

  // ---- totals ----
  /** Σ settled agent balances: the token's totalSupply. */
  supply = 0n;
  /** Dispute stakes held in escrow. */
  escrow = 0n;
  rewardPool = 0n;
  reserve = 0n;
  /** Credits created from nothing (faucet amounts not drawn from the pool or the reserve). */
  totalIssued = 0n;
  /** Credits destroyed. */
  totalBurned = 0n;
  readonly flows: Flows = zeroFlows();
  /** Validations paid by the last `rewardValidations` (the rest exceeded the daily cap). */
  lastValidationsPaid = 0;

  // ---- agents ----
  private cap_ = 0;
  private n_ = 0;
  private bal: bigint[] = [];
  private earned: bigint[] = [];
  private earnedMonth: bigint[] = [];
  private earnedPrevMonth: bigint[] = [];
  private monthOfCounter = new Int32Array(0);
  private lastAct = new Float64Array(0);
  private lastActClock = new Float64Array(0);
  private applied = new Int32Array(0);
  private counterDay = new Int32Array(0);
  private validationsToday = new Int32Array(0);
  private flags = new Uint8Array(0); // bit 0 starter paid, bit 1 referral paid (as referred)
  private slashes = new Uint8Array(0);
  private topUpClaimed = new Int32Array(0);

  // ---- global state ----
  private lastT = 0;
  private readonly active: ActiveWindow;
  private capped = false;
  private cappedSince = 0;
  private capAcknowledged = false;
  private suspendedTotal = 0;
  private suspStart = 0;
  private suspEnd = 0;
  private lastEvalAt = -1;
  private lastEvalSupply = 0n;
  private report: MetricsReport | null = null;
  private discounts = false;
  private autoAdjust: boolean;
  private topUpRound = 0;
  private topUpOpenedAt = 0;
  private readonly factors: Record<AutoParam, FactorState>;
  private readonly levers: Record<Lever, LeverState>;
  private readonly disputes = new Map<number, Dispute>();

  constructor(config: LedgerConfig = defaultLedgerConfig()) {
    const problems = checkLedgerConfig(config);
    if (problems.length) throw new RangeError(`invalid ledger config:\n  - ${problems.join("\n  - ")}`);
    this.config = config;
    this.active = new ActiveWindow(config.activeWindowDays);
    this.autoAdjust = config.autoAdjustAtGenesis;
    this.factors = {} as Record<AutoParam, FactorState>;
    for (const p of AUTO_PARAMS) this.factors[p] = { from: WAD, to: WAD, start: 0, expiresAt: 0, lastAuto: -Infinity };
    this.levers = {} as Record<Lever, LeverState>;
    for (const l of LEVERS) this.levers[l] = {};
    this.grow(1024);
  }

  // =====================================================================================
  // Views
  // =====================================================================================

  get agentCount(): number {
    return this.n_;
  }

  /** Balance with pending decay applied (the contract's `balanceOf`). */
  balanceOf(agent: number, t: number = this.lastT): bigint {
    if (agent >= this.n_) return 0n;
    return this.decayView(agent, t).balance;
  }

  /** The stored (settled) balance, without pending decay. */
  settledBalanceOf(agent: number): bigint {
    return agent < this.n_ ? this.bal[agent]! : 0n;
  }

  lastActivity(agent: number): number {
    return agent < this.n_ ? this.lastAct[agent]! : -1;
  }

  hasStarterGrant(agent: number): boolean {
    return agent < this.n_ && (this.flags[agent]! & 1) !== 0;
  }

  slashCount(agent: number): number {
    return agent < this.n_ ? this.slashes[agent]! : 0;
  }

  /** Agents active in the last `activeWindowDays` days as of day ⌊t/DAY⌋. */
  activeAgents(t: number = this.lastT): number {
    this.active.roll(dayOf(t));
    return this.active.count;
  }

  /** Σ pending decay is not known on-chain; this is what the contract reports. */
  get supplyCapped(): boolean {
    return this.capped;
  }

  get capAcknowledgedFlag(): boolean {
    return this.capAcknowledged;
  }

  get discountsActive(): boolean {
    return this.discounts;
  }

  get lastEvaluation(): number {
    return this.lastEvalAt;
  }

  get currentTopUpRound(): { round: number; openedAt: number } {
    return { round: this.topUpRound, openedAt: this.topUpOpenedAt };
  }

  get lastReport(): MetricsReport | null {
    return this.report;
  }

  get time(): number {
    return this.lastT;
  }

  /** The decay clock: seconds since genesis with suspended periods removed. */
  decayClock(t: number): number {
    const overlap = Math.min(Math.max(t - this.suspStart, 0), this.suspEnd - this.suspStart);
    return t - this.suspendedTotal - overlap;
  }

  get decaySuspendedUntil(): number {
    return this.suspEnd;
  }

  /** A factor's value at t (WAD): a linear ramp over `rampDuration` from its last change; boosts ramp back to 1.0 after expiry. */
  factor(p: AutoParam, t: number = this.lastT): bigint {
    const s = this.factors[p];
    const R = this.config.rampDuration;
    if (s.expiresAt > 0 && t >= s.expiresAt) return ramp(s.to, WAD, s.expiresAt, t, R);
    return ramp(s.from, s.to, s.start, t, R);
  }

  /** A lever's value at t: the manual change in force, else the default. */
  lever(l: Lever, t: number = this.lastT): bigint {
    const cur = this.leverInForce(l, t);
    return cur ? cur.value : this.config.levers[l].default;
  }

  /** Base validation reward per validation at t (credit wei): lever × factor, rounded down. */
  validationReward(t: number = this.lastT): bigint {
    return mulDivDown(this.lever("validationReward", t), this.factor("validationReward", t), WAD);
  }

  /** Undiscounted unit cost of a submission type at t: max(min, ⌈default × multiplier × factor⌉). */
  submissionCost(kind: SubmissionType, t: number = this.lastT): bigint {
    const c = this.config;
    const raw = mulDivUp(c.submissionCost[kind] * this.lever("submissionCostMultiplier", t), this.factor(COST_PARAM[kind], t), WAD * WAD);
    return maxBig(raw, c.minSubmissionCost);
  }

  /** Daily validation cap at t (count): ⌊lever × factor⌋, at most `cappedValidationCap` while the supply cap is breached. */
  validationCap(t: number = this.lastT, capped: boolean = this.capped): number {
    const v = Number(mulDivDown(this.lever("validationCap", t), this.factor("validationCap", t), WAD));
    return capped ? Math.min(v, this.config.cappedValidationCap) : v;
  }

  earningCap(t: number = this.lastT): bigint {
    return mulDivDown(this.lever("earningCap", t), this.factor("earningCap", t), WAD);
  }

  decayRate(t: number = this.lastT): bigint {
    return minBig(mulDivDown(this.lever("decayRate", t), this.factor("decayRate", t), WAD), WAD);
  }

  drRate(t: number = this.lastT): bigint {
    return minBig(mulDivDown(this.config.drRateDefault, this.factor("drRate", t), WAD), WAD);
  }

  /** F1 multiplier (WAD): clamp(slope·f1 − offset, min, max), slope·f1 rounded down. */
  f1Multiplier(f1: bigint): bigint {
    const c = this.config;
    const raw = mulDivDown(c.f1Slope, f1, WAD);
    const m = raw > c.f1Offset ? raw - c.f1Offset : 0n;
    return minBig(maxBig(m, c.f1MultMin), c.f1MultMax);
  }

  /** Reward of one validation before caps: ⌊base × m(f1) × quality × boost / WAD³⌋. */
  perValidationReward(f1: bigint, quality: bigint, t: number = this.lastT): bigint {
    return (this.validationReward(t) * this.f1Multiplier(f1) * quality * this.factor("validationBoost", t)) / (WAD * WAD * WAD);
  }

  /** Supply cap at t: active agents × cap per agent. */
  supplyCap(t: number = this.lastT): bigint {
    return BigInt(this.activeAgents(t)) * this.config.capPerActiveAgent;
  }

  /** Faucet scale at t given the cap state: 1, 0.5, or 0.25 after the unacknowledged escalation delay. */
  faucetScale(t: number, capped: boolean = this.capped, since: number = this.cappedSince, ack: boolean = this.capAcknowledged): bigint {
    if (!capped) return WAD;
    return ack || t < since + this.config.capEscalationDelay ? this.config.cappedFaucetWad : this.config.escalatedFaucetWad;
  }

  /** Today's earnings and validations already counted for an agent (0 on a new day). */
  dailyCounters(agent: number, t: number = this.lastT): { earned: bigint; validations: number } {
    if (agent >= this.n_ || this.counterDay[agent] !== dayOf(t)) return { earned: 0n, validations: 0 };
    return { earned: this.earned[agent]!, validations: this.validationsToday[agent]! };
  }

  /** How many submissions of a type (at most `max`) the agent's balance pays at t. */
  affordableSubmissions(agent: number, kind: SubmissionType, max: number, t: number = this.lastT): number {
    const bal = agent < this.n_ ? this.decayView(agent, t).balance : 0n;
    const unit = this.discountedUnit(this.submissionCost(kind, t), bal);
    const n = bal / unit;
    return n < BigInt(max) ? Number(n) : max;
  }

  /** The submission cost an agent would pay now for `count` items of a type (discount included). */
  quoteSubmission(agent: number, kind: SubmissionType, count: number, t: number = this.lastT): bigint {
    const bal = this.balanceOf(agent, t);
    return this.discountedUnit(this.submissionCost(kind, t), bal) * BigInt(count);
  }

  /** Credits earned (earned faucets, as paid) in the current and the previous ledger month. */
  recentEarnings(agent: number, t: number = this.lastT): bigint {
    if (agent >= this.n_) return 0n;
    const month = Math.floor(t / this.config.decayPeriod);
    const m0 = this.monthOfCounter[agent]!;
    if (m0 === month) return this.earnedMonth[agent]! + this.earnedPrevMonth[agent]!;
    if (m0 === month - 1) return this.earnedMonth[agent]!;
    return 0n;
  }

  /** Subscription discount (WAD) of a mandatory member by credit tier: the highest tier whose threshold the recent earnings reach. */
  subscriptionDiscount(agent: number, t: number = this.lastT): bigint {
    const e = this.recentEarnings(agent, t);
    let d = 0n;
    for (const [atLeast, discount] of this.config.subscriptionTiers) if (e >= atLeast) d = discount;
    return d;
  }

  /** True when a starter grant for `agent` at t would revert because the supply cap is breached. */
  starterGrantSuspended(agent: number, t: number = this.lastT): boolean {
    const burned = agent < this.n_ ? this.decayView(agent, t).burned : 0n;
    return this.capDecision(t, this.supply - burned).capped;
  }

  /** True when `agent` can claim the open emergency top-up round at t. */
  canClaimTopUp(agent: number, t: number = this.lastT): boolean {
    const c = this.config;
    if (this.topUpRound === 0 || t >= this.topUpOpenedAt + c.topUpWindow) return false;
    if (agent < this.n_ && this.topUpClaimed[agent]! >= this.topUpRound) return false;
    return this.balanceOf(agent, t) < c.topUpBelow;
  }

  /** True when settling `agent`'s decay at t would burn something. */
  decayDue(agent: number, t: number = this.lastT): boolean {
    return agent < this.n_ && this.decayView(agent, t).burned > 0n;
  }

  /** Conservation: issued − burned = Σ settled balances + escrow + pool + reserve. */
  checkConservation(): void {
    const lhs = this.totalIssued - this.totalBurned;
    const rhs = this.supply + this.escrow + this.rewardPool + this.reserve;
    if (lhs !== rhs) throw new Error(`conservation broken: issued − burned = ${lhs}, supply + escrow + pool + reserve = ${rhs}`);
    let s = 0n;
    for (let i = 0; i < this.n_; i++) s += this.bal[i]!;
    if (s !== this.supply) throw new Error(`supply ${this.supply} ≠ Σ balances ${s}`);
  }

  // =====================================================================================
  // Faucets
  // =====================================================================================

  /** Starter grant, once per agent; reverts while the supply cap is breached. */
  grantStarter(t: number, agent: number): bigint {
    this.begin(t, agent);
    if (this.flags[agent]! & 1) throw new LedgerError("StarterGrantAlreadyPaid", { agent });
    const dec = this.decayView(agent, t);
    const cap = this.capDecision(t, this.supply - dec.burned);
    if (cap.capped) throw new LedgerError("StarterGrantsSuspended", { supply: this.supply - dec.burned, cap: cap.cap });
    const amount = this.lever("starterGrant", t);
    // effects
    this.applyDecay(agent, t, dec);
    this.applyCap(t, cap);
    this.flags[agent]! |= 1;
    this.credit(agent, amount, amount);
    this.flows.starter += amount;
    this.markActive(agent, t);
    this.emit("StarterGranted", t, { agent, amount });
    this.record({ op: "grantStarter", t, agent });
    return amount;
  }

  /** Referral reward to `referrer` for bringing `referred` (once per referred agent); an earned faucet. */
  rewardReferral(t: number, referrer: number, referred: number): bigint {
    this.begin(t, referrer);
    this.ensure(referred);
    if (referrer === referred) throw new LedgerError("SelfReferral", { agent: referrer });
    if (this.flags[referred]! & 2) throw new LedgerError("ReferralAlreadyPaid", { referred });
    const gross = this.lever("referralReward", t);
    const paid = this.earnFaucet(t, referrer, gross, "referral", 0n, { referred });
    this.flags[referred]! |= 2;
    this.record({ op: "rewardReferral", t, referrer, referred });
    return paid;
  }

  /**
   * Rewards `count` validations by one validator with the given F1 score and quality bonus (WAD).
   * Validations beyond the daily validation cap are not paid. 60% of the paid amount is drawn from the
   * reward pool when it holds enough, the rest issued.
   */
  rewardValidations(t: number, agent: number, count: number, f1: bigint, quality: bigint): bigint {
    this.begin(t, agent);
    const c = this.config;
    if (!Number.isSafeInteger(count) || count < 1) throw new LedgerError("ZeroCount", { count });
    if (f1 < 0n || f1 > WAD) throw new LedgerError("F1OutOfRange", { f1 });
    if (f1 < c.f1Min) throw new LedgerError("F1BelowPoolMinimum", { f1, minimum: c.f1Min });
    if (quality < c.qualityMin || quality > c.qualityMax) throw new LedgerError("QualityOutOfRange", { quality });
    const dec = this.decayView(agent, t);
    const cap = this.capDecision(t, this.supply - dec.burned);
    const today = dayOf(t);
    const done = this.counterDay[agent] === today ? this.validationsToday[agent]! : 0;
    const allowed = Math.max(0, Math.min(count, this.validationCap(t, cap.capped) - done));
    const gross = BigInt(allowed) * this.perValidationReward(f1, quality, t);
    const paid = this.earnFaucet(t, agent, gross, "validation", c.validationFundedBps, { requested: count, paidCount: allowed }, dec, cap);
    this.validationsToday[agent] = done + allowed;
    this.lastValidationsPaid = allowed;
    this.record({ op: "rewardValidations", t, agent, count, f1, quality });
    return paid;
  }

  /**
   * Mission reward: `amount` within [missionRewardMin, missionRewardMax], times the mission boost. Paid
   * from the platform reserve as far as it holds (§4.1: the reserve "funds missions"), the rest issued.
   * `reserveOnly`: an internal mission the platform funds from the reserve alone (§6 scenario 5); reverts
   * when the reserve cannot pay it in full.
   */
  rewardMission(t: number, agent: number, amount: bigint, reserveOnly = false): bigint {
    this.begin(t, agent);
    const lo = this.lever("missionRewardMin", t);
    const hi = this.lever("missionRewardMax", t);
    if (amount < lo || amount > hi) throw new LedgerError("MissionRewardOutOfRange", { amount, min: lo, max: hi });
    const gross = mulDivDown(amount, this.factor("missionBoost", t), WAD);
    const paid = this.earnFaucet(t, agent, gross, reserveOnly ? "missionReserveOnly" : "mission", 0n, { amount });
    this.record({ op: "rewardMission", t, agent, amount, reserveOnly });
    return paid;
  }

  /** Evidence review reward: `amount` within [reviewMin, reviewMax]; issued. */
  rewardEvidenceReview(t: number, agent: number, amount: bigint): bigint {
    this.begin(t, agent);
    if (amount < this.config.reviewMin || amount > this.config.reviewMax) {
      throw new LedgerError("ReviewRewardOutOfRange", { amount, min: this.config.reviewMin, max: this.config.reviewMax });
    }
    const paid = this.earnFaucet(t, agent, amount, "review", 0n, { amount });
    this.record({ op: "rewardEvidenceReview", t, agent, amount });
    return paid;
  }

  /** Emergency top-up (pull): an agent whose balance is below the threshold claims once per round while the round is open. */
  claimEmergencyTopUp(t: number, agent: number): bigint {
    this.begin(t, agent);
    const c = this.config;
    if (this.topUpRound === 0 || t >= this.topUpOpenedAt + c.topUpWindow) throw new LedgerError("NoTopUpRound", { round: this.topUpRound });
    if (this.topUpClaimed[agent]! >= this.topUpRound) throw new LedgerError("TopUpAlreadyClaimed", { agent, round: this.topUpRound });
    const dec = this.decayView(agent, t);
    if (dec.balance >= c.topUpBelow) throw new LedgerError("BalanceNotBelowTopUpThreshold", { agent, balance: dec.balance, threshold: c.topUpBelow });
    const cap = this.capDecision(t, this.supply - dec.burned);
    const since = cap.transition === "breach" ? t : this.cappedSince;
    const ack = cap.transition === "breach" ? false : this.capAcknowledged;
    const amount = mulDivDown(this.lever("emergencyTopUp", t), this.faucetScale(t, cap.capped, since, ack), WAD);
    this.applyDecay(agent, t, dec);
    this.applyCap(t, cap);
    this.topUpClaimed[agent] = this.topUpRound;
    this.credit(agent, amount, amount);
    this.flows.topUp += amount;
    this.emit("EmergencyTopUpClaimed", t, { agent, round: this.topUpRound, amount });
    this.record({ op: "claimEmergencyTopUp", t, agent });
    return amount;
  }

  // =====================================================================================
  // Sinks
  // =====================================================================================

  /**
   * Charges `count` submissions of one type. Unit cost: the type's cost at t, discounted by the
   * progressive tier of the balance when discounts are active (rounded up). Split of the total:
   * burn = ⌊total × 5%⌋, reserve = ⌊total × 35%⌋, pool = total − burn − reserve.
   */
  chargeSubmission(t: number, agent: number, kind: SubmissionType, count = 1): bigint {
    this.begin(t, agent);
    if (!Number.isSafeInteger(count) || count < 1) throw new LedgerError("ZeroCount", { count });
    const dec = this.decayView(agent, t);
    const unit = this.discountedUnit(this.submissionCost(kind, t), dec.balance);
    const total = unit * BigInt(count);
    if (dec.balance < total) throw new LedgerError("InsufficientBalance", { agent, balance: dec.balance, needed: total });
    const { burn, toReserve, toPool } = splitSubmission(total, this.config);
    this.applyDecay(agent, t, dec);
    this.debit(agent, total);
    this.rewardPool += toPool;
    this.reserve += toReserve;
    this.burn(burn);
    this.flows.submission += total;
    this.flows.toPool += toPool;
    this.flows.toReserve += toReserve;
    this.flows.spendBurned += burn;
    this.markActive(agent, t);
    this.emit("SubmissionCharged", t, { agent, kind, count, unitCost: unit, total, toPool, toReserve, burned: burn });
    this.record({ op: "chargeSubmission", t, agent, kind, count });
    return total;
  }

  /** Voting, circle creation, priority listing: fixed cost; tax = ⌊cost × transactionTax⌋ burned, the rest to the reserve. */
  chargeSpend(t: number, agent: number, kind: SpendKind): bigint {
    this.begin(t, agent);
    const cost = this.config.spendCost[kind];
    const dec = this.decayView(agent, t);
    if (dec.balance < cost) throw new LedgerError("InsufficientBalance", { agent, balance: dec.balance, needed: cost });
    const tax = mulDivDown(cost, this.lever("transactionTax", t), WAD);
    const toReserve = cost - tax;
    this.applyDecay(agent, t, dec);
    this.debit(agent, cost);
    this.reserve += toReserve;
    this.burn(tax);
    this.flows[kind] += cost;
    this.flows.toReserve += toReserve;
    this.flows.spendBurned += tax;
    this.markActive(agent, t);
    this.emit("SpendCharged", t, { agent, kind, cost, toReserve, burned: tax });
    this.record({ op: "chargeSpend", t, agent, kind });
    return cost;
  }

  /** A burned purchase (§3.3 burn events, §6 scenario 2's premium features): the whole amount is burned. */
  buyFeature(t: number, agent: number, amount: bigint): bigint {
    this.begin(t, agent);
    if (amount <= 0n) throw new LedgerError("ZeroAmount");
    const dec = this.decayView(agent, t);
    if (dec.balance < amount) throw new LedgerError("InsufficientBalance", { agent, balance: dec.balance, needed: amount });
    this.applyDecay(agent, t, dec);
    this.debit(agent, amount);
    this.burn(amount);
    this.flows.feature += amount;
    this.flows.spendBurned += amount;
    this.markActive(agent, t);
    this.emit("FeaturePurchased", t, { agent, amount });
    this.record({ op: "buyFeature", t, agent, amount });
    return amount;
  }

  /** Opens a dispute: the stake moves from the balance into escrow. */
  openDispute(t: number, agent: number, dispute: number): void {
    this.begin(t, agent);
    if (this.disputes.has(dispute)) throw new LedgerError("DisputeExists", { dispute });
    const stake = this.config.disputeStake;
    const dec = this.decayView(agent, t);
    if (dec.balance < stake) throw new LedgerError("InsufficientBalance", { agent, balance: dec.balance, needed: stake });
    this.applyDecay(agent, t, dec);
    this.debit(agent, stake);
    this.escrow += stake;
    this.flows.stakeLocked += stake;
    this.disputes.set(dispute, { agent, stake });
    this.markActive(agent, t);
    this.emit("DisputeOpened", t, { agent, dispute, stake });
    this.record({ op: "openDispute", t, agent, dispute });
  }

  /** Resolves a dispute: upheld → stake returned plus the bonus (a faucet: cap-scaled, at most the reserve) from the reserve; rejected → stake burned. */
  resolveDispute(t: number, dispute: number, upheld: boolean): void {
    const d = this.disputes.get(dispute);
    if (!d) throw new LedgerError("UnknownDispute", { dispute });
    this.begin(t, d.agent);
    const dec = this.decayView(d.agent, t);
    const cap = upheld ? this.capDecision(t, this.supply - dec.burned) : null;
    let bonus = 0n;
    if (cap) {
      const since = cap.transition === "breach" ? t : this.cappedSince;
      const ack = cap.transition === "breach" ? false : this.capAcknowledged;
      bonus = minBig(mulDivDown(this.config.disputeBonus, this.faucetScale(t, cap.capped, since, ack), WAD), this.reserve);
    }
    // effects
    this.applyDecay(d.agent, t, dec);
    if (cap) this.applyCap(t, cap);
    this.disputes.delete(dispute);
    this.escrow -= d.stake;
    if (upheld) {
      this.reserve -= bonus;
      this.bal[d.agent] = this.bal[d.agent]! + d.stake + bonus;
      this.supply += d.stake + bonus;
      this.flows.stakeReturned += d.stake;
      this.flows.disputeBonus += bonus;
    } else {
      this.totalBurned += d.stake;
      this.flows.disputeBurned += d.stake;
    }
    this.markActive(d.agent, t);
    this.emit("DisputeResolved", t, { agent: d.agent, dispute, upheld, stake: d.stake, bonus });
    this.record({ op: "resolveDispute", t, dispute, upheld });
  }

  /** Admin slash, burned: 1st offense min(50, balance), 2nd min(200, balance), 3rd and later the full balance. */
  slash(t: number, agent: number): bigint {
    this.begin(t, agent);
    const dec = this.decayView(agent, t);
    const offense = Math.min(this.slashes[agent]! + 1, 255);
    const amount = offense === 1 ? minBig(this.config.slashFirst, dec.balance) : offense === 2 ? minBig(this.config.slashSecond, dec.balance) : dec.balance;
    this.applyDecay(agent, t, dec);
    this.slashes[agent] = offense;
    this.debit(agent, amount);
    this.burn(amount);
    this.flows.slash += amount;
    this.emit("Slashed", t, { agent, offense, amount });
    this.record({ op: "slash", t, agent });
    return amount;
  }

  /** Permissionless: settles an agent's pending decay (burns it) so that the supply is current. */
  settleDecay(t: number, agent: number): bigint {
    this.begin(t, agent);
    const dec = this.decayView(agent, t);
    this.applyDecay(agent, t, dec);
    this.record({ op: "settleDecay", t, agent });
    return dec.burned;
  }

  // =====================================================================================
  // Health metrics, evaluation, levers
  // =====================================================================================

  /** The metrics reporter posts the day's off-chain metrics (median balance in credit wei; Gini and velocity WAD). */
  reportMetrics(t: number, day: number, median: bigint, gini: bigint, velocity: bigint): void {
    this.begin(t);
    const today = dayOf(t);
    if (day !== today) throw new LedgerError("ReportDayMismatch", { day, today });
    if (this.report && this.report.day === today) throw new LedgerError("ReportAlreadyPosted", { day });
    if (gini < 0n || gini > WAD) throw new LedgerError("InvalidMetric", { metric: "gini", value: gini });
    if (median < 0n || median > this.supply) throw new LedgerError("InvalidMetric", { metric: "median", value: median });
    if (velocity < 0n) throw new LedgerError("InvalidMetric", { metric: "velocity", value: velocity });
    this.report = { day, median, gini, velocity };
    this.emit("MetricsReported", t, { day, median, gini, velocity });
    this.record({ op: "reportMetrics", t, day, median, gini, velocity });
  }

  /**
   * Permissionless daily evaluation (§3.1), at most once per `evaluationInterval`. Inflation is computed
   * on-chain from the supply at the previous evaluation; median, Gini and velocity come from today's
   * report, if posted (otherwise those responses are skipped).
   */
  evaluate(t: number): number {
    this.begin(t);
    const c = this.config;
    if (this.lastEvalAt >= 0 && t < this.lastEvalAt + c.evaluationInterval) {
      throw new LedgerError("EvaluationTooEarly", { nextAt: this.lastEvalAt + c.evaluationInterval });
    }
    this.applyCap(t, this.capDecision(t, this.supply));
    const today = dayOf(t);
    const S = this.supply;
    let inflation = 0n;
    if (this.lastEvalAt >= 0 && this.lastEvalSupply > 0n) {
      inflation = ((S - this.lastEvalSupply) * WAD * BigInt(DAY)) / (this.lastEvalSupply * BigInt(t - this.lastEvalAt));
    }
    const rep = this.autoAdjust && this.report && this.report.day === today ? this.report : null;
    const req = new Map<AutoParam, bigint>();
    const mul = (p: AutoParam, m: bigint): void => {
      req.set(p, ((req.get(p) ?? WAD) * m) / WAD);
    };
    const costs = (m: bigint): void => {
      mul("problemCost", m);
      mul("solutionCost", m);
      mul("debateCost", m);
    };
    const boostTarget = new Map<AutoParam, bigint>();
    let responses = 0;
    const on = this.autoAdjust;
    if (on && inflation > c.inflationEmergencyWad) {
      responses |= RESPONSE.emergencyInflation;
      mul("validationReward", w("0.75"));
      costs(w("1.25"));
      mul("validationCap", w("0.80"));
    } else if (on && inflation > c.inflationWarnWad) {
      responses |= RESPONSE.inflation;
      mul("validationReward", w("0.90"));
      costs(w("1.10"));
    }
    if (on && inflation < -c.deflationWad) {
      responses |= RESPONSE.deflation;
      mul("validationReward", w("1.10"));
      costs(w("0.90"));
      boostTarget.set("missionBoost", c.missionBoostWad);
    }
    let openTopUp = false;
    let suspendDecay = false;
    let setDiscounts: boolean | null = null;
    let flagVelocity = false;
    if (rep) {
      if (rep.median < c.liquidityMedian) {
        responses |= RESPONSE.liquidity;
        costs(0n); // "to the minimum": as far down as the bounds allow
        openTopUp = true;
        suspendDecay = true;
      }
      if (rep.gini > c.giniThresholdWad) {
        responses |= RESPONSE.concentration;
        mul("earningCap", w("0.85"));
        mul("drRate", w("2")); // §6 scenario 2: 25% → 50%; the bounds allow +25% per cycle
        setDiscounts = true;
      } else {
        setDiscounts = false;
      }
      if (rep.velocity < c.velocityLowWad) {
        responses |= RESPONSE.velocityLow;
        mul("decayRate", w("1.4")); // 5% → 7%
        boostTarget.set("validationBoost", c.validationStimulusWad);
      } else if (rep.velocity > c.velocityHighWad) {
        responses |= RESPONSE.velocityHigh;
        costs(w("1.15"));
        mul("validationCap", w("0.80"));
        flagVelocity = true;
      }
    }
    this.lastEvalAt = t;
    this.lastEvalSupply = S;
    this.emit("Evaluated", t, {
      day: today,
      supply: S,
      inflation,
      autoAdjust: on,
      reported: rep !== null,
      median: rep?.median ?? 0n,
      gini: rep?.gini ?? 0n,
      velocity: rep?.velocity ?? 0n,
      responses,
    });
    for (const p of AUTO_PARAMS) {
      const isBoost = BOOST_PARAMS.includes(p);
      if (isBoost ? !boostTarget.has(p) : !req.has(p)) continue;
      const nextAllowed = this.lastChange(p, t) + c.paramCooldown;
      if (t < nextAllowed) {
        this.emit("AdjustmentDeferred", t, { param: p, nextAllowed });
        continue;
      }
      const old = this.factor(p, t);
      const desired = isBoost ? maxBig(old, boostTarget.get(p)!) : (old * req.get(p)!) / WAD;
      const lo = mulDivUp(old, WAD - c.maxStepWad, WAD);
      const hi = mulDivDown(old, WAD + c.maxStepWad, WAD);
      let nf = minBig(maxBig(desired, lo), hi);
      nf = minBig(maxBig(nf, WAD - c.maxDeviationWad), WAD + c.maxDeviationWad);
      if (nf === old && !isBoost) continue;
      const oldValue = this.paramValue(p, t);
      const window = p === "missionBoost" ? c.missionBoostWindow : p === "validationBoost" ? c.validationStimulusWindow : 0;
      this.factors[p] = { from: old, to: nf, start: t, expiresAt: isBoost ? t + window : 0, lastAuto: t };
      const newValue = this.paramValue(p, t + c.rampDuration);
      this.emit("ParameterAdjusted", t, { param: p, oldFactor: old, newFactor: nf, oldValue, newValue, rampEnd: t + c.rampDuration, expiresAt: isBoost ? t + window : 0 });
    }
    if (openTopUp) {
      this.topUpRound += 1;
      this.topUpOpenedAt = t;
      this.emit("TopUpRoundOpened", t, { round: this.topUpRound, closesAt: t + c.topUpWindow, amount: this.lever("emergencyTopUp", t), below: c.topUpBelow });
    }
    if (suspendDecay) {
      const until = t + c.decaySuspension;
      if (this.suspEnd <= t) {
        this.suspendedTotal += this.suspEnd - this.suspStart;
        this.suspStart = t;
        this.suspEnd = until;
      } else {
        this.suspEnd = Math.max(this.suspEnd, until);
      }
      this.emit("DecaySuspended", t, { from: this.suspStart, until: this.suspEnd });
    }
    if (setDiscounts !== null && setDiscounts !== this.discounts) {
      this.discounts = setDiscounts;
      this.emit("ProgressiveDiscountsSet", t, { active: setDiscounts });
    }
    if (flagVelocity) this.emit("VelocityFlagged", t, { velocity: rep!.velocity });
    this.record({ op: "evaluate", t });
    return responses;
  }

  /** Admin: proposes a lever value; it takes effect `leverDelay` later and reverts to the default `leverDuration` after that. */
  proposeLever(t: number, lever: Lever, value: bigint): void {
    this.begin(t);
    const s = this.config.levers[lever];
    if (value < s.min || value > s.max) throw new LedgerError("LeverValueOutOfRange", { lever, value, min: s.min, max: s.max });
    if ((value - s.min) % s.step !== 0n) throw new LedgerError("LeverValueOffGrid", { lever, value, step: s.step });
    this.promoteLever(lever, t);
    const old = this.lever(lever, t);
    const effectiveAt = t + this.config.leverDelay;
    const revertsAt = effectiveAt + this.config.leverDuration;
    this.levers[lever].pending = { value, effectiveAt, revertsAt };
    this.emit("LeverProposed", t, { lever, oldValue: old, newValue: value, effectiveAt, revertsAt });
    this.record({ op: "proposeLever", t, lever, value });
  }

  /** Admin: cancels a proposal that has not yet taken effect. */
  cancelLever(t: number, lever: Lever): void {
    this.begin(t);
    this.promoteLever(lever, t);
    const p = this.levers[lever].pending;
    if (!p) throw new LedgerError("NoPendingLeverChange", { lever });
    delete this.levers[lever].pending;
    this.emit("LeverCancelled", t, { lever, value: p.value });
    this.record({ op: "cancelLever", t, lever });
  }

  /** Admin: renews the manual value in force for another `leverDuration` from now. */
  renewLever(t: number, lever: Lever): void {
    this.begin(t);
    this.promoteLever(lever, t);
    const cur = this.levers[lever].current;
    if (!cur || t < cur.effectiveAt || t >= cur.revertsAt) throw new LedgerError("LeverNotInForce", { lever });
    cur.revertsAt = t + this.config.leverDuration;
    this.emit("LeverRenewed", t, { lever, value: cur.value, revertsAt: cur.revertsAt });
    this.record({ op: "renewLever", t, lever });
  }

  /** Admin: switches the automatic adjustment on or off (§7 migration path: "Phase 2c … Enable auto-adjustment"). Evaluations still record the supply while it is off. */
  setAutoAdjustment(t: number, enabled: boolean): void {
    this.begin(t);
    this.autoAdjust = enabled;
    this.emit("AutoAdjustmentSet", t, { enabled });
    this.record({ op: "setAutoAdjustment", t, enabled });
  }

  get autoAdjustEnabled(): boolean {
    return this.autoAdjust;
  }

  /** Admin: acknowledges a supply-cap breach; faucets stay at 50% instead of escalating to 25%. */
  acknowledgeCapBreach(t: number): void {
    this.begin(t);
    const cap = this.capDecision(t, this.supply);
    if (!cap.capped) throw new LedgerError("NotCapped", { supply: this.supply, cap: cap.cap });
    this.applyCap(t, cap);
    this.capAcknowledged = true;
    this.emit("SupplyCapAcknowledged", t, { supply: this.supply, cap: cap.cap });
    this.record({ op: "acknowledgeCapBreach", t });
  }

  /** A parameter's effective value at t (credit wei, WAD or count as the parameter is). */
  paramValue(p: AutoParam, t: number = this.lastT): bigint {
    switch (p) {
      case "validationReward":
        return this.validationReward(t);
      case "problemCost":
        return this.submissionCost("problem", t);
      case "solutionCost":
        return this.submissionCost("solution", t);
      case "debateCost":
        return this.submissionCost("debate", t);
      case "validationCap":
        return BigInt(this.validationCap(t, false));
      case "earningCap":
        return this.earningCap(t);
      case "decayRate":
        return this.decayRate(t);
      case "drRate":
        return this.drRate(t);
      case "missionBoost":
      case "validationBoost":
        return this.factor(p, t);
    }
  }

  // =====================================================================================
  // Internals
  // =====================================================================================

  private begin(t: number, agent?: number): void {
    if (!Number.isSafeInteger(t) || t < this.lastT) throw new LedgerError("TimeWentBackwards", { t, last: this.lastT });
    if (agent !== undefined) {
      if (!Number.isSafeInteger(agent) || agent < 0) throw new LedgerError("UnknownAgent", { agent });
      this.ensure(agent);
    }
    this.lastT = t;
    this.active.roll(dayOf(t));
  }

  /** The shared path of every earned faucet (validation, mission, review, referral): cap scale → diminishing returns → daily cap. */
  private earnFaucet(
    t: number,
    agent: number,
    gross: bigint,
    kind: "validation" | "mission" | "missionReserveOnly" | "review" | "referral",
    fundedBps: bigint,
    extra: EventArgs,
    dec: DecayView = this.decayView(agent, t),
    cap: CapDecision = this.capDecision(t, this.supply - dec.burned),
  ): bigint {
    const c = this.config;
    const today = dayOf(t);
    const E = this.counterDay[agent] === today ? this.earned[agent]! : 0n;
    const since = cap.transition === "breach" ? t : this.cappedSince;
    const ack = cap.transition === "breach" ? false : this.capAcknowledged;
    const scale = this.faucetScale(t, cap.capped, since, ack);
    const g = scale === WAD ? gross : mulDivDown(gross, scale, WAD);
    const below = minBig(g, c.drThreshold > E ? c.drThreshold - E : 0n);
    const above = g - below;
    const afterDr = below + mulDivDown(above, WAD - this.drRate(t), WAD);
    const capNow = this.earningCap(t);
    const room = capNow > E ? capNow - E : 0n;
    const paid = minBig(afterDr, room);
    let fromPool = 0n;
    let fromReserve = 0n;
    if (kind === "missionReserveOnly") {
      if (this.reserve < paid) throw new LedgerError("ReserveInsufficient", { reserve: this.reserve, needed: paid });
      fromReserve = paid;
    } else if (kind === "mission") {
      fromReserve = minBig(this.reserve, paid);
    } else if (fundedBps > 0n) {
      fromPool = minBig(this.rewardPool, mulDivDown(paid, fundedBps, BPS));
    }
    // effects
    this.applyDecay(agent, t, dec);
    this.applyCap(t, cap);
    if (this.counterDay[agent] !== today) {
      this.counterDay[agent] = today;
      this.validationsToday[agent] = 0;
    }
    this.earned[agent] = E + paid;
    const month = Math.floor(t / c.decayPeriod);
    const m0 = this.monthOfCounter[agent]!;
    if (m0 !== month) {
      this.earnedPrevMonth[agent] = m0 === month - 1 ? this.earnedMonth[agent]! : 0n;
      this.earnedMonth[agent] = 0n;
      this.monthOfCounter[agent] = month;
    }
    this.earnedMonth[agent] = this.earnedMonth[agent]! + paid;
    this.rewardPool -= fromPool;
    this.reserve -= fromReserve;
    this.credit(agent, paid, paid - fromPool - fromReserve);
    if (kind === "mission" || kind === "missionReserveOnly") {
      this.flows.mission += paid;
      this.flows.missionFromReserve += fromReserve;
    } else {
      this.flows[kind] += paid;
      if (kind === "validation") this.flows.validationFromPool += fromPool;
    }
    this.markActive(agent, t);
    if (this.onEvent) {
      this.emit("FaucetPaid", t, { agent, kind, gross, scaled: g, paid, fromPool, fromReserve, issued: paid - fromPool - fromReserve, ...extra });
    }
    return paid;
  }

  private discountedUnit(unit: bigint, balance: bigint): bigint {
    if (!this.discounts) return unit;
    for (const [below, d] of this.config.discountTiers) {
      if (balance < below) return mulDivUp(unit, WAD - d, WAD);
    }
    return unit;
  }

  private decayView(agent: number, t: number): DecayView {
    const b0 = this.bal[agent]!;
    const last = this.lastAct[agent]!;
    const done = this.applied[agent]!;
    if (last < 0) return { balance: b0, burned: 0n, due: done, steps: 0 };
    const c = this.config;
    const elapsed = this.decayClock(t) - this.lastActClock[agent]!;
    const due = elapsed < c.inactivityThreshold ? 0 : Math.floor((elapsed - c.inactivityThreshold) / c.decayPeriod) + 1;
    if (due <= done || b0 <= c.decayFloor) return { balance: b0, burned: 0n, due: Math.max(due, done), steps: 0 };
    const r = this.decayRate(t);
    let b = b0;
    let k = done;
    while (k < due && b > c.decayFloor) {
      let cut = (b * r) / WAD;
      if (b - cut < c.decayFloor) cut = b - c.decayFloor;
      if (cut === 0n) break;
      b -= cut;
      k++;
    }
    return { balance: b, burned: b0 - b, due, steps: k - done };
  }

  private applyDecay(agent: number, t: number, dec: DecayView): void {
    this.applied[agent] = dec.due;
    if (dec.burned === 0n) return;
    this.bal[agent] = dec.balance;
    this.supply -= dec.burned;
    this.totalBurned += dec.burned;
    this.flows.decay += dec.burned;
    this.emit("Decayed", t, { agent, steps: dec.steps, burned: dec.burned, balance: dec.balance });
  }

  private capDecision(t: number, supply: bigint): CapDecision {
    const active = this.activeAgents(t);
    const cap = BigInt(active) * this.config.capPerActiveAgent;
    if (!this.capped && supply > cap) return { capped: true, transition: "breach", cap, active };
    if (this.capped && supply * BPS < cap * this.config.capReleaseBps) return { capped: false, transition: "release", cap, active };
    return { capped: this.capped, transition: null, cap, active };
  }

  private applyCap(t: number, d: CapDecision): void {
    if (d.transition === "breach") {
      this.capped = true;
      this.cappedSince = t;
      this.capAcknowledged = false;
      this.emit("SupplyCapBreached", t, { supply: this.supply, cap: d.cap, activeAgents: d.active });
    } else if (d.transition === "release") {
      this.capped = false;
      this.emit("SupplyCapReleased", t, { supply: this.supply, cap: d.cap, activeAgents: d.active });
    }
  }

  private markActive(agent: number, t: number): void {
    const today = dayOf(t);
    const last = this.lastAct[agent]!;
    this.active.touch(last < 0 ? -1 : dayOf(last), today);
    this.lastAct[agent] = t;
    this.lastActClock[agent] = this.decayClock(t);
    this.applied[agent] = 0;
  }

  private credit(agent: number, amount: bigint, issued: bigint): void {
    this.bal[agent] = this.bal[agent]! + amount;
    this.supply += amount;
    this.totalIssued += issued;
  }

  private debit(agent: number, amount: bigint): void {
    this.bal[agent] = this.bal[agent]! - amount;
    this.supply -= amount;
  }

  private burn(amount: bigint): void {
    this.totalBurned += amount;
  }

  private leverInForce(l: Lever, t: number): LeverChange | undefined {
    const s = this.levers[l];
    let cur = s.current;
    if (s.pending && t >= s.pending.effectiveAt) cur = s.pending;
    return cur && t >= cur.effectiveAt && t < cur.revertsAt ? cur : undefined;
  }

  private promoteLever(l: Lever, t: number): void {
    const s = this.levers[l];
    if (s.pending && t >= s.pending.effectiveAt) {
      s.current = s.pending;
      delete s.pending;
    }
  }

  /** Last change of a parameter: its last automatic change, or a lever driving it taking effect or reverting. */
  private lastChange(p: AutoParam, t: number): number {
    let last = this.factors[p].lastAuto;
    for (const l of LEVERS) {
      if (!this.config.levers[l].drives.includes(p)) continue;
      const s = this.levers[l];
      for (const ch of [s.current, s.pending]) {
        if (!ch) continue;
        if (ch.effectiveAt <= t) last = Math.max(last, ch.effectiveAt);
        if (ch.revertsAt <= t) last = Math.max(last, ch.revertsAt);
      }
    }
    return last;
  }

  private emit(name: string, t: number, args: EventArgs): void {
    if (this.onEvent) this.onEvent({ name, t, args });
  }

  private record(op: LedgerOp): void {
    if (this.onOp) this.onOp(op);
  }

  private ensure(agent: number): void {
    if (agent < this.n_) return;
    if (agent >= this.cap_) this.grow(Math.max(agent + 1, this.cap_ * 2));
    for (let i = this.n_; i <= agent; i++) {
      this.bal.push(0n);
      this.earned.push(0n);
      this.earnedMonth.push(0n);
      this.earnedPrevMonth.push(0n);
      this.monthOfCounter[i] = -1;
      this.lastAct[i] = -1;
      this.counterDay[i] = -1;
    }
    this.n_ = agent + 1;
  }

  private grow(capacity: number): void {
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    const u8 = (a: Uint8Array) => {
      const b = new Uint8Array(capacity);
      b.set(a);
      return b;
    };
    this.lastAct = f64(this.lastAct);
    this.lastActClock = f64(this.lastActClock);
    this.applied = i32(this.applied);
    this.counterDay = i32(this.counterDay);
    this.monthOfCounter = i32(this.monthOfCounter);
    this.validationsToday = i32(this.validationsToday);
    this.topUpClaimed = i32(this.topUpClaimed);
    this.flags = u8(this.flags);
    this.slashes = u8(this.slashes);
    this.cap_ = capacity;
  }
}

/**
 * The submission split (§4.1): burn = ⌊total × burnBps / 10⁴⌋, reserve = ⌊total × reserveBps / 10⁴⌋,
 * pool = total − burn − reserve. The reward pool takes the rounding remainder (at most 2 wei), so the
 * parts always sum to the cost exactly and the pool never gets less than its 60% share.
 */
export function splitSubmission(total: bigint, c: Pick<LedgerConfig, "splitBurnBps" | "splitReserveBps">): { burn: bigint; toReserve: bigint; toPool: bigint } {
  const burn = mulDivDown(total, c.splitBurnBps, BPS);
  const toReserve = mulDivDown(total, c.splitReserveBps, BPS);
  return { burn, toReserve, toPool: total - burn - toReserve };
}

export function dayOf(t: number): number {
  return Math.floor(t / DAY);
}

/** from + (to − from)·(t − start)/R, truncated towards zero, reaching `to` at start + R. */
function ramp(from: bigint, to: bigint, start: number, t: number, R: number): bigint {
  if (t >= start + R) return to;
  if (t <= start) return from;
  return from + ((to - from) * BigInt(t - start)) / BigInt(R);
}

const W_CACHE = new Map<string, bigint>();
/** A cached WAD constant. */
function w(x: string): bigint {
  let v = W_CACHE.get(x);
  if (v === undefined) {
    v = wad(x);
    W_CACHE.set(x, v);
  }
  return v;
}
