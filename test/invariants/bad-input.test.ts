/**
 * Hostile and malformed inputs, each with the error it gets and a check that nothing was lost: a fingerprint
 * of every balance and every piece of accounting (asset and credit balances of every holder, pool states,
 * escrow, listings, streams, memberships) is equal before and after. Where a hostile input is accepted by
 * design (a loss above the capital, tokens sent straight to a contract, an offer to a bankrupt pool), the
 * test states exactly what moved. The table in test/README.md lists every case.
 */
import { expect } from "chai";
import type { BaseContract, Signature } from "ethers";
import { createNetwork } from "../contracts/helpers/network.js";
import { attest, ENG, KOMP, studyParams, tokens, wad, WAD } from "../contracts/helpers/fixture.js";
import { deployWorld, resetWorld, WEALTHS, type World } from "./harness/world.js";

const { ethers, networkHelpers } = await createNetwork();
const { time } = networkHelpers;
const MAX = ethers.MaxUint256;
const ACUA = "AccessControlUnauthorizedAccount";

/** Every balance and every piece of accounting, as plain strings. */
async function fingerprint(w: World): Promise<unknown> {
  const { s } = w;
  const plain = (x: unknown): unknown =>
    typeof x === "bigint" ? x.toString() : Array.isArray(x) ? x.map(plain) : x && typeof x === "object" && "toArray" in x
      ? plain((x as { toArray: () => unknown[] }).toArray())
      : x;
  const [listingCount, streamCount] = await Promise.all([s.market.listingCount(), s.streams.streamCount()]);
  const ids = Array.from({ length: Number(listingCount) }, (_, i) => BigInt(i + 1));
  const members = [...w.members, w.outsider];
  return plain(
    await Promise.all([
      s.lens.poolStates(s.pools),
      s.lens.balancesOf(s.asset, w.holders),
      s.lens.balancesOf(s.credit, w.creditHolders),
      s.credit.totalSupply(),
      s.market.escrowed(),
      ids.length > 0 ? s.lens.listings(s.market, ids) : [],
      streamCount > 0n ? s.lens.streamRange(s.streams, 1, streamCount) : [],
      Promise.all([s.streams.totalDeposited(), s.streams.totalWithdrawn(), s.streams.totalRefunded()]),
      Promise.all(members.map((m) => s.membership.tokenOf(m))),
      Promise.all(s.pools.flatMap((p) => members.map((m) => Promise.all([p.coverOf(m), p.subscriptionOf(m)])))),
    ]),
  );
}

/** `call` reverts with `error` (and `args`, when given) from `contract`, and nothing changed. */
async function rejects(w: World, call: () => Promise<unknown>, contract: BaseContract, error: string, args?: unknown[]): Promise<void> {
  const before = await fingerprint(w);
  const assertion = expect(call()).to.be.revertedWithCustomError(contract, error);
  await (args ? assertion.withArgs(...args) : assertion);
  expect(await fingerprint(w), `state changed by a call rejected with ${error}`).to.deep.equal(before);
}

async function panics(w: World, call: () => Promise<unknown>, code: number): Promise<void> {
  const before = await fingerprint(w);
  await expect(call()).to.be.revertedWithPanic(code);
  expect(await fingerprint(w)).to.deep.equal(before);
}

