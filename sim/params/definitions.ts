/**
 * The reference study's parameters: the 17 swept ones with their ranges (specification §7, in the
 * table's order), n_pools, the fixed constants, and the protocol extensions. One definition used by
 * the model, the sweep engine, the harness and the reports.
 */

/** The 17 swept parameters, in the order of the specification's table (and of the reference design CSV). */
export const SWEPT_PARAMS = [
  "lambda_komp",
  "lambda_eng",
  "f_hunters",
  "theta_sell",
  "flip_threshold",
  "p_loss",
  "loss_frac",
  "alpha_k",
  "alpha_e",
  "base_loading",
  "value_multiplier_komp",
  "value_multiplier_eng",
  "eng_productivity_factor",
  "init_cap",
  "capital_low",
  "capital_high",
  "mandatory_insurance_frac",
] as const;

export type SweptParam = (typeof SWEPT_PARAMS)[number];

/** Every parameter a run takes. Money is in asset units (the study's "wealth" unit), rates are plain numbers. */
export interface ModelParams {
  // --- swept (specification §7) ---
  lambda_komp: number;
  lambda_eng: number;
  f_hunters: number;
  theta_sell: number;
  flip_threshold: number;
  p_loss: number;
  loss_frac: number;
  alpha_k: number;
  alpha_e: number;
  base_loading: number;
  value_multiplier_komp: number;
  value_multiplier_eng: number;
  eng_productivity_factor: number;
  init_cap: number;
  capital_low: number;
  capital_high: number;
  mandatory_insurance_frac: number;
  /** Number of pools, uniform in {1, 2, 3} in the study. */
  n_pools: number;
  // --- fixed in the study (specification §7 "Fixed parameters"), overridable ---
  n_agents: number;
  flip_interval: number;
  learning_rate: number;
  premium_rate_base: number;
  eng_asset_lifetime: number;
  // --- protocol extension ---
  /** Flat fee per step paid by each mandatory member (asset units). 0 reproduces the study. */
  subscription_fee: number;
}

export type ParamName = keyof ModelParams;

export interface ParamSpec {
  name: ParamName;
  /** Short human description (the specification's wording). */
  description: string;
  /** The study's sweep range, for swept parameters. */
  studyRange?: readonly [number, number];
  /** Values the model accepts at all (inclusive). A value outside is a configuration error. */
  domain: readonly [number, number];
  integer?: boolean;
  default: number;
}

const mid = (a: number, b: number): number => (a + b) / 2;

function swept(
  name: SweptParam,
  description: string,
  lo: number,
  hi: number,
  domain: readonly [number, number],
): ParamSpec {
  return { name, description, studyRange: [lo, hi], domain, default: mid(lo, hi) };
}

const INF = Number.POSITIVE_INFINITY;

/** Every parameter with its range, domain and default (defaults: midpoints of the study's ranges). */
export const PARAM_SPECS: readonly ParamSpec[] = [
  swept("lambda_komp", "Kompromat generation rate (Poisson mean per step)", 0.5, 2.5, [0, 1000]),
  swept("lambda_eng", "Engineering generation rate (Poisson mean per step)", 1.0, 5.0, [0, 1000]),
  swept("f_hunters", "Fraction of kompromat sellers who are hunters", 0.2, 0.5, [0, 1]),
  swept("theta_sell", "Hunter sell threshold (potency)", 0.5, 0.8, [0, 1]),
  swept("flip_threshold", "Weighted kompromat needed for a flip attempt", 20, 30, [Number.MIN_VALUE, INF]),
  swept("p_loss", "Per-step probability of an insurable loss", 0.005, 0.03, [0, 1]),
  swept("loss_frac", "Loss as a fraction of wealth", 0.1, 0.25, [0, 1]),
  swept("alpha_k", "Kompromat risk sensitivity", 0.00005, 0.0003, [0, INF]),
  swept("alpha_e", "Engineering risk sensitivity", 0.0002, 0.001, [0, INF]),
  swept("base_loading", "Base premium loading", 1.5, 3.0, [0, INF]),
  swept("value_multiplier_komp", "Kompromat value multiplier", 0.1, 1.0, [0, INF]),
  swept("value_multiplier_eng", "Engineering value multiplier", 0.5, 2.0, [0, INF]),
  swept("eng_productivity_factor", "Engineering productivity factor", 1.0, 5.0, [0, INF]),
  swept("init_cap", "Initial pool capital", 1000, 5000, [0, INF]),
  swept("capital_low", "Capital below which loading rises", 100, 300, [0, INF]),
  swept("capital_high", "Capital above which loading falls", 2000, 5000, [0, INF]),
  swept("mandatory_insurance_frac", "Fraction of agents with mandatory cover", 0.0, 0.2, [0, 1]),
  { name: "n_pools", description: "Number of insurance pools", studyRange: [1, 3], domain: [1, 16], integer: true, default: 2 },
  { name: "n_agents", description: "Number of agents (N_AGENTS)", domain: [1, 1_000_000], integer: true, default: 200 },
  { name: "flip_interval", description: "Steps between flip checks (FLIP_INTERVAL)", domain: [1, 1_000_000], integer: true, default: 10 },
  { name: "learning_rate", description: "Potency moving-average rate (LEARNING_RATE)", domain: [0, 1], default: 0.1 },
  { name: "premium_rate_base", description: "PREMIUM_RATE_BASE", domain: [0, INF], default: 0.1 },
  { name: "eng_asset_lifetime", description: "Steps an engineering return stream pays (ENG_ASSET_LIFETIME)", domain: [1, 1_000_000], integer: true, default: 100 },
  { name: "subscription_fee", description: "Flat fee per step per mandatory member (0 = the study)", domain: [0, INF], default: 0 },
];

export const PARAM_NAMES: readonly ParamName[] = PARAM_SPECS.map((s) => s.name);

export const PARAM_SPEC_BY_NAME: Readonly<Record<ParamName, ParamSpec>> = Object.fromEntries(
  PARAM_SPECS.map((s) => [s.name, s]),
) as Record<ParamName, ParamSpec>;

/** The default run: midpoints of the study's ranges, two pools, the study's fixed constants. */
export function defaultParams(): ModelParams {
  return Object.fromEntries(PARAM_SPECS.map((s) => [s.name, s.default])) as unknown as ModelParams;
}

/** The study's fixed number of steps per run (N_STEPS). */
export const STUDY_STEPS = 5000;
