/**
 * The five scenarios of §6 as presets, plus `baseline` (the archetype economy with no shock). Each
 * preset sets up the design's situation, applies the design's automatic responses (the ledger does)
 * and the manual responses the scenario names, and checks the design's expected outcome against the
 * model's series. A check that fails is reported as failing, with the figure that made it fail; no
 * preset is tuned to make its outcome hold.
 */
import { credits, wad } from "./units.js";
import { defaultRunConfig, DayOps, OP, runEconomy, type DayRow, type EconomyContext, type EconomyRunConfig, type EconomyRunResult, type ScenarioHooks } from "./model.js";
import { FLAG } from "./population.js";
import { RESPONSE } from "./ledger.js";

export const SCENARIO_NAMES = ["baseline", "growth", "whale", "validator-shortage", "spam", "deflation"] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface ScenarioOptions {
  agents: number;
  days: number;
  seed: string;
}

export interface OutcomeCheck {
  /** The design's words, with their section. */
  claim: string;
  /** How the model decides it. */
  criterion: string;
  measured: string;
  /** true: holds; false: fails; null: cannot be evaluated in this run (e.g. too few days). */
  holds: boolean | null;
}

export interface ScenarioResult {
  name: ScenarioName;
  title: string;
  options: ScenarioOptions;
  warmupDays: number;
  rows: DayRow[];
  checks: OutcomeCheck[];
  /** Rows of the counterfactual run (deflation without manual intervention). */
  counterfactual?: DayRow[];
  notes: string[];
  seconds: number;
  operations: number;
}

interface Preset {
  title: string;
  warmupDays: number;
  build(o: ScenarioOptions): { hooks: ScenarioHooks; run?: Partial<EconomyRunConfig> };
  check(r: EconomyRunResult, o: ScenarioOptions, cf?: EconomyRunResult): OutcomeCheck[];
  counterfactual?(o: ScenarioOptions): { hooks: ScenarioHooks; run?: Partial<EconomyRunConfig> };
  notes?: string[];
}

// ---- helpers over rows ----
const at = (rows: DayRow[], day: number): DayRow | undefined => rows.find((r) => r.day === day);
function mean(rows: DayRow[], from: number, to: number, f: (r: DayRow) => number | null): number | null {
  let s = 0;
  let n = 0;
  for (const r of rows) {
    if (r.day < from || r.day > to) continue;
    const v = f(r);
    if (v === null || !Number.isFinite(v)) continue;
    s += v;
    n++;
  }
  return n ? s / n : null;
}
const fmt = (x: number | null | undefined, d = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? "n/a" : x.toFixed(d));
const pct = (x: number | null | undefined, d = 1): string => (x === null || x === undefined || !Number.isFinite(x) ? "n/a" : `${(x * 100).toFixed(d)}%`);
const needDays = (o: ScenarioOptions, day: number): boolean => o.days > day;

/** Admin lever proposal at the day's admin slot. */
function propose(ctx: EconomyContext, lever: Parameters<EconomyContext["ledger"]["proposeLever"]>[1], value: bigint): void {
  ctx.ledger.proposeLever(ctx.t0 + 1, lever, value);
}

/** §1.1–§1.3's daily volumes (IT/day) by agents. */
const DESIGN_VOLUMES: Record<number, Record<string, number>> = {
  1000: { "validation rewards": 2500, "mission rewards": 5000, "evidence review": 1000, "starter grants": 500, referrals: 250, "total faucet": 9250, "submission costs": 3000, voting: 1000, "circle creation": 250, "priority/featured": 500, "inactivity decay": 800, "dispute stakes (burned)": 200, "total sink": 5750, "net daily flow": 3500 },
  10000: { "validation rewards": 25000, "mission rewards": 40000, "evidence review": 8000, "starter grants": 2000, referrals: 1500, "total faucet": 76500, "submission costs": 30000, voting: 10000, "circle creation": 2000, "priority/featured": 5000, "inactivity decay": 8000, "dispute stakes (burned)": 2000, "total sink": 57000, "net daily flow": 19500 },
  100000: { "validation rewards": 200000, "mission rewards": 300000, "evidence review": 60000, "starter grants": 10000, referrals: 8000, "total faucet": 578000, "submission costs": 250000, voting: 80000, "circle creation": 15000, "priority/featured": 40000, "inactivity decay": 70000, "dispute stakes (burned)": 15000, "total sink": 470000, "net daily flow": 108000 },
};

