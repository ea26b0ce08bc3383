/**
 * Random operation sequences on the chain and on the reference ledger (sim/economy/ledger.ts), one operation at a
 * time, valid and invalid alike: both sides must accept or reject each operation with the same error
 * (`LedgerError` code = the contract's `Credit_<code>`), and after each the state must be equal to the wei, with
 * LEDGER.md §10's invariants on the chain: conservation (issued − burned = supply + escrow + pool + reserve), at
 * most one agent's settled balance changed, balances with decay ≤ settled balances, factors within [0.5, 1.5].
 * Time moves by seconds to weeks between operations, so decay, ramps, lever windows and top-up rounds occur.
 * Seeded: `CREDIT_DIFF_SEED`, `CREDIT_DIFF_OPS` change the run; a failure prints the seed and the step.
 */
import { expect } from "chai";
import { keccak256, toUtf8Bytes, type Interface } from "ethers";
import { network } from "hardhat";
import seedrandom from "seedrandom";
import { LEVERS, defaultLedgerConfig, type Lever } from "../../sim/economy/config.js";
import { LedgerError } from "../../sim/economy/errors.js";
import { CreditLedger } from "../../sim/economy/ledger.js";
import { applyOp, encodeOp, type LedgerOp } from "../../sim/economy/ops.js";
import { DAY } from "../../sim/economy/units.js";
import { CREDIT_ROLE_NAMES, creditRolesFrom, deployCreditLedger } from "../../sim/harness/credit/deploy.js";
import { CreditChainDriver, firstDifference } from "../../sim/harness/credit/driver.js";
import { referenceSnapshot } from "../../sim/harness/credit/agreement.js";

const SEED = process.env.CREDIT_DIFF_SEED ?? "credit-differential";
const OPS = Number(process.env.CREDIT_DIFF_OPS ?? 400);
const AGENTS = 8;
const IT = 10n ** 18n;
const WAD = 10n ** 18n;

