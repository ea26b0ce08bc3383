/**
 * The whole system on an existing ERC-20 (parameter `asset` under "$global" or "IngenesistCore"). Pools
 * start with zero capital: fund each with `InsurancePool.fund`. Pools: `INGENESIST_POOLS` (default 2).
 *   npx hardhat ignition deploy ignition/modules/IngenesistWithAsset.ts --network sepolia \
 *     --parameters ignition/parameters/sepolia.example.json
 */
import { buildIngenesistModule, cliPoolCount } from "./Ingenesist.js";

export default buildIngenesistModule(cliPoolCount(), { mockAsset: false });
