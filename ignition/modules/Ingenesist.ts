/**
 * Hardhat Ignition modules that deploy the whole protocol: the asset (a MockStablecoin, or an existing
 * ERC-20), the epoch clock, the underwriting registry, the membership token, the return streams, the
 * secret market, the soulbound credit, the Lens, and `poolCount` insurance pools registered with the
 * market, with every role granted to the accounts named in the parameters file.
 *
 * Parameters (see ignition/parameters/local.json): every name is looked up first under the module's own
 * id, then under "$global". Pools are modules `IngenesistPool0`, `IngenesistPool1`, …, so one pool's
 * parameters can differ from the others'. Numbers that do not fit a JS number are strings ending in "n".
 *
 * The CLI modules below deploy `INGENESIST_POOLS` pools (default 2); programs (the harness, tests) call
 * `buildIngenesistModule(poolCount, …)` with any count from 1 to 16.
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ContractFuture, IgnitionModule } from "@nomicfoundation/ignition-core";
import { id } from "ethers";

const role = (name: string): string => id(name);
const WAD = 10n ** 18n;
/** DEFAULT_ADMIN_ROLE of OpenZeppelin's AccessControl. */
const ZERO_ROLE = "0x" + "00".repeat(32);

/** The study's defaults (midpoints of its ranges; fixed constants), as pool parameters in WAD / asset wei. */
export const STUDY_POOL_DEFAULTS = {
  baseLoading: (225n * WAD) / 100n,
  loadingMin: WAD / 2n,
  loadingMax: 3n * WAD,
  loadingStepUp: WAD / 5n,
  loadingStepDown: WAD / 10n,
  capitalLow: 200n * WAD,
  capitalHigh: 3500n * WAD,
  alphaK: (175n * WAD) / 1_000_000n,
  alphaE: (6n * WAD) / 10_000n,
  valueMultiplierKomp: (55n * WAD) / 100n,
  valueMultiplierEng: (125n * WAD) / 100n,
  engProductivityFactor: 3n * WAD,
  premiumRateBase: WAD / 10n,
  learningRate: WAD / 10n,
  engAssetLifetime: 100n,
  subscriptionFee: 0n,
} as const;

/** Default pool capital funded at deployment when the asset is the mock (the study's init_cap midpoint). */
export const DEFAULT_INITIAL_CAPITAL = 3000n * WAD;

/** A development public key (32 bytes); real deployments set each pool's `publicKey`. */
export const DEV_PUBLIC_KEY = "0x" + "11".repeat(32);

export interface IngenesistModuleOptions {
  /** Deploy a MockStablecoin as the asset (local and test networks) instead of using parameter `asset`. */
  mockAsset: boolean;
  /** Module id prefix (distinct ids let one chain hold several systems). */
  prefix?: string;
}

/** Builds the core module (everything but the pools). */
function buildCoreModule(options: IngenesistModuleOptions) {
  const prefix = options.prefix ?? "Ingenesist";
  return buildModule(`${prefix}Core`, (m) => {
    const deployer = m.getAccount(0);
    const admin = m.getParameter("admin", deployer);
    const asset = options.mockAsset
      ? m.contract("MockStablecoin", [])
      : m.contractAt("MockStablecoin", m.getParameter<string>("asset"), { id: "Asset" });

    const clock = m.contract("EpochClock", [m.getParameter("genesis", 0n), m.getParameter("epochLength", 86_400n)]);
    const registry = m.contract("UnderwritingRegistry", [clock, deployer]);
    const membership = m.contract("Membership", [deployer]);
    const streams = m.contract("ReturnStreams", [asset, clock, deployer]);
    const market = m.contract("SecretMarket", [
      asset,
      clock,
      m.getParameter("deliveryWindow", 86_400n),
      m.getParameter("disputeWindow", 86_400n),
      deployer,
    ]);
    const credit = m.contract("SoulboundCredit", [
      m.getParameter("creditName", "Ingenesist Credit"),
      m.getParameter("creditSymbol", "ICR"),
      deployer,
    ]);
    const lens = m.contract("Lens", []);

    const grants: [typeof registry | typeof market | typeof streams | typeof credit, string, string][] = [
      [registry, "UNDERWRITER_ROLE", "underwriter"],
      [registry, "WEALTH_ORACLE_ROLE", "wealthOracle"],
      [market, "GOVERNOR_ROLE", "governor"],
      [market, "ATTESTOR_ROLE", "attestor"],
      [market, "ARBITER_ROLE", "arbiter"],
      [market, "PURGER_ROLE", "purger"],
      [market, "PAUSER_ROLE", "pauser"],
      [streams, "PAUSER_ROLE", "pauser"],
      [credit, "PAUSER_ROLE", "pauser"],
    ];
    for (const [contract, roleName, holder] of grants) {
      m.call(contract, "grantRole", [role(roleName), m.getParameter(holder, deployer)], {
        id: `grant_${contract.contractName}_${roleName}`,
      });
    }
    // The deployer registers the pools, then hands the admin role over (see the pool module).
    m.call(market, "grantRole", [role("GOVERNOR_ROLE"), deployer], {
      id: "grant_SecretMarket_GOVERNOR_ROLE_deployer",
    });
    for (const contract of [registry, membership, streams, market, credit]) {
      m.call(contract, "grantRole", [ZERO_ROLE, admin], {
        id: `grant_${contract.contractName}_ADMIN`,
      });
    }
    return { asset, clock, registry, membership, streams, market, credit, lens };
  });
}

/** A pool's module: the pool, and the market as seen after the pool's registration. */
type PoolModule = IgnitionModule<string, string, { pool: ContractFuture<string>; registered: ContractFuture<string> }>;

