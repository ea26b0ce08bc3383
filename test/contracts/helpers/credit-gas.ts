/**
 * Gas of the credit economy's operations, for the snapshot (snapshots/gas.json, `npm run gas:snapshot`): each
 * faucet and sink, decay settlement, the daily evaluation (plain, and with the liquidity response's adjustments),
 * a slash, and a market listing through the credit hooks. Fixed order and inputs: deterministic figures.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionResponse } from "ethers";
import type { System } from "./fixture.js";
import { attest, tokens } from "./fixture.js";
import { creditRolesFrom, deployCreditLedger } from "../../../sim/harness/credit/deploy.js";

const DAY = 86_400;
const IT = 10n ** 18n;
const WAD = 10n ** 18n;

export async function measureCreditGas(
  ethers: HardhatEthers,
  setNextBlockTimestamp: (t: bigint) => Promise<unknown>,
  s: System,
  deadline: bigint,
): Promise<Record<string, number>> {
  const signers = await ethers.getSigners();
  const roles = creditRolesFrom(signers);
  const latest = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  const genesis = latest + 1_000n;
  const { economy: e, parameters: p } = await deployCreditLedger(ethers, { roles, genesis });
  const [a, b] = s.members;
  const gas: Record<string, number> = {};
  const at = (t: number) => setNextBlockTimestamp(genesis + BigInt(t));
  const record = async (name: string, t: number, tx: () => Promise<ContractTransactionResponse>) => {
    await at(t);
    gas[name] = Number((await (await tx()).wait())!.gasUsed);
  };
  await record("economy.grantStarter (first activity)", 10, () => e.connect(roles.registrar).grantStarter(a!));
  await at(11);
  await e.connect(roles.registrar).grantStarter(b!);
  await at(12);
  await e.connect(roles.registrar).grantStarter(s.seller);
  await record("economy.chargeSubmission (2 solutions, by the agent)", 20, () => e.connect(b!).chargeSubmission(b!, 1, 2));
  await record("economy.rewardValidations (10, part from the pool)", 30, () => e.connect(roles.validationOracle).rewardValidations(a!, 10, (85n * WAD) / 100n, WAD));
  await record("economy.rewardMission (from the reserve)", 40, () => e.connect(roles.missions).rewardMission(a!, 20n * IT, false));
  await record("economy.rewardEvidenceReview", 50, () => e.connect(roles.reviewer).rewardEvidenceReview(a!, IT));
  await record("economy.chargeSpend (vote, by the agent)", 60, () => e.connect(a!).chargeSpend(a!, 0));
  await record("economy.openDispute", 70, () => e.connect(roles.disputer).openDispute(a!, 1));
  await record("economy.resolveDispute (upheld, bonus)", 80, () => e.connect(roles.disputer).resolveDispute(1, true));
  await record("economy.slash (first offense)", 90, () => e.connect(roles.governor).slash(b!));
  await record("economy.evaluate (first, no report)", 100, () => e.evaluate());
  await at(DAY + 10);
  await p.connect(roles.reporter).reportMetrics(1, 5n * IT, (7n * WAD) / 10n, WAD / 2n);
  await record("economy.evaluate (report: liquidity, concentration, low velocity responses)", DAY + 100, () => e.evaluate());

  // A listing through the credit hooks: charged to the seller, the attestor rewarded.
  const hooks = await ethers.deployContract("CreditHooks", [e, s.market, 0, 1, WAD, s.admin]);
  for (const role of [await e.SPEND_ROLE(), await e.VALIDATION_ORACLE_ROLE(), await e.MISSION_ROLE()]) await e.grantRole(role, hooks);
  await hooks.grantRole(await hooks.SCORER_ROLE(), s.admin);
  await hooks.setAttestorScore(s.attestor, (85n * WAD) / 100n, WAD);
  await s.market.connect(s.governor).setHooks(hooks);
  const { attestation, signature } = await attest(s, { nonce: 100n, deadline, contentHash: ethers.id("content-credit") });
  await record("market.list (no buyer, credit hooks: charge + attestor reward)", DAY + 200, () => s.market.connect(s.seller).list(attestation, tokens(100), signature));
  await record("economy.settleDecay (1 step)", 95 * DAY, () => e.settleDecay(a!));
  return gas;
}
