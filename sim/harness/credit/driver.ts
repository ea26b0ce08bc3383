/**
 * The chain driver of the credit ledger: sends the model's ledger operations (sim/economy/ops.ts) as real
 * transactions — from the agent's own wallet where the agent acts (its submissions, votes, circles,
 * priority listings, top-up claims once it is known to the ledger), from the role's
 * account otherwise (a top-up for an agent that never had a grant nor any activity goes through the
 * registrar, as the contract requires) — one block per distinct operation time, at `genesis + t`, with the
 * operations of a block in log order; and reads the ledger's state back in two calls.
 *
 * The connection must mine on demand (automine off) and order the mempool first in, first out; see
 * `openCreditChain` in agreement.ts.
 */
import { Interface } from "ethers";
import type { LedgerOp } from "../../economy/ops.js";
import { CreditEconomy__factory, CreditParameters__factory } from "../../../typechain-types/index.js";
import { leverIndex, spendKindIndex, submissionTypeIndex } from "./config.js";
import type { CreditRoles } from "./deploy.js";

/** The EIP-1193 surface the driver uses. */
export interface RequestProvider {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

/** What the agreement compares (credit wei). */
export interface LedgerSnapshot {
  supply: bigint;
  totalIssued: bigint;
  totalBurned: bigint;
  reserve: bigint;
  rewardPool: bigint;
  escrow: bigint;
  /** Balances with pending decay (`balanceOf`), by agent number. */
  balances: bigint[];
  /** Stored balances, by agent number. */
  settled: bigint[];
}

/** The first field where two snapshots differ, in a fixed order: totals, then agents by number. */
export interface SnapshotDifference {
  field: string;
  chain: bigint;
  model: bigint;
}

const TOTAL_FIELDS = ["supply", "totalIssued", "totalBurned", "reserve", "rewardPool", "escrow"] as const;

export function firstDifference(chain: LedgerSnapshot, model: LedgerSnapshot): SnapshotDifference | null {
  for (const f of TOTAL_FIELDS) if (chain[f] !== model[f]) return { field: f, chain: chain[f], model: model[f] };
  const n = Math.max(chain.balances.length, model.balances.length);
  for (let i = 0; i < n; i++) {
    const cb = chain.balances[i] ?? 0n;
    const mb = model.balances[i] ?? 0n;
    if (cb !== mb) return { field: `balanceOf[${i}]`, chain: cb, model: mb };
    const cs = chain.settled[i] ?? 0n;
    const ms = model.settled[i] ?? 0n;
    if (cs !== ms) return { field: `settledBalanceOf[${i}]`, chain: cs, model: ms };
  }
  return null;
}

/** A transaction of the log that the chain rejected. */
export class ChainOperationFailed extends Error {
  override name = "ChainOperationFailed";
  constructor(
    readonly op: LedgerOp,
    readonly txHash: string,
  ) {
    super(`the chain reverted ${JSON.stringify(op, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))} (tx ${txHash})`);
  }
}

export interface DriverOptions {
  provider: RequestProvider;
  economy: string;
  parameters: string;
  genesis: bigint;
  /** Agent number → wallet address. */
  agents: readonly string[];
  roles: { [K in keyof CreditRoles]: { address: string } };
  /** Gas limit per transaction (default 3,000,000: well above any ledger operation). */
  gas?: bigint;
}

interface Tx {
  from: string;
  to: string;
  data: string;
}

export class CreditChainDriver {
  readonly economyInterface: Interface = CreditEconomy__factory.createInterface();
  readonly parametersInterface: Interface = CreditParameters__factory.createInterface();
  transactions = 0;
  blocks = 0;
  private readonly gasHex: string;
  /** Agents with a starter grant or an activity so far (they claim top-ups themselves). */
  private readonly known = new Set<number>();
  /** Open disputes: id → agent number. */
  private readonly disputes = new Map<number, number>();

  constructor(readonly o: DriverOptions) {
    this.gasHex = "0x" + (o.gas ?? 3_000_000n).toString(16);
  }

  /**
   * Sends operations (non-decreasing `t`): one block per distinct `t`, mined at `genesis + t`, the block's
   * transactions in log order. Then checks every receipt; the first failed transaction throws
   * `ChainOperationFailed`.
   */
  async send(ops: readonly LedgerOp[]): Promise<void> {
    const sent: { hash: string; op: LedgerOp }[] = [];
    let i = 0;
    while (i < ops.length) {
      const t = ops[i]!.t;
      while (i < ops.length && ops[i]!.t === t) {
        const op = ops[i]!;
        const tx = this.encode(op);
        this.record(op);
        const hash = (await this.o.provider.request({
          method: "eth_sendTransaction",
          params: [{ ...tx, gas: this.gasHex, maxFeePerGas: "0x0", maxPriorityFeePerGas: "0x0" }],
        })) as string;
        sent.push({ hash, op });
        i++;
      }
      await this.o.provider.request({ method: "evm_mine", params: [Number(this.o.genesis) + t] });
      this.blocks++;
    }
    this.transactions += sent.length;
    for (const s of sent) {
      const r = (await this.o.provider.request({ method: "eth_getTransactionReceipt", params: [s.hash] })) as { status: string } | null;
      if (!r || r.status !== "0x1") throw new ChainOperationFailed(s.op, s.hash);
    }
  }

