/**
 * The whole system with a MockStablecoin as the asset and every pool funded with its `initialCapital`:
 * for the in-process network, `npx hardhat node` and test networks.
 *   npx hardhat ignition deploy ignition/modules/IngenesistLocal.ts --parameters ignition/parameters/local.json
 * Pools: `INGENESIST_POOLS` (default 2).
 */
import { buildIngenesistModule, cliPoolCount } from "./Ingenesist.js";

export default buildIngenesistModule(cliPoolCount(), { mockAsset: true });
