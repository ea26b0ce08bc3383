import { expect } from "chai";
import { createNetwork } from "./helpers/network.js";
import {
  attest,
  DELIVERY_WINDOW,
  deploySystem,
  DISPUTE_WINDOW,
  ENG,
  EPOCH,
  KOMP,
  listSecret,
  refParamsOf,
  tokens,
  wad,
  type System,
} from "./helpers/fixture.js";
import { movingAverageDown, valueDown, WAD } from "./helpers/reference.js";

const { ethers, networkHelpers } = await createNetwork();
const { loadFixture, time } = networkHelpers;

const Status = { None: 0, Open: 1, Sold: 2, Delivered: 3, Disputed: 4, Settled: 5, Refunded: 6, Cancelled: 7, Purged: 8 };

async function onePool(): Promise<System> {
  return deploySystem(ethers, { poolCount: 1 });
}
async function threePools(): Promise<System> {
  return deploySystem(ethers, { poolCount: 3 });
}

/** Lists an engineering secret that pool 0 buys (3 × 0.6: value 2.25 + future return 5.4 ≥ ask 5). */
async function sold(): Promise<System & { id: bigint; streamId: bigint }> {
  const s = await onePool();
  await listSecret(s, tokens(5));
  const l = await s.market.getListing(1);
  return { ...s, id: 1n, streamId: l.streamId };
}

async function delivered(): Promise<System & { id: bigint; streamId: bigint }> {
  const s = await sold();
  await s.market.connect(s.seller).deliver(1, ethers.id("ciphertext"), "ipfs://cipher");
  return s;
}

