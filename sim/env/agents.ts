/**
 * Agents at the start of a run (specification §2.1) and the mandatory members (§4.3).
 */
import { beta22, logNormal, uniformBetween, type RandomStream } from "../rng/index.js";

/** Log-normal wealth with mean 1000 and standard deviation 500 (specification §2.1). */
export const WEALTH_MU = Math.log(1000 ** 2 / Math.sqrt(1000 ** 2 + 500 ** 2));
export const WEALTH_SIGMA = Math.sqrt(Math.log(1 + 500 ** 2 / 1000 ** 2));

/** Per-agent traits, index = agent. Fixed for the whole run (wealth here is the starting wealth). */
export interface AgentTraits {
  readonly count: number;
  readonly wealth: Float64Array;
  /** Uniform(0.2, 0.8); willingness to pay = wealth × neuroticism. */
  readonly neuroticism: Float64Array;
  /** Uniform(0.01, 0.05). */
  readonly baselineRisk: Float64Array;
  /** 0.5 + 1.5·Beta(2, 2); scales an engineer's secret amounts. */
  readonly buttressing: Float64Array;
  /** Uniform(0, 1); an engineer with integrity > 0.5 draws potency from Beta(5, 2), else Beta(2, 5). */
  readonly integrity: Float64Array;
}

/**
 * Draw n agents from the `agents` stream, agent by agent in index order, each in the order
 * wealth (two uniforms), neuroticism, baseline risk, buttressing (three), integrity.
 */
export function drawAgents(n: number, s: RandomStream): AgentTraits {
  const wealth = new Float64Array(n);
  const neuroticism = new Float64Array(n);
  const baselineRisk = new Float64Array(n);
  const buttressing = new Float64Array(n);
  const integrity = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    wealth[i] = logNormal(s, WEALTH_MU, WEALTH_SIGMA);
    neuroticism[i] = uniformBetween(s, 0.2, 0.8);
    baselineRisk[i] = uniformBetween(s, 0.01, 0.05);
    buttressing[i] = 0.5 + 1.5 * beta22(s);
    integrity[i] = s.uniform();
  }
  return { count: n, wealth, neuroticism, baselineRisk, buttressing, integrity };
}

/** Number of mandatory members: ⌊fraction × n⌋. */
export function mandatoryCount(fraction: number, n: number): number {
  return Math.floor(fraction * n);
}

/**
 * Mandatory members and their pools from the `mandatory` stream: the first ⌊fraction·n⌋ places of a
 * partial Fisher–Yates shuffle of 0..n−1 (place k swaps with k + below(n − k)), then one pool per
 * chosen agent, below(nPools), in the order chosen. Returns per agent its pool, or −1.
 */
export function drawMandatory(fraction: number, n: number, nPools: number, s: RandomStream): Int32Array {
  const m = mandatoryCount(fraction, n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let k = 0; k < m; k++) {
    const j = k + s.below(n - k);
    const t = order[k]!;
    order[k] = order[j]!;
    order[j] = t;
  }
  const pool = new Int32Array(n).fill(-1);
  for (let k = 0; k < m; k++) pool[order[k]!] = s.below(nPools);
  return pool;
}