/**
 * Builds the module of pool `index`, on top of `core`. Its registration with the market waits for the
 * registration of the pool before it (`previous`): the market's fair order starts from the registration
 * order, so pool i is the market's i-th pool. Left alone, Ignition runs independent futures in the order of
 * their ids as strings, which registers Pool10 before Pool2.
 *
 * The wait is on a future, the result `registered` (id `marketAfterRegistration`: the market again, seen
 * after this pool's registration; a `contractAt`, which sends nothing), not on the previous module: Ignition
 * 3.1 resolves a module in `after` to every future whose id starts with the module's id, so `IngenesistPool1`
 * would also mean `IngenesistPool10`'s futures, a cycle from 11 pools on.
 */
function buildPoolModule(
  core: ReturnType<typeof buildCoreModule>,
  index: number,
  options: IngenesistModuleOptions,
  previous: PoolModule | undefined,
): PoolModule {
  const prefix = options.prefix ?? "Ingenesist";
  return buildModule(`${prefix}Pool${index}`, (m) => {
    const { asset, clock, registry, membership, streams, market } = m.useModule(core);
    const deployer = m.getAccount(0);
    const p = (name: keyof typeof STUDY_POOL_DEFAULTS) => m.getParameter(name, STUDY_POOL_DEFAULTS[name]);
    const pool = m.contract(
      "InsurancePool",
      [
        { asset, clock, registry, membership, streams, market },
        {
          baseLoading: p("baseLoading"),
          loadingMin: p("loadingMin"),
          loadingMax: p("loadingMax"),
          loadingStepUp: p("loadingStepUp"),
          loadingStepDown: p("loadingStepDown"),
          capitalLow: p("capitalLow"),
          capitalHigh: p("capitalHigh"),
          alphaK: p("alphaK"),
          alphaE: p("alphaE"),
          valueMultiplierKomp: p("valueMultiplierKomp"),
          valueMultiplierEng: p("valueMultiplierEng"),
          engProductivityFactor: p("engProductivityFactor"),
          premiumRateBase: p("premiumRateBase"),
          learningRate: p("learningRate"),
          engAssetLifetime: p("engAssetLifetime"),
          subscriptionFee: p("subscriptionFee"),
        },
        deployer,
      ],
      { id: "InsurancePool" },
    );
    m.call(membership, "grantRole", [role("MINTER_ROLE"), pool], { id: "grant_Membership_MINTER_ROLE" });
    m.call(streams, "grantRole", [role("OPENER_ROLE"), pool], { id: "grant_ReturnStreams_OPENER_ROLE" });
    for (const [roleName, holder] of [
      ["GOVERNOR_ROLE", "governor"],
      ["LOSS_ORACLE_ROLE", "lossOracle"],
      ["OPERATOR_ROLE", "operator"],
      ["PAUSER_ROLE", "pauser"],
    ] as const) {
      m.call(pool, "grantRole", [role(roleName), m.getParameter(holder, deployer)], { id: `grant_${roleName}` });
    }
    m.call(pool, "grantRole", [ZERO_ROLE, m.getParameter("admin", deployer)], { id: "grant_ADMIN" });
    const registration = m.call(market, "registerPool", [pool, m.getParameter("publicKey", DEV_PUBLIC_KEY)], {
      id: "registerPool",
      // the deployer's GOVERNOR_ROLE on the market is granted in the core module; pools register in index order
      after: previous === undefined ? [core] : [core, m.useModule(previous).registered],
    });
    const registered = m.contractAt("SecretMarket", market, { id: "marketAfterRegistration", after: [registration] });
    if (options.mockAsset) {
      const capital = m.getParameter("initialCapital", DEFAULT_INITIAL_CAPITAL);
      const minted = m.call(asset, "mint", [deployer, capital], { id: "mintCapital" });
      const approved = m.call(asset, "approve", [pool, capital], { id: "approveCapital", after: [minted] });
      m.call(pool, "fund", [capital], { id: "fund", after: [approved] });
    }
    return { pool, registered };
  });
}

/**
 * The whole system with `poolCount` pools. Returns the core contracts and `pool0`, `pool1`, ….
 * @example
 *   const { ignition } = await network.create();
 *   const system = await ignition.deploy(buildIngenesistModule(3, { mockAsset: true }), { parameters });
 */
export function buildIngenesistModule(poolCount: number, options: IngenesistModuleOptions) {
  if (!Number.isInteger(poolCount) || poolCount < 1 || poolCount > 16) {
    throw new Error(`poolCount must be an integer in 1..16 (the market's MAX_POOLS), got ${poolCount}`);
  }
  const prefix = options.prefix ?? "Ingenesist";
  const core = buildCoreModule(options);
  const poolModules: PoolModule[] = [];
  for (let i = 0; i < poolCount; i++) poolModules.push(buildPoolModule(core, i, options, poolModules[i - 1]));
  return buildModule(prefix + (options.mockAsset ? "Local" : ""), (m) => {
    const { asset, clock, registry, membership, streams, market, credit, lens } = m.useModule(core);
    const pools = Object.fromEntries(poolModules.map((pm, i) => [`pool${i}`, m.useModule(pm).pool]));
    return { asset, clock, registry, membership, streams, market, credit, lens, ...pools };
  });
}

/** Pool count of the CLI modules: `INGENESIST_POOLS`, default 2. */
export function cliPoolCount(): number {
  const raw = process.env.INGENESIST_POOLS ?? "2";
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 16) {
    throw new Error(`INGENESIST_POOLS must be an integer in 1..16, got "${raw}"`);
  }
  return n;
}
