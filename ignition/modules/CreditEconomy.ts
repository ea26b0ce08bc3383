/**
 * Hardhat Ignition modules of the soulbound credit economy (issue 6):
 *
 * - `buildCreditEconomyModule`: CreditParameters + CreditEconomy from a model `LedgerConfig` (default: the
 *   design's, `defaultLedgerConfig()`), bound together, every role granted to the account named in the
 *   parameters (default: the deployer).
 * - `buildIngenesistCreditModule`: the whole protocol (`buildIngenesistModule`) plus the credit economy and
 *   CreditHooks, wired into the secret market and every pool (`setHooks`). The plain protocol modules keep zero
 *   hooks and reproduce the study; this one turns the credit economy on.
 *
 * Parameters (module `<prefix>Credit`, or "$global"): `genesis` (Unix time of second 0; 0 = the deployment
 * block), `creditName`, `creditSymbol`, `admin`, and one holder per role: `registrar`, `validationOracle`,
 * `missions`, `reviewer`, `spender`, `disputer`, `creditGovernor`, `metricsReporter`, `pauser`; for the hooks
 * (module `<prefix>CreditHooks`): `saleRewardRate` (credit wei per asset wei, WAD; default 1e18), `scorer`. The
 * economy's numbers come from the `LedgerConfig` the module is built with, the same object the off-chain model
 * runs on (sim/harness/credit/config.ts converts it).
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ArgumentType } from "@nomicfoundation/ignition-core";
import { id } from "ethers";
import { defaultLedgerConfig, type LedgerConfig } from "../../sim/economy/config.js";
import { toEconomyConfig, toParamsConfig } from "../../sim/harness/credit/config.js";
import { buildIngenesistModule, type IngenesistModuleOptions } from "./Ingenesist.js";

const ZERO_ROLE = "0x" + "00".repeat(32);

export interface CreditEconomyModuleOptions {
  /** Module id prefix (distinct ids let one chain hold several systems). */
  prefix?: string;
  /** The economy's numbers (default: the design's). */
  config?: LedgerConfig;
}

/** CreditParameters + CreditEconomy, bound, with every role granted. */
export function buildCreditEconomyModule(options: CreditEconomyModuleOptions = {}) {
  const prefix = options.prefix ?? "Ingenesist";
  const config = options.config ?? defaultLedgerConfig();
  // Plain objects of bigints (and arrays of them): Ignition arguments.
  const paramsConfig = toParamsConfig(config) as unknown as ArgumentType;
  const economyConfig = toEconomyConfig(config) as unknown as ArgumentType;
  return buildModule(`${prefix}Credit`, (m) => {
    const deployer = m.getAccount(0);
    const holder = (name: string) => m.getParameter(name, deployer);
    const parameters = m.contract("CreditParameters", [paramsConfig, deployer, m.getParameter("genesis", 0n)]);
    const economy = m.contract("CreditEconomy", [
      m.getParameter("creditName", "Ingenesist Credit"),
      m.getParameter("creditSymbol", "ICR"),
      deployer,
      economyConfig,
      parameters,
    ]);
    const bound = m.call(parameters, "setEconomy", [economy]);
    for (const [role, name] of [
      ["REGISTRAR_ROLE", "registrar"],
      ["VALIDATION_ORACLE_ROLE", "validationOracle"],
      ["MISSION_ROLE", "missions"],
      ["REVIEW_ROLE", "reviewer"],
      ["SPEND_ROLE", "spender"],
      ["DISPUTE_ROLE", "disputer"],
      ["GOVERNOR_ROLE", "creditGovernor"],
      ["PAUSER_ROLE", "pauser"],
    ] as const) {
      m.call(economy, "grantRole", [id(role), holder(name)], { id: `grant_CreditEconomy_${role}` });
    }
    m.call(parameters, "grantRole", [id("GOVERNOR_ROLE"), holder("creditGovernor")], { id: "grant_CreditParameters_GOVERNOR_ROLE" });
    m.call(parameters, "grantRole", [id("METRICS_REPORTER_ROLE"), holder("metricsReporter")], {
      id: "grant_CreditParameters_METRICS_REPORTER_ROLE",
      after: [bound],
    });
    const admin = m.getParameter("admin", deployer);
    m.call(economy, "grantRole", [ZERO_ROLE, admin], { id: "grant_CreditEconomy_ADMIN" });
    m.call(parameters, "grantRole", [ZERO_ROLE, admin], { id: "grant_CreditParameters_ADMIN" });
    return { parameters, economy };
  });
}

/**
 * The whole protocol with `poolCount` pools and the credit economy switched on: the hooks charge listings,
 * reward attestors and engineers, and discount mandatory members' subscriptions by credit tier.
 * Listings are charged as: kompromat → problem (3 IT), engineering knowledge → solution (5 IT).
 * The deployer must hold each pool's GOVERNOR_ROLE (parameter `governor` left at its default) to set its hooks.
 */
export function buildIngenesistCreditModule(poolCount: number, options: IngenesistModuleOptions & CreditEconomyModuleOptions) {
  const prefix = options.prefix ?? "Ingenesist";
  const protocol = buildIngenesistModule(poolCount, options);
  const credit = buildCreditEconomyModule(options);
  const hooksModule = buildModule(`${prefix}CreditHooks`, (m) => {
    const deployer = m.getAccount(0);
    const system = m.useModule(protocol);
    const { economy } = m.useModule(credit);
    const hooks = m.contract("CreditHooks", [
      economy,
      system.market,
      0, // SubmissionType.Problem for kompromat
      1, // SubmissionType.Solution for engineering knowledge
      m.getParameter("saleRewardRate", 10n ** 18n),
      deployer,
    ]);
    for (const role of ["SPEND_ROLE", "VALIDATION_ORACLE_ROLE", "MISSION_ROLE"]) {
      m.call(economy, "grantRole", [id(role), hooks], { id: `grant_CreditEconomy_${role}_hooks` });
    }
    m.call(hooks, "grantRole", [id("SCORER_ROLE"), m.getParameter("scorer", deployer)], { id: "grant_CreditHooks_SCORER_ROLE" });
    m.call(hooks, "grantRole", [ZERO_ROLE, m.getParameter("admin", deployer)], { id: "grant_CreditHooks_ADMIN" });
    m.call(system.market, "setHooks", [hooks], { id: "market_setHooks" });
    for (let i = 0; i < poolCount; i++) {
      const pool = (system as unknown as Record<string, typeof system.market>)[`pool${i}`]!;
      m.call(pool, "setHooks", [hooks], { id: `pool${i}_setHooks` });
    }
    return { hooks };
  });
  return buildModule(`${prefix}WithCredit`, (m) => {
    const system = m.useModule(protocol);
    const { parameters, economy } = m.useModule(credit);
    const { hooks } = m.useModule(hooksModule);
    return { ...system, creditParameters: parameters, creditEconomy: economy, creditHooks: hooks };
  });
}