// =====================================================================================
// Presets
// =====================================================================================

const baseline: Preset = {
  title: "Baseline: the archetype economy from genesis, no shock",
  warmupDays: 0,
  build: (o) => ({ hooks: { initialAgents: o.agents } }),
  check(r, o) {
    const rows = r.rows;
    const last = Math.min(o.days - 1, 179);
    const ratioLate = mean(rows, last - 29, last, (x) => x.faucetSinkRatio);
    const giniLate = mean(rows, last - 6, last, (x) => x.gini);
    const volumeChecks: OutcomeCheck[] = [];
    const table = DESIGN_VOLUMES[o.agents];
    const hi = Math.min(28, o.days - 1);
    if (hi >= 1) {
      const m = (f: (x: DayRow) => number): number => mean(rows, 1, hi, f) ?? 0;
      const model: Record<string, number> = {
        "validation rewards": m((x) => x.faucetByKind.validation!),
        "mission rewards": m((x) => x.faucetByKind.mission!),
        "evidence review": m((x) => x.faucetByKind.review!),
        "starter grants": m((x) => x.faucetByKind.starter!),
        referrals: m((x) => x.faucetByKind.referral!),
        "total faucet": m((x) => x.faucet),
        "submission costs": m((x) => x.sinkByKind.submission!),
        voting: m((x) => x.sinkByKind.vote!),
        "circle creation": m((x) => x.sinkByKind.circle!),
        "priority/featured": m((x) => x.sinkByKind.priority!),
        "inactivity decay": mean(rows, Math.max(1, o.days - 30), o.days - 1, (x) => x.sinkByKind.decay!) ?? 0,
        "dispute stakes (burned)": m((x) => x.sinkByKind.disputeBurned!),
        "total sink": m((x) => x.sink),
        "net daily flow": m((x) => x.faucet - x.sink),
      };
      for (const [k, v] of Object.entries(model)) {
        const d = table?.[k];
        const window = k === "inactivity decay" ? `days ${Math.max(1, o.days - 30)}–${o.days - 1}` : `days 1–${hi}`;
        volumeChecks.push({
          claim: `§1.1–1.3 daily volume, ${k}${table ? ` at ${o.agents.toLocaleString("en-US")} agents: ${d!.toLocaleString("en-US")} IT` : ""}`,
          criterion: table ? `model mean over ${window} within ±15% of the table` : `no table column for ${o.agents} agents (tables: 1,000, 10,000, 100,000)`,
          measured: `${v.toFixed(0)} IT/day${table ? ` (${((v / d! - 1) * 100).toFixed(0)}%)` : ""}`,
          holds: table ? Math.abs(v / d! - 1) <= 0.15 : null,
        });
      }
    }
    return [
      ...volumeChecks,
      {
        claim: "§1.3: the system is inflationary by default at all scales",
        criterion: "mean daily faucet/sink ratio over the last 30 days > 1",
        measured: `ratio ${fmt(ratioLate)}`,
        holds: ratioLate === null ? null : ratioLate > 1,
      },
      {
        claim: "§2.1: dynamic equilibrium, credits earned ≈ spent × 1.05–1.15",
        criterion: "mean faucet/sink ratio over the last 30 days within 1.05–1.15",
        measured: `ratio ${fmt(ratioLate)}`,
        holds: ratioLate === null ? null : ratioLate >= 1.05 && ratioLate <= 1.15,
      },
      {
        claim: "§2.4: Gini healthy at 0.30–0.50 for soulbound credits",
        criterion: "mean Gini over the last 7 days within 0.30–0.50",
        measured: `Gini ${fmt(giniLate, 3)}`,
        holds: giniLate === null ? null : giniLate >= 0.3 && giniLate <= 0.5,
      },
    ];
  },
};

