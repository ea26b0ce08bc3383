/**
 * Deploys the whole protocol for the contract tests, with one signer per role, and helpers shared by the
 * contract test files.
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type {
  EpochClock,
  InsurancePool,
  Lens,
  Membership,
  MockStablecoin,
  ReturnStreams,
  SecretMarket,
  SoulboundCredit,
  UnderwritingRegistry,
} from "../../../typechain-types/index.js";
import type { IInsurancePool } from "../../../typechain-types/insurance/InsurancePool.js";
import type { ISecretMarket } from "../../../typechain-types/market/SecretMarket.js";
import { ATTESTATION_TYPES, marketDomain } from "../../../sim/harness/attestation.js";
import { WAD, type RefParams } from "./reference.js";

export { WAD };
export const EPOCH = 86_400n;
export const DELIVERY_WINDOW = 86_400n;
export const DISPUTE_WINDOW = 2n * 86_400n;
export const KOMP = 0;
export const ENG = 1;
export const wad = (x: number | string): bigint => BigInt(Math.round(Number(x) * 1e6)) * 10n ** 12n;
export const tokens = (x: number | bigint): bigint => BigInt(x) * WAD;

/** The study's defaults (midpoints; fixed constants), in WAD / asset wei. */
export function studyParams(overrides: Partial<IInsurancePool.PoolParamsStruct> = {}): IInsurancePool.PoolParamsStruct {
  return {
    baseLoading: wad(2.25),
    loadingMin: wad(0.5),
    loadingMax: wad(3),
    loadingStepUp: wad(0.2),
    loadingStepDown: wad(0.1),
    capitalLow: tokens(200),
    capitalHigh: tokens(3500),
    alphaK: wad(0.000175),
    alphaE: wad(0.0006),
    valueMultiplierKomp: wad(0.55),
    valueMultiplierEng: wad(1.25),
    engProductivityFactor: wad(3),
    premiumRateBase: wad(0.1),
    learningRate: wad(0.1),
    engAssetLifetime: 100n,
    subscriptionFee: 0n,
    ...overrides,
  };
}

export interface Roles {
  admin: HardhatEthersSigner;
  governor: HardhatEthersSigner;
  lossOracle: HardhatEthersSigner;
  wealthOracle: HardhatEthersSigner;
  underwriter: HardhatEthersSigner;
  attestor: HardhatEthersSigner;
  arbiter: HardhatEthersSigner;
  purger: HardhatEthersSigner;
  operator: HardhatEthersSigner;
  funder: HardhatEthersSigner;
  seller: HardhatEthersSigner;
  other: HardhatEthersSigner;
  members: HardhatEthersSigner[];
}

export interface System extends Roles {
  ethers: HardhatEthers;
  asset: MockStablecoin;
  clock: EpochClock;
  registry: UnderwritingRegistry;
  membership: Membership;
  streams: ReturnStreams;
  market: SecretMarket;
  credit: SoulboundCredit;
  lens: Lens;
  pools: InsurancePool[];
}

export interface SystemOptions {
  poolCount?: number;
  params?: Partial<IInsurancePool.PoolParamsStruct>[] | Partial<IInsurancePool.PoolParamsStruct>;
  /** Capital funded into each pool, asset wei. */
  initialCapital?: bigint;
  members?: number;
}

/** Deploys and wires the whole system. */
export async function deploySystem(ethers: HardhatEthers, options: SystemOptions = {}): Promise<System> {
  const signers = await ethers.getSigners();
  const [admin, governor, lossOracle, wealthOracle, underwriter, attestor, arbiter, purger, operator, funder, seller, other] =
    signers as [HardhatEthersSigner, ...HardhatEthersSigner[]] as HardhatEthersSigner[];
  const members = signers.slice(12, 12 + (options.members ?? 8));
  const roles: Roles = {
    admin: admin!, governor: governor!, lossOracle: lossOracle!, wealthOracle: wealthOracle!, underwriter: underwriter!,
    attestor: attestor!, arbiter: arbiter!, purger: purger!, operator: operator!, funder: funder!, seller: seller!,
    other: other!, members,
  };

  const asset = await ethers.deployContract("MockStablecoin");
  const clock = await ethers.deployContract("EpochClock", [0, EPOCH]);
  const registry = await ethers.deployContract("UnderwritingRegistry", [clock, roles.admin]);
  const membership = await ethers.deployContract("Membership", [roles.admin]);
  const streams = await ethers.deployContract("ReturnStreams", [asset, clock, roles.admin]);
  const market = await ethers.deployContract("SecretMarket", [asset, clock, DELIVERY_WINDOW, DISPUTE_WINDOW, roles.admin]);
  const credit = await ethers.deployContract("SoulboundCredit", ["Ingenesist Credit", "ICR", roles.admin]);
  const lens = await ethers.deployContract("Lens");

  await registry.grantRole(await registry.UNDERWRITER_ROLE(), roles.underwriter);
  await registry.grantRole(await registry.WEALTH_ORACLE_ROLE(), roles.wealthOracle);
  for (const [r, who] of [
    [await market.GOVERNOR_ROLE(), roles.governor],
    [await market.ATTESTOR_ROLE(), roles.attestor],
    [await market.ARBITER_ROLE(), roles.arbiter],
    [await market.PURGER_ROLE(), roles.purger],
    [await market.PAUSER_ROLE(), roles.admin],
  ] as const) {
    await market.grantRole(r, who);
  }

  const poolCount = options.poolCount ?? 1;
  const pools: InsurancePool[] = [];
  for (let i = 0; i < poolCount; i++) {
    const o = Array.isArray(options.params) ? options.params[i] ?? {} : options.params ?? {};
    const pool = await ethers.deployContract("InsurancePool", [
      { asset, clock, registry, membership, streams, market },
      studyParams(o),
      roles.admin,
    ]);
    await pool.grantRole(await pool.GOVERNOR_ROLE(), roles.governor);
    await pool.grantRole(await pool.LOSS_ORACLE_ROLE(), roles.lossOracle);
    await pool.grantRole(await pool.OPERATOR_ROLE(), roles.operator);
    await pool.grantRole(await pool.PAUSER_ROLE(), roles.admin);
    await membership.grantRole(await membership.MINTER_ROLE(), pool);
    await streams.grantRole(await streams.OPENER_ROLE(), pool);
    await market.connect(roles.governor).registerPool(pool, ethers.hexlify(ethers.randomBytes(32)));
    const capital = options.initialCapital ?? tokens(3000);
    if (capital > 0n) {
      await asset.mint(roles.admin, capital);
      await asset.connect(roles.admin).approve(pool, capital);
      await pool.connect(roles.admin).fund(capital);
    }
    pools.push(pool);
  }

  // Everyone who pays has money and has approved every pool; the funder backs streams.
  for (const m of [...members, roles.other, roles.seller]) {
    await asset.mint(m, tokens(1_000_000));
    for (const pool of pools) await asset.connect(m).approve(pool, ethers.MaxUint256);
  }
  await asset.mint(roles.funder, tokens(10_000_000));
  await asset.connect(roles.funder).approve(streams, ethers.MaxUint256);

  return { ...roles, ethers, asset, clock, registry, membership, streams, market, credit, lens, pools };
}

