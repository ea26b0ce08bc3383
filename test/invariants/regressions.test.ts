/**
 * Replays every command sequence kept in test/invariants/regressions/ (written by a failing model-based
 * run, see harness/run.ts) with every invariant checked after every command.
 */
import { expect } from "chai";
import { createNetwork } from "../contracts/helpers/network.js";
import { readRegressions, replayRegression } from "./harness/run.js";
import { Stats } from "./harness/stats.js";
import { deployWorld, type World } from "./harness/world.js";

const { ethers } = await createNetwork();
const regressions = readRegressions();

describe("model-based: recorded regressions", function () {
  this.timeout(0);
  let w: World;

  before(async function () {
    w = await deployWorld(ethers);
  });

  it("keeps at least one recorded case", function () {
    expect(regressions.length).to.be.greaterThan(0);
  });

  for (const { file, regression } of regressions) {
    it(`${file}: ${regression.title}`, async function () {
      const stats = new Stats();
      await replayRegression(w, stats, regression);
      expect(stats.totalCommands).to.equal(regression.commands.length);
    });
  }
});