/** §6 scenario 1: 1K → 10K agents over 12 weeks (here: agents/10 → agents). */
const growth: Preset = {
  title: "Rapid growth: agents/10 → agents over 12 weeks (§6 scenario 1)",
  warmupDays: 60,
  build(o) {
    const start = Math.max(10, Math.round(o.agents / 10));
    const perDay = (o.agents - start) / 84;
    const hooks: ScenarioHooks = {
      initialAgents: start,
      phase: (d) => (d < 0 ? "warm-up" : d < 28 ? "influx" : d < 56 ? "normalisation" : d < 84 ? "stabilisation" : "after"),
      arrivals(ctx, normal) {
        if (ctx.day < 0 || ctx.day >= 84) return ctx.D === 0 ? 0 : normal;
        // deterministic schedule: the cumulative target, rounded
        const target = Math.round(perDay * (ctx.day + 1)) - Math.round(perDay * ctx.day);
        return normal + target;
      },
      beforeDay(ctx) {
        if (ctx.day === 28) propose(ctx, "starterGrant", credits(35)); // phase 2 manual intervention
        if (ctx.day === 56) propose(ctx, "starterGrant", credits(50)); // phase 3: restore
      },
    };
    return { hooks };
  },
  check(r, o) {
    const rows = r.rows;
    const fired = rows.filter((x) => x.day >= 0 && x.day < 28 && x.responses & (RESPONSE.inflation | RESPONSE.emergencyInflation)).length;
    const d0 = at(rows, -1);
    const grantsWeek1 = rows.filter((x) => x.day >= 0 && x.day < 7).reduce((s, x) => s + x.faucetByKind.starter!, 0);
    const weekly = d0 ? grantsWeek1 / d0.supply : null;
    const ratioP3 = mean(rows, 56, 83, (x) => x.faucetSinkRatio);
    const ratioRecovery = needDays(o, 173) ? mean(rows, 160, 173, (x) => x.faucetSinkRatio) : null;
    const infP3 = mean(rows, 56, 83, (x) => x.inflationDaily);
    return [
      {
        claim: "§6.1 phase 1: weekly inflation from starter grants alone ~7.5% (750 × 50 IT on ~500,000 IT)",
        criterion: "starter grants paid in week 1 ÷ supply before the influx, within 5–10%",
        measured: `${pct(weekly)} (${fmt(grantsWeek1, 0)} IT on ${fmt(d0?.supply, 0)} IT)`,
        holds: weekly === null ? null : weekly >= 0.05 && weekly <= 0.1,
      },
      {
        claim: "§6.1 phase 1: the system auto-adjusts (validation rewards −10%, submission costs +10%)",
        criterion: "the inflation response fires at least once in weeks 1–4",
        measured: `fired on ${fired} of 28 days; daily inflation in weeks 1–4 peaked at ${pct(Math.max(...rows.filter((x) => x.day >= 0 && x.day < 28).map((x) => x.inflationDaily ?? -1)), 2)} (trigger: > 5% per day)`,
        holds: fired > 0,
      },
      {
        claim: "§6.1 phase 3: faucet/sink ratio ~1.25, inflation ~3%/week",
        criterion: "mean ratio over weeks 9–12 within 1.15–1.35",
        measured: `ratio ${fmt(ratioP3)}, inflation ${pct(infP3 === null ? null : (1 + infP3) ** 7 - 1)}/week`,
        holds: ratioP3 === null ? null : ratioP3 >= 1.15 && ratioP3 <= 1.35,
      },
      {
        claim: "§6.1: new equilibrium 2–3 months after the growth spike; faucet/sink ratio back to 1.05–1.15",
        criterion: "mean ratio over days 160–173 (the end of month 3 after the 12-week spike) within 1.05–1.15",
        measured: ratioRecovery === null ? "needs --days ≥ 174" : `ratio ${fmt(ratioRecovery)}`,
        holds: ratioRecovery === null ? null : ratioRecovery >= 1.05 && ratioRecovery <= 1.15,
      },
    ];
  },
};

const WHALE_FEATURES = [500, 1000] as const;
const WHALE_MONTHLY = 200;

