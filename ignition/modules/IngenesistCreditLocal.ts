/**
 * The whole system with a MockStablecoin (every pool funded) and the soulbound credit economy switched on
 * (CreditParameters, CreditEconomy, CreditHooks wired into the market and every pool):
 *   npx hardhat ignition deploy ignition/modules/IngenesistCreditLocal.ts --parameters ignition/parameters/local.json
 * Pools: `INGENESIST_POOLS` (default 2). The economy's numbers: the design's defaults (sim/economy/config.ts).
 */
import { buildIngenesistCreditModule } from "./CreditEconomy.js";
import { cliPoolCount } from "./Ingenesist.js";

export default buildIngenesistCreditModule(cliPoolCount(), { mockAsset: true });