describe("bad input: rejected with a custom error, nothing lost", function () {
  let w: World;
  before(async function () {
    w = await deployWorld(ethers);
  });
  beforeEach(async function () {
    await resetWorld(w);
    // Wealth attested in the current epoch, whatever the chain clock did since the snapshot.
    await w.s.registry.connect(w.s.wealthOracle).attestWealth(w.members, WEALTHS);
  });

  const pool = (i = 0) => w.s.pools[i]!;
  const member = (i = 0) => w.members[i]!;

  /** Pool `p` buys an engineering secret of `s.seller` (returns the listing id). */
  async function sale(p = 0): Promise<bigint> {
    const { s } = w;
    // The offer starts at pool (listingId + epoch) % 2: pause the other pool so that pool p buys.
    const other = pool(1 - p);
    await other.connect(s.admin).pause();
    const { attestation, signature } = await attest(s, { kind: ENG, amount: wad(2), potency: wad(0.5) });
    await s.market.connect(s.seller).list(attestation, tokens(2), signature);
    await other.connect(s.admin).unpause();
    const id = await s.market.listingCount();
    expect((await s.market.getListing(id)).buyer).to.equal(await pool(p).getAddress());
    return id;
  }

  async function delivered(p = 0): Promise<bigint> {
    const id = await sale(p);
    await w.s.market.connect(w.s.seller).deliver(id, ethers.id("ciphertext"), "ipfs://c");
    return id;
  }

  /** Pool `p` pays a loss of 2^256 − 1 to its member `5 − p` and goes bankrupt. */
  async function bankrupt(p = 0): Promise<void> {
    const m = member(5 - p);
    await pool(p).connect(w.s.governor).enroll(m);
    if (p === 1) await pool(p).connect(m).paySubscription(m, 1);
    await pool(p).connect(w.s.lossOracle).reportLoss(m, MAX, ethers.id("ruin"));
    expect((await pool(p).state()).bankrupt).to.equal(true);
  }

  describe("zero and maximal amounts", function () {
    it("fund(0) → Pool_ZeroAmount", async function () {
      await rejects(w, () => pool().connect(w.s.admin).fund(0), pool(), "Pool_ZeroAmount", []);
    });
    it("fund above the funder's balance → ERC20InsufficientBalance", async function () {
      const bal = await w.s.asset.balanceOf(w.outsider);
      await w.s.asset.connect(w.outsider).approve(pool(), MAX);
      await rejects(w, () => pool().connect(w.outsider).fund(bal + 1n), w.s.asset, "ERC20InsufficientBalance", [w.outsider.address, bal, bal + 1n]);
    });
    it("reportLoss(loss 0) → Pool_ZeroLoss", async function () {
      await pool().connect(w.s.governor).enroll(member());
      await rejects(w, () => pool().connect(w.s.lossOracle).reportLoss(member(), 0, ethers.id("z")), pool(), "Pool_ZeroLoss", [member().address]);
    });
    it("buyCover with 0 or 1001 epochs → Pool_InvalidEpochs", async function () {
      for (const k of [0n, 1001n]) await rejects(w, () => pool().connect(member()).buyCover(k, MAX), pool(), "Pool_InvalidEpochs", [k, 1000n]);
    });
    it("buyCover with a maximum premium below the premium → Pool_PremiumAboveMax", async function () {
      const premium = (await pool().quotePremiumUp(member())) * 2n;
      await rejects(w, () => pool().connect(member()).buyCover(2, premium - 1n), pool(), "Pool_PremiumAboveMax", [premium, premium - 1n]);
    });
    it("paySubscription with 0 or 1001 epochs → Pool_InvalidEpochs", async function () {
      await pool(1).connect(w.s.governor).enroll(member());
      for (const k of [0n, 1001n]) await rejects(w, () => pool(1).connect(member()).paySubscription(member(), k), pool(1), "Pool_InvalidEpochs", [k, 1000n]);
    });
    it("list with an ask of 0 or 2^128 → Market_InvalidAsk", async function () {
      for (const ask of [0n, 2n ** 128n]) {
        const a = await attest(w.s, { kind: KOMP });
        await rejects(w, () => w.s.market.connect(w.s.seller).list(a.attestation, ask, a.signature), w.s.market, "Market_InvalidAsk", [ask]);
      }
    });
    it("list an attested amount of 0 or 2^128 → Market_InvalidAmount; potency 1 + 1e-18 → Market_InvalidPotency", async function () {
      for (const amount of [0n, 2n ** 128n]) {
        const a = await attest(w.s, { kind: KOMP, amount });
        await rejects(w, () => w.s.market.connect(w.s.seller).list(a.attestation, 1, a.signature), w.s.market, "Market_InvalidAmount", [amount]);
      }
      const p = await attest(w.s, { kind: KOMP, potency: WAD + 1n });
      await rejects(w, () => w.s.market.connect(w.s.seller).list(p.attestation, 1, p.signature), w.s.market, "Market_InvalidPotency", [WAD + 1n]);
    });
    it("reprice to 0 or 2^128 → Market_InvalidAsk", async function () {
      const a = await attest(w.s, { kind: KOMP, potency: 0n });
      await w.s.market.connect(w.s.seller).list(a.attestation, 1, a.signature); // worth nothing: stays open
      for (const ask of [0n, 2n ** 128n]) await rejects(w, () => w.s.market.connect(w.s.seller).reprice(1, ask), w.s.market, "Market_InvalidAsk", [ask]);
    });
    it("mint or burn 0 credit → Credit_ZeroAmount; burn above the balance → ERC20InsufficientBalance", async function () {
      await rejects(w, () => w.s.credit.connect(w.faucet).mint(member(), 0), w.s.credit, "Credit_ZeroAmount", []);
      await rejects(w, () => w.s.credit.connect(w.sink).burn(member(), 0), w.s.credit, "Credit_ZeroAmount", []);
      await w.s.credit.connect(w.faucet).mint(member(), 5);
      await rejects(w, () => w.s.credit.connect(w.sink).burn(member(), 6), w.s.credit, "ERC20InsufficientBalance", [member().address, 5n, 6n]);
    });
    it("mint credit beyond 2^256 − 1 in total → Panic(0x11)", async function () {
      await w.s.credit.connect(w.faucet).mint(member(), MAX);
      await panics(w, () => w.s.credit.connect(w.faucet).mint(member(1), 1), 0x11);
    });
    it("attest wealth of 2^128 → Registry_WealthTooLarge; a baseline risk above 1 → Registry_RiskAboveOne", async function () {
      const { s } = w;
      await rejects(w, () => s.registry.connect(s.wealthOracle).attestWealth([member()], [2n ** 128n]), s.registry, "Registry_WealthTooLarge", [member().address, 2n ** 128n]);
      await rejects(w, () => s.registry.connect(s.underwriter).setBaselineRisks([member()], [WAD + 1n]), s.registry, "Registry_RiskAboveOne", [member().address, WAD + 1n]);
    });
    it("a loss of 2^256 − 1 pays exactly the capital (never more), makes the pool bankrupt, and moves nothing else", async function () {
      const { s } = w;
      await pool().connect(s.governor).enroll(member());
      const capital = (await pool().state()).capital;
      const before = await s.lens.balancesOf(s.asset, w.holders);
      await expect(pool().connect(s.lossOracle).reportLoss(member(), MAX, ethers.id("huge")))
        .to.emit(pool(), "ClaimPaid").withArgs(member().address, ethers.id("huge"), MAX, capital, 0n)
        .and.to.emit(pool(), "Bankrupted");
      const after = await s.lens.balancesOf(s.asset, w.holders);
      const moved = w.holders.map((h, i) => [h, after[i]! - before[i]!] as const).filter(([, d]) => d !== 0n);
      expect(moved).to.deep.equal([[member().address, capital], [await pool().getAddress(), -capital]]);
    });
  });

  describe("wrong roles", function () {
    it("every privileged function, called by an account without the role → AccessControlUnauthorizedAccount(caller, role)", async function () {
      const { s } = w;
      const x = w.outsider;
      const p = pool();
      const cases: [string, () => Promise<unknown>, BaseContract, string][] = [
        ["pool.reportLoss", () => p.connect(x).reportLoss(member(), 1, ethers.id("l")), p, await p.LOSS_ORACLE_ROLE()],
        ["pool.enroll", () => p.connect(x).enroll(x), p, await p.GOVERNOR_ROLE()],
        ["pool.revoke", () => p.connect(x).revoke(member()), p, await p.GOVERNOR_ROLE()],
        ["pool.setHooks", () => p.connect(x).setHooks(x), p, await p.GOVERNOR_ROLE()],
        ["pool.confirmDelivery", () => p.connect(x).confirmDelivery(1), p, await p.OPERATOR_ROLE()],
        ["pool.disputeDelivery", () => p.connect(x).disputeDelivery(1, ethers.ZeroHash), p, await p.OPERATOR_ROLE()],
        ["pool.pause", () => p.connect(x).pause(), p, await p.PAUSER_ROLE()],
        ["market.registerPool", () => s.market.connect(x).registerPool(x, "0x01"), s.market, await s.market.GOVERNOR_ROLE()],
        ["market.removePool", () => s.market.connect(x).removePool(p), s.market, await s.market.GOVERNOR_ROLE()],
        ["market.setWindows", () => s.market.connect(x).setWindows(1, 1), s.market, await s.market.GOVERNOR_ROLE()],
        ["market.setHooks", () => s.market.connect(x).setHooks(x), s.market, await s.market.GOVERNOR_ROLE()],
        ["market.resolveDispute", () => s.market.connect(x).resolveDispute(1, true), s.market, await s.market.ARBITER_ROLE()],
        ["market.purge", () => s.market.connect(x).purge([1]), s.market, await s.market.PURGER_ROLE()],
        ["market.pause", () => s.market.connect(x).pause(), s.market, await s.market.PAUSER_ROLE()],
        ["streams.open", () => s.streams.connect(x).open(x, s.funder, 1, 1), s.streams, await s.streams.OPENER_ROLE()],
        ["streams.pause", () => s.streams.connect(x).pause(), s.streams, await s.streams.PAUSER_ROLE()],
        ["credit.mint", () => s.credit.connect(x).mint(x, 1), s.credit, await s.credit.FAUCET_ROLE()],
        ["credit.burn", () => s.credit.connect(x).burn(member(), 1), s.credit, await s.credit.SINK_ROLE()],
        ["credit.pause", () => s.credit.connect(x).pause(), s.credit, await s.credit.PAUSER_ROLE()],
        ["membership.mint", () => s.membership.connect(x).mint(x), s.membership, await s.membership.MINTER_ROLE()],
        ["registry.setBaselineRisks", () => s.registry.connect(x).setBaselineRisks([x], [1]), s.registry, await s.registry.UNDERWRITER_ROLE()],
        ["registry.attestWealth", () => s.registry.connect(x).attestWealth([x], [1]), s.registry, await s.registry.WEALTH_ORACLE_ROLE()],
      ];
      for (const [, call, c, role] of cases) await rejects(w, call, c, ACUA, [x.address, role]);
    });
    it("offer or reversePurchase by anyone but the market → Pool_NotMarket", async function () {
      const x = w.outsider;
      const offer = { listingId: 1, kind: KOMP, amount: 1, potency: 1, ask: 1, funder: ethers.ZeroAddress };
      await rejects(w, () => pool().connect(x).offer(offer), pool(), "Pool_NotMarket", [x.address]);
      await rejects(w, () => pool().connect(x).reversePurchase(1), pool(), "Pool_NotMarket", [x.address]);
    });
    it("a stranger reprices, cancels or delivers a listing → Market_OnlySeller; confirms or disputes it → Market_OnlyBuyer", async function () {
      const { s } = w;
      const id = await sale();
      const x = w.outsider;
      const buyer = await pool().getAddress();
      await rejects(w, () => s.market.connect(x).deliver(id, ethers.id("c"), ""), s.market, "Market_OnlySeller", [id, x.address, s.seller.address]);
      await rejects(w, () => s.market.connect(x).confirmDelivery(id), s.market, "Market_OnlyBuyer", [id, x.address, buyer]);
      await rejects(w, () => s.market.connect(x).dispute(id, ethers.ZeroHash), s.market, "Market_OnlyBuyer", [id, x.address, buyer]);
      await rejects(w, () => pool(1).connect(s.operator).confirmDelivery(id), s.market, "Market_OnlyBuyer", [id, await pool(1).getAddress(), buyer]);
      const a = await attest(s, { kind: KOMP, potency: 0n });
      await s.market.connect(s.seller).list(a.attestation, 1, a.signature);
      const open = await s.market.listingCount();
      await rejects(w, () => s.market.connect(x).reprice(open, 1), s.market, "Market_OnlySeller", [open, x.address, s.seller.address]);
      await rejects(w, () => s.market.connect(x).cancel(open), s.market, "Market_OnlySeller", [open, x.address, s.seller.address]);
    });
    it("a stranger withdraws or cancels a pool's stream → Streams_NotRecipient; burns another pool's membership → Membership_NotPoolOf", async function () {
      const { s } = w;
      const id = await sale();
      const streamId = (await s.market.getListing(id)).streamId;
      const x = w.outsider;
      const recipient = await pool().getAddress();
      await rejects(w, () => s.streams.connect(x).withdraw([streamId]), s.streams, "Streams_NotRecipient", [streamId, x.address, recipient]);
      await rejects(w, () => s.streams.connect(x).cancel(streamId), s.streams, "Streams_NotRecipient", [streamId, x.address, recipient]);
      await rejects(w, () => pool(1).collectStreamIncome([streamId]), s.streams, "Streams_NotRecipient", [streamId, await pool(1).getAddress(), recipient]);
      await pool().connect(s.governor).enroll(member());
      await rejects(w, () => s.membership.connect(x).burn(member()), s.membership, "Membership_NotPoolOf", [1n, x.address, recipient]);
    });
  });

  describe("expired deadlines and windows", function () {
    it("an expired attestation → Market_AttestationExpired", async function () {
      const a = await attest(w.s, { kind: KOMP });
      const at = BigInt(a.attestation.deadline) + 1n;
      await time.setNextBlockTimestamp(at);
      await rejects(w, () => w.s.market.connect(w.s.seller).list(a.attestation, 1, a.signature), w.s.market, "Market_AttestationExpired", [a.attestation.deadline, at]);
    });
    it("delivery after the delivery deadline → Market_DeliveryDeadlinePassed; a refund before it → Market_DeliveryDeadlineNotPassed", async function () {
      const { s } = w;
      const id = await sale();
      const deadline = (await s.market.getListing(id)).deliveryDeadline;
      await rejects(w, () => s.market.refundUndelivered(id), s.market, "Market_DeliveryDeadlineNotPassed", [id, deadline]);
      await time.increaseTo(deadline + 1n);
      await rejects(w, () => s.market.connect(s.seller).deliver(id, ethers.id("c"), ""), s.market, "Market_DeliveryDeadlinePassed", [id, deadline]);
    });
    it("a dispute after the dispute window → Market_DisputeWindowClosed; a settlement before it ends → Market_DisputeWindowOpen", async function () {
      const { s } = w;
      const id = await delivered();
      const deadline = (await s.market.getListing(id)).disputeDeadline;
      await rejects(w, () => s.market.settle(id), s.market, "Market_DisputeWindowOpen", [id, deadline]);
      await time.increaseTo(deadline + 1n);
      await rejects(w, () => pool().connect(s.operator).disputeDelivery(id, ethers.ZeroHash), s.market, "Market_DisputeWindowClosed", [id, deadline]);
    });
    it("cover priced on last epoch's wealth → Registry_StaleWealth", async function () {
      const e = await w.s.clock.currentEpoch();
      await time.increase(86_400);
      await rejects(w, () => pool().connect(member()).buyCover(1, MAX), w.s.registry, "Registry_StaleWealth", [member().address, e, e + 1n]);
    });
  });

  describe("replayed and forged attestations", function () {
    it("the same attestation twice → Market_NonceUsed", async function () {
      const a = await attest(w.s, { kind: KOMP, potency: 0n });
      await w.s.market.connect(w.s.seller).list(a.attestation, 1, a.signature);
      await rejects(w, () => w.s.market.connect(w.s.seller).list(a.attestation, 1, a.signature), w.s.market, "Market_NonceUsed", [w.s.attestor.address, a.attestation.nonce]);
    });
    it("signed by an account without ATTESTOR_ROLE → Market_InvalidAttestor(signer)", async function () {
      const a = await attest(w.s, { kind: KOMP }, w.outsider);
      await rejects(w, () => w.s.market.connect(w.s.seller).list(a.attestation, 1, a.signature), w.s.market, "Market_InvalidAttestor", [w.outsider.address]);
    });
    it("a tampered field (potency raised after signing) → Market_InvalidAttestor(recovered address)", async function () {
      const a = await attest(w.s, { kind: KOMP, potency: wad(0.1) });
      const tampered = { ...a.attestation, potency: WAD };
      const recovered = ethers.recoverAddress(await w.s.market.attestationDigest(tampered), a.signature);
      await rejects(w, () => w.s.market.connect(w.s.seller).list(tampered, 1, a.signature), w.s.market, "Market_InvalidAttestor", [recovered]);
    });
    it("a signature for another market (EIP-712 domain) → Market_InvalidAttestor", async function () {
      const { s } = w;
      const other = await ethers.deployContract("SecretMarket", [s.asset, s.clock, 1, 1, s.admin]);
      const a = await attest({ ...s, market: other }, { kind: KOMP });
      const recovered = ethers.recoverAddress(await s.market.attestationDigest(a.attestation), a.signature);
      await rejects(w, () => s.market.connect(s.seller).list(a.attestation, 1, a.signature), s.market, "Market_InvalidAttestor", [recovered]);
    });
    it("an attestation for another seller → Market_NotSeller", async function () {
      const a = await attest(w.s, { kind: KOMP });
      await rejects(w, () => w.s.market.connect(w.outsider).list(a.attestation, 1, a.signature), w.s.market, "Market_NotSeller", [w.outsider.address, w.s.seller.address]);
    });
    it("a malformed signature → ECDSAInvalidSignatureLength; a malleated (high-s) one → ECDSAInvalidSignatureS", async function () {
      const a = await attest(w.s, { kind: KOMP });
      await rejects(w, () => w.s.market.connect(w.s.seller).list(a.attestation, 1, "0x1234"), w.s.market, "ECDSAInvalidSignatureLength", [2n]);
      const sig: Signature = ethers.Signature.from(a.signature);
      const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
      const highS = ethers.toBeHex(n - BigInt(sig.s), 32);
      const malleated = ethers.concat([sig.r, highS, sig.v === 27 ? "0x1c" : "0x1b"]);
      await rejects(w, () => w.s.market.connect(w.s.seller).list(a.attestation, 1, malleated), w.s.market, "ECDSAInvalidSignatureS", [highS]);
    });
  });

  describe("double actions", function () {
    it("confirm twice, settle after confirm, refund after confirm → Market_WrongStatus(Settled); the seller is paid once", async function () {
      const { s } = w;
      const id = await delivered();
      const price = (await s.market.getListing(id)).price;
      const before = await s.asset.balanceOf(s.seller);
      await pool().connect(s.operator).confirmDelivery(id);
      expect((await s.asset.balanceOf(s.seller)) - before).to.equal(price);
      await rejects(w, () => pool().connect(s.operator).confirmDelivery(id), s.market, "Market_WrongStatus", [id, 5]);
      await time.increase(3 * 86_400);
      await rejects(w, () => s.market.settle(id), s.market, "Market_WrongStatus", [id, 5]);
      await rejects(w, () => s.market.refundUndelivered(id), s.market, "Market_WrongStatus", [id, 5]);
    });
    it("deliver twice → Market_WrongStatus(Delivered); dispute twice and resolve twice → Market_WrongStatus", async function () {
      const { s } = w;
      const id = await delivered();
      await rejects(w, () => s.market.connect(s.seller).deliver(id, ethers.id("c2"), ""), s.market, "Market_WrongStatus", [id, 3]);
      await pool().connect(s.operator).disputeDelivery(id, ethers.id("e"));
      await rejects(w, () => pool().connect(s.operator).disputeDelivery(id, ethers.id("e")), s.market, "Market_WrongStatus", [id, 4]);
      await s.market.connect(s.arbiter).resolveDispute(id, true);
      await rejects(w, () => s.market.connect(s.arbiter).resolveDispute(id, true), s.market, "Market_WrongStatus", [id, 6]);
      await rejects(w, () => s.market.refundUndelivered(id), s.market, "Market_WrongStatus", [id, 6]);
    });
    it("the same loss id twice → Pool_LossAlreadyReported; the member is paid once", async function () {
      const { s } = w;
      await pool().connect(s.governor).enroll(member());
      const before = await s.asset.balanceOf(member());
      await pool().connect(s.lossOracle).reportLoss(member(), tokens(3), ethers.id("once"));
      expect((await s.asset.balanceOf(member())) - before).to.equal(tokens(3));
      await rejects(w, () => pool().connect(s.lossOracle).reportLoss(member(), tokens(3), ethers.id("once")), pool(), "Pool_LossAlreadyReported", [ethers.id("once")]);
    });
    it("cancel or purge twice → Market_WrongStatus; a second enrolment → Membership_AlreadyMember; cover bought twice → Pool_AlreadyCovered", async function () {
      const { s } = w;
      const a = await attest(s, { kind: KOMP, potency: 0n });
      await s.market.connect(s.seller).list(a.attestation, 1, a.signature);
      await s.market.connect(s.seller).cancel(1);
      await rejects(w, () => s.market.connect(s.seller).cancel(1), s.market, "Market_WrongStatus", [1n, 7]);
      await rejects(w, () => s.market.connect(s.purger).purge([1]), s.market, "Market_WrongStatus", [1n, 7]);
      await pool().connect(s.governor).enroll(member());
      await rejects(w, () => pool(1).connect(s.governor).enroll(member()), s.membership, "Membership_AlreadyMember", [member().address, 1n]);
      await pool().connect(member(1)).buyCover(2, MAX);
      const e = await s.clock.currentEpoch();
      await rejects(w, () => pool().connect(member(1)).buyCover(1, MAX), pool(), "Pool_AlreadyCovered", [member(1).address, e + 2n]);
    });
  });

  describe("a bankrupt pool", function () {
    it("pays no claim, sells no cover, takes no fee and no capital → Pool_Bankrupt", async function () {
      const { s } = w;
      await bankrupt(0);
      await bankrupt(1);
      await rejects(w, () => pool().connect(s.lossOracle).reportLoss(member(5), 1, ethers.id("after")), pool(), "Pool_Bankrupt", []);
      await rejects(w, () => pool().connect(member()).buyCover(1, MAX), pool(), "Pool_Bankrupt", []);
      await rejects(w, () => pool(1).connect(member(4)).paySubscription(member(4), 1), pool(1), "Pool_Bankrupt", []);
      await rejects(w, () => pool().connect(s.admin).fund(tokens(1)), pool(), "Pool_Bankrupt", []);
      await expect(pool().quotePremiumUp(member())).to.be.revertedWithCustomError(pool(), "Pool_Bankrupt");
    });
    it("buys nothing: an offer goes past it to the solvent pool, its books unchanged", async function () {
      const { s } = w;
      await bankrupt(0);
      const books = await pool().state();
      for (let i = 0; i < 2; i++) {
        const a = await attest(s, { kind: KOMP, amount: wad(2), potency: wad(0.5) });
        await s.market.connect(s.seller).list(a.attestation, wad(0.5), a.signature);
        expect((await s.market.getListing(await s.market.listingCount())).buyer).to.equal(await pool(1).getAddress());
      }
      expect(await pool().state()).to.deep.equal(books);
    });
  });

  describe("paused operations", function () {
    it("every pausable pool function → EnforcedPause", async function () {
      const { s } = w;
      const id = await sale();
      const streamId = (await s.market.getListing(id)).streamId;
      await pool(1).connect(s.governor).enroll(member());
      await pool().connect(s.governor).enroll(member(1));
      for (const p of [pool(), pool(1)]) await p.connect(s.admin).pause();
      await rejects(w, () => pool().connect(s.admin).fund(1), pool(), "EnforcedPause", []);
      await rejects(w, () => pool().connect(member()).buyCover(1, MAX), pool(), "EnforcedPause", []);
      await rejects(w, () => pool(1).connect(member()).paySubscription(member(), 1), pool(1), "EnforcedPause", []);
      await rejects(w, () => pool().connect(s.lossOracle).reportLoss(member(1), 1, ethers.id("p")), pool(), "EnforcedPause", []);
      await rejects(w, () => pool().collectStreamIncome([streamId]), pool(), "EnforcedPause", []);
      await rejects(w, () => pool().connect(s.admin).pause(), pool(), "EnforcedPause", []);
      await pool().connect(s.admin).unpause();
      await rejects(w, () => pool().connect(s.admin).unpause(), pool(), "ExpectedPause", []);
    });
    it("every pausable market function → EnforcedPause", async function () {
      const { s } = w;
      const sold = await sale();
      const done = await delivered();
      await pool().connect(s.operator).disputeDelivery(done, ethers.id("e"));
      const a = await attest(s, { kind: KOMP, potency: 0n });
      await s.market.connect(s.seller).list(a.attestation, 1, a.signature);
      const open = await s.market.listingCount();
      await s.market.connect(s.admin).pause();
      const b = await attest(s, { kind: KOMP });
      await rejects(w, () => s.market.connect(s.seller).list(b.attestation, 1, b.signature), s.market, "EnforcedPause", []);
      await rejects(w, () => s.market.connect(s.seller).reprice(open, 2), s.market, "EnforcedPause", []);
      await rejects(w, () => s.market.connect(s.seller).deliver(sold, ethers.id("c"), ""), s.market, "EnforcedPause", []);
      await rejects(w, () => s.market.connect(s.arbiter).resolveDispute(done, true), s.market, "EnforcedPause", []);
      await time.increase(3 * 86_400);
      await rejects(w, () => pool().connect(s.operator).confirmDelivery(sold), s.market, "EnforcedPause", []);
      await rejects(w, () => s.market.settle(sold), s.market, "EnforcedPause", []);
      await rejects(w, () => s.market.refundUndelivered(sold), s.market, "EnforcedPause", []);
    });
    it("paused streams and credit → EnforcedPause (a sale that would open a stream, income, refunds, mint, burn)", async function () {
      const { s } = w;
      const id = await sale();
      await s.credit.connect(w.faucet).mint(member(), 10);
      await s.streams.connect(s.admin).pause();
      await s.credit.connect(s.admin).pause();
      const e = await attest(s, { kind: ENG, amount: wad(2), potency: wad(0.5) });
      await rejects(w, () => s.market.connect(s.seller).list(e.attestation, tokens(2), e.signature), s.streams, "EnforcedPause", []);
      await rejects(w, () => pool().collectStreamIncome([1]), s.streams, "EnforcedPause", []);
      await time.increase(86_400);
      await rejects(w, () => s.market.refundUndelivered(id), s.streams, "EnforcedPause", []);
      await rejects(w, () => s.credit.connect(w.faucet).mint(member(), 1), s.credit, "EnforcedPause", []);
      await rejects(w, () => s.credit.connect(w.sink).burn(member(), 1), s.credit, "EnforcedPause", []);
    });
  });

  describe("soulbound tokens", function () {
    it("membership transfer, safe transfer and approvals → Membership_Soulbound; credit transfer → Credit_NonTransferable, approve → Credit_ApprovalDisabled", async function () {
      const { s } = w;
      await pool().connect(s.governor).enroll(member());
      await s.credit.connect(w.faucet).mint(member(), 10);
      const m = member();
      const x = w.outsider;
      await rejects(w, () => s.membership.connect(m).transferFrom(m, x, 1), s.membership, "Membership_Soulbound", []);
      await rejects(w, () => s.membership.connect(m)["safeTransferFrom(address,address,uint256)"](m, x, 1), s.membership, "Membership_Soulbound", []);
      await rejects(w, () => s.membership.connect(m).approve.send(x, 1), s.membership, "Membership_Soulbound", []);
      await rejects(w, () => s.membership.connect(m).setApprovalForAll.send(x, true), s.membership, "Membership_Soulbound", []);
      await rejects(w, () => s.credit.connect(m).transfer(x, 1), s.credit, "Credit_NonTransferable", [m.address, x.address, 1n]);
      await rejects(w, () => s.credit.connect(x).transferFrom.send(m, x, 1), s.credit, "Credit_NonTransferable", [m.address, x.address, 1n]);
      await rejects(w, () => s.credit.connect(m).approve.send(x, 1), s.credit, "Credit_ApprovalDisabled", [m.address, x.address]);
    });
  });

  describe("unknown ids and malformed batches", function () {
    it("unknown listing → Market_UnknownListing; unknown stream → Streams_UnknownStream; empty or mismatched batches; zero addresses; revoking a non-member", async function () {
      const { s } = w;
      await rejects(w, () => s.market.settle(99), s.market, "Market_UnknownListing", [99n]);
      await rejects(w, () => pool().collectStreamIncome([99]), s.streams, "Streams_UnknownStream", [99n]);
      await rejects(w, () => s.market.connect(s.purger).purge([]), s.market, "EmptyBatch", []);
      await rejects(w, () => s.registry.connect(s.wealthOracle).attestWealth([member()], []), s.registry, "LengthMismatch", [1n, 0n]);
      await rejects(w, () => s.registry.connect(s.wealthOracle).attestWealth([], []), s.registry, "EmptyBatch", []);
      await rejects(w, () => s.registry.connect(s.wealthOracle).attestWealth([ethers.ZeroAddress], [1]), s.registry, "ZeroAddress", ["member"]);
      await rejects(w, () => pool().connect(s.governor).enroll(ethers.ZeroAddress), s.membership, "ZeroAddress", ["member"]);
      await rejects(w, () => pool().connect(s.governor).revoke(member()), pool(), "Pool_NotMember", [member().address]);
    });
  });

  describe("the nothing-lost check itself", function () {
    it("sees any movement: funding, a credit mint, a listing", async function () {
      const { s } = w;
      const base = await fingerprint(w);
      expect(await fingerprint(w)).to.deep.equal(base);
      await pool().connect(s.admin).fund(1);
      const funded = await fingerprint(w);
      expect(funded).to.not.deep.equal(base);
      await s.credit.connect(w.faucet).mint(member(), 1);
      const minted = await fingerprint(w);
      expect(minted).to.not.deep.equal(funded);
      const a = await attest(s, { kind: KOMP, potency: 0n });
      await s.market.connect(s.seller).list(a.attestation, 1, a.signature);
      expect(await fingerprint(w)).to.not.deep.equal(minted);
    });
  });

  describe("a re-entrant asset (ReentrantToken: every transfer first calls back into the protocol)", function () {
    /** A pool, market and streams on the hostile token, sharing the world's clock, registry and membership. */
    async function hostile() {
      const { s } = w;
      const token = await ethers.deployContract("ReentrantToken");
      const streams = await ethers.deployContract("ReturnStreams", [token, s.clock, s.admin]);
      const market = await ethers.deployContract("SecretMarket", [token, s.clock, 3600, 7200, s.admin]);
      const pool = await ethers.deployContract("InsurancePool", [
        { asset: token, clock: s.clock, registry: s.registry, membership: s.membership, streams, market },
        studyParams({ engAssetLifetime: 1n }),
        s.admin,
      ]);
      await market.grantRole(await market.GOVERNOR_ROLE(), s.admin);
      await market.grantRole(await market.ATTESTOR_ROLE(), s.attestor);
      await market.registerPool(pool, "0x01");
      await pool.grantRole(await pool.OPERATOR_ROLE(), s.operator);
      await streams.grantRole(await streams.OPENER_ROLE(), pool);
      for (const who of [s.admin, s.seller, s.funder, member()]) await token.mint(who, tokens(1000));
      await token.connect(s.funder).approve(streams, MAX);
      for (const who of [s.admin, member()]) await token.connect(who).approve(pool, MAX);
      await pool.fund(tokens(100));
      const a = await attest({ ...s, market }, { kind: ENG, amount: wad(2), potency: wad(0.5) });
      await market.connect(s.seller).list(a.attestation, tokens(2), a.signature);
      expect((await market.getListing(1)).buyer).to.equal(await pool.getAddress());
      const accounts = [s.admin, s.seller, s.funder, member(), pool, market, streams];
      const snapshot = async () =>
        JSON.stringify(
          [await Promise.all(accounts.map((x) => token.balanceOf(x))), await pool.state(), await market.getListing(1), await streams.getStream(1), await market.escrowed()],
          (_, v) => (typeof v === "bigint" ? v.toString() : v),
        );
      /** Arms the token to call `target` with `data`, runs `call`: re-entry is refused, so the call reverts and nothing changes. */
      const refusesReentry = async (target: BaseContract, data: string, call: () => Promise<unknown>) => {
        const before = await snapshot();
        await token.arm(target, data);
        const guard = market.interface.encodeErrorResult("ReentrancyGuardReentrantCall", []);
        await expect(call()).to.be.revertedWithCustomError(token, "ReentrantToken_CallFailed").withArgs(guard);
        await token.arm(ethers.ZeroAddress, "0x");
        expect(await snapshot()).to.equal(before);
      };
      return { token, streams, market, pool, refusesReentry };
    }

    it("fund and buyCover re-entering the pool → ReentrancyGuardReentrantCall, nothing lost", async function () {
      const { pool: p, refusesReentry } = await hostile();
      await refusesReentry(p, p.interface.encodeFunctionData("fund", [1n]), () => p.connect(w.s.admin).fund(tokens(1)));
      await refusesReentry(p, p.interface.encodeFunctionData("buyCover", [1n, MAX]), () => p.connect(member()).buyCover(1, MAX));
    });
    it("settle re-entering settle → refused; once disarmed the seller is paid exactly once", async function () {
      const { s } = w;
      const { token, market, refusesReentry } = await hostile();
      await market.connect(s.seller).deliver(1, ethers.id("c"), "");
      await time.increase(7201);
      await refusesReentry(market, market.interface.encodeFunctionData("settle", [1n]), () => market.settle(1));
      const before = await token.balanceOf(s.seller);
      await market.settle(1);
      expect((await token.balanceOf(s.seller)) - before).to.equal(tokens(2));
      expect(await market.escrowed()).to.equal(0n);
    });
    it("refundUndelivered re-entering refundUndelivered → refused; once disarmed the pool is refunded exactly once", async function () {
      const { token, market, pool: p, refusesReentry } = await hostile();
      await time.increase(3601);
      await refusesReentry(market, market.interface.encodeFunctionData("refundUndelivered", [1n]), () => market.refundUndelivered(1));
      const capital = (await p.state()).capital;
      await market.refundUndelivered(1);
      expect((await p.state()).capital - capital).to.equal(tokens(2));
      expect(await token.balanceOf(p)).to.equal((await p.state()).capital);
    });
    it("stream income re-entering the pool or the streams contract → refused; once disarmed it is paid exactly once", async function () {
      const { token, streams, pool: p, refusesReentry } = await hostile();
      await refusesReentry(p, p.interface.encodeFunctionData("collectStreamIncome", [[1n]]), () => p.collectStreamIncome([1]));
      await refusesReentry(streams, streams.interface.encodeFunctionData("withdraw", [[1n]]), () => p.collectStreamIncome([1]));
      const total = (await streams.getStream(1)).total;
      await p.collectStreamIncome([1]);
      await p.collectStreamIncome([1]);
      expect((await p.state()).investmentIncome).to.equal(total);
      expect(await token.balanceOf(streams)).to.equal(0n);
    });
  });

  describe("tokens sent straight to a contract", function () {
    it("are not capital, not escrow and not stream money: the accounting is unchanged", async function () {
      const { s } = w;
      const before = await Promise.all([pool().state(), s.market.escrowed(), s.streams.totalDeposited()]);
      for (const c of [pool(), s.market, s.streams]) await s.asset.connect(member()).transfer(c, tokens(7));
      expect(await Promise.all([pool().state(), s.market.escrowed(), s.streams.totalDeposited()])).to.deep.equal(before);
      expect(await s.asset.balanceOf(pool())).to.equal(before[0].capital + tokens(7));
    });
  });
});
