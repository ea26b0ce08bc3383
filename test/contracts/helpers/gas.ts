/**
 * Measures the gas of the protocol's main operations on a fresh in-process chain, in a fixed order with
 * fixed inputs, so the figures are deterministic. Used by `npm run gas:snapshot` (writes
 * snapshots/gas.json) and by the GasSnapshot test (fails when a figure differs from the snapshot).
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionResponse } from "ethers";
import { attest, deploySystem, ENG, EPOCH, KOMP, tokens, underwrite, wad } from "./fixture.js";
import { measureCreditGas } from "./credit-gas.js";

export const GAS_SNAPSHOT_PATH = "snapshots/gas.json";

/** A deadline far in the future, fixed so calldata (and so gas) does not depend on the wall clock. */
const DEADLINE = 2n ** 40n;

export async function measureGas(
  ethers: HardhatEthers,
  increaseTime: (seconds: bigint) => Promise<unknown>,
  setNextBlockTimestamp?: (timestamp: bigint) => Promise<unknown>,
): Promise<Record<string, number>> {
  const s = await deploySystem(ethers, { poolCount: 2, params: [{}, { subscriptionFee: tokens(2) }], members: 12 });
  const [pool, feePool] = s.pools as [NonNullable<(typeof s.pools)[0]>, NonNullable<(typeof s.pools)[1]>];
  const gas: Record<string, number> = {};
  const record = async (name: string, tx: Promise<ContractTransactionResponse>) => {
    const receipt = await (await tx).wait();
    gas[name] = Number(receipt!.gasUsed);
  };

  const members = s.members;
  await record("registry.attestWealth (10 members)", s.registry.connect(s.wealthOracle).attestWealth(members.slice(0, 10), members.slice(0, 10).map(() => tokens(1000))));
  await underwrite(s, members, wad(0.03), tokens(1000));
  await record("pool.buyCover (1 epoch)", pool.connect(members[0]!).buyCover(1, ethers.MaxUint256));
  await record("pool.buyCover (10 epochs)", pool.connect(members[1]!).buyCover(10, ethers.MaxUint256));
  await record("pool.enroll", feePool.connect(s.governor).enroll(members[2]!));
  await record("pool.paySubscription (1 epoch)", feePool.connect(members[2]!).paySubscription(members[2]!, 1));
  await record("pool.reportLoss (claim paid)", pool.connect(s.lossOracle).reportLoss(members[0]!, tokens(100), ethers.id("loss-1")));

  const listing = async (name: string, ask: bigint, kind: number, nonce: bigint) => {
    const { attestation, signature } = await attest(s, { kind, amount: wad(3), potency: wad(0.6), nonce, deadline: DEADLINE, contentHash: ethers.id(`content-${nonce}`) });
    await record(name, s.market.connect(s.seller).list(attestation, ask, signature));
  };
  await listing("market.list (kompromat, bought)", wad(0.9), KOMP, 1n);
  await listing("market.list (engineering, bought, opens stream)", tokens(5), ENG, 2n);
  await listing("market.list (no buyer)", tokens(100), ENG, 3n);
  await record("market.reprice (no buyer)", s.market.connect(s.seller).reprice(3, tokens(90)));
  await record("market.deliver", s.market.connect(s.seller).deliver(1, ethers.id("ciphertext-1"), "ipfs://ciphertext-1"));
  const buyerOf = async (id: number) => {
    const buyer = (await s.market.getListing(id)).buyer;
    return buyer === (await pool.getAddress()) ? pool : feePool;
  };
  await record("pool.confirmDelivery (escrow to seller)", (await buyerOf(1)).connect(s.operator).confirmDelivery(1));
  await s.market.connect(s.seller).deliver(2, ethers.id("ciphertext-2"), "ipfs://ciphertext-2");
  await increaseTime(3n * EPOCH);
  await record("market.settle (after dispute window)", s.market.connect(s.other).settle(2));
  await record("pool.collectStreamIncome (1 stream)", (await buyerOf(2)).connect(s.other).collectStreamIncome([1]));
  await record("pool.syncEpoch (1 epoch elapsed)", (await increaseTime(EPOCH), pool.syncEpoch()));

  await s.credit.grantRole(await s.credit.FAUCET_ROLE(), s.admin);
  await s.credit.grantRole(await s.credit.SINK_ROLE(), s.admin);
  await record("credit.mint", s.credit.mint(members[3]!, tokens(50)));
  await record("credit.burn", s.credit.burn(members[3]!, tokens(20)));
  if (setNextBlockTimestamp) Object.assign(gas, await measureCreditGas(ethers, setNextBlockTimestamp, s, DEADLINE));
  return Object.fromEntries(Object.entries(gas).sort(([a], [b]) => a.localeCompare(b)));
}