/** §6 scenario 2: the most active mission runners accumulate; Gini > 0.60 triggers the response. */
const whale: Preset = {
  title: "Whale accumulation: 1% of agents are the most active mission runners (§6 scenario 2)",
  warmupDays: 180,
  build(o) {
    const hooks: ScenarioHooks = {
      initialAgents: o.agents,
      phase: (d) => (d < 0 ? "accumulation" : d < 60 ? "response" : "after"),
      setup(ctx) {
        const k = Math.max(1, Math.round(o.agents / 100));
        for (let i = 0; i < k; i++) ctx.addAgent("missionRunner", FLAG.whale);
      },
      missionsMean: (ctx, a, normal) => (ctx.pop.has(a, FLAG.whale) ? 2 : normal),
      missionRange: (ctx, a, normal) => (ctx.pop.has(a, FLAG.whale) ? [80, 100] : normal),
      extraOps(ctx, ops: DayOps) {
        if (ctx.day < 0) return;
        // §6.2 manual response: premium features, all burned; each whale buys each once and the
        // monthly priority mission access every 30 days.
        for (let k = 0; k < ctx.presentCount; k++) {
          const i = ctx.present[k]!;
          if (!ctx.pop.has(i, FLAG.whale)) continue;
          if (ctx.day === 0) for (const f of WHALE_FEATURES) ops.push(OP.feature, i, f);
          if (ctx.day % 30 === 0) ops.push(OP.feature, i, WHALE_MONTHLY);
        }
      },
      extras(ctx) {
        let s = 0;
        let n = 0;
        for (let i = 0; i < ctx.pop.n; i++) {
          if (!ctx.pop.has(i, FLAG.whale)) continue;
          s += Number(ctx.ledger.settledBalanceOf(i)) / 1e18;
          n++;
        }
        return { whaleMeanBalance: n ? s / n : 0 };
      },
    };
    return { hooks };
  },
  check(r, o) {
    const rows = r.rows;
    const d0 = at(rows, 0);
    const firstFire = rows.find((x) => x.day >= 0 && x.responses & RESPONSE.concentration);
    const firstEver = rows.find((x) => x.responses & RESPONSE.concentration);
    const from = firstFire ? firstFire.day : 0;
    const win = rows.filter((x) => x.day >= from + 53 && x.day <= from + 60);
    const giniWin = win.length ? win.map((x) => x.gini) : null;
    const w60 = at(rows, from + 60);
    return [
      {
        claim: "§6.2 setup: top 1% hold 40% of supply; Gini 0.62; median 180 IT (after 6 months)",
        criterion: "at day 0 (after 180 days of accumulation): top-1% share within 30–50% and Gini above 0.60",
        measured: `top-1% share ${pct(d0?.top1Share)}, Gini ${fmt(d0?.gini, 3)}, median ${fmt(d0?.median, 1)} IT, whale mean ${fmt(d0?.extra.whaleMeanBalance, 0)} IT`,
        holds: d0 ? d0.top1Share >= 0.3 && d0.top1Share <= 0.5 && d0.gini > 0.6 : null,
      },
      {
        claim: "§6.2 auto-response (Gini > 0.60): earning cap −15%, progressive discounts, steeper diminishing returns",
        criterion: "the concentration response fires",
        measured: firstFire ? `fires on day ${firstFire.day} (first during the accumulation on day ${firstEver!.day}); earning cap on day ${firstFire.day + 1}: ${fmt(at(rows, firstFire.day + 1)?.params.earningCap, 0)} IT, DR rate ${fmt(at(rows, firstFire.day + 1)?.params.drRate, 4)} (both at their 50% bound)` : "never fired",
        holds: firstFire !== undefined,
      },
      {
        claim: "§6.2 expected outcome: Gini stabilises at 0.45–0.55 within 2 months",
        criterion: "Gini within 0.45–0.55 on every day of the last week of the 2 months after the response",
        measured: giniWin ? `Gini days ${from + 53}–${from + 60}: ${fmt(Math.min(...giniWin), 3)}–${fmt(Math.max(...giniWin), 3)}` : `needs --days ≥ ${from + 61}`,
        holds: giniWin ? giniWin.every((g) => g >= 0.45 && g <= 0.55) : null,
      },
      {
        claim: "§6.2 expected outcome: whale balances fall from ~20,000 IT average to ~8,000 IT",
        criterion: "whale mean balance 2 months after the response at most 10,000 IT and below its day-0 value",
        measured: w60 ? `${fmt(d0?.extra.whaleMeanBalance, 0)} → ${fmt(w60.extra.whaleMeanBalance, 0)} IT` : `needs --days ≥ ${from + 61}`,
        holds: w60 && d0 ? w60.extra.whaleMeanBalance! <= 10_000 && w60.extra.whaleMeanBalance! < d0.extra.whaleMeanBalance! : null,
      },
    ];
  },
};

