/**
 * Model-based test of the whole protocol (fast-check): random sequences of commands against the deployed
 * system on the in-process chain, every invariant checked after every command. Budget: FUZZ_* environment
 * variables (harness/budget.ts, README.md beside this file).
 */
import { expect } from "chai";
import { createNetwork } from "../contracts/helpers/network.js";
import { readBudget } from "./harness/budget.js";
import { COMMAND_NAMES } from "./harness/commands/index.js";
import { INVARIANTS } from "./harness/invariants.js";
import { runModelBased } from "./harness/run.js";
import { Stats } from "./harness/stats.js";
import { deployWorld, type World } from "./harness/world.js";

const { ethers } = await createNetwork();
const budget = readBudget();

describe(`model-based: solvency and protocol invariants (${budget.profile}: ${budget.runs} runs × ≤ ${budget.maxCommands} commands)`, function () {
  this.timeout(0);
  let w: World;

  before(async function () {
    w = await deployWorld(ethers);
  });

  it("holds every invariant after every command", async function () {
    const stats = new Stats();
    const started = Date.now();
    console.log(`      seed ${budget.seed}${budget.path ? `, path ${budget.path}` : ""}`);
    const unreached = (): string[] => [
      ...COMMAND_NAMES.filter((name) => (stats.commands.get(name)?.ran ?? 0) === 0),
      ...INVARIANTS.filter((inv) => (stats.invariants.get(inv)?.nontrivial ?? 0) === 0),
    ];
    try {
      await runModelBased(w, budget, stats);
      // A budget that left a rare command or invariant unreached on this seed (Resolve runs ~8 times in the
      // CI budget) runs again on the next seeds, at most 3 times, each printed and a full property run.
      for (let extra = 1; extra <= 3 && budget.path === undefined && stats.totalCommands >= 1000 && unreached().length > 0; extra++) {
        const seed = (budget.seed + extra) | 0;
        console.log(`      not yet reached: ${unreached().join(", ")}; once more with seed ${seed}`);
        await runModelBased(w, { ...budget, seed }, stats);
      }
    } finally {
      const seconds = (Date.now() - started) / 1000;
      console.log(`      ${stats.totalCommands} commands in ${seconds.toFixed(1)} s (${(stats.totalCommands / seconds).toFixed(0)} commands/s)`);
      console.log(stats.report().replace(/^/gm, "      "));
    }
    expect(stats.totalCommands, "FUZZ_MIN_COMMANDS").to.be.at.least(budget.minCommands);
    // A full budget must reach every command and every invariant in a non-trivial state (a replay need not).
    if (budget.path === undefined && stats.totalCommands >= 1000) {
      for (const name of COMMAND_NAMES) expect(stats.commands.get(name)?.ran ?? 0, `runs of ${name}`).to.be.greaterThan(0);
      for (const inv of INVARIANTS) expect(stats.invariants.get(inv)?.nontrivial ?? 0, `non-trivial checks of ${inv}`).to.be.greaterThan(0);
    }
  });
});
