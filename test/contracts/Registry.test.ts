import { expect } from "chai";
import { createNetwork } from "./helpers/network.js";
import { deploySystem, EPOCH, tokens, wad, type System } from "./helpers/fixture.js";

const { ethers, networkHelpers } = await createNetwork();
const { loadFixture, time } = networkHelpers;

async function system(): Promise<System> {
  return deploySystem(ethers, { poolCount: 0 });
}

describe("EpochClock", function () {
  it("counts epochs from genesis and rejects bad configuration", async function () {
    const s = await loadFixture(system);
    const genesis = await s.clock.genesis();
    expect(await s.clock.epochLength()).to.equal(EPOCH);
    expect(await s.clock.currentEpoch()).to.equal(0);
    expect(await s.clock.epochStart(3)).to.equal(genesis + 3n * EPOCH);
    expect(await s.clock.epochAt(genesis + 3n * EPOCH - 1n)).to.equal(2);
    expect(await s.clock.epochAt(genesis + 3n * EPOCH)).to.equal(3);
    await expect(s.clock.epochAt(genesis - 1n)).to.be.revertedWithCustomError(s.clock, "EpochClock_BeforeGenesis").withArgs(genesis - 1n, genesis);
    await time.increase(EPOCH * 2n);
    expect(await s.clock.currentEpoch()).to.equal(2);
    const f = await ethers.getContractFactory("EpochClock");
    await expect(f.deploy(0, 0)).to.be.revertedWithCustomError(f, "EpochClock_ZeroEpochLength");
    const now = BigInt(await time.latest());
    await expect(f.deploy(now + 1000n, 10)).to.be.revertedWithCustomError(f, "EpochClock_GenesisInFuture");
    const past = await f.deploy(now - 100n, 10);
    await expect(past.deploymentTransaction()).to.emit(past, "EpochClockStarted").withArgs(now - 100n, 10);
    expect(await past.currentEpoch()).to.be.greaterThanOrEqual(10n);
  });
});

describe("UnderwritingRegistry", function () {
  it("sets baseline risks by UNDERWRITER and attests wealth by WEALTH_ORACLE, stamped with the epoch", async function () {
    const s = await loadFixture(system);
    const [a, b] = s.members;
    const tx = s.registry.connect(s.underwriter).setBaselineRisks([a!, b!], [wad(0.02), wad(0.05)]);
    await expect(tx).to.emit(s.registry, "BaselineRiskSet").withArgs(a!.address, wad(0.02));
    await expect(tx).to.emit(s.registry, "BaselineRiskSet").withArgs(b!.address, wad(0.05));
    expect(await s.registry.baselineRiskOf(b!)).to.equal(wad(0.05));
    expect(await s.registry.hasBaselineRisk(a!)).to.equal(true);
    expect(await s.registry.hasBaselineRisk(s.other)).to.equal(false);
    await time.increase(EPOCH * 3n);
    await expect(s.registry.connect(s.wealthOracle).attestWealth([a!], [tokens(1234)])).to.emit(s.registry, "WealthAttested").withArgs(a!.address, tokens(1234), 3);
    expect(await s.registry.currentWealthOf(a!)).to.equal(tokens(1234));
    const w = await s.registry.wealthAttestationOf(a!);
    expect([w.wealth, w.epoch, w.exists]).to.deep.equal([tokens(1234), 3n, true]);
    await time.increase(EPOCH);
    await expect(s.registry.currentWealthOf(a!)).to.be.revertedWithCustomError(s.registry, "Registry_StaleWealth").withArgs(a!.address, 3, 4);
    expect(await s.registry.clock()).to.equal(await s.clock.getAddress());
    const [risks, riskSet, wealth] = await s.registry.underwritingOf([a!, s.other]);
    expect(risks).to.deep.equal([wad(0.02), 0n]);
    expect(riskSet).to.deep.equal([true, false]);
    expect(wealth.map((w) => [w.wealth, w.epoch, w.exists])).to.deep.equal([[tokens(1234), 3n, true], [0n, 0n, false]]);
  });

  it("rejects bad batches, bad values and other callers", async function () {
    const s = await loadFixture(system);
    const [a] = s.members;
    const u = s.registry.connect(s.underwriter);
    const o = s.registry.connect(s.wealthOracle);
    await expect(u.setBaselineRisks([a!], [])).to.be.revertedWithCustomError(s.registry, "LengthMismatch").withArgs(1, 0);
    await expect(u.setBaselineRisks([], [])).to.be.revertedWithCustomError(s.registry, "EmptyBatch");
    await expect(u.setBaselineRisks([a!], [wad(1) + 1n])).to.be.revertedWithCustomError(s.registry, "Registry_RiskAboveOne").withArgs(a!.address, wad(1) + 1n);
    await expect(u.setBaselineRisks([ethers.ZeroAddress], [1])).to.be.revertedWithCustomError(s.registry, "ZeroAddress").withArgs("member");
    await expect(o.attestWealth([a!], [1, 2])).to.be.revertedWithCustomError(s.registry, "LengthMismatch").withArgs(1, 2);
    await expect(o.attestWealth([a!], [2n ** 128n])).to.be.revertedWithCustomError(s.registry, "Registry_WealthTooLarge").withArgs(a!.address, 2n ** 128n);
    await expect(o.attestWealth([ethers.ZeroAddress], [1])).to.be.revertedWithCustomError(s.registry, "ZeroAddress").withArgs("member");
    await expect(s.registry.connect(a!).setBaselineRisks([a!], [1])).to.be.revertedWithCustomError(s.registry, "AccessControlUnauthorizedAccount").withArgs(a!.address, await s.registry.UNDERWRITER_ROLE());
    await expect(s.registry.connect(s.underwriter).attestWealth([a!], [1])).to.be.revertedWithCustomError(s.registry, "AccessControlUnauthorizedAccount").withArgs(s.underwriter.address, await s.registry.WEALTH_ORACLE_ROLE());
    await expect(s.registry.baselineRiskOf(a!)).to.be.revertedWithCustomError(s.registry, "Registry_NoBaselineRisk").withArgs(a!.address);
    await expect(s.registry.currentWealthOf(a!)).to.be.revertedWithCustomError(s.registry, "Registry_NoWealth").withArgs(a!.address);
    const f = await ethers.getContractFactory("UnderwritingRegistry");
    await expect(f.deploy(ethers.ZeroAddress, s.admin)).to.be.revertedWithCustomError(f, "ZeroAddress").withArgs("clock");
    await expect(f.deploy(s.clock, ethers.ZeroAddress)).to.be.revertedWithCustomError(f, "ZeroAddress").withArgs("admin");
  });
});
