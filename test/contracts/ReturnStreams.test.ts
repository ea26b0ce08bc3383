import { expect } from "chai";
import { createNetwork } from "./helpers/network.js";
import { deploySystem, EPOCH, listSecret, tokens, type System } from "./helpers/fixture.js";
import { vested } from "./helpers/reference.js";

const { ethers, networkHelpers } = await createNetwork();
const { loadFixture, time } = networkHelpers;

/** A streams contract on which `opener` (an EOA with OPENER_ROLE) opens streams to `recipient`. */
async function standalone(): Promise<System> {
  const s = await deploySystem(ethers, { poolCount: 0 });
  await s.streams.grantRole(await s.streams.OPENER_ROLE(), s.admin);
  return s;
}

describe("ReturnStreams", function () {
  it("rejects zero addresses at deployment", async function () {
    const s = await loadFixture(standalone);
    const f = await ethers.getContractFactory("ReturnStreams");
    await expect(f.deploy(ethers.ZeroAddress, s.clock, s.admin)).to.be.revertedWithCustomError(f, "ZeroAddress").withArgs("asset");
    await expect(f.deploy(s.asset, ethers.ZeroAddress, s.admin)).to.be.revertedWithCustomError(f, "ZeroAddress").withArgs("clock");
    await expect(f.deploy(s.asset, s.clock, ethers.ZeroAddress)).to.be.revertedWithCustomError(f, "ZeroAddress").withArgs("admin");
    expect(await s.streams.asset()).to.equal(await s.asset.getAddress());
    expect(await s.streams.clock()).to.equal(await s.clock.getAddress());
  });

  it("opens a stream funded in full, and rejects invalid streams and non-openers", async function () {
    const s = await loadFixture(standalone);
    const r = s.members[0]!;
    const tx = s.streams.open(r, s.funder, 1000n, 7n);
    await expect(tx).to.emit(s.streams, "StreamOpened").withArgs(1, r.address, s.funder.address, 1000n, 142n, 0, 7);
    await expect(tx).to.changeTokenBalances(ethers, s.asset, [s.funder, s.streams], [-1000n, 1000n]);
    const st = await s.streams.getStream(1);
    expect([st.recipient, st.funder, st.total, st.withdrawn, st.lifetime, st.startEpoch, st.cancelled]).to.deep.equal([r.address, s.funder.address, 1000n, 0n, 7n, 0n, false]);
    expect(await s.streams.streamCount()).to.equal(1);
    expect(await s.streams.totalDeposited()).to.equal(1000n);
    await expect(s.streams.open(ethers.ZeroAddress, s.funder, 1, 1)).to.be.revertedWithCustomError(s.streams, "ZeroAddress").withArgs("recipient");
    await expect(s.streams.open(r, ethers.ZeroAddress, 1, 1)).to.be.revertedWithCustomError(s.streams, "ZeroAddress").withArgs("funder");
    for (const [total, lifetime] of [[0n, 1n], [1n, 0n], [2n ** 128n, 1n], [1n, 2n ** 32n]]) {
      await expect(s.streams.open(r, s.funder, total!, lifetime!)).to.be.revertedWithCustomError(s.streams, "Streams_InvalidStream").withArgs(total, lifetime);
    }
    await expect(s.streams.connect(r).open(r, s.funder, 1, 1))
      .to.be.revertedWithCustomError(s.streams, "AccessControlUnauthorizedAccount").withArgs(r.address, await s.streams.OPENER_ROLE());
    await expect(s.streams.getStream(2)).to.be.revertedWithCustomError(s.streams, "Streams_UnknownStream").withArgs(2);
  });

  it("vests floor(total/lifetime) per epoch from the opening epoch, the last epoch paying the remainder", async function () {
    const s = await loadFixture(standalone);
    const r = s.members[0]!;
    const total = 10n ** 18n + 12345n;
    const lifetime = 9n;
    await s.streams.open(r, s.funder, total, lifetime);
    let paid = 0n;
    for (let e = 0n; e < lifetime + 3n; e++) {
      expect(await s.streams.vestedAt(1, e)).to.equal(vested(total, lifetime, 0n, e));
      expect(await s.streams.withdrawable(1)).to.equal(vested(total, lifetime, 0n, e) - paid);
      // Withdraw on odd epochs only: what is paid never depends on when.
      if (e % 2n === 1n) {
        const due = vested(total, lifetime, 0n, e) - paid;
        const tx = s.streams.connect(r).withdraw([1, 1]);
        await expect(tx).to.changeTokenBalances(ethers, s.asset, [r, s.streams], [due, -due]);
        if (due > 0n) await expect(tx).to.emit(s.streams, "StreamWithdrawn").withArgs(1, r.address, due);
        paid += due;
      }
      await time.increase(EPOCH);
    }
    await s.streams.connect(r).withdraw([1]);
    expect(await s.asset.balanceOf(s.streams)).to.equal(0);
    expect((await s.streams.getStream(1)).withdrawn).to.equal(total);
    expect(await s.streams.totalWithdrawn()).to.equal(total);
    // Nothing more: withdraw pays zero and emits nothing.
    await expect(s.streams.connect(r).withdraw([1])).not.to.emit(s.streams, "StreamWithdrawn");
    expect(await s.streams.vestedAt(1, 0)).to.equal(total / lifetime);
  });

  it("pays exactly the deposit over many random streams and withdrawal schedules", async function () {
    const s = await loadFixture(standalone);
    const r = s.members[1]!;
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    const ids: bigint[] = [];
    let deposited = 0n;
    for (let i = 0; i < 12; i++) {
      const total = BigInt(Math.floor(rand() * 1e12)) * 10n ** 6n + BigInt(Math.floor(rand() * 1000)) + 1n;
      const lifetime = BigInt(1 + Math.floor(rand() * 6));
      await s.streams.open(r, s.funder, total, lifetime);
      ids.push(BigInt(i + 1));
      deposited += total;
      if (rand() < 0.5) await time.increase(EPOCH);
    }
    const start = await s.asset.balanceOf(r);
    for (let k = 0; k < 10; k++) {
      if (rand() < 0.6) await s.streams.connect(r).withdraw(ids);
      await time.increase(EPOCH);
    }
    await s.streams.connect(r).withdraw(ids);
    expect((await s.asset.balanceOf(r)) - start).to.equal(deposited);
    expect(await s.asset.balanceOf(s.streams)).to.equal(0);
  });

  it("lets only the recipient withdraw and cancel; cancel returns the unvested part to the funder", async function () {
    const s = await loadFixture(standalone);
    const [r, x] = s.members;
    await s.streams.open(r!, s.funder, 1000n, 10n);
    await expect(s.streams.connect(x!).withdraw([1])).to.be.revertedWithCustomError(s.streams, "Streams_NotRecipient").withArgs(1, x!.address, r!.address);
    await expect(s.streams.connect(x!).cancel(1)).to.be.revertedWithCustomError(s.streams, "Streams_NotRecipient").withArgs(1, x!.address, r!.address);
    await expect(s.streams.connect(r!).withdraw([2])).to.be.revertedWithCustomError(s.streams, "Streams_UnknownStream").withArgs(2);
    await time.increase(EPOCH * 2n); // epoch 2: 300 vested
    await s.streams.connect(r!).withdraw([1]);
    const tx = s.streams.connect(r!).cancel(1);
    await expect(tx).to.emit(s.streams, "StreamCancelled").withArgs(1, 300n, 700n);
    await expect(tx).to.changeTokenBalances(ethers, s.asset, [s.funder, s.streams], [700n, -700n]);
    await expect(s.streams.connect(r!).cancel(1)).to.be.revertedWithCustomError(s.streams, "Streams_AlreadyCancelled").withArgs(1);
    await time.increase(EPOCH * 20n);
    expect(await s.streams.vestedAt(1, 100)).to.equal(300n);
    expect(await s.streams.withdrawable(1)).to.equal(0);
    expect(await s.streams.totalRefunded()).to.equal(700n);
    // A stream cancelled before anything was withdrawn keeps its vested part for the recipient.
    await s.streams.open(r!, s.funder, 1000n, 4n);
    const e = await s.clock.currentEpoch();
    await s.streams.connect(r!).cancel(2);
    expect(await s.streams.withdrawable(2)).to.equal(250n);
    expect(await s.streams.vestedAt(2, e - 1n)).to.equal(250n);
    await expect(s.streams.connect(r!).withdraw([2])).to.emit(s.streams, "StreamWithdrawn").withArgs(2, r!.address, 250n);
    // Cancelling a fully vested stream refunds nothing and moves no funds.
    await s.streams.open(r!, s.funder, 1000n, 1n);
    const full = await s.streams.streamCount();
    const noRefund = s.streams.connect(r!).cancel(full);
    await expect(noRefund).to.emit(s.streams, "StreamCancelled").withArgs(full, 1000n, 0);
    await expect(noRefund).to.changeTokenBalances(ethers, s.asset, [s.funder, s.streams], [0, 0]);
    // Nothing vests before the opening epoch.
    await s.streams.open(r!, s.funder, 1000n, 4n);
    expect(await s.streams.vestedAt(full + 1n, e - 1n)).to.equal(0);
    expect(await s.streams.vestedAt(full + 1n, e)).to.equal(250n);
  });

  it("pauses opening, withdrawing and cancelling", async function () {
    const s = await loadFixture(standalone);
    const r = s.members[0]!;
    await s.streams.open(r, s.funder, 1000n, 10n);
    await expect(s.streams.connect(r).pause()).to.be.revertedWithCustomError(s.streams, "AccessControlUnauthorizedAccount");
    await s.streams.pause();
    await expect(s.streams.open(r, s.funder, 1, 1)).to.be.revertedWithCustomError(s.streams, "EnforcedPause");
    await expect(s.streams.connect(r).withdraw([1])).to.be.revertedWithCustomError(s.streams, "EnforcedPause");
    await expect(s.streams.connect(r).cancel(1)).to.be.revertedWithCustomError(s.streams, "EnforcedPause");
    await expect(s.streams.connect(r).unpause()).to.be.revertedWithCustomError(s.streams, "AccessControlUnauthorizedAccount");
    await expect(s.streams.unpause()).to.emit(s.streams, "Unpaused");
  });

  it("pays a pool's vested income into its capital through collectStreamIncome, also when bankrupt", async function () {
    const s = await deploySystem(ethers, { poolCount: 1 });
    const pool = s.pools[0]!;
    await listSecret(s, tokens(5));
    const total = (await s.streams.getStream(1)).total;
    await time.increase(EPOCH * 4n); // epochs 0..4 vested
    const capital = (await pool.state()).capital;
    await expect(pool.connect(s.other).collectStreamIncome([1])).to.emit(pool, "StreamIncomeCollected").withArgs(5n * (total / 100n), capital + 5n * (total / 100n));
    expect((await pool.state()).investmentIncome).to.equal(5n * (total / 100n));
    await pool.connect(s.admin).pause();
    await expect(pool.collectStreamIncome([1])).to.be.revertedWithCustomError(pool, "EnforcedPause");
    await pool.connect(s.admin).unpause();
    // Bankrupt: the pool still collects what it is owed (capital rises, the flag stays).
    const victim = s.members[0]!;
    await s.registry.connect(s.underwriter).setBaselineRisks([victim], [10n ** 16n]);
    await s.registry.connect(s.wealthOracle).attestWealth([victim], [tokens(10)]);
    await pool.connect(victim).buyCover(1, ethers.MaxUint256);
    await pool.connect(s.lossOracle).reportLoss(victim, tokens(1_000_000), ethers.id("all"));
    await time.increase(EPOCH);
    await expect(pool.collectStreamIncome([1])).to.emit(pool, "StreamIncomeCollected").withArgs(total / 100n, total / 100n);
    expect((await pool.state()).bankrupt).to.equal(true);
    await expect(s.streams.connect(s.other).withdraw([1])).to.be.revertedWithCustomError(s.streams, "Streams_NotRecipient");
  });
});
