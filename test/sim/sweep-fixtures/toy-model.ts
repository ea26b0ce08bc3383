/**
 * A tiny deterministic stand-in for the model, for the sweep engine's tests: the same contract as
 * sim/model/run.ts (runModel(params, {seed, steps}) → {metrics, agentSteps}), its metrics a pure
 * function of (params, seed, steps), its cost proportional to n_agents × steps. It throws when
 * subscription_fee is 13, to test failing runs.
 */
import seedrandom from "seedrandom";
import type { RunModel } from "../../../sim/model/api.js";

export const runModel: RunModel = (params, { seed, steps }) => {
  if (params.subscription_fee === 13) throw new Error("toy model: subscription_fee 13 is unlucky");
  const rng = seedrandom(seed);
  let flips = 0;
  let capital = params.init_cap * params.n_pools;
  let claims = 0;
  for (let s = 0; s < steps; s++) {
    for (let a = 0; a < params.n_agents; a++) {
      const u = rng();
      if (u < params.p_loss) claims += params.loss_frac;
    }
    if (s % params.flip_interval === 0 && rng() < params.lambda_komp / 100) flips++;
    capital += params.eng_productivity_factor - params.lambda_komp;
  }
  const profit = capital - params.init_cap * params.n_pools;
  return {
    metrics: {
      flips,
      total_pool_profit: profit,
      insurance_penetration: rng(),
      mean_pool_capital: capital / params.n_pools,
      total_secret_purchases: params.lambda_eng * steps,
      total_claims: claims,
      total_investment_income: params.eng_productivity_factor * steps,
      total_premiums: params.base_loading,
      gini: rng() / 2,
      bankrupt_pools: 0,
      insured_end: Math.floor(rng() * params.n_agents),
    },
    agentSteps: params.n_agents * steps,
  };
};