/** §6 scenario 3: 30% of the validator pool removed. */
const validatorShortage: Preset = {
  title: "Validator shortage: 30% of the validator pool removed (§6 scenario 3)",
  warmupDays: 60,
  build(o) {
    const hooks: ScenarioHooks = {
      initialAgents: o.agents,
      phase: (d) => (d < 0 ? "warm-up" : d < 28 ? "recovery window" : "after"),
      beforeDay(ctx) {
        if (ctx.day === 0) {
          const rs = ctx.streams.get("scenario");
          let pool = 0;
          let removed = 0;
          for (let i = 0; i < ctx.pop.n; i++) {
            if (!ctx.pop.isPresent(i) || ctx.behaviour.archetypes[ctx.pop.archetypeOf(i)].validations <= 0) continue;
            pool++;
            if (rs.uniform() < 0.3) {
              ctx.pop.flags[i]! |= FLAG.removed;
              removed++;
            }
          }
          ctx.state.poolBefore = pool;
          ctx.state.removed = removed;
        }
        if (ctx.day === 1) {
          // §6.3 manual response
          (ctx.behaviour as { poolMaturityDays: number }).poolMaturityDays = 15;
          propose(ctx, "validationReward", credits(1)); // "earn 2x rewards" campaign, one week
          propose(ctx, "validationCap", 75n);
        }
        if (ctx.day === 8) propose(ctx, "validationReward", credits("0.5"));
      },
      extras(ctx) {
        let pool = 0;
        for (let k = 0; k < ctx.presentCount; k++) {
          const i = ctx.present[k]!;
          if (ctx.pop.has(i, FLAG.removed)) continue;
          if (ctx.behaviour.archetypes[ctx.pop.archetypeOf(i)].validations <= 0) continue;
          if (ctx.pop.joined[i]! > 0 && ctx.D - ctx.pop.joined[i]! < ctx.behaviour.poolMaturityDays) continue;
          pool++;
        }
        return { poolSize: pool };
      },
    };
    return { hooks, run: { behaviour: { ...defaultRunConfig().behaviour } } };
  },
  check(r, o) {
    const rows = r.rows;
    const pre = mean(rows, -7, -1, (x) => x.faucetByKind.validation! / Math.max(1, x.extra.poolSize!));
    const day0 = at(rows, 0);
    const post = day0 ? day0.faucetByKind.validation! / Math.max(1, day0.extra.poolSize!) : null;
    const valPre = mean(rows, -7, -1, (x) => x.validations / Math.max(1, x.extra.poolSize!));
    const valPost = day0 ? day0.validations / Math.max(1, day0.extra.poolSize!) : null;
    const backlogPre = mean(rows, -7, -1, (x) => x.backlog);
    const poolPre = mean(rows, -7, -1, (x) => x.extra.poolSize!);
    const recovered = rows.find((x) => x.day >= 1 && x.day <= 28 && x.extra.poolSize! >= (poolPre ?? Infinity));
    const maxBacklog = Math.max(...rows.filter((x) => x.day >= 0 && x.day <= 28).map((x) => x.backlog));
    return [
      {
        claim: "§6.3 symptoms: pending queue 5,000 items (was 200), consensus 48 h (was 4 h)",
        criterion: "the backlog in the 4 weeks after the removal peaks above 10× its mean of the week before and above 10% of a day's tasks",
        measured: `backlog before ${fmt(backlogPre, 0)}, max in the 4 weeks after ${fmt(maxBacklog, 0)}; tasks/day ${fmt(day0?.validationTasks, 0)} vs remaining pool ${fmt(day0?.extra.poolSize, 0)} × cap ${fmt(day0?.params.validationCap, 0)}`,
        holds: backlogPre !== null && day0 ? maxBacklog > 10 * Math.max(1, backlogPre) && maxBacklog > 0.1 * day0.validationTasks : null,
      },
      {
        claim: "§6.3 auto-response: validation rewards increase by 20% (0.5 → 0.6 IT per evaluation)",
        criterion: "the per-evaluation base reward on day 0 (before any manual response) is ≥ 0.6 IT",
        measured: `${fmt(day0?.params.validationReward, 3)} IT: no automatic rule of §3.1 responds to a validator shortage`,
        holds: day0 ? day0.params.validationReward! >= 0.6 : null,
      },
      {
        claim: "§6.3: \"this happens naturally as fewer validators mean each remaining validator handles more evaluations\"",
        criterion: "evaluations per pool member on day 0 ≥ 1.2 × the week before (income per member reported alongside)",
        measured: `${fmt(valPre, 2)} → ${fmt(valPost, 2)} evaluations/day per pool member (${pct(valPre && valPost ? valPost / valPre - 1 : null)}); income ${fmt(pre, 2)} → ${fmt(post, 2)} IT/day (${pct(pre && post ? post / pre - 1 : null)})${day0?.capped ? "; the supply cap is breached, faucets scaled" : ""}`,
        holds: valPre !== null && valPost !== null ? valPost >= 1.2 * valPre : null,
      },
      {
        claim: "§6.3 expected recovery: the pool recovers within 2–4 weeks",
        criterion: "pool size back to its pre-removal size within 28 days",
        measured: recovered ? `recovered on day ${recovered.day}` : `pool ${fmt(poolPre, 0)} before, ${fmt(at(rows, Math.min(28, o.days - 1))?.extra.poolSize, 0)} on day ${Math.min(28, o.days - 1)}`,
        holds: needDays(o, 28) || recovered ? recovered !== undefined : null,
      },
    ];
  },
};

