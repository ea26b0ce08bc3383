/**
 * The committed gas snapshot (snapshots/gas.json) matches the gas the main operations use now. A change
 * fails here; `npm run gas:snapshot` rewrites the file so the change shows in review.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import hre from "hardhat";
import { createNetwork } from "./helpers/network.js";
import { GAS_SNAPSHOT_PATH, measureGas } from "./helpers/gas.js";

const { ethers, networkHelpers } = await createNetwork();

describe("Gas snapshot", function () {
  it(`matches ${GAS_SNAPSHOT_PATH} (run \`npm run gas:snapshot\` to accept a change)`, async function () {
    // Coverage instrumentation changes gas: the figures are only meaningful on uninstrumented code.
    if (hre.globalOptions.coverage) this.skip();
    const committed = JSON.parse(readFileSync(GAS_SNAPSHOT_PATH, "utf8")) as Record<string, number>;
    const measured = await measureGas(ethers, (s) => networkHelpers.time.increase(s), (t) => networkHelpers.time.setNextBlockTimestamp(t));
    expect(measured).to.deep.equal(committed);
  });
});
