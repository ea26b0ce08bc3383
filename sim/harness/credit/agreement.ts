/**
 * The agreement between the on-chain credit ledger and the off-chain economy model (issue 6, LEDGER.md §11).
 *
 * 1. The model (sim/economy, baseline archetypes) runs `days` days with `agents` agents and records every
 *    ledger operation it performed.
 * 2. A fresh in-process chain gets one wallet per agent and one per role; CreditParameters + CreditEconomy are
 *    deployed from the same `LedgerConfig`, genesis a little after deployment.
 * 3. Day by day, the driver sends that day's operations as real transactions (one block per distinct time,
 *    mined at genesis + t), while the reference ledger (`CreditLedger` of sim/economy) replays them; after the
 *    day's last block, the chain's and the reference's supply, issued and burned totals, reserve, reward pool,
 *    escrow and every agent's balance (with pending decay) and settled balance must be equal to the wei.
 * 4. The run stops at the first day that differs and reports the day, the field and both values.
 */
import { keccak256, toUtf8Bytes } from "ethers";
import { network } from "hardhat";
import { defaultLedgerConfig, type LedgerConfig } from "../../economy/config.js";
import { CreditLedger, type LedgerEvent } from "../../economy/ledger.js";
import { defaultRunConfig, runEconomy, type EconomyContext, type ScenarioHooks } from "../../economy/model.js";
import { applyOp, type LedgerOp } from "../../economy/ops.js";
import { DAY, credits, wad } from "../../economy/units.js";
import type { EconomyConfigArgs, ParamsConfigArgs } from "./config.js";
import { CREDIT_ROLE_NAMES, creditRolesFrom, deployCreditLedger } from "./deploy.js";
import { ChainOperationFailed, CreditChainDriver, firstDifference, type LedgerSnapshot } from "./driver.js";

export interface AgreementOptions {
  /** Agents at genesis (arrivals add more; each gets a wallet). */
  agents: number;
  days: number;
  seed?: string;
  /** The ledger config of the model and of the chain (default: `agreementLedgerConfig()`). */
  ledger?: LedgerConfig;
  /** Day the model switches the automatic adjustment on (default 5). */
  autoAdjustFromDay?: number;
  /** Contract arguments changed after conversion: a deliberately different chain. */
  economyOverrides?: Partial<EconomyConfigArgs>;
  paramsOverrides?: Partial<ParamsConfigArgs>;
  /** Called after each day that agreed. */
  onDay?: (day: number, snapshot: LedgerSnapshot) => void;
}

export interface AgreementDifference {
  day: number;
  /** `supply`, `totalIssued`, `totalBurned`, `reserve`, `rewardPool`, `escrow`, `balanceOf[i]`, `settledBalanceOf[i]`, or `transaction` (the chain reverted an operation the model performed). */
  field: string;
  chain: bigint;
  model: bigint;
  /** The operation the chain reverted (field `transaction`). */
  op?: LedgerOp;
}

export interface AgreementResult {
  /** Wallets used by agents (agents at genesis and arrivals). */
  agentWallets: number;
  days: number;
  /** Days whose end state agreed. */
  daysAgreed: number;
  operations: number;
  transactions: number;
  blocks: number;
  /** Operations by kind. */
  operationsByKind: Record<string, number>;
  /** Reference-ledger events by name (Decayed, ParameterAdjusted, SupplyCapBreached, …). */
  eventsByName: Record<string, number>;
  firstDifference: AgreementDifference | null;
  /** The reference ledger replayed from the log ends where the model's own ledger ended (a check of the log). */
  replayMatchesModel: boolean;
  /** Final state of the chain (when every day agreed) or at the difference. */
  final: LedgerSnapshot | null;
  seconds: number;
}

/**
 * The design's defaults with a short decay and a tight supply cap so that a 30–60 day run of a few dozen
 * agents exercises them: inactivity threshold 6 days, a decay step (and a tier month) every 3 days, decay
 * suspensions of 2 days, a cap of 150 IT per active agent. Everything else as `defaultLedgerConfig()`.
 */
