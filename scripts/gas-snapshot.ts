/**
 * Writes the gas snapshot of the protocol's main operations to snapshots/gas.json.
 *   npm run gas:snapshot
 * The GasSnapshot test (part of `npm test`) fails when a figure differs; rerun this and commit the file to
 * accept a change.
 */
import { writeFileSync } from "node:fs";
import { network } from "hardhat";
import { GAS_SNAPSHOT_PATH, measureGas } from "../test/contracts/helpers/gas.js";

const { ethers, networkHelpers } = await network.create();
const gas = await measureGas(ethers, (s) => networkHelpers.time.increase(s), (t) => networkHelpers.time.setNextBlockTimestamp(t));
writeFileSync(GAS_SNAPSHOT_PATH, JSON.stringify(gas, null, 2) + "\n");
const width = Math.max(...Object.keys(gas).map((k) => k.length));
for (const [name, used] of Object.entries(gas)) console.log(`${name.padEnd(width)}  ${used.toLocaleString("en-US").padStart(9)}`);
console.log(`\nwrote ${GAS_SNAPSHOT_PATH}`);
