/**
 * Deploys the protocol for a harness run with the Ignition modules (ignition/modules/Ingenesist.ts), from
 * the model's parameters converted to WAD / asset wei, and reads back what the harness needs: addresses,
 * interfaces, event topics, each pool's parameters as the chain holds them, and the epoch layout.
 *
 * Epoch layout: the clock's genesis is chosen so that deployment and set-up happen in epoch D =
 * nPools − 1 and step t runs in epoch nPools + t. Then epoch ≡ step (mod nPools), so the market's fair
 * order, which starts at pool (listingId + epoch) mod nPools, is the model's (listingId + step) mod
 * nPools; and step 0 is the epoch after the pools were funded, as the contracts' guide requires for the
 * study's loading at step 0.
 */
import { Interface, type Contract } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import type { ModelParams } from "../params/index.js";
import { buildIngenesistModule } from "../../ignition/modules/Ingenesist.js";
import type { EpochClock, InsurancePool, Lens, Membership, MockStablecoin, ReturnStreams, SecretMarket, UnderwritingRegistry } from "../../typechain-types/index.js";
import type { Roles } from "./accounts.js";
import { deriveDeliveryKey, type DeliveryKey } from "./delivery.js";
import type { PoolParamsWad } from "./mirror.js";
import { toWad } from "./units.js";

/** Pool parameters as the Ignition modules name them, from the model's parameters. */
export function poolParamsFromModel(p: ModelParams): PoolParamsWad {
  return {
    baseLoading: toWad(p.base_loading),
    loadingMin: toWad(0.5),
    loadingMax: toWad(3),
    loadingStepUp: toWad(0.2),
    loadingStepDown: toWad(0.1),
    capitalLow: toWad(p.capital_low),
    capitalHigh: toWad(p.capital_high),
    alphaK: toWad(p.alpha_k),
    alphaE: toWad(p.alpha_e),
    valueMultiplierKomp: toWad(p.value_multiplier_komp),
    valueMultiplierEng: toWad(p.value_multiplier_eng),
    engProductivityFactor: toWad(p.eng_productivity_factor),
    premiumRateBase: toWad(p.premium_rate_base),
    learningRate: toWad(p.learning_rate),
    engAssetLifetime: BigInt(p.eng_asset_lifetime),
    subscriptionFee: toWad(p.subscription_fee),
  };
}

/** The deployed system as the harness drives it. */
export interface System {
  /** Typed contracts (typechain types over the Ignition-deployed ethers contracts). */
  asset: MockStablecoin;
  clock: EpochClock;
  registry: UnderwritingRegistry;
  membership: Membership;
  streams: ReturnStreams;
  market: SecretMarket;
  lens: Lens;
  pools: InsurancePool[];
  /** Lower-case addresses. */
  addr: { asset: string; clock: string; registry: string; membership: string; streams: string; market: string; lens: string; pools: string[] };
  iface: { asset: Interface; registry: Interface; market: Interface; pool: Interface; streams: Interface; lens: Interface };
  /** Each pool's parameters as the chain holds them. */
  poolParams: PoolParamsWad[];
  /** Each pool's delivery key (its public half is registered with the market). */
  poolKeys: DeliveryKey[];
  genesis: bigint;
  epochLength: bigint;
  /** The epoch of step 0. */
  firstStepEpoch: bigint;
  chainId: bigint;
}

export interface DeployOptions {
  /** Seconds per epoch (default one day). */
  epochLength?: bigint;
  /** Chain-only changes to pool parameters, per pool (e.g. a mispriced pool to test the check). */
  poolOverrides?: readonly Partial<PoolParamsWad>[];
  /** Ignition module id prefix (distinct per run on a persistent node). */
  prefix?: string;
  /** Labels the pools' delivery keys (the run seed). */
  keyLabel: string;
}

const lc = (a: string): string => a.toLowerCase();

