/**
 * The credit ledger's test fixture: CreditParameters + CreditEconomy deployed from a model `LedgerConfig`,
 * one signer per role, agents after them, and helpers to act at exact ledger times (seconds since genesis).
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionResponse } from "ethers";
import { defaultLedgerConfig, type LedgerConfig } from "../../../sim/economy/config.js";
import { CREDIT_ROLE_NAMES, creditRolesFrom, deployCreditLedger, type CreditLedgerSystem } from "../../../sim/harness/credit/deploy.js";
import type { EconomyConfigArgs, ParamsConfigArgs } from "../../../sim/harness/credit/config.js";

export const IT = 10n ** 18n;
export const WAD = 10n ** 18n;
export const HOUR = 3_600;
export const DAY = 86_400;
export const MONTH = 30 * DAY;
/** Contract enums. */
export const SUB = { problem: 0, solution: 1, debate: 2 } as const;
export const SPEND = { vote: 0, circle: 1, priority: 2 } as const;
export const FAUCET = { validation: 0, mission: 1, missionReserveOnly: 2, review: 3, referral: 4 } as const;
export const LEVER = {
  validationReward: 0,
  submissionCostMultiplier: 1,
  missionRewardMin: 2,
  missionRewardMax: 3,
  decayRate: 4,
  validationCap: 5,
  starterGrant: 6,
  referralReward: 7,
  transactionTax: 8,
  emergencyTopUp: 9,
  earningCap: 10,
} as const;
export const PARAM = {
  validationReward: 0,
  problemCost: 1,
  solutionCost: 2,
  debateCost: 3,
  validationCap: 4,
  earningCap: 5,
  decayRate: 6,
  drRate: 7,
  missionBoost: 8,
  validationBoost: 9,
} as const;

/** Credits as wei from a decimal string or integer. */
export const cr = (x: number | string): bigint => {
  const [w, f = ""] = String(x).split(".");
  return BigInt(w!) * IT + BigInt((f + "0".repeat(18)).slice(0, 18));
};
/** WAD from a decimal string or number. */
export const wad = (x: number | string): bigint => cr(x);

export interface CreditFixture extends CreditLedgerSystem<HardhatEthersSigner> {
  ethers: HardhatEthers;
  agents: HardhatEthersSigner[];
  /** Sets the next block's time to genesis + t (seconds). */
  at(t: number): Promise<void>;
  /** Sends `tx` in a block at genesis + t. */
  atT<T>(t: number, tx: () => Promise<T>): Promise<T>;
  /** Mines an empty block at genesis + t (views then answer for t). */
  mineAt(t: number): Promise<void>;
  /** The ledger time of the latest block. */
  now(): Promise<number>;
}

export interface CreditFixtureOptions {
  config?: LedgerConfig;
  economyOverrides?: Partial<EconomyConfigArgs>;
  paramsOverrides?: Partial<ParamsConfigArgs>;
  /** Offset of genesis after the latest block, seconds (default 1,000: deployment happens before t = 0). */
  genesisDelay?: number;
}

/** Deploys the credit ledger with the design's defaults (or `config`). */
export async function deployCreditFixture(
  ethers: HardhatEthers,
  time: { setNextBlockTimestamp(t: bigint | number): Promise<void>; increaseTo(t: bigint | number): Promise<void> },
  o: CreditFixtureOptions = {},
): Promise<CreditFixture> {
  const signers = await ethers.getSigners();
  const roles = creditRolesFrom(signers);
  const agents = signers.slice(CREDIT_ROLE_NAMES.length); // 11 with the default 20 accounts
  const latest = (await ethers.provider.getBlock("latest"))!.timestamp;
  const genesis = BigInt(latest + (o.genesisDelay ?? 1_000));
  const sys = await deployCreditLedger(ethers, { roles, config: o.config ?? defaultLedgerConfig(), genesis, economyOverrides: o.economyOverrides, paramsOverrides: o.paramsOverrides });
  const at = (t: number) => time.setNextBlockTimestamp(sys.genesis + BigInt(t));
  return {
    ...sys,
    ethers,
    agents,
    at,
    async atT<T>(t: number, tx: () => Promise<T>): Promise<T> {
      await at(t);
      return tx();
    },
    async mineAt(t: number) {
      const latest = (await ethers.provider.getBlock("latest"))!.timestamp;
      if (BigInt(latest) !== sys.genesis + BigInt(t)) await time.increaseTo(sys.genesis + BigInt(t));
    },
    async now() {
      return (await ethers.provider.getBlock("latest"))!.timestamp - Number(sys.genesis);
    },
  };
}

/** The receipt's gas. */
export async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  return (await (await tx).wait())!.gasUsed;
}
