/**
 * Agent behaviour: the four archetypes of §2.2 and the per-agent event rates of §1.1's volume table.
 *
 * What each number is and where it comes from:
 * - Archetype shares and daily activity: §2.2 (validations desired per day, submissions per day and
 *   their average cost, missions per day and their reward range). These are means; the model draws
 *   daily counts from Poisson distributions with these means.
 * - Everything §2.2 does not specify (evidence reviews, votes, circles, priority listings, disputes,
 *   arrivals): the §1.1 table's daily volume divided by the per-event amount and by the number of
 *   agents, at 1K, 10K and 100K, interpolated linearly in log10(agents) between those anchors and held
 *   constant outside them.
 * - F1 and quality: §5.2's honest expectations (E[F1] = 0.85, E[quality] = 1.1) as uniform ranges.
 * See DESIGN-NOTES.md for where §1.1 and §2.2 disagree and which the model follows.
 */
import type { SubmissionType } from "./config.js";

export const ARCHETYPES = ["validator", "creator", "balanced", "missionRunner"] as const;
export type Archetype = (typeof ARCHETYPES)[number];

export interface ArchetypeSpec {
  share: number;
  /** Validations the agent wants to do per day (when the work exists). */
  validations: number;
  /** Mean submissions per day. */
  submissions: number;
  /** Probability of each submission type (problem 3, solution 5, debate 2 IT by default). */
  mix: Readonly<Record<SubmissionType, number>>;
  /** Mean missions per day and the reward range (whole credits, uniform). */
  missions: number;
  missionReward: readonly [number, number];
}

/** §2.2. "3 IT (avg)" is the mix ½ problem, ⅙ solution, ⅓ debate (3·½ + 5·⅙ + 2·⅓ = 3). */
const AVG3 = { problem: 1 / 2, solution: 1 / 6, debate: 1 / 3 } as const;

export const DEFAULT_ARCHETYPES: Readonly<Record<Archetype, ArchetypeSpec>> = {
  validator: { share: 0.3, validations: 15, submissions: 1, mix: { problem: 0, solution: 0, debate: 1 }, missions: 0, missionReward: [20, 100] },
  creator: { share: 0.25, validations: 5, submissions: 4, mix: AVG3, missions: 0, missionReward: [20, 100] },
  balanced: { share: 0.3, validations: 8, submissions: 2, mix: AVG3, missions: 0, missionReward: [20, 100] },
  missionRunner: { share: 0.15, validations: 0, submissions: 1, mix: { problem: 1, solution: 0, debate: 0 }, missions: 1, missionReward: [20, 100] },
};

/** Per-agent daily rates at the three scales of §1.1: volume ÷ per-event amount ÷ agents. */
export interface ScaleRates {
  /** Evidence reviews per agent per day (volume ÷ 1.5 IT). */
  reviews: number;
  /** Votes (÷ 5 IT), circles (÷ 25 IT), priority listings (÷ 15 IT). */
  votes: number;
  circles: number;
  priority: number;
  /** Disputes opened per agent per day: burned volume ÷ (10 IT stake × 40% failing). */
  disputes: number;
  /** New agents per agent per day: starter-grant volume ÷ 50 IT. */
  arrivals: number;
}

export const SCALE_ANCHORS: readonly (readonly [number, ScaleRates])[] = [
  [1_000, { reviews: 1_000 / 1.5 / 1_000, votes: 1_000 / 5 / 1_000, circles: 250 / 25 / 1_000, priority: 500 / 15 / 1_000, disputes: 200 / 4 / 1_000, arrivals: 500 / 50 / 1_000 }],
  [10_000, { reviews: 8_000 / 1.5 / 10_000, votes: 10_000 / 5 / 10_000, circles: 2_000 / 25 / 10_000, priority: 5_000 / 15 / 10_000, disputes: 2_000 / 4 / 10_000, arrivals: 2_000 / 50 / 10_000 }],
  [100_000, { reviews: 60_000 / 1.5 / 100_000, votes: 80_000 / 5 / 100_000, circles: 15_000 / 25 / 100_000, priority: 40_000 / 15 / 100_000, disputes: 15_000 / 4 / 100_000, arrivals: 10_000 / 50 / 100_000 }],
];

/** The rates at a population, interpolated in log10(agents) between the anchors, constant outside. */
export function ratesAt(agents: number): ScaleRates {
  const a = SCALE_ANCHORS;
  if (agents <= a[0]![0]) return { ...a[0]![1] };
  if (agents >= a[a.length - 1]![0]) return { ...a[a.length - 1]![1] };
  let i = 0;
  while (agents > a[i + 1]![0]) i++;
  const [n0, r0] = a[i]!;
  const [n1, r1] = a[i + 1]!;
  const f = (Math.log10(agents) - Math.log10(n0)) / (Math.log10(n1) - Math.log10(n0));
  const out = {} as ScaleRates;
  for (const k of Object.keys(r0) as (keyof ScaleRates)[]) out[k] = r0[k] + (r1[k] - r0[k]) * f;
  return out;
}

export interface BehaviourConfig {
  archetypes: Readonly<Record<Archetype, ArchetypeSpec>>;
  /** Validators per submission (Appendix B "consensus threshold"). Each submission creates this many validation tasks. */
  consensus: number;
  /** Honest F1 range (uniform; §5.2 E[F1] = 0.85), on a 0.001 grid. */
  f1Range: readonly [number, number];
  /** Quality bonus range per day's validations (uniform on a 0.01 grid; §5.2 E[quality] = 1.1). */
  qualityRange: readonly [number, number];
  /** Days a new agent waits before joining the validator pool (§6 scenario 4: "30 days + F1 > 0.65"). */
  poolMaturityDays: number;
  /** Share of arrivals referred by an existing agent (§1.1: ~50%). */
  referredShare: number;
  /** Share of disputes that fail (§4.3: ~40%). */
  disputeFailShare: number;
  /** Evidence review reward range in tenths of a credit (§1.1: 1.0–2.0 IT). */
  reviewTenths: readonly [number, number];
  /** Agents leave (go dormant for good) at the arrival rate, so the present population is steady. */
  departuresMatchArrivals: boolean;
  /** Validators take work beyond their wish, up to the daily validation cap, when tasks outnumber wishes (§6 scenario 3). */
  surgeToCap: boolean;
}

export function defaultBehaviour(): BehaviourConfig {
  return {
    archetypes: DEFAULT_ARCHETYPES,
    consensus: 3,
    f1Range: [0.75, 0.95],
    qualityRange: [1.0, 1.2],
    poolMaturityDays: 30,
    referredShare: 0.5,
    disputeFailShare: 0.4,
    reviewTenths: [10, 20],
    departuresMatchArrivals: true,
    surgeToCap: true,
  };
}
