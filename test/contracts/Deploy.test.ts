/**
 * The Ignition modules deploy a working system on the in-process network from the local parameters file.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { createNetwork } from "./helpers/network.js";
import { buildIngenesistModule, STUDY_POOL_DEFAULTS } from "../../ignition/modules/Ingenesist.js";
import {
  EpochClock__factory,
  InsurancePool__factory,
  Membership__factory,
  ReturnStreams__factory,
  SecretMarket__factory,
  SoulboundCredit__factory,
  UnderwritingRegistry__factory,
} from "../../typechain-types/index.js";

const { ethers, ignition } = await createNetwork();

/** Ignition's JSON convention: strings ending in "n" are bigints. */
function readParameters(path: string) {
  return JSON.parse(readFileSync(path, "utf8"), (_k, v) => (typeof v === "string" && /^\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v));
}

describe("Ignition deployment", function () {
  it("deploys the whole system with 3 pools from ignition/parameters/local.json, wired and funded", async function () {
    const [deployer] = (await ethers.getSigners()) as [Awaited<ReturnType<typeof ethers.getSigners>>[number]];
    const parameters = readParameters("ignition/parameters/local.json");
    const system = await ignition.deploy(buildIngenesistModule(3, { mockAsset: true }), { parameters });
    const results = system as unknown as Record<string, { getAddress(): Promise<string> }>;
    const addressOf = (key: string) => results[key]!.getAddress();
    const market = SecretMarket__factory.connect(await addressOf("market"), deployer);
    const membership = Membership__factory.connect(await addressOf("membership"), deployer);
    const streams = ReturnStreams__factory.connect(await addressOf("streams"), deployer);
    const registry = UnderwritingRegistry__factory.connect(await addressOf("registry"), deployer);
    const clock = EpochClock__factory.connect(await addressOf("clock"), deployer);
    const credit = SoulboundCredit__factory.connect(await addressOf("credit"), deployer);
    const lens = await addressOf("lens");
    const poolAddresses = await Promise.all(["pool0", "pool1", "pool2"].map(addressOf));
    expect(await market.pools()).to.deep.equal(poolAddresses);
    expect(await market.poolKey(poolAddresses[0]!)).to.equal(parameters.IngenesistPool0.publicKey);
    for (const address of poolAddresses) {
      const p = InsurancePool__factory.connect(address, deployer);
      const params = await p.params();
      expect(params.baseLoading).to.equal(STUDY_POOL_DEFAULTS.baseLoading);
      expect(params.capitalHigh).to.equal(parameters.$global.capitalHigh);
      expect((await p.state()).capital).to.equal(parameters.$global.initialCapital);
      expect(await membership.hasRole(await membership.MINTER_ROLE(), p)).to.equal(true);
      expect(await streams.hasRole(await streams.OPENER_ROLE(), p)).to.equal(true);
      expect(await p.hasRole(await p.LOSS_ORACLE_ROLE(), deployer)).to.equal(true);
      expect(await p.market()).to.equal(await market.getAddress());
    }
    expect(await registry.hasRole(await registry.WEALTH_ORACLE_ROLE(), deployer)).to.equal(true);
    expect(await market.hasRole(await market.ATTESTOR_ROLE(), deployer)).to.equal(true);
    expect(await clock.epochLength()).to.equal(86_400n);
    expect(await credit.symbol()).to.equal("ICR");
    expect(await ethers.provider.getCode(lens)).to.not.equal("0x");
  });

  it("registers pool i as the market's i-th pool, also beyond 10 pools (the fair order starts there)", async function () {
    const parameters = readParameters("ignition/parameters/local.json");
    const system = await ignition.deploy(buildIngenesistModule(12, { mockAsset: true, prefix: "Ordered" }), { parameters });
    const results = system as unknown as Record<string, { getAddress(): Promise<string> }>;
    const [deployer] = (await ethers.getSigners()) as [Awaited<ReturnType<typeof ethers.getSigners>>[number]];
    const market = SecretMarket__factory.connect(await results.market!.getAddress(), deployer);
    const poolAddresses = await Promise.all(Array.from({ length: 12 }, (_, i) => results[`pool${i}`]!.getAddress()));
    expect(await market.pools()).to.deep.equal(poolAddresses);
  });

  it("deploys on an existing ERC-20 given as parameter `asset`, pools unfunded", async function () {
    const [deployer] = (await ethers.getSigners()) as [Awaited<ReturnType<typeof ethers.getSigners>>[number]];
    const token = await ethers.deployContract("MockStablecoin");
    const system = await ignition.deploy(buildIngenesistModule(1, { mockAsset: false, prefix: "OnAsset" }), {
      parameters: { $global: { asset: await token.getAddress(), epochLength: 3600n } },
    });
    const results = system as unknown as Record<string, { getAddress(): Promise<string> }>;
    const pool = InsurancePool__factory.connect(await results.pool0!.getAddress(), deployer);
    expect(await pool.asset()).to.equal(await token.getAddress());
    expect((await pool.state()).capital).to.equal(0);
    expect(await EpochClock__factory.connect(await results.clock!.getAddress(), deployer).epochLength()).to.equal(3600n);
    await token.mint(deployer, 10n);
    await token.approve(pool, 10n);
    await expect(pool.fund(10n)).to.emit(pool, "Funded").withArgs(deployer.address, 10n, 10n);
  });

  it("rejects a pool count outside 1..16", function () {
    expect(() => buildIngenesistModule(0, { mockAsset: true })).to.throw(/poolCount/);
    expect(() => buildIngenesistModule(17, { mockAsset: true })).to.throw(/poolCount/);
  });
});