/** Deploys the whole protocol with Ignition (automine must be on) and returns it. */
export async function deploySystem(connection: NetworkConnection, params: ModelParams, roles: Roles, options: DeployOptions): Promise<System> {
  const provider = connection.provider;
  const nPools = params.n_pools;
  const epochLength = options.epochLength ?? 86_400n;
  const latest = (await provider.request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as { timestamp: string };
  const now = BigInt(latest.timestamp);
  const deployEpoch = BigInt(nPools - 1);
  const genesis = now - deployEpoch * epochLength;
  const chainId = BigInt((await provider.request({ method: "eth_chainId" })) as string);

  const poolKeys = Array.from({ length: nPools }, (_, q) => deriveDeliveryKey(`${options.keyLabel}/pool/${q}`));
  const base = poolParamsFromModel(params);
  const prefix = options.prefix ?? "Ingenesist";
  const global: Record<string, bigint | string> = {
    genesis,
    epochLength,
    deliveryWindow: 2n * epochLength,
    disputeWindow: 2n * epochLength,
    initialCapital: toWad(params.init_cap),
    admin: roles.deployer.address,
    governor: roles.deployer.address,
    underwriter: roles.deployer.address,
    arbiter: roles.deployer.address,
    pauser: roles.deployer.address,
    wealthOracle: roles.wealthOracle.address,
    lossOracle: roles.lossOracle.address,
    purger: roles.purger.address,
    operator: roles.operator.address,
    attestor: roles.attestor.address,
  };
  for (const [k, v] of Object.entries(base)) global[k] = v;
  // Pool q of the harness (and of the model) is the market's q-th registered pool: the fair order starts
  // from the registration order, and the module registers pool i after pool i − 1 (checked after deployment).
  const parameters: Record<string, Record<string, bigint | string>> = { $global: global };
  for (let q = 0; q < nPools; q++) {
    const own: Record<string, bigint | string> = { publicKey: "0x" + poolKeys[q]!.publicKey.toString("hex") };
    for (const [k, v] of Object.entries(options.poolOverrides?.[q] ?? {})) if (v !== undefined) own[k] = v;
    parameters[`${prefix}Pool${q}`] = own;
  }

  const ignition = (connection as unknown as { ignition: { deploy: (m: unknown, o: unknown) => Promise<Record<string, Contract>> } }).ignition;
  if (!ignition) throw new Error("the network connection has no Ignition helper (is @nomicfoundation/hardhat-toolbox-mocha-ethers in the config's plugins?)");
  const deployed = await ignition.deploy(buildIngenesistModule(nPools, { mockAsset: true, prefix }), {
    parameters,
    defaultSender: roles.deployer.address,
    displayUi: false,
  });
  const pools = Array.from({ length: nPools }, (_, q) => deployed[`pool${q}`]!);
  const addrOf = async (c: Contract): Promise<string> => lc(await c.getAddress());
  const system: System = {
    asset: deployed.asset as unknown as MockStablecoin,
    clock: deployed.clock as unknown as EpochClock,
    registry: deployed.registry as unknown as UnderwritingRegistry,
    membership: deployed.membership as unknown as Membership,
    streams: deployed.streams as unknown as ReturnStreams,
    market: deployed.market as unknown as SecretMarket,
    lens: deployed.lens as unknown as Lens,
    pools: pools as unknown as InsurancePool[],
    addr: {
      asset: await addrOf(deployed.asset!),
      clock: await addrOf(deployed.clock!),
      registry: await addrOf(deployed.registry!),
      membership: await addrOf(deployed.membership!),
      streams: await addrOf(deployed.streams!),
      market: await addrOf(deployed.market!),
      lens: await addrOf(deployed.lens!),
      pools: await Promise.all(pools.map(addrOf)),
    },
    iface: {
      asset: deployed.asset!.interface,
      registry: deployed.registry!.interface,
      market: deployed.market!.interface,
      pool: pools[0]!.interface,
      streams: deployed.streams!.interface,
      lens: deployed.lens!.interface,
    },
    poolParams: [],
    poolKeys,
    genesis,
    epochLength,
    firstStepEpoch: deployEpoch + 1n,
    chainId,
  };
  const registered = (await system.market.pools()).map(lc);
  if (registered.join() !== system.addr.pools.join()) {
    throw new Error(`the market registered the pools in another order than expected (${registered.map((a) => system.addr.pools.indexOf(a)).join(", ")}): the fair order would not be the model's`);
  }
  for (const pool of system.pools) {
    const p = await pool.params();
    system.poolParams.push({
      baseLoading: p.baseLoading,
      loadingMin: p.loadingMin,
      loadingMax: p.loadingMax,
      loadingStepUp: p.loadingStepUp,
      loadingStepDown: p.loadingStepDown,
      capitalLow: p.capitalLow,
      capitalHigh: p.capitalHigh,
      alphaK: p.alphaK,
      alphaE: p.alphaE,
      valueMultiplierKomp: p.valueMultiplierKomp,
      valueMultiplierEng: p.valueMultiplierEng,
      engProductivityFactor: p.engProductivityFactor,
      premiumRateBase: p.premiumRateBase,
      learningRate: p.learningRate,
      engAssetLifetime: p.engAssetLifetime,
      subscriptionFee: p.subscriptionFee,
    });
  }
  const epochNow = await system.clock.currentEpoch();
  if (epochNow !== deployEpoch) throw new Error(`deployment ended in epoch ${epochNow}, expected ${deployEpoch} (did it take longer than one epoch of chain time?)`);
  return system;
}

/** Start timestamp of an epoch. */
export function epochStart(system: System, epoch: bigint): number {
  return Number(system.genesis + epoch * system.epochLength);
}
