import { expect } from "chai";
import { createNetwork } from "./helpers/network.js";
import { deploySystem, EPOCH, listSecret, tokens, underwrite, wad, type System } from "./helpers/fixture.js";

const { ethers, networkHelpers } = await createNetwork();
const { loadFixture, time } = networkHelpers;

async function twoPools(): Promise<System> {
  const s = await deploySystem(ethers, { poolCount: 2 });
  await underwrite(s, s.members.slice(0, 4), wad(0.02), tokens(1000));
  return s;
}

describe("Lens", function () {
  it("reads pool states, quotes, cover and balances for many members in one call", async function () {
    const s = await loadFixture(twoPools);
    const [a, b, , , e] = s.members;
    await s.pools[0]!.connect(a!).buyCover(1, ethers.MaxUint256);
    await s.pools[1]!.connect(s.governor).enroll(b!);
    const members = s.members.slice(0, 5).map((m) => m.address);
    const snap = await s.lens.snapshot({ clock: s.clock, pools: s.pools, members, token: s.asset, accounts: [a!.address, await s.pools[0]!.getAddress()] });
    expect(snap.epoch).to.equal(0);
    expect(snap.pools.map((p) => p.pool)).to.deep.equal(await Promise.all(s.pools.map((p) => p.getAddress())));
    expect(snap.pools[0]!.state.capital).to.equal((await s.pools[0]!.state()).capital);
    for (let p = 0; p < 2; p++) {
      for (let m = 0; m < 5; m++) {
        const ok = m < 4;
        expect(snap.quoteOk[p]![m], `quoteOk ${p} ${m}`).to.equal(ok);
        expect(snap.premiums[p]![m]).to.equal(ok ? await s.pools[p]!.quotePremiumUp(members[m]!) : 0n);
      }
    }
    expect(snap.covered[0]).to.deep.equal([true, false, false, false, false]);
    expect(snap.covered[1]).to.deep.equal([false, true, false, false, false]);
    expect(snap.balances).to.deep.equal([await s.asset.balanceOf(a!), await s.asset.balanceOf(s.pools[0]!)]);
    const noToken = await s.lens.snapshot({ clock: s.clock, pools: [], members: [], token: ethers.ZeroAddress, accounts: [e!.address] });
    expect(noToken.balances).to.deep.equal([]);
    expect(await s.lens.coverStatus(s.pools, members, 1)).to.deep.equal([[false, false, false, false, false], [false, true, false, false, false]]);
  });

  it("reads streams by id and by range with their vesting, and listings by id", async function () {
    const s = await loadFixture(twoPools);
    await listSecret(s, tokens(5));
    await listSecret(s, tokens(4), { amount: wad(2) });
    await time.increase(EPOCH * 2n);
    const total = (await s.streams.getStream(1)).total;
    const views = await s.lens.streamViews(s.streams, [1, 2]);
    expect(views[0]!.id).to.equal(1);
    expect(views[0]!.stream.total).to.equal(total);
    expect(views[0]!.vested).to.equal(3n * (total / 100n));
    expect(views[0]!.withdrawable).to.equal(3n * (total / 100n));
    const range = await s.lens.streamRange(s.streams, 1, 10);
    expect(range.map((v) => v.id)).to.deep.equal([1n, 2n]);
    expect(await s.lens.streamRange(s.streams, 0, 10)).to.deep.equal([]);
    expect(await s.lens.streamRange(s.streams, 3, 10)).to.deep.equal([]);
    expect((await s.lens.streamRange(s.streams, 2, 1)).map((v) => v.id)).to.deep.equal([2n]);
    const ls = await s.lens.listings(s.market, [1, 2]);
    expect(ls.map((l) => l.seller)).to.deep.equal([s.seller.address, s.seller.address]);
    await expect(s.lens.listings(s.market, [3])).to.be.revertedWithCustomError(s.market, "Market_UnknownListing").withArgs(3);
  });
});