export function agreementLedgerConfig(): LedgerConfig {
  const c = defaultLedgerConfig();
  c.inactivityThreshold = 6 * DAY;
  c.decayPeriod = 3 * DAY;
  c.decaySuspension = 2 * DAY;
  c.capPerActiveAgent = credits(150);
  return c;
}

/**
 * The baseline archetype economy plus the operator's actions the baseline never takes, each on a fixed day
 * (at t0 + 1, through the model's ledger, so they are in the log like everything else): lever proposals, a
 * cancellation and a renewal; three slashes of the same agent (50 IT, 200 IT, all); a burned feature
 * purchase; three days of reserve-only missions; the acknowledgement of a supply-cap breach from day 20.
 */
export function agreementScenario(agents: number): ScenarioHooks {
  return {
    initialAgents: agents,
    beforeDay(ctx: EconomyContext): void {
      const l = ctx.ledger;
      const t = ctx.t0 + 1;
      const richest = (): number => {
        let best = 0;
        for (let i = 1; i < ctx.pop.n; i++) if (l.balanceOf(i, t) > l.balanceOf(best, t)) best = i;
        return best;
      };
      switch (ctx.D) {
        case 8:
          l.proposeLever(t, "validationReward", credits("0.6"));
          break;
        case 9:
          l.proposeLever(t, "submissionCostMultiplier", wad("1.2"));
          l.cancelLever(t, "submissionCostMultiplier");
          break;
        case 10:
          l.proposeLever(t, "transactionTax", wad("0.06"));
          break;
        case 12:
          ctx.state.slashed = richest();
          l.slash(t, ctx.state.slashed);
          break;
        case 14:
        case 35:
          l.slash(t, ctx.state.slashed!);
          break;
        case 15: {
          const a = richest();
          if (l.balanceOf(a, t) >= credits(20)) l.buyFeature(t, a, credits(20));
          break;
        }
        case 30:
          l.renewLever(t, "validationReward");
          break;
        case 33:
          l.proposeLever(t, "decayRate", wad("0.08"));
          break;
      }
      ctx.missionsFromReserve = ctx.D >= 16 && ctx.D <= 18;
      if (ctx.D >= 20 && l.supplyCapped && !l.capAcknowledgedFlag) l.acknowledgeCapBreach(t);
    },
  };
}

/** The model's operations for a baseline run, grouped by day. */
export function modelOperations(o: AgreementOptions): { byDay: LedgerOp[][]; ledger: CreditLedger; agentWallets: number } {
  const ops: LedgerOp[] = [];
  const cfg = defaultRunConfig({
    seed: o.seed ?? "1",
    days: o.days,
    ledger: o.ledger ?? agreementLedgerConfig(),
    autoAdjustFromDay: o.autoAdjustFromDay ?? 5,
    onOp: (op) => ops.push(op),
  });
  const res = runEconomy(cfg, agreementScenario(o.agents));
  const byDay: LedgerOp[][] = Array.from({ length: o.days }, () => []);
  let maxAgent = o.agents - 1;
  for (const op of ops) byDay[Math.floor(op.t / DAY)]!.push(op);
  for (const op of ops) {
    for (const k of ["agent", "referrer", "referred"] as const) {
      const v = (op as Record<string, unknown>)[k];
      if (typeof v === "number" && v > maxAgent) maxAgent = v;
    }
  }
  return { byDay, ledger: res.ledger, agentWallets: maxAgent + 1 };
}

/** The reference ledger's state at `t` for agents 0..n−1. */
export function referenceSnapshot(l: CreditLedger, n: number, t: number): LedgerSnapshot {
  const balances: bigint[] = [];
  const settled: bigint[] = [];
  for (let i = 0; i < n; i++) {
    balances.push(l.balanceOf(i, t));
    settled.push(l.settledBalanceOf(i));
  }
  return { supply: l.supply, totalIssued: l.totalIssued, totalBurned: l.totalBurned, reserve: l.reserve, rewardPool: l.rewardPool, escrow: l.escrow, balances, settled };
}