/** §6 scenario 4: a sybil spam attack funded by starter grants and referrals. */
const spam: Preset = {
  title: "Spam attack: sybil accounts flood debate submissions (§6 scenario 4)",
  warmupDays: 60,
  build(o) {
    const perDay = Math.max(10, Math.round(o.agents / 1000));
    const hooks: ScenarioHooks = {
      initialAgents: o.agents,
      phase: (d) => (d < 0 ? "warm-up" : d < 10 ? "attack" : "after"),
      beforeDay(ctx) {
        if (ctx.day === 0) ctx.state.master = ctx.addAgent("balanced", FLAG.attacker);
        if (ctx.day >= 0 && ctx.day < 10) {
          const made: number[] = [];
          for (let k = 0; k < perDay; k++) made.push(ctx.addAgent("creator", FLAG.attacker));
          ctx.state[`sybils${ctx.day}`] = made.length;
          ctx.state.sybilFirst ??= made[0]!;
          ctx.state.sybilLast = made[made.length - 1]!;
        }
      },
      extraOps(ctx, ops) {
        if (ctx.day < 0) return;
        const master = ctx.state.master!;
        for (let k = 0; k < ctx.presentCount; k++) {
          const i = ctx.present[k]!;
          if (!ctx.pop.has(i, FLAG.attacker) || i === master) continue;
          if (ctx.pop.joined[i] === ctx.D) ops.push(OP.referral, master, i); // the master refers every sybil
          ops.push(OP.spam, i, 2, 1000); // as many debate submissions as the balance pays
        }
      },
      afterSpam(ctx, agent, count, t, paid) {
        const rs = ctx.streams.get("scenario");
        ctx.state.spamPaid = (ctx.state.spamPaid ?? 0) + Number(paid) / 1e18;
        let rejected = 0;
        for (let k = 0; k < count; k++) if (rs.uniform() < 0.7) rejected++; // §5.2: ~70% rejected by guardrails
        ctx.state.spamSubmitted = (ctx.state.spamSubmitted ?? 0) + count;
        ctx.state.spamPassed = (ctx.state.spamPassed ?? 0) + count - rejected;
        const seen = (ctx.state[`rej${agent}`] ?? 0) + rejected;
        ctx.state[`rej${agent}`] = seen;
        if (seen >= 3) {
          // repeated rejections in the "new" trust tier → detection → slash and permanent ban
          ctx.state.sybilSlashed = (ctx.state.sybilSlashed ?? 0) + Number(ctx.ledger.slash(t, agent)) / 1e18;
          ctx.pop.flags[agent]! |= FLAG.banned;
          ctx.state.banned = (ctx.state.banned ?? 0) + 1;
        }
      },
      extras(ctx) {
        const master = ctx.state.master;
        return {
          spamSubmitted: ctx.state.spamSubmitted ?? 0,
          spamPassed: ctx.state.spamPassed ?? 0,
          spamPaid: ctx.state.spamPaid ?? 0,
          banned: ctx.state.banned ?? 0,
          masterBalance: master === undefined ? 0 : Number(ctx.ledger.settledBalanceOf(master)) / 1e18,
        };
      },
    };
    return { hooks };
  },
  check(r, o) {
    const rows = r.rows;
    const end = rows[rows.length - 1]!;
    const spamN = end.extra.spamSubmitted ?? 0;
    const passed = end.extra.spamPassed ?? 0;
    const paid = end.extra.spamPaid ?? 0;
    let sybils = 0;
    let granted = 0;
    let held = 0;
    for (let i = 0; i < r.pop.n; i++) {
      if (!r.pop.has(i, FLAG.attacker) || i === r.state.master) continue;
      sybils++;
      if (r.ledger.hasStarterGrant(i)) granted++;
      held += Number(r.ledger.settledBalanceOf(i)) / 1e18;
    }
    const grantValue = granted * 50;
    // what the sybils received = what they paid + what was slashed + what they still hold; they earn nothing,
    // so the part beyond their starter grants is emergency top-ups
    const received = paid + (r.state.sybilSlashed ?? 0) + held;
    const topUps = received - grantValue;
    return [
      {
        claim: "§6.4: spam needs credits earned by honest evaluation (1,000 spam submissions ≈ 5,000 IT ≈ 10,000 honest evaluations; 30 days per account)",
        criterion: "no spam is submitted by accounts that did no honest evaluation",
        measured: `${fmt(spamN, 0)} spam submissions (${fmt(passed, 0)} past the guardrails at 70% rejection) from ${sybils} sybil accounts with 0 evaluations between them (new accounts cannot join the validator pool for 30 days); they paid ${fmt(paid, 0)} IT, funded by ${granted} starter grants (${fmt(grantValue, 0)} IT) and ${fmt(topUps, 0)} IT of emergency top-ups; the referring account kept ${fmt(end.extra.masterBalance, 0)} IT of referral rewards`,
        holds: spamN === 0,
      },
      {
        claim: "§6.4 expected outcome: the attack is economically irrational at any meaningful scale",
        criterion: "spam submissions per honest evaluation the attacker had to do is finite (some honest work was needed)",
        measured: spamN > 0 ? `${fmt(spamN, 0)} spam submissions for 0 honest evaluations: each sybil costs an e-mail address, not credits (the starter grant pays ~25 debate submissions at the floor cost; the attacker also gains 25 IT per sybil referred)` : "no spam submitted",
        holds: spamN === 0,
      },
      {
        claim: "§6.4 defense layer 1: each submission costs 2–5 IT (100 problems need 200–500 IT)",
        criterion: "the problem and debate costs in force during the attack (day 0) are within 2–5 IT",
        measured: `problem ${fmt(at(rows, 0)?.params.problemCost)} IT, debate ${fmt(at(rows, 0)?.params.debateCost)} IT on day 0 (after the automatic responses so far); 100 problems cost ${fmt((at(rows, 0)?.params.problemCost ?? NaN) * 100, 0)} IT`,
        holds: at(rows, 0) ? at(rows, 0)!.params.problemCost! >= 2 && at(rows, 0)!.params.debateCost! >= 2 && at(rows, 0)!.params.problemCost! <= 5 : null,
      },
    ];
  },
};

