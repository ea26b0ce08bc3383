/**
 * The study's stages, full or quick: the reference sweep, the focused sweep around the
 * safe-and-profitable region, the subscription-fee sweep, and a default agent run on the chain. Each
 * stage is a command of the project's own CLIs (`npm run sweep`, `npm run agents`), run as written, so
 * every stage can also be run, resumed or checked alone.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { REPO_ROOT } from "../sweep/fingerprint.js";

/** The study's own 2000 design points, beside the repository (DEVELOPERS.md). */
export const REFERENCE_DESIGN = resolve(REPO_ROOT, "../shared/reference/study-design-2000.csv");
export const FOCUS_CONFIG = "sim/study/focus.json";
export const FEE_CONFIG = "sim/study/fee.json";
/** The master seed of every sweep (the study's LHS seed). */
export const STUDY_SEED = 42;

export interface SweepStage {
  kind: "sweep";
  name: "ref" | "focus" | "fee";
  title: string;
  /** What the stage asks, as a question (the index's "Question:"). */
  question: string;
  /** Arguments of sim/cli/sweep.ts (the folder included). */
  args: string[];
  folder: string;
  /** A note printed on the index (e.g. the reference design was not found). */
  note?: string;
}

export interface AgentStage {
  kind: "agents";
  name: "agents";
  title: string;
  question: string;
  args: string[];
  folder: string;
  steps: number;
  agents: number | null;
}

export type Stage = SweepStage | AgentStage;

export interface StudyPlan {
  quick: boolean;
  /** The output folder (absolute). */
  out: string;
  stages: Stage[];
  /** The command that runs this study. */
  command: string;
}

export interface PlanOptions {
  quick: boolean;
  out?: string;
  /** The reference design CSV (default: REFERENCE_DESIGN when it exists; null: none, use a hypercube). */
  reference?: string | null;
  /** Worker threads for the sweeps (default: the sweep's own, every core). */
  workers?: number;
}

/**
 * A path as the commands show it (they run from the repository root): relative when inside the
 * repository or beside it (../shared/…), absolute otherwise.
 */
export function displayPath(abs: string): string {
  const rel = relative(REPO_ROOT, abs);
  if (rel === "" || isAbsolute(rel) || rel.startsWith("../..")) return abs;
  return rel;
}

/** The sizes of each stage. Quick: a few minutes on two cores, for CI. */
export const SIZES = {
  full: { refRuns: 2000, steps: 5000, focusRuns: 2000, feePoints: 250, agents: null as number | null, agentSteps: 100 },
  quick: { refRuns: 300, steps: 2000, focusRuns: 300, feePoints: 40, agents: 40 as number | null, agentSteps: 25 },
};

export function planStudy(o: PlanOptions): StudyPlan {
  const size = o.quick ? SIZES.quick : SIZES.full;
  const out = resolve(o.out ?? (o.quick ? "results/study-quick" : "results/study"));
  const dir = (name: string) => join(out, name);
  const common = (name: string) => ["--steps", String(size.steps), "--seed", String(STUDY_SEED), "--out", displayPath(dir(name)), "--quiet", ...(o.workers ? ["--workers", String(o.workers)] : [])];
  const stages: Stage[] = [];

  const reference = o.reference ? resolve(o.reference) : o.reference === undefined && existsSync(REFERENCE_DESIGN) ? REFERENCE_DESIGN : null;
  const refArgs = reference
    ? ["--design", displayPath(reference), ...(o.quick ? ["--runs", String(size.refRuns)] : []), ...common("ref")]
    : ["--runs", String(size.refRuns), ...common("ref")];
  stages.push({
    kind: "sweep",
    name: "ref",
    title: "Reference sweep",
    question: "Does the model, on the study's design, reproduce the study's findings? Where is the risk?",
    args: refArgs,
    folder: dir("ref"),
    note: reference
      ? o.quick
        ? `The first ${size.refRuns} of the study's 2000 design points, ${size.steps} steps each (quick).`
        : "The study's own 2000 design points (../shared/reference/study-design-2000.csv), 5000 steps each."
      : `The study's design file (${displayPath(REFERENCE_DESIGN)}) is not beside this checkout, so this is a Latin hypercube of ${size.refRuns} points over the same ranges (same distribution, other points); give --reference FILE to run the study's own points.`,
  });
  stages.push({
    kind: "sweep",
    name: "focus",
    title: "Focused sweep: the safe-and-profitable region",
    question: "Within lambda_komp 1.0–1.5 and eng_productivity_factor 3.5–5.0 (the study's next step), how often is a run safe and profitable, and what decides it there?",
    args: ["--config", FOCUS_CONFIG, "--runs", String(size.focusRuns), ...common("focus")],
    folder: dir("focus"),
  });
  stages.push({
    kind: "sweep",
    name: "fee",
    title: "Subscription-fee sweep",
    question: "The study's mandatory members paid nothing. What does a flat subscription fee do to pool profit and to flips?",
    args: ["--config", FEE_CONFIG, "--runs", String(size.feePoints), "--readings", "protocol", ...common("fee")],
    folder: dir("fee"),
  });
  stages.push({
    kind: "agents",
    name: "agents",
    title: "Agent run on the chain",
    question: "On the harness's default scenario, do real wallets on a chain produce what the model computes, step by step?",
    args: [...(size.agents !== null ? ["--agents", String(size.agents), "--steps", String(size.agentSteps)] : []), "--out", displayPath(dir("agents"))],
    folder: dir("agents"),
    steps: size.agentSteps,
    agents: size.agents,
  });
  const command = ["npm run study --", ...(o.quick ? ["--quick"] : []), "--out", displayPath(out), ...(o.reference ? ["--reference", o.reference] : [])].join(" ");
  return { quick: o.quick, out, stages, command };
}

/** The stage's command as a person would type it. */
export function stageCommand(s: Stage): string {
  return `npm run ${s.kind === "sweep" ? "sweep" : "agents"} -- ${s.args.join(" ")}`;
}
