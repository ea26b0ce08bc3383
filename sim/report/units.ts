/**
 * Units for axis labels and tables. Money is in the study's wealth units (one whole token on chain,
 * ARCHITECTURE.md "Units"); an agent starts with about 1000 on average.
 */
import { PARAM_SPEC_BY_NAME, type ParamName } from "../params/index.js";

export const PARAM_UNITS: Record<ParamName, string> = {
  lambda_komp: "secrets per step",
  lambda_eng: "secrets per step",
  f_hunters: "fraction of sellers",
  theta_sell: "potency, 0–1",
  flip_threshold: "amount × potency",
  p_loss: "probability per step",
  loss_frac: "fraction of wealth",
  alpha_k: "risk per unit of komp capital",
  alpha_e: "risk per unit of eng capital",
  base_loading: "multiplier",
  value_multiplier_komp: "multiplier",
  value_multiplier_eng: "multiplier",
  eng_productivity_factor: "multiplier",
  init_cap: "wealth units",
  capital_low: "wealth units",
  capital_high: "wealth units",
  mandatory_insurance_frac: "fraction of agents",
  n_pools: "pools",
  n_agents: "agents",
  flip_interval: "steps",
  learning_rate: "rate",
  premium_rate_base: "rate",
  eng_asset_lifetime: "steps",
  subscription_fee: "wealth units per step",
};

/** "lambda_komp (secrets per step)". */
export function paramLabel(name: ParamName): string {
  return `${name} (${PARAM_UNITS[name]})`;
}

/** The parameter's description from sim/params. */
export function paramDescription(name: ParamName): string {
  return PARAM_SPEC_BY_NAME[name].description;
}

export const METRIC_LABELS: Record<string, string> = {
  flips: "flips (agents flipped)",
  total_pool_profit: "pool profit (wealth units)",
};