/** §6 scenario 5: costs tripled and the mission provider withdraws. */
function deflationHooks(o: ScenarioOptions, intervene: boolean): ScenarioHooks {
  return {
    initialAgents: o.agents,
    phase: (d) => (d < 0 ? "warm-up" : "shock"),
    beforeDay(ctx) {
      if (ctx.day === 0) {
        propose(ctx, "submissionCostMultiplier", wad("3")); // the policy change
        ctx.missionAvailability = 0; // the mission provider withdraws
      }
      if (ctx.day < 0) return;
      const prev = ctx.rows[ctx.rows.length - 1];
      // the liquidity response of today's evaluation is in the ledger's last Evaluated responses; the
      // operator reviews it within 24 hours (§3.1: "requires manual review within 24 hours")
      if (intervene && ctx.state.detectedDay === undefined && prev && prev.day >= 0 && prev.responses & RESPONSE.liquidity) {
        ctx.state.detectedDay = prev.day;
      }
      if (intervene && ctx.state.detectedDay !== undefined && ctx.state.interventionDay === undefined && ctx.day >= ctx.state.detectedDay + 1) {
        ctx.state.interventionDay = ctx.day;
        propose(ctx, "submissionCostMultiplier", wad("1")); // revert to last-known-good
        ctx.missionAvailability = 1; // internal missions…
        ctx.missionsFromReserve = true; // …funded from the platform reserve
      }
    },
  };
}