describe("Credit ledger: random operations, chain against the reference", function () {
  this.timeout(600_000);

  it(`agrees on acceptance, errors and state after each of ${OPS} random operations (seed ${SEED})`, async function () {
    const config = defaultLedgerConfig();
    config.capPerActiveAgent = 120n * IT; // so that the cap binds and releases
    const accounts = [...CREDIT_ROLE_NAMES.map((n) => `role/${n}`), ...Array.from({ length: AGENTS }, (_, i) => `agent/${i}`)].map((l) => ({
      privateKey: keccak256(toUtf8Bytes(`ingenesist/credit-differential/${l}`)),
      balance: 10n ** 24n,
    }));
    const connection = await network.create({ network: "hardhat", override: { accounts, initialBaseFeePerGas: 0n } });
    try {
      const { ethers, provider } = connection;
      const signers = await ethers.getSigners();
      const roles = creditRolesFrom(signers);
      const genesis = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 3_600n;
      const sys = await deployCreditLedger(ethers, { roles, config, genesis });
      const agents = signers.slice(CREDIT_ROLE_NAMES.length).map((s) => s.address);
      const driver = new CreditChainDriver({ provider, economy: await sys.economy.getAddress(), parameters: await sys.parameters.getAddress(), genesis, agents, roles });
      const ref = new CreditLedger(config);
      const rng = seedrandom(SEED);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
      const int = (lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
      const amount = (lo: number, hi: number, step = 0.01): bigint => (BigInt(Math.round((lo + rng() * (hi - lo)) / step)) * IT * BigInt(Math.round(step * 1e6))) / 1_000_000n;
      const errorName = (iface: Interface, e: unknown): string => {
        const data = (e as { data?: string }).data ?? ((e as { error?: { data?: string } }).error?.data);
        if (typeof data !== "string") throw e;
        return iface.parseError(data)?.name ?? `unknown revert ${data}`;
      };
      let t = 10;
      let accepted = 0;
      const counts: Record<string, number> = {};
      for (let step = 0; step < OPS; step++) {
        const r = rng();
        t += r < 0.6 ? int(1, 600) : r < 0.85 ? int(600, 12 * 3600) : r < 0.97 ? int(DAY, 3 * DAY) : int(20 * DAY, 40 * DAY);
        const day = Math.floor(t / DAY);
        const a = int(0, AGENTS - 1);
        const lever: Lever = pick(LEVERS);
        const spec = config.levers[lever];
        const ops: LedgerOp[] = [
          { op: "grantStarter", t, agent: a },
          { op: "rewardReferral", t, referrer: a, referred: int(0, AGENTS - 1) },
          { op: "rewardValidations", t, agent: a, count: int(0, 60), f1: amount(0.6, 1.01, 0.005), quality: amount(0.97, 1.53, 0.01) },
          { op: "rewardMission", t, agent: a, amount: amount(3, 110, 1), reserveOnly: rng() < 0.2 },
          { op: "rewardEvidenceReview", t, agent: a, amount: amount(0.8, 2.2, 0.1) },
          { op: "claimEmergencyTopUp", t, agent: a },
          { op: "chargeSubmission", t, agent: a, kind: pick(["problem", "solution", "debate"] as const), count: int(0, 5) },
          { op: "chargeSpend", t, agent: a, kind: pick(["vote", "circle", "priority"] as const) },
          { op: "buyFeature", t, agent: a, amount: amount(0, 40, 1) },
          { op: "openDispute", t, agent: a, dispute: int(1, 6) },
          { op: "resolveDispute", t, dispute: int(1, 6), upheld: rng() < 0.5 },
          { op: "settleDecay", t, agent: a },
          { op: "reportMetrics", t, day: rng() < 0.9 ? day : day + 1, median: amount(0, 80, 0.5), gini: amount(0, 1.05, 0.01), velocity: amount(0, 20, 0.1) },
          { op: "evaluate", t },
          { op: "proposeLever", t, lever, value: spec.min + spec.step * BigInt(int(-1, Number((spec.max - spec.min) / spec.step) + 1)) + (rng() < 0.1 ? 1n : 0n) },
          { op: "cancelLever", t, lever },
          { op: "renewLever", t, lever },
          { op: "acknowledgeCapBreach", t },
          { op: "setAutoAdjustment", t, enabled: rng() < 0.8 },
          { op: "slash", t, agent: a },
        ];
        const weights = [6, 3, 12, 10, 8, 3, 12, 6, 2, 4, 4, 3, 4, 5, 2, 1, 1, 1, 1, 1];
        let w = rng() * weights.reduce((x, y) => x + y, 0);
        let k = 0;
        while ((w -= weights[k]!) > 0) k++;
        const op = ops[k]!;
        if (op.op === "proposeLever" && op.value < 0n) op.value = 0n;
        const where = `seed ${SEED}, step ${step}: ${encodeOp(op)}`;
        // the reference
        let refError: string | null = null;
        try {
          applyOp(ref, op);
        } catch (e) {
          if (!(e instanceof LedgerError)) throw e;
          refError = `Credit_${e.code}`;
        }
        // the chain
        const tx = driver.encode(op);
        const before = await driver.snapshot();
        await provider.request({ method: "evm_setNextBlockTimestamp", params: [Number(genesis) + t] });
        let chainError: string | null = null;
        try {
          await provider.request({ method: "eth_sendTransaction", params: [{ ...tx, gas: "0x2dc6c0", maxFeePerGas: "0x0", maxPriorityFeePerGas: "0x0" }] });
        } catch (e) {
          chainError = errorName(tx.to === driver.o.economy ? driver.economyInterface : driver.parametersInterface, e);
        }
        expect(chainError, where).to.equal(refError);
        if (!refError) {
          driver.record(op);
          accepted++;
          counts[op.op] = (counts[op.op] ?? 0) + 1;
        }
        const chain = await driver.snapshot();
        const diff = firstDifference(chain, referenceSnapshot(ref, AGENTS, t));
        expect(diff, `${where}: ${JSON.stringify(diff, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`).to.equal(null);
        // §10: conservation; one balance at most; decay only lowers
        expect(chain.totalIssued - chain.totalBurned, where).to.equal(chain.supply + chain.escrow + chain.rewardPool + chain.reserve);
        expect(chain.settled.filter((b, i) => b !== before.settled[i]).length, where).to.be.at.most(1);
        for (let i = 0; i < AGENTS; i++) expect(chain.balances[i]! <= chain.settled[i]!, where).to.equal(true);
        if (step % 25 === 0) {
          for (let p = 0; p < 10; p++) expect(await sys.parameters.factor(p), where).to.be.within(WAD / 2n, (3n * WAD) / 2n);
        }
      }
      // the run exercised both sides of the rules
      expect(accepted).to.be.greaterThan(OPS / 4);
      expect(accepted).to.be.lessThan(OPS);
      for (const op of ["grantStarter", "rewardValidations", "rewardMission", "chargeSubmission", "evaluate", "settleDecay", "resolveDispute"]) {
        expect(counts[op] ?? 0, op).to.be.greaterThan(0);
      }
    } finally {
      await connection.close();
    }
  });
});