/** Deterministic private key of a wallet of the agreement chain. */
function key(label: string): string {
  return keccak256(toUtf8Bytes(`ingenesist/credit-agreement/${label}`));
}

/** Runs the agreement; see the file comment. */
export async function runCreditAgreement(o: AgreementOptions): Promise<AgreementResult> {
  const started = performance.now();
  const ledgerConfig = o.ledger ?? agreementLedgerConfig();
  const { byDay, ledger: modelLedger, agentWallets } = modelOperations({ ...o, ledger: ledgerConfig });

  const roleKeys = CREDIT_ROLE_NAMES.map((n) => key(`role/${n}`));
  const agentKeys = Array.from({ length: agentWallets }, (_, i) => key(`agent/${i}`));
  const accounts = [...roleKeys, ...agentKeys].map((privateKey) => ({ privateKey, balance: 10n ** 24n }));
  const connection = await network.create({
    network: "hardhat",
    override: { accounts, mining: { auto: true, mempool: { order: "fifo" } }, initialBaseFeePerGas: 0n },
  });
  try {
    const { ethers, provider } = connection;
    const signers = await ethers.getSigners();
    const roles = creditRolesFrom(signers);
    const latest = (await ethers.provider.getBlock("latest"))!.timestamp;
    const genesis = BigInt(latest) + 3_600n;
    const sys = await deployCreditLedger(ethers, { roles, config: ledgerConfig, genesis, economyOverrides: o.economyOverrides, paramsOverrides: o.paramsOverrides });
    await provider.request({ method: "evm_setAutomine", params: [false] });
    const agents = signers.slice(CREDIT_ROLE_NAMES.length).map((s) => s.address);
    const driver = new CreditChainDriver({
      provider,
      economy: await sys.economy.getAddress(),
      parameters: await sys.parameters.getAddress(),
      genesis,
      agents,
      roles,
    });

    const reference = new CreditLedger(ledgerConfig);
    const eventsByName: Record<string, number> = {};
    reference.onEvent = (e: LedgerEvent) => {
      eventsByName[e.name] = (eventsByName[e.name] ?? 0) + 1;
    };
    const operationsByKind: Record<string, number> = {};
    let operations = 0;
    let daysAgreed = 0;
    let difference: AgreementDifference | null = null;
    let final: LedgerSnapshot | null = null;
    for (let day = 0; day < o.days && !difference; day++) {
      const ops = byDay[day]!;
      try {
        await driver.send(ops);
      } catch (e) {
        if (!(e instanceof ChainOperationFailed)) throw e;
        difference = { day, field: "transaction", chain: 0n, model: 1n, op: e.op };
        break;
      }
      for (const op of ops) {
        applyOp(reference, op);
        const kind = op.op === "rewardMission" && op.reserveOnly ? "rewardMission(reserveOnly)" : op.op;
        operationsByKind[kind] = (operationsByKind[kind] ?? 0) + 1;
      }
      operations += ops.length;
      const t = ops.length ? ops[ops.length - 1]!.t : day * DAY;
      const chain = await driver.snapshot();
      final = chain;
      const diff = firstDifference(chain, referenceSnapshot(reference, agentWallets, t));
      if (diff) {
        difference = { day, ...diff };
        break;
      }
      daysAgreed++;
      o.onDay?.(day, chain);
    }
    const replayMatchesModel =
      difference !== null ||
      firstDifference(referenceSnapshot(reference, agentWallets, reference.time), referenceSnapshot(modelLedger, agentWallets, reference.time)) === null;
    return {
      agentWallets,
      days: o.days,
      daysAgreed,
      operations,
      transactions: driver.transactions,
      blocks: driver.blocks,
      operationsByKind,
      eventsByName,
      firstDifference: difference,
      replayMatchesModel,
      final,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await connection.close();
  }
}
