import { expect } from "chai";
import { createNetwork } from "./helpers/network.js";
import { deploySystem, type System } from "./helpers/fixture.js";

const { ethers, networkHelpers } = await createNetwork();
const { loadFixture } = networkHelpers;

async function credit(): Promise<System> {
  const s = await deploySystem(ethers, { poolCount: 0 });
  await s.credit.grantRole(await s.credit.FAUCET_ROLE(), s.governor);
  await s.credit.grantRole(await s.credit.SINK_ROLE(), s.purger);
  await s.credit.grantRole(await s.credit.PAUSER_ROLE(), s.admin);
  return s;
}

describe("SoulboundCredit", function () {
  it("has ERC-20 views and rejects a zero admin", async function () {
    const s = await loadFixture(credit);
    expect(await s.credit.name()).to.equal("Ingenesist Credit");
    expect(await s.credit.symbol()).to.equal("ICR");
    expect(await s.credit.decimals()).to.equal(18);
    expect(await s.credit.totalSupply()).to.equal(0);
    const f = await ethers.getContractFactory("SoulboundCredit");
    await expect(f.deploy("a", "b", ethers.ZeroAddress)).to.be.revertedWithCustomError(f, "ZeroAddress").withArgs("admin");
  });

  it("mints only by faucets and burns only by sinks, with events", async function () {
    const s = await loadFixture(credit);
    const [a] = s.members;
    const mint = s.credit.connect(s.governor).mint(a!, 100n);
    await expect(mint).to.emit(s.credit, "CreditMinted").withArgs(s.governor.address, a!.address, 100n);
    await expect(mint).to.emit(s.credit, "Transfer").withArgs(ethers.ZeroAddress, a!.address, 100n);
    const burn = s.credit.connect(s.purger).burn(a!, 40n);
    await expect(burn).to.emit(s.credit, "CreditBurned").withArgs(s.purger.address, a!.address, 40n);
    await expect(burn).to.emit(s.credit, "Transfer").withArgs(a!.address, ethers.ZeroAddress, 40n);
    expect(await s.credit.balanceOf(a!)).to.equal(60n);
    expect(await s.credit.totalSupply()).to.equal(60n);
    await expect(s.credit.connect(a!).mint(a!, 1)).to.be.revertedWithCustomError(s.credit, "AccessControlUnauthorizedAccount").withArgs(a!.address, await s.credit.FAUCET_ROLE());
    await expect(s.credit.connect(s.governor).burn(a!, 1)).to.be.revertedWithCustomError(s.credit, "AccessControlUnauthorizedAccount").withArgs(s.governor.address, await s.credit.SINK_ROLE());
    await expect(s.credit.connect(s.governor).mint(a!, 0)).to.be.revertedWithCustomError(s.credit, "Credit_ZeroAmount");
    await expect(s.credit.connect(s.purger).burn(a!, 0)).to.be.revertedWithCustomError(s.credit, "Credit_ZeroAmount");
    await expect(s.credit.connect(s.purger).burn(a!, 61n)).to.be.revertedWithCustomError(s.credit, "ERC20InsufficientBalance").withArgs(a!.address, 60n, 61n);
  });

  it("is soulbound: transfer, transferFrom and approve revert with custom errors", async function () {
    const s = await loadFixture(credit);
    const [a, b] = s.members;
    await s.credit.connect(s.governor).mint(a!, 100n);
    await expect(s.credit.connect(a!).transfer(b!, 1n)).to.be.revertedWithCustomError(s.credit, "Credit_NonTransferable").withArgs(a!.address, b!.address, 1n);
    await expect(s.credit.connect(b!).transferFrom(a!, b!, 1n)).to.be.revertedWithCustomError(s.credit, "Credit_NonTransferable").withArgs(a!.address, b!.address, 1n);
    await expect(s.credit.connect(a!).approve(b!, 1n)).to.be.revertedWithCustomError(s.credit, "Credit_ApprovalDisabled").withArgs(a!.address, b!.address);
    expect(await s.credit.allowance(a!, b!)).to.equal(0);
    expect(await s.credit.balanceOf(a!)).to.equal(100n);
  });

  it("pauses minting and burning", async function () {
    const s = await loadFixture(credit);
    const [a] = s.members;
    await expect(s.credit.connect(a!).pause()).to.be.revertedWithCustomError(s.credit, "AccessControlUnauthorizedAccount");
    await s.credit.connect(s.admin).pause();
    await expect(s.credit.connect(s.governor).mint(a!, 1)).to.be.revertedWithCustomError(s.credit, "EnforcedPause");
    await expect(s.credit.connect(s.purger).burn(a!, 1)).to.be.revertedWithCustomError(s.credit, "EnforcedPause");
    await expect(s.credit.connect(a!).unpause()).to.be.revertedWithCustomError(s.credit, "AccessControlUnauthorizedAccount");
    await s.credit.connect(s.admin).unpause();
    await expect(s.credit.connect(s.governor).mint(a!, 1)).to.emit(s.credit, "CreditMinted");
  });
});