  /** The ledger's state at the latest block: the totals and every agent's balances. */
  async snapshot(): Promise<LedgerSnapshot> {
    const ei = this.economyInterface;
    const call = async (data: string): Promise<string> =>
      (await this.o.provider.request({ method: "eth_call", params: [{ to: this.o.economy, data }, "latest"] })) as string;
    const totals = ei.decodeFunctionResult("totals", await call(ei.encodeFunctionData("totals")));
    const [balances, settled] = ei.decodeFunctionResult("balancesOf", await call(ei.encodeFunctionData("balancesOf", [this.o.agents])));
    return {
      supply: totals[0] as bigint,
      escrow: totals[1] as bigint,
      rewardPool: totals[2] as bigint,
      reserve: totals[3] as bigint,
      totalIssued: totals[4] as bigint,
      totalBurned: totals[5] as bigint,
      balances: [...(balances as bigint[])],
      settled: [...(settled as bigint[])],
    };
  }

  /**
   * Follows which agents the ledger knows (LEDGER.md §4.3: the operations that mark activity), for the sender of
   * top-up claims. `send` calls it for every operation; a caller that sends `encode`d operations itself calls it
   * after each one that succeeded.
   */
  record(op: LedgerOp): void {
    switch (op.op) {
      case "grantStarter":
      case "rewardValidations":
      case "rewardMission":
      case "rewardEvidenceReview":
      case "chargeSubmission":
      case "chargeSpend":
      case "buyFeature":
        this.known.add(op.agent);
        return;
      case "rewardReferral":
        this.known.add(op.referrer);
        return;
      case "openDispute":
        this.known.add(op.agent);
        this.disputes.set(op.dispute, op.agent);
        return;
      case "resolveDispute": {
        const agent = this.disputes.get(op.dispute);
        if (agent !== undefined) this.known.add(agent);
        this.disputes.delete(op.dispute);
        return;
      }
      default:
        return;
    }
  }

  /** The transaction of one ledger operation: sender, contract, calldata. */
  encode(op: LedgerOp): Tx {
    const e = (fn: string, args: unknown[], from: string): Tx => ({ from, to: this.o.economy, data: this.economyInterface.encodeFunctionData(fn, args) });
    const p = (fn: string, args: unknown[], from: string): Tx => ({ from, to: this.o.parameters, data: this.parametersInterface.encodeFunctionData(fn, args) });
    const r = this.o.roles;
    const a = (n: number): string => {
      const addr = this.o.agents[n];
      if (addr === undefined) throw new RangeError(`agent ${n} has no wallet (the driver has ${this.o.agents.length})`);
      return addr;
    };
    switch (op.op) {
      case "grantStarter":
        return e("grantStarter", [a(op.agent)], r.registrar.address);
      case "rewardReferral":
        return e("rewardReferral", [a(op.referrer), a(op.referred)], r.registrar.address);
      case "rewardValidations":
        return e("rewardValidations", [a(op.agent), op.count, op.f1, op.quality], r.validationOracle.address);
      case "rewardMission":
        return e("rewardMission", [a(op.agent), op.amount, op.reserveOnly], r.missions.address);
      case "rewardEvidenceReview":
        return e("rewardEvidenceReview", [a(op.agent), op.amount], r.reviewer.address);
      case "claimEmergencyTopUp":
        return e("claimEmergencyTopUp", [a(op.agent)], this.known.has(op.agent) ? a(op.agent) : r.registrar.address);
      case "chargeSubmission":
        return e("chargeSubmission", [a(op.agent), submissionTypeIndex(op.kind), op.count], a(op.agent));
      case "chargeSpend":
        return e("chargeSpend", [a(op.agent), spendKindIndex(op.kind)], a(op.agent));
      case "buyFeature":
        return e("buyFeature", [a(op.agent), op.amount], r.spender.address);
      case "openDispute":
        return e("openDispute", [a(op.agent), op.dispute], r.disputer.address);
      case "resolveDispute":
        return e("resolveDispute", [op.dispute, op.upheld], r.disputer.address);
      case "slash":
        return e("slash", [a(op.agent)], r.governor.address);
      case "settleDecay":
        return e("settleDecay", [a(op.agent)], r.reporter.address);
      case "evaluate":
        return e("evaluate", [], r.reporter.address);
      case "acknowledgeCapBreach":
        return e("acknowledgeCapBreach", [], r.governor.address);
      case "reportMetrics":
        return p("reportMetrics", [op.day, op.median, op.gini, op.velocity], r.reporter.address);
      case "proposeLever":
        return p("proposeLever", [leverIndex(op.lever), op.value], r.governor.address);
      case "cancelLever":
        return p("cancelLever", [leverIndex(op.lever)], r.governor.address);
      case "renewLever":
        return p("renewLever", [leverIndex(op.lever)], r.governor.address);
      case "setAutoAdjustment":
        return p("setAutoAdjustment", [op.enabled], r.governor.address);
    }
  }
}