describe("SecretMarket", function () {
  describe("deployment and governance", function () {
    it("rejects zero addresses and invalid windows", async function () {
      const s = await loadFixture(onePool);
      const f = await ethers.getContractFactory("SecretMarket");
      await expect(f.deploy(ethers.ZeroAddress, s.clock, 1, 1, s.admin)).to.be.revertedWithCustomError(f, "ZeroAddress").withArgs("asset");
      await expect(f.deploy(s.asset, ethers.ZeroAddress, 1, 1, s.admin)).to.be.revertedWithCustomError(f, "ZeroAddress").withArgs("clock");
      await expect(f.deploy(s.asset, s.clock, 1, 1, ethers.ZeroAddress)).to.be.revertedWithCustomError(f, "ZeroAddress").withArgs("admin");
      await expect(f.deploy(s.asset, s.clock, 0, 1, s.admin)).to.be.revertedWithCustomError(f, "Market_InvalidWindow").withArgs(0, 1);
      await expect(f.deploy(s.asset, s.clock, 1, 0, s.admin)).to.be.revertedWithCustomError(f, "Market_InvalidWindow").withArgs(1, 0);
      const max = 365n * 86_400n;
      await expect(f.deploy(s.asset, s.clock, max + 1n, 1, s.admin)).to.be.revertedWithCustomError(f, "Market_InvalidWindow").withArgs(max + 1n, 1);
      await expect(f.deploy(s.asset, s.clock, 1, max + 1n, s.admin)).to.be.revertedWithCustomError(f, "Market_InvalidWindow").withArgs(1, max + 1n);
    });

    it("registers pools in order with their keys, up to MAX_POOLS, and removes them keeping the order", async function () {
      const s = await loadFixture(onePool);
      const m = await ethers.deployContract("SecretMarket", [s.asset, s.clock, 10, 10, s.admin]);
      await m.grantRole(await m.GOVERNOR_ROLE(), s.governor);
      const g = m.connect(s.governor);
      const addrs = Array.from({ length: 16 }, (_, i) => ethers.getAddress("0x" + (i + 1).toString(16).padStart(40, "0")));
      await expect(g.registerPool(addrs[0]!, "0x01")).to.emit(m, "PoolRegistered").withArgs(addrs[0], 0, "0x01");
      for (const a of addrs.slice(1)) await g.registerPool(a, "0x02");
      expect(await m.pools()).to.deep.equal(addrs);
      await expect(g.registerPool(s.other, "0x01")).to.be.revertedWithCustomError(m, "Market_TooManyPools").withArgs(16);
      await expect(g.registerPool(addrs[3]!, "0x01")).to.be.revertedWithCustomError(m, "Market_PoolAlreadyRegistered").withArgs(addrs[3]);
      await expect(g.registerPool(ethers.ZeroAddress, "0x01")).to.be.revertedWithCustomError(m, "ZeroAddress").withArgs("pool");
      await expect(g.registerPool(s.other, "0x")).to.be.revertedWithCustomError(m, "Market_EmptyPublicKey").withArgs(s.other.address);
      await expect(g.removePool(addrs[3]!)).to.emit(m, "PoolRemoved").withArgs(addrs[3]);
      expect(await m.pools()).to.deep.equal(addrs.filter((_, i) => i !== 3));
      expect(await m.poolKey(addrs[3]!)).to.equal("0x");
      await expect(g.removePool(addrs[3]!)).to.be.revertedWithCustomError(m, "Market_PoolNotRegistered").withArgs(addrs[3]);
      await expect(g.removePool(addrs[15]!)).to.emit(m, "PoolRemoved");
      await expect(g.setPoolKey(addrs[0]!, "0xabcd")).to.emit(m, "PoolKeySet").withArgs(addrs[0], "0xabcd");
      expect(await m.poolKey(addrs[0]!)).to.equal("0xabcd");
      await expect(g.setPoolKey(addrs[3]!, "0xabcd")).to.be.revertedWithCustomError(m, "Market_PoolNotRegistered").withArgs(addrs[3]);
      await expect(g.setPoolKey(addrs[0]!, "0x")).to.be.revertedWithCustomError(m, "Market_EmptyPublicKey").withArgs(addrs[0]);
      const role = await m.GOVERNOR_ROLE();
      for (const call of [() => m.registerPool(s.other, "0x01"), () => m.removePool(addrs[0]!), () => m.setPoolKey(addrs[0]!, "0x01"), () => m.setWindows(1, 1), () => m.setHooks(s.other)]) {
        await expect(call()).to.be.revertedWithCustomError(m, "AccessControlUnauthorizedAccount").withArgs(s.admin.address, role);
      }
    });

    it("sets windows and hooks, and pauses only by the pauser", async function () {
      const s = await loadFixture(onePool);
      const g = s.market.connect(s.governor);
      await expect(g.setWindows(100, 200)).to.emit(s.market, "WindowsSet").withArgs(100, 200);
      expect([await s.market.deliveryWindow(), await s.market.disputeWindow()]).to.deep.equal([100n, 200n]);
      await expect(g.setWindows(0, 200)).to.be.revertedWithCustomError(s.market, "Market_InvalidWindow").withArgs(0, 200);
      await expect(g.setHooks(s.other)).to.emit(s.market, "HooksSet").withArgs(s.other.address);
      expect(await s.market.hooks()).to.equal(s.other.address);
      const role = await s.market.PAUSER_ROLE();
      await expect(s.market.connect(s.other).pause()).to.be.revertedWithCustomError(s.market, "AccessControlUnauthorizedAccount").withArgs(s.other.address, role);
      await expect(s.market.connect(s.admin).pause()).to.emit(s.market, "Paused");
      await expect(listSecret(s, tokens(5))).to.be.revertedWithCustomError(s.market, "EnforcedPause");
      await expect(s.market.connect(s.other).unpause()).to.be.revertedWithCustomError(s.market, "AccessControlUnauthorizedAccount").withArgs(s.other.address, role);
      await expect(s.market.connect(s.admin).unpause()).to.emit(s.market, "Unpaused");
    });
  });

  describe("list", function () {
    it("lists kompromat, and the pool buys it: escrow, accounting, events, no plaintext", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const p = await refParamsOf(pool);
      const before = await pool.state();
      const { attestation, signature } = await attest(s, { kind: KOMP, amount: wad(3), potency: wad(0.6) });
      const ask = wad(0.9);
      const tx = s.market.connect(s.seller).list(attestation, ask, signature);
      await expect(tx).to.emit(s.market, "Listed").withArgs(1, s.seller.address, KOMP, attestation.contentHash, wad(3), wad(0.6), ask, ethers.ZeroAddress, s.attestor.address, attestation.nonce);
      await expect(tx).to.emit(s.market, "Sold").withArgs(1, await pool.getAddress(), ask, 0, (await time.latest()) + Number(DELIVERY_WINDOW));
      await expect(tx).to.emit(s.market, "Offered").withArgs(1, 0, 0, await pool.getAddress());
      const weight = (wad(3) * wad(0.6)) / WAD;
      const { value } = valueDown(p, KOMP, wad(3), wad(0.6), 0n);
      await expect(tx).to.emit(pool, "SecretPurchased").withArgs(1, KOMP, weight, ask, value, 0, 0);
      await expect(tx).to.changeTokenBalances(ethers, s.asset, [pool, s.market], [-ask, ask]);
      const l = await s.market.getListing(1);
      expect(l.status).to.equal(Status.Sold);
      expect(l.buyer).to.equal(await pool.getAddress());
      expect(l.price).to.equal(ask);
      expect(await s.market.escrowed()).to.equal(ask);
      const after = await pool.state();
      expect(after.capital).to.equal(before.capital - ask);
      expect(after.secretPurchaseCost).to.equal(ask);
      expect(after.kompCapital).to.equal(weight);
      expect(after.avgKompPotency).to.equal(movingAverageDown(p, wad(0.5), wad(0.6)));
      expect(after.avgEngPotency).to.equal(wad(0.5));
      expect(await s.market.nonceUsed(s.attestor, attestation.nonce)).to.equal(true);
      expect(await s.market.listingCount()).to.equal(1);
      const p1 = await pool.purchaseOf(1);
      expect([p1.exists, p1.reversed, p1.weight, p1.price]).to.deep.equal([true, false, weight, ask]);
    });

    it("opens the engineering return stream funded by the funder, valued with the eng capital before purchase", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const p = await refParamsOf(pool);
      const { futureReturn } = valueDown(p, ENG, wad(3), wad(0.6), 0n);
      const tx = listSecret(s, tokens(5));
      await expect(tx).to.emit(s.streams, "StreamOpened").withArgs(1, await pool.getAddress(), s.funder.address, futureReturn, futureReturn / 100n, 0, 100);
      await expect(tx).to.changeTokenBalances(ethers, s.asset, [s.funder, s.streams], [-futureReturn, futureReturn]);
      expect((await s.market.getListing(1)).streamId).to.equal(1);
      expect((await pool.purchaseOf(1)).streamId).to.equal(1);
      // A second purchase values the future return with the eng capital now held.
      const engCapital = (await pool.state()).engCapital;
      const second = valueDown(p, ENG, wad(2), wad(0.9), engCapital);
      await expect(listSecret(s, tokens(4), { amount: wad(2), potency: wad(0.9) })).to.emit(s.streams, "StreamOpened").withArgs(2, await pool.getAddress(), s.funder.address, second.futureReturn, second.futureReturn / 100n, 0, 100);
    });

    it("leaves the listing open when no pool values it at the ask or has the capital", async function () {
      const s = await loadFixture(onePool);
      await expect(listSecret(s, wad(1), { kind: KOMP })).to.emit(s.market, "Offered").withArgs(1, 0, 0, ethers.ZeroAddress);
      expect((await s.market.getListing(1)).status).to.equal(Status.Open);
      // Valued far above capital: no purchase.
      await expect(listSecret(s, tokens(3001), { amount: wad(1000), potency: WAD })).to.emit(s.market, "Offered").withArgs(2, 0, 0, ethers.ZeroAddress);
      // Buys exactly at total value = ask, and at capital = ask.
      const p = await refParamsOf(s.pools[0]!);
      const { value } = valueDown(p, KOMP, wad(2), wad(0.5), 0n);
      await expect(listSecret(s, value, { kind: KOMP, amount: wad(2), potency: wad(0.5) })).to.emit(s.market, "Sold");
    });

    it("offers to the pools in the fair order (listingId + epoch) % nPools", async function () {
      const s = await loadFixture(threePools);
      const pools = await Promise.all(s.pools.map((p) => p.getAddress()));
      for (let k = 0; k < 7; k++) {
        const id = BigInt(k + 1);
        const epoch = await s.clock.currentEpoch();
        const start = Number((id + epoch) % 3n);
        const order = await s.market.offerOrder(id, epoch);
        expect(order).to.deep.equal([0, 1, 2].map((i) => pools[(start + i) % 3]));
        await expect(listSecret(s, wad(0.3), { kind: KOMP, amount: wad(1) })).to.emit(s.market, "Offered").withArgs(id, epoch, start, pools[start]);
        if (k === 3) await time.increase(EPOCH);
      }
      expect(await ethers.deployContract("SecretMarket", [s.asset, s.clock, 1, 1, s.admin]).then((m) => m.offerOrder(1, 0))).to.deep.equal([]);
    });

    it("skips bankrupt and paused pools, and offers to nobody when no pool is registered", async function () {
      const s = await loadFixture(threePools);
      const pools = await Promise.all(s.pools.map((p) => p.getAddress()));
      // listing 1 in epoch 0 starts at pool 1: pause it, so pool 2 buys.
      await s.pools[1]!.connect(s.admin).pause();
      await expect(listSecret(s, wad(0.3), { kind: KOMP, amount: wad(1) })).to.emit(s.market, "Offered").withArgs(1, 0, 1, pools[2]);
      await s.pools[1]!.connect(s.admin).unpause();
      // Make pool 2 bankrupt; listing 2 starts at pool 2, so pool 0 buys.
      const victim = s.members[0]!;
      await s.registry.connect(s.underwriter).setBaselineRisks([victim], [wad(0.02)]);
      await s.registry.connect(s.wealthOracle).attestWealth([victim], [tokens(10)]);
      await s.pools[2]!.connect(victim).buyCover(1, ethers.MaxUint256);
      await s.pools[2]!.connect(s.lossOracle).reportLoss(victim, tokens(1_000_000), ethers.id("big"));
      await expect(listSecret(s, wad(0.3), { kind: KOMP, amount: wad(1) })).to.emit(s.market, "Offered").withArgs(2, 0, 2, pools[0]);
      const empty = await ethers.deployContract("SecretMarket", [s.asset, s.clock, 1, 1, s.admin]);
      await empty.grantRole(await empty.ATTESTOR_ROLE(), s.attestor);
      const { attestation, signature } = await attest({ ...s, market: empty }, { kind: KOMP });
      await expect(empty.connect(s.seller).list(attestation, 1, signature)).to.emit(empty, "Offered").withArgs(1, 0, 0, ethers.ZeroAddress);
    });

    it("rejects forged, tampered, replayed and expired attestations", async function () {
      const s = await loadFixture(onePool);
      const forged = await attest(s, {}, s.other);
      await expect(s.market.connect(s.seller).list(forged.attestation, 1, forged.signature))
        .to.be.revertedWithCustomError(s.market, "Market_InvalidAttestor").withArgs(s.other.address);
      const good = await attest(s, { kind: KOMP });
      const tampered = { ...good.attestation, potency: WAD };
      await expect(s.market.connect(s.seller).list(tampered, 1, good.signature)).to.be.revertedWithCustomError(s.market, "Market_InvalidAttestor");
      await s.market.connect(s.seller).list(good.attestation, wad(5), good.signature);
      await expect(s.market.connect(s.seller).list(good.attestation, wad(5), good.signature))
        .to.be.revertedWithCustomError(s.market, "Market_NonceUsed").withArgs(s.attestor.address, good.attestation.nonce);
      const expiring = await attest(s, { kind: KOMP });
      await time.increase(3601);
      await expect(s.market.connect(s.seller).list(expiring.attestation, 1, expiring.signature))
        .to.be.revertedWithCustomError(s.market, "Market_AttestationExpired").withArgs(expiring.attestation.deadline, (await time.latest()) + 1);
      const fresh = await attest(s, { kind: KOMP });
      await expect(s.market.connect(s.seller).list(fresh.attestation, 1, "0x1234")).to.be.revertedWithCustomError(s.market, "ECDSAInvalidSignatureLength").withArgs(2);
      const digest = await s.market.attestationDigest(good.attestation);
      expect(ethers.recoverAddress(digest, good.signature)).to.equal(s.attestor.address);
    });

    it("rejects a wrong seller, invalid amounts, potencies, asks and funders", async function () {
      const s = await loadFixture(onePool);
      const a = await attest(s, { kind: KOMP });
      await expect(s.market.connect(s.other).list(a.attestation, 1, a.signature)).to.be.revertedWithCustomError(s.market, "Market_NotSeller").withArgs(s.other.address, s.seller.address);
      await expect(s.market.connect(s.seller).list(a.attestation, 0, a.signature)).to.be.revertedWithCustomError(s.market, "Market_InvalidAsk").withArgs(0);
      await expect(s.market.connect(s.seller).list(a.attestation, 2n ** 128n, a.signature)).to.be.revertedWithCustomError(s.market, "Market_InvalidAsk").withArgs(2n ** 128n);
      for (const amount of [0n, 2n ** 128n]) {
        const b = await attest(s, { kind: KOMP, amount });
        await expect(s.market.connect(s.seller).list(b.attestation, 1, b.signature)).to.be.revertedWithCustomError(s.market, "Market_InvalidAmount").withArgs(amount);
      }
      const c = await attest(s, { kind: KOMP, potency: WAD + 1n });
      await expect(s.market.connect(s.seller).list(c.attestation, 1, c.signature)).to.be.revertedWithCustomError(s.market, "Market_InvalidPotency").withArgs(WAD + 1n);
      const d = await attest(s, { kind: KOMP, funder: s.funder.address });
      await expect(s.market.connect(s.seller).list(d.attestation, 1, d.signature)).to.be.revertedWithCustomError(s.market, "Market_InvalidFunder").withArgs(KOMP, s.funder.address);
      const e = await attest(s, { kind: ENG, funder: ethers.ZeroAddress });
      await expect(s.market.connect(s.seller).list(e.attestation, 1, e.signature)).to.be.revertedWithCustomError(s.market, "Market_InvalidFunder").withArgs(ENG, ethers.ZeroAddress);
    });
  });

  describe("reprice, cancel and purge", function () {
    it("reprices an open listing and offers it again (the pool buys at the lower ask)", async function () {
      const s = await loadFixture(onePool);
      await listSecret(s, wad(2), { kind: KOMP });
      const tx = s.market.connect(s.seller).reprice(1, wad(0.5));
      await expect(tx).to.emit(s.market, "Repriced").withArgs(1, wad(2), wad(0.5));
      await expect(tx).to.emit(s.market, "Sold");
      await expect(s.market.connect(s.seller).reprice(1, wad(0.4))).to.be.revertedWithCustomError(s.market, "Market_WrongStatus").withArgs(1, Status.Sold);
    });

    it("re-offers at an unchanged ask in a later epoch, when the pool can afford it again", async function () {
      const s = await deploySystem(ethers, { poolCount: 1, initialCapital: tokens(1) });
      await listSecret(s, tokens(2), { kind: KOMP, amount: wad(5), potency: WAD });
      expect((await s.market.getListing(1)).status).to.equal(Status.Open);
      await s.pools[0]!.connect(s.other).fund(tokens(5));
      await time.increase(EPOCH);
      await expect(s.market.connect(s.seller).reprice(1, tokens(2))).to.emit(s.market, "Offered").withArgs(1, 1, 0, await s.pools[0]!.getAddress());
    });

    it("rejects reprice and cancel by others, on unknown listings, and invalid asks", async function () {
      const s = await loadFixture(onePool);
      await listSecret(s, wad(2), { kind: KOMP });
      await expect(s.market.connect(s.other).reprice(1, 1)).to.be.revertedWithCustomError(s.market, "Market_OnlySeller").withArgs(1, s.other.address, s.seller.address);
      await expect(s.market.connect(s.seller).reprice(1, 0)).to.be.revertedWithCustomError(s.market, "Market_InvalidAsk").withArgs(0);
      await expect(s.market.connect(s.seller).reprice(9, 1)).to.be.revertedWithCustomError(s.market, "Market_UnknownListing").withArgs(9);
      await expect(s.market.connect(s.other).cancel(1)).to.be.revertedWithCustomError(s.market, "Market_OnlySeller").withArgs(1, s.other.address, s.seller.address);
      await expect(s.market.connect(s.seller).cancel(1)).to.emit(s.market, "ListingCancelled").withArgs(1);
      await expect(s.market.connect(s.seller).cancel(1)).to.be.revertedWithCustomError(s.market, "Market_WrongStatus").withArgs(1, Status.Cancelled);
      await expect(s.market.getListing(0)).to.be.revertedWithCustomError(s.market, "Market_UnknownListing").withArgs(0);
    });

    it("purges open listings about a captured agent (PURGER only, open only, non-empty)", async function () {
      const s = await loadFixture(onePool);
      await listSecret(s, wad(2), { kind: KOMP });
      await listSecret(s, wad(3), { kind: KOMP });
      await listSecret(s, wad(0.1), { kind: KOMP }); // sold
      await expect(s.market.connect(s.other).purge([1])).to.be.revertedWithCustomError(s.market, "AccessControlUnauthorizedAccount").withArgs(s.other.address, await s.market.PURGER_ROLE());
      await expect(s.market.connect(s.purger).purge([])).to.be.revertedWithCustomError(s.market, "EmptyBatch");
      await expect(s.market.connect(s.purger).purge([1, 3])).to.be.revertedWithCustomError(s.market, "Market_WrongStatus").withArgs(3, Status.Sold);
      const tx = s.market.connect(s.purger).purge([1, 2]);
      await expect(tx).to.emit(s.market, "ListingPurged").withArgs(1, s.purger.address);
      await expect(tx).to.emit(s.market, "ListingPurged").withArgs(2, s.purger.address);
      expect((await s.market.getListing(2)).status).to.equal(Status.Purged);
      await expect(s.market.connect(s.seller).reprice(1, 1)).to.be.revertedWithCustomError(s.market, "Market_WrongStatus").withArgs(1, Status.Purged);
    });
  });

  describe("delivery, confirmation and settlement", function () {
    it("records a delivery to the buyer's key and pays the seller when the pool confirms", async function () {
      const s = await loadFixture(sold);
      const pool = s.pools[0]!;
      expect(await s.market.poolKey(pool)).to.have.length(66);
      const tx = s.market.connect(s.seller).deliver(1, ethers.id("ciphertext"), "ipfs://cipher");
      await expect(tx).to.emit(s.market, "Delivered").withArgs(1, ethers.id("ciphertext"), "ipfs://cipher", (await time.latest()) + 1 + Number(DISPUTE_WINDOW));
      expect((await s.market.getListing(1)).ciphertextHash).to.equal(ethers.id("ciphertext"));
      const confirm = pool.connect(s.operator).confirmDelivery(1);
      await expect(confirm).to.emit(s.market, "DeliveryConfirmed").withArgs(1, await pool.getAddress());
      await expect(confirm).to.emit(s.market, "Settled").withArgs(1, s.seller.address, tokens(5));
      await expect(confirm).to.changeTokenBalances(ethers, s.asset, [s.market, s.seller], [-tokens(5), tokens(5)]);
      expect(await s.market.escrowed()).to.equal(0);
      expect((await s.market.getListing(1)).status).to.equal(Status.Settled);
    });

    it("rejects delivery by others, twice, after the deadline, or with an empty hash", async function () {
      const s = await loadFixture(sold);
      await expect(s.market.connect(s.other).deliver(1, ethers.id("c"), "")).to.be.revertedWithCustomError(s.market, "Market_OnlySeller").withArgs(1, s.other.address, s.seller.address);
      await expect(s.market.connect(s.seller).deliver(1, ethers.ZeroHash, "")).to.be.revertedWithCustomError(s.market, "Market_EmptyCiphertext").withArgs(1);
      const deadline = (await s.market.getListing(1)).deliveryDeadline;
      await time.increaseTo(deadline + 1n);
      await expect(s.market.connect(s.seller).deliver(1, ethers.id("c"), "")).to.be.revertedWithCustomError(s.market, "Market_DeliveryDeadlinePassed").withArgs(1, deadline);
    });

    it("lets anyone settle after the dispute window, not before, and only the buyer confirm", async function () {
      const s = await loadFixture(delivered);
      const deadline = (await s.market.getListing(1)).disputeDeadline;
      await expect(s.market.connect(s.other).confirmDelivery(1)).to.be.revertedWithCustomError(s.market, "Market_OnlyBuyer").withArgs(1, s.other.address, await s.pools[0]!.getAddress());
      await expect(s.market.connect(s.other).settle(1)).to.be.revertedWithCustomError(s.market, "Market_DisputeWindowOpen").withArgs(1, deadline);
      await time.increaseTo(deadline + 1n);
      await expect(s.market.connect(s.other).settle(1)).to.emit(s.market, "Settled").withArgs(1, s.seller.address, tokens(5));
      await expect(s.market.connect(s.other).settle(1)).to.be.revertedWithCustomError(s.market, "Market_WrongStatus").withArgs(1, Status.Settled);
    });

    it("calls the hooks on listing and on settlement", async function () {
      const s = await loadFixture(onePool);
      const hooks = await ethers.deployContract("MockHooks");
      await s.market.connect(s.governor).setHooks(hooks);
      await expect(listSecret(s, tokens(5))).to.emit(hooks, "ListedHook").withArgs(1, s.seller.address, s.attestor.address);
      await s.market.connect(s.seller).deliver(1, ethers.id("c"), "");
      await expect(s.pools[0]!.connect(s.operator).confirmDelivery(1)).to.emit(hooks, "SettledHook").withArgs(1, s.seller.address, await s.pools[0]!.getAddress(), ENG, tokens(5));
    });
  });

  describe("refunds and disputes", function () {
    it("refunds the pool when nothing is delivered by the deadline, reverses the purchase and cancels the stream", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      const before = await pool.state();
      await listSecret(s, tokens(5));
      const stream = await s.streams.getStream(1);
      const deadline = (await s.market.getListing(1)).deliveryDeadline;
      await expect(s.market.refundUndelivered(1)).to.be.revertedWithCustomError(s.market, "Market_DeliveryDeadlineNotPassed").withArgs(1, deadline);
      await time.increaseTo(deadline + 1n); // now in epoch 1: two epochs of the stream have vested
      const vested = 2n * (stream.total / 100n);
      const tx = s.market.connect(s.other).refundUndelivered(1);
      await expect(tx).to.emit(s.market, "Refunded").withArgs(1, await pool.getAddress(), tokens(5), false);
      await expect(tx).to.emit(pool, "PurchaseReversed").withArgs(1, ENG, (wad(3) * wad(0.6)) / WAD, tokens(5));
      await expect(tx).to.emit(s.streams, "StreamCancelled").withArgs(1, vested, stream.total - vested);
      await expect(tx).to.changeTokenBalances(ethers, s.asset, [s.market, pool, s.funder, s.streams], [-tokens(5), tokens(5), stream.total - vested, -(stream.total - vested)]);
      const after = await pool.state();
      expect(after.capital).to.equal(before.capital);
      expect(after.secretPurchaseCost).to.equal(0);
      expect(after.engCapital).to.equal(0);
      expect((await pool.purchaseOf(1)).reversed).to.equal(true);
      expect((await s.market.getListing(1)).status).to.equal(Status.Refunded);
      // The pool keeps what vested before the cancellation.
      await expect(pool.collectStreamIncome([1])).to.emit(pool, "StreamIncomeCollected").withArgs(vested, after.capital + vested);
    });

    it("reverses a refunded kompromat purchase (komp capital back; no stream)", async function () {
      const s = await loadFixture(onePool);
      const pool = s.pools[0]!;
      await listSecret(s, wad(0.9), { kind: KOMP });
      expect((await pool.state()).kompCapital).to.be.greaterThan(0n);
      await time.increaseTo((await s.market.getListing(1)).deliveryDeadline + 1n);
      const tx = s.market.refundUndelivered(1);
      await expect(tx).to.emit(pool, "PurchaseReversed").withArgs(1, KOMP, (wad(3) * wad(0.6)) / WAD, wad(0.9));
      await expect(tx).not.to.emit(s.streams, "StreamCancelled");
      const st = await pool.state();
      expect([st.kompCapital, st.secretPurchaseCost, st.capital]).to.deep.equal([0n, 0n, tokens(3000)]);
    });

    it("rejects a pool that reports a purchase without paying the ask into escrow", async function () {
      const s = await loadFixture(onePool);
      const m = await ethers.deployContract("SecretMarket", [s.asset, s.clock, 10, 10, s.admin]);
      await m.grantRole(await m.GOVERNOR_ROLE(), s.admin);
      await m.grantRole(await m.ATTESTOR_ROLE(), s.attestor);
      await m.registerPool(await ethers.deployContract("ShortPayingPool"), "0x01");
      const { attestation, signature } = await attest({ ...s, market: m }, { kind: KOMP });
      await expect(m.connect(s.seller).list(attestation, 7n, signature)).to.be.revertedWithCustomError(m, "Market_EscrowShortfall").withArgs(1, 7n, 0);
    });

    it("refunds a disputed delivery the arbiter upholds", async function () {
      const s = await loadFixture(delivered);
      const pool = s.pools[0]!;
      await expect(pool.connect(s.operator).disputeDelivery(1, ethers.id("evidence"))).to.emit(s.market, "Disputed").withArgs(1, await pool.getAddress(), ethers.id("evidence"));
      await expect(s.market.connect(s.other).resolveDispute(1, true)).to.be.revertedWithCustomError(s.market, "AccessControlUnauthorizedAccount").withArgs(s.other.address, await s.market.ARBITER_ROLE());
      const tx = s.market.connect(s.arbiter).resolveDispute(1, true);
      await expect(tx).to.emit(s.market, "DisputeResolved").withArgs(1, true, s.arbiter.address);
      await expect(tx).to.emit(s.market, "Refunded").withArgs(1, await pool.getAddress(), tokens(5), true);
      await expect(tx).to.emit(pool, "PurchaseReversed");
      await expect(s.market.connect(s.arbiter).resolveDispute(1, true)).to.be.revertedWithCustomError(s.market, "Market_WrongStatus").withArgs(1, Status.Refunded);
    });

    it("pays the seller when the arbiter rejects the dispute", async function () {
      const s = await loadFixture(delivered);
      await s.pools[0]!.connect(s.operator).disputeDelivery(1, ethers.id("evidence"));
      await expect(s.market.connect(s.other).settle(1)).to.be.revertedWithCustomError(s.market, "Market_WrongStatus").withArgs(1, Status.Disputed);
      const tx = s.market.connect(s.arbiter).resolveDispute(1, false);
      await expect(tx).to.emit(s.market, "Settled").withArgs(1, s.seller.address, tokens(5));
      await expect(tx).to.changeTokenBalances(ethers, s.asset, [s.market, s.seller], [-tokens(5), tokens(5)]);
    });

    it("rejects disputes after the window, by others, and before delivery", async function () {
      const s = await loadFixture(sold);
      await expect(s.pools[0]!.connect(s.operator).disputeDelivery(1, ethers.ZeroHash)).to.be.revertedWithCustomError(s.market, "Market_WrongStatus").withArgs(1, Status.Sold);
      await s.market.connect(s.seller).deliver(1, ethers.id("c"), "");
      await expect(s.market.connect(s.other).dispute(1, ethers.ZeroHash)).to.be.revertedWithCustomError(s.market, "Market_OnlyBuyer");
      const deadline = (await s.market.getListing(1)).disputeDeadline;
      await time.increaseTo(deadline + 1n);
      await expect(s.pools[0]!.connect(s.operator).disputeDelivery(1, ethers.ZeroHash)).to.be.revertedWithCustomError(s.market, "Market_DisputeWindowClosed").withArgs(1, deadline);
    });

    it("refunds a bankrupt pool too (capital back, still bankrupt)", async function () {
      const s = await loadFixture(sold);
      const pool = s.pools[0]!;
      const victim = s.members[0]!;
      await s.registry.connect(s.underwriter).setBaselineRisks([victim], [wad(0.02)]);
      await s.registry.connect(s.wealthOracle).attestWealth([victim], [tokens(10)]);
      await pool.connect(victim).buyCover(1, ethers.MaxUint256);
      await pool.connect(s.lossOracle).reportLoss(victim, tokens(1_000_000), ethers.id("big"));
      await time.increaseTo((await s.market.getListing(1)).deliveryDeadline + 1n);
      await s.market.refundUndelivered(1);
      const st = await pool.state();
      expect(st.bankrupt).to.equal(true);
      expect(st.capital).to.equal(tokens(5));
    });
  });
});