/** Sets baseline risk and attests wealth for the current epoch. */
export async function underwrite(s: System, members: { address: string }[], risk: bigint, wealth: bigint): Promise<void> {
  const addrs = members.map((m) => m.address);
  await s.registry.connect(s.underwriter).setBaselineRisks(addrs, addrs.map(() => risk));
  await s.registry.connect(s.wealthOracle).attestWealth(addrs, addrs.map(() => wealth));
}

let nonceCounter = 1n;

export interface AttestationInput {
  seller?: string;
  kind?: number;
  contentHash?: string;
  amount?: bigint;
  potency?: bigint;
  funder?: string;
  nonce?: bigint;
  deadline?: bigint;
}

/** Builds an attestation (engineering defaults to the fixture's funder) and signs it with `signer`. */
export async function attest(
  s: System,
  input: AttestationInput = {},
  signer: HardhatEthersSigner = s.attestor,
): Promise<{ attestation: ISecretMarket.AttestationStruct; signature: string }> {
  const kind = input.kind ?? ENG;
  const now = BigInt((await s.ethers.provider.getBlock("latest"))!.timestamp);
  const attestation = {
    seller: input.seller ?? s.seller.address,
    kind,
    contentHash: input.contentHash ?? s.ethers.keccak256(s.ethers.toUtf8Bytes(`secret-${nonceCounter}`)),
    amount: input.amount ?? wad(3),
    potency: input.potency ?? wad(0.6),
    funder: input.funder ?? (kind === ENG ? s.funder.address : s.ethers.ZeroAddress),
    nonce: input.nonce ?? nonceCounter++,
    deadline: input.deadline ?? now + 3600n,
  };
  const { chainId } = await s.ethers.provider.getNetwork();
  const signature = await signer.signTypedData(marketDomain(chainId, await s.market.getAddress()), ATTESTATION_TYPES, attestation);
  return { attestation, signature };
}

/** Lists an attested secret from `s.seller` (or `input.seller`'s signer) at `ask`. */
export async function listSecret(
  s: System,
  ask: bigint,
  input: AttestationInput = {},
  from: HardhatEthersSigner = s.seller,
) {
  const { attestation, signature } = await attest(s, { seller: from.address, ...input });
  return s.market.connect(from).list(attestation, ask, signature);
}

export const lossId = (n: number | string): string =>
  "0x" + BigInt(typeof n === "number" ? n : BigInt(n)).toString(16).padStart(64, "0");

/** The pool's parameters as the reference's plain object. */
export async function refParamsOf(pool: InsurancePool): Promise<RefParams> {
  const p = await pool.params();
  return {
    baseLoading: p.baseLoading, loadingMin: p.loadingMin, loadingMax: p.loadingMax, loadingStepUp: p.loadingStepUp,
    loadingStepDown: p.loadingStepDown, capitalLow: p.capitalLow, capitalHigh: p.capitalHigh, alphaK: p.alphaK,
    alphaE: p.alphaE, valueMultiplierKomp: p.valueMultiplierKomp, valueMultiplierEng: p.valueMultiplierEng,
    engProductivityFactor: p.engProductivityFactor, premiumRateBase: p.premiumRateBase, learningRate: p.learningRate,
    engAssetLifetime: p.engAssetLifetime, subscriptionFee: p.subscriptionFee,
  };
}
