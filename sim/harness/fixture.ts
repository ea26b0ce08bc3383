/**
 * A fixture for agent-based tests: a fresh in-process chain with the protocol deployed, one funded wallet
 * per agent, each agent's behaviour, the environment and the step driver — everything from a few options.
 *
 * @example
 *   const sim = await agentFixture({ agents: 100, steps: 50, seed: 11, params: { f_hunters: 0.3, subscription_fee: 20 } });
 *   await sim.run();
 *   for (const p of sim.pools) expect(p.claimsPaid).to.be.at.most(p.fundedCapital + p.premiumsCollected + …);
 *   await sim.close();
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ModelParams } from "../params/index.js";
import { deriveRunSeed, RandomStream } from "../rng/index.js";
import { studyBehaviour, type AgentBehaviour } from "./behaviours.js";
import { AgentRun, type AgentRunOptions } from "./run.js";

export const DEFAULT_SCENARIO_PATH = join(dirname(fileURLToPath(import.meta.url)), "scenarios", "default.json");

/** The default scenario's parameter values (sim/harness/README.md, "The default scenario"). */
export function defaultScenario(): Partial<ModelParams> {
  return JSON.parse(readFileSync(DEFAULT_SCENARIO_PATH, "utf8")) as Partial<ModelParams>;
}

export interface AgentFixtureOptions extends Omit<Partial<AgentRunOptions>, "params" | "seed"> {
  /** Number of agents (wallets); default: the scenario's n_agents. */
  agents?: number;
  /** Parameter values over the default scenario (`scenario: "study"` puts them over the study's defaults instead). */
  params?: Partial<ModelParams>;
  scenario?: "default" | "study";
  /** Master seed (the run seed is `${seed}/0`), or a run seed string containing "/". Default 1. */
  seed?: number | string;
  /** Steps the run is created for (default 20). */
  steps?: number;
}

/** Deploys a system with funded agent wallets and returns its step driver (`step()`, `run()`). */
export async function agentFixture(options: AgentFixtureOptions = {}): Promise<AgentRun> {
  const base = options.scenario === "study" ? {} : defaultScenario();
  const params = { ...base, ...options.params } as Partial<ModelParams>;
  if (options.agents !== undefined) params.n_agents = options.agents;
  const seed = typeof options.seed === "string" && options.seed.includes("/") ? options.seed : deriveRunSeed(options.seed ?? 1, 0);
  return AgentRun.create({ ...options, params, seed, steps: options.steps ?? 20 });
}

/**
 * A behaviour per agent drawn from a mix, e.g. `mixBehaviours({ never: [neverInsures, 0.3] }, 7)`: each
 * agent independently gets a listed behaviour with its probability, else the study's (seeded: the same
 * seed gives the same assignment).
 */
export function mixBehaviours(mix: Record<string, [AgentBehaviour, number]>, seed: number | string): (agent: number) => AgentBehaviour {
  const stream = new RandomStream(`behaviours/${seed}`);
  const cache: AgentBehaviour[] = [];
  return (agent: number) => {
    while (cache.length <= agent) {
      const u = stream.uniform();
      let acc = 0;
      let chosen = studyBehaviour;
      for (const [behaviour, p] of Object.values(mix)) {
        acc += p;
        if (u < acc) {
          chosen = behaviour;
          break;
        }
      }
      cache.push(chosen);
    }
    return cache[agent]!;
  };
}