const deflation: Preset = {
  title: "Deflation crisis: submission costs ×3 and the mission provider withdraws (§6 scenario 5)",
  warmupDays: 60,
  build: (o) => ({ hooks: deflationHooks(o, true) }),
  counterfactual: (o) => ({ hooks: deflationHooks(o, false) }),
  check(r, o, cf) {
    const rows = r.rows;
    const subsPre = mean(rows, -7, -1, (x) => x.submissions);
    const det = r.state.detectedDay;
    const iv = r.state.interventionDay;
    const detRow = det !== undefined ? at(rows, det) : undefined;
    const rec = iv !== undefined ? rows.find((x) => x.day >= iv && x.median >= 20 && subsPre !== null && x.submissions >= 0.8 * subsPre) : undefined;
    const cfRows = cf?.rows ?? [];
    const cfEnd = cfRows[cfRows.length - 1];
    const cfMin = cfRows.length ? Math.min(...cfRows.filter((x) => x.day >= 0).map((x) => x.submissions)) : null;
    const preMedian = mean(rows, -7, -1, (x) => x.median);
    return [
      {
        claim: "§6.5 symptoms: median 12 IT, submissions −60%, active agents 35%",
        criterion: "at the first liquidity response after the shock: median < 20 IT and submissions ≤ 40% of the week before",
        measured: detRow ? `day ${det}: median ${fmt(detRow.median, 1)} IT (week before ${fmt(preMedian, 1)}), submissions ${fmt(detRow.submissions, 0)} vs ${fmt(subsPre, 0)}, active ${pct(detRow.activePct)}` : "no liquidity response after the shock",
        holds: detRow && subsPre !== null ? detRow.median < 20 && detRow.submissions <= 0.4 * subsPre : false,
      },
      {
        claim: "§6.5 auto-response: top-up, costs to minimum, decay suspended",
        criterion: "the liquidity response fires after the shock",
        measured: det !== undefined ? `first on day ${det}; problem cost then ${fmt(at(rows, det + 1)?.params.problemCost)} IT` : "never",
        holds: det !== undefined,
      },
      {
        claim: "§6.5 expected recovery: 1–2 weeks with manual intervention",
        criterion: "within 14 days of the intervention: median ≥ 20 IT and submissions ≥ 80% of the week before the shock",
        measured: iv === undefined ? "no intervention (no liquidity response)" : rec ? `recovered on day ${rec.day} (${rec.day - iv} days after the intervention on day ${iv})` : `not recovered by day ${rows[rows.length - 1]!.day} (intervention on day ${iv}); median ${fmt(rows[rows.length - 1]!.median, 1)} IT`,
        holds: iv === undefined ? null : rec !== undefined && rec.day - iv <= 14,
      },
      {
        claim: "§6.5: without intervention the economy enters a death spiral (fewer submissions → fewer validations → less income)",
        criterion: "counterfactual without manual intervention: submissions at the end ≤ their post-shock minimum × 1.1 and median < 20 IT",
        measured: cfEnd ? `submissions at the end ${fmt(cfEnd.submissions, 0)} (post-shock minimum ${fmt(cfMin, 0)}, before the shock ${fmt(subsPre, 0)}), median ${fmt(cfEnd.median, 1)} IT` : "not run",
        holds: cfEnd && cfMin !== null ? cfEnd.submissions <= cfMin * 1.1 && cfEnd.median < 20 : null,
      },
    ];
  },
};

const PRESETS: Record<ScenarioName, Preset> = {
  baseline,
  growth,
  whale,
  "validator-shortage": validatorShortage,
  spam,
  deflation,
};

export function scenarioTitle(name: ScenarioName): string {
  return PRESETS[name].title;
}

export function scenarioWarmup(name: ScenarioName): number {
  return PRESETS[name].warmupDays;
}

/**
 * Runs a preset (and its counterfactual, if it has one) and checks its expected outcomes.
 * @example runScenario("whale", { agents: 10_000, days: 180, seed: "1" })
 */
export function runScenario(name: ScenarioName, o: ScenarioOptions, extra: Partial<EconomyRunConfig> = {}): ScenarioResult {
  const p = PRESETS[name];
  const started = performance.now();
  const built = p.build(o);
  const cfg = defaultRunConfig({ seed: o.seed, days: o.days, warmupDays: p.warmupDays, ...built.run, ...extra });
  const res = runEconomy(cfg, built.hooks);
  let cf: EconomyRunResult | undefined;
  if (p.counterfactual) {
    const b2 = p.counterfactual(o);
    cf = runEconomy(defaultRunConfig({ seed: o.seed, days: o.days, warmupDays: p.warmupDays, ...b2.run, ...extra, onOp: undefined, onDay: undefined }), b2.hooks);
  }
  return {
    name,
    title: p.title,
    options: o,
    warmupDays: p.warmupDays,
    rows: res.rows,
    checks: p.check(res, o, cf),
    ...(cf ? { counterfactual: cf.rows } : {}),
    notes: p.notes ?? [],
    seconds: (performance.now() - started) / 1000,
    operations: res.operations + (cf?.operations ?? 0),
  };
}
