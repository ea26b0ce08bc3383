/**
 * Deploys the credit ledger (CreditParameters + CreditEconomy) from a model `LedgerConfig`, binds the two and
 * grants every role to its holder. Used by the contract tests, the agreement driver and the gas snapshot.
 *
 * @example
 *   const { ethers } = await network.create();
 *   const sys = await deployCreditLedger(ethers, { roles: creditRolesFrom(await ethers.getSigners()) });
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { Signer } from "ethers";
import { defaultLedgerConfig, type LedgerConfig } from "../../economy/config.js";
import type { CreditEconomy, CreditParameters } from "../../../typechain-types/index.js";
import { toEconomyConfig, toParamsConfig, type EconomyConfigArgs, type ParamsConfigArgs } from "./config.js";

/** Who holds which role: one account per role, so a test sees every role check. */
export interface CreditRoles<S extends Signer = HardhatEthersSigner> {
  /** DEFAULT_ADMIN_ROLE of both contracts; PAUSER_ROLE of the economy. */
  admin: S;
  /** Economy REGISTRAR_ROLE: starter grants and referrals. */
  registrar: S;
  /** Economy VALIDATION_ORACLE_ROLE. */
  validationOracle: S;
  /** Economy MISSION_ROLE. */
  missions: S;
  /** Economy REVIEW_ROLE. */
  reviewer: S;
  /** Economy SPEND_ROLE. */
  spender: S;
  /** Economy DISPUTE_ROLE. */
  disputer: S;
  /** GOVERNOR_ROLE of both contracts: slashes, acknowledgement, levers, the automatic-adjustment switch. */
  governor: S;
  /** Parameters METRICS_REPORTER_ROLE. */
  reporter: S;
}

export const CREDIT_ROLE_NAMES = ["admin", "registrar", "validationOracle", "missions", "reviewer", "spender", "disputer", "governor", "reporter"] as const;

/** The first nine signers as the roles, in `CREDIT_ROLE_NAMES` order. */
export function creditRolesFrom<S extends Signer>(signers: readonly S[]): CreditRoles<S> {
  if (signers.length < CREDIT_ROLE_NAMES.length) throw new RangeError(`need ${CREDIT_ROLE_NAMES.length} signers for the credit roles, got ${signers.length}`);
  return Object.fromEntries(CREDIT_ROLE_NAMES.map((n, i) => [n, signers[i]!])) as unknown as CreditRoles<S>;
}

export interface CreditLedgerOptions<S extends Signer> {
  roles: CreditRoles<S>;
  /** The model's config (default: the design's, `defaultLedgerConfig()`). */
  config?: LedgerConfig;
  /** Overrides applied to the contract arguments after conversion (to deploy a deliberately different chain). */
  economyOverrides?: Partial<EconomyConfigArgs>;
  paramsOverrides?: Partial<ParamsConfigArgs>;
  /** Unix time of second 0 (0: the parameter engine's deployment block). */
  genesis?: bigint;
  name?: string;
  symbol?: string;
}

export interface CreditLedgerSystem<S extends Signer> {
  economy: CreditEconomy;
  parameters: CreditParameters;
  roles: CreditRoles<S>;
  genesis: bigint;
  config: LedgerConfig;
}

/**
 * Deploys and wires the credit ledger. Deploys through the connection's artifacts (`ethers.deployContract`), not
 * typechain's factories, so that a coverage run deploys the instrumented bytecode.
 */
export async function deployCreditLedger<S extends Signer>(ethers: HardhatEthers, o: CreditLedgerOptions<S>): Promise<CreditLedgerSystem<S>> {
  const config = o.config ?? defaultLedgerConfig();
  const r = o.roles;
  const admin = await r.admin.getAddress();
  const paramsArgs = { ...toParamsConfig(config), ...o.paramsOverrides };
  const economyArgs = { ...toEconomyConfig(config), ...o.economyOverrides };
  const parameters = (await ethers.deployContract("CreditParameters", [paramsArgs, admin, o.genesis ?? 0n], r.admin)) as unknown as CreditParameters;
  await parameters.waitForDeployment();
  const economy = (await ethers.deployContract(
    "CreditEconomy",
    [o.name ?? "Ingenesist Credit", o.symbol ?? "ICR", admin, economyArgs, parameters],
    r.admin,
  )) as unknown as CreditEconomy;
  await economy.waitForDeployment();
  await (await parameters.setEconomy(economy)).wait();
  const grants: [CreditEconomy | CreditParameters, string, S][] = [
    [economy, await economy.REGISTRAR_ROLE(), r.registrar],
    [economy, await economy.VALIDATION_ORACLE_ROLE(), r.validationOracle],
    [economy, await economy.MISSION_ROLE(), r.missions],
    [economy, await economy.REVIEW_ROLE(), r.reviewer],
    [economy, await economy.SPEND_ROLE(), r.spender],
    [economy, await economy.DISPUTE_ROLE(), r.disputer],
    [economy, await economy.GOVERNOR_ROLE(), r.governor],
    [economy, await economy.PAUSER_ROLE(), r.admin],
    [parameters, await parameters.GOVERNOR_ROLE(), r.governor],
    [parameters, await parameters.METRICS_REPORTER_ROLE(), r.reporter],
  ];
  for (const [contract, role, holder] of grants) await (await contract.grantRole(role, await holder.getAddress())).wait();
  return { economy, parameters, roles: r, genesis: await parameters.genesis(), config };
}
