import { expect } from "chai";
import { createNetwork } from "./helpers/network.js";
import { deploySystem, type System } from "./helpers/fixture.js";

const { ethers, networkHelpers } = await createNetwork();
const { loadFixture } = networkHelpers;

/** Membership with `governor` as a stand-in pool (MINTER_ROLE) and member 0 enrolled as token 1. */
async function enrolled(): Promise<System> {
  const s = await deploySystem(ethers, { poolCount: 0 });
  await s.membership.grantRole(await s.membership.MINTER_ROLE(), s.governor);
  await s.membership.connect(s.governor).mint(s.members[0]!);
  return s;
}

describe("Membership", function () {
  it("mints one locked token per member, tied to the minting pool", async function () {
    const s = await loadFixture(enrolled);
    const [a, b] = s.members;
    const tx = s.membership.connect(s.governor).mint(b!);
    await expect(tx).to.emit(s.membership, "Locked").withArgs(2);
    await expect(tx).to.emit(s.membership, "MembershipMinted").withArgs(b!.address, s.governor.address, 2);
    await expect(tx).to.emit(s.membership, "Transfer").withArgs(ethers.ZeroAddress, b!.address, 2);
    expect(await s.membership.tokenOf(a!)).to.equal(1);
    expect(await s.membership.poolOf(1)).to.equal(s.governor.address);
    expect(await s.membership.poolOfMember(a!)).to.equal(s.governor.address);
    expect(await s.membership.poolOfMember(s.other)).to.equal(ethers.ZeroAddress);
    expect(await s.membership.locked(1)).to.equal(true);
    expect(await s.membership.name()).to.equal("Ingenesist Membership");
    await expect(s.membership.locked(9)).to.be.revertedWithCustomError(s.membership, "ERC721NonexistentToken").withArgs(9);
    await expect(s.membership.connect(s.governor).mint(a!)).to.be.revertedWithCustomError(s.membership, "Membership_AlreadyMember").withArgs(a!.address, 1);
    await expect(s.membership.connect(s.governor).mint(ethers.ZeroAddress)).to.be.revertedWithCustomError(s.membership, "ZeroAddress").withArgs("member");
    await expect(s.membership.connect(a!).mint(a!)).to.be.revertedWithCustomError(s.membership, "AccessControlUnauthorizedAccount").withArgs(a!.address, await s.membership.MINTER_ROLE());
    const f = await ethers.getContractFactory("Membership");
    await expect(f.deploy(ethers.ZeroAddress)).to.be.revertedWithCustomError(f, "ZeroAddress").withArgs("admin");
  });

  it("supports ERC-165 ids of ERC-721, ERC-5192 and AccessControl", async function () {
    const s = await loadFixture(enrolled);
    for (const id of ["0x80ac58cd", "0x5b5e139f", "0xb45a3c0e", "0x7965db0b", "0x01ffc9a7"]) {
      expect(await s.membership.supportsInterface(id), id).to.equal(true);
    }
    expect(await s.membership.supportsInterface("0xffffffff")).to.equal(false);
  });

  it("reverts every transfer and approval path with Membership_Soulbound", async function () {
    const s = await loadFixture(enrolled);
    const [a, b] = s.members;
    const m = s.membership.connect(a!);
    await expect(m.transferFrom(a!, b!, 1)).to.be.revertedWithCustomError(s.membership, "Membership_Soulbound");
    await expect(m["safeTransferFrom(address,address,uint256)"](a!, b!, 1)).to.be.revertedWithCustomError(s.membership, "Membership_Soulbound");
    await expect(m["safeTransferFrom(address,address,uint256,bytes)"](a!, b!, 1, "0x")).to.be.revertedWithCustomError(s.membership, "Membership_Soulbound");
    await expect(m.approve(b!, 1)).to.be.revertedWithCustomError(s.membership, "Membership_Soulbound");
    await expect(m.setApprovalForAll(b!, true)).to.be.revertedWithCustomError(s.membership, "Membership_Soulbound");
    expect(await s.membership.ownerOf(1)).to.equal(a!.address);
  });

  it("burns only by the pool the token is tied to", async function () {
    const s = await loadFixture(enrolled);
    const [a, b] = s.members;
    await expect(s.membership.connect(s.other).burn(a!)).to.be.revertedWithCustomError(s.membership, "Membership_NotPoolOf").withArgs(1, s.other.address, s.governor.address);
    await expect(s.membership.connect(s.governor).burn(b!)).to.be.revertedWithCustomError(s.membership, "Membership_NotMember").withArgs(b!.address);
    const tx = s.membership.connect(s.governor).burn(a!);
    await expect(tx).to.emit(s.membership, "MembershipBurned").withArgs(a!.address, s.governor.address, 1);
    await expect(tx).to.emit(s.membership, "Transfer").withArgs(a!.address, ethers.ZeroAddress, 1);
    expect(await s.membership.tokenOf(a!)).to.equal(0);
    expect(await s.membership.poolOf(1)).to.equal(ethers.ZeroAddress);
    // A member can be enrolled again after a burn (a new token).
    await expect(s.membership.connect(s.governor).mint(a!)).to.emit(s.membership, "MembershipMinted").withArgs(a!.address, s.governor.address, 2);
  });
});
