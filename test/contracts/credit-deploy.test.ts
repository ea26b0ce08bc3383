/**
 * The credit economy's Ignition modules: the ledger alone with the design's numbers and roles from the
 * parameters, and the whole protocol with the hooks wired into the market and every pool.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { createNetwork } from "./helpers/network.js";
import { buildCreditEconomyModule, buildIngenesistCreditModule } from "../../ignition/modules/CreditEconomy.js";
import { defaultLedgerConfig } from "../../sim/economy/config.js";
import type { CreditEconomy, CreditHooks, CreditParameters, InsurancePool, SecretMarket } from "../../typechain-types/index.js";
import { cr, LEVER, SUB } from "./helpers/credit.js";

const { ethers, ignition } = await createNetwork();

function readParameters(path: string) {
  return JSON.parse(readFileSync(path, "utf8"), (_k, v) => (typeof v === "string" && /^\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v));
}

describe("Ignition: the credit economy", function () {
  it("deploys the ledger with the design's numbers, bound, every role granted to the named holder", async function () {
    const signers = await ethers.getSigners();
    const [deployer, registrar, reporter] = signers;
    const { economy, parameters } = (await ignition.deploy(buildCreditEconomyModule({ prefix: "Alone" }), {
      parameters: { AloneCredit: { registrar: registrar!.address, metricsReporter: reporter!.address, creditSymbol: "XCR" } },
    })) as unknown as { economy: CreditEconomy; parameters: CreditParameters };
    expect(await parameters.economy()).to.equal(await economy.getAddress());
    expect(await economy.parameters()).to.equal(await parameters.getAddress());
    expect(await economy.symbol()).to.equal("XCR");
    expect(await economy.hasRole(await economy.REGISTRAR_ROLE(), registrar!)).to.equal(true);
    expect(await economy.hasRole(await economy.REGISTRAR_ROLE(), deployer!)).to.equal(false);
    expect(await economy.hasRole(await economy.SPEND_ROLE(), deployer!)).to.equal(true);
    expect(await parameters.hasRole(await parameters.METRICS_REPORTER_ROLE(), reporter!)).to.equal(true);
    expect(await parameters.leverSpec(LEVER.earningCap)).to.deep.equal([cr(200), cr(50), cr(1000), cr(10)]);
    expect(await parameters.submissionCost(SUB.solution)).to.equal(cr(5));
    expect(await parameters.autoAdjustEnabled()).to.equal(defaultLedgerConfig().autoAdjustAtGenesis);
    await expect(economy.connect(registrar!).grantStarter(signers[5]!)).to.emit(economy, "StarterGranted").withArgs(signers[5]!.address, cr(50));
  });

  it("deploys the whole protocol with the credit economy wired into the market and every pool", async function () {
    const parameters = readParameters("ignition/parameters/local.json");
    const r = (await ignition.deploy(buildIngenesistCreditModule(2, { mockAsset: true, prefix: "Wired" }), { parameters })) as unknown as Record<string, unknown>;
    const market = r.market as SecretMarket;
    const hooks = r.creditHooks as CreditHooks;
    const economy = r.creditEconomy as CreditEconomy;
    expect(await market.hooks()).to.equal(await hooks.getAddress());
    for (const k of ["pool0", "pool1"]) expect(await (r[k] as InsurancePool).hooks()).to.equal(await hooks.getAddress());
    for (const role of [await economy.SPEND_ROLE(), await economy.VALIDATION_ORACLE_ROLE(), await economy.MISSION_ROLE()]) {
      expect(await economy.hasRole(role, hooks)).to.equal(true);
    }
    expect(await hooks.economy()).to.equal(await economy.getAddress());
    expect(await hooks.listingType(true)).to.equal(SUB.solution);
    expect(await hooks.saleRewardRate()).to.equal(10n ** 18n);
  });
});
