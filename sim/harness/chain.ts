/**
 * The harness's transaction engine: batches of signed transactions sent through the provider with
 * automine off, mined into blocks at timestamps the harness chooses, then verified from the block itself.
 *
 * - Every transaction carries an explicit gas limit and fee, so nothing is estimated.
 * - A batch is a sequence of groups. An `ordered` group is sent one transaction at a time and must be
 *   mined in that order; an `unordered` group is sent concurrently (its transactions commute: the
 *   chain's integer state is the same in any order). Groups are barriers: every transaction of a group
 *   reaches the mempool before the next group's first. The mempool must be FIFO (the harness configures
 *   the in-process chain so; `hardhat.config.ts` sets it for `npx hardhat node`).
 * - After mining, one `eth_getBlockByNumber` gives the block's transaction hashes and one `eth_getLogs`
 *   its events. Each transaction must be in the block, in an order that respects the groups, and must
 *   have emitted the event it exists for; otherwise the run stops with the transaction's label and its
 *   decoded revert reason. No receipt is polled on the success path.
 * - When the pending gas would exceed the block gas limit, a block is mined first (the next second of
 *   the same epoch), so blocks never silently defer transactions.
 */
import type { Interface, TransactionRequest } from "ethers";
import type { Account } from "./accounts.js";

/** A minimal EIP-1193 provider (Hardhat's network connection provider). */
export interface Eip1193 {
  request(args: { method: string; params?: unknown[] | object }): Promise<unknown>;
}

/** One transaction to send. */
export interface Tx {
  from: Account;
  to: string;
  data: string;
  gas: bigint;
  /** What it does, for error messages ("buyCover by agent 17"). */
  label: string;
  /** topic0 of the event it emits when it succeeds, and the emitting contract (lower case). */
  expect: { topic: string; address: string };
}

export interface Log {
  address: string;
  topics: string[];
  data: string;
  transactionHash: string;
  transactionIndex: number;
  logIndex: number;
  blockNumber: number;
}

/** A mined transaction with its events. */
export interface MinedTx {
  tx: Tx;
  hash: string;
  block: number;
  index: number;
  logs: Log[];
}

/** A transaction that failed, was dropped or was mined out of order. */
export class ChainError extends Error {
  override name = "ChainError";
}

/** The transactions of each block, as sent (for a raw replay: `npm run bench:agents`). */
export interface Recording {
  blocks: { timestamp: number; groups: { mode: "ordered" | "unordered"; txs: { from: Account; to: string; data: string; gas: bigint }[] }[] }[];
}

/** How fees are paid: legacy gas price (0 on the harness's in-process chain) or EIP-1559 caps. */
export type FeePolicy = { kind: "legacy"; gasPrice: bigint } | { kind: "eip1559"; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint };

interface Pending {
  tx: Tx;
  hash: string;
  /** Group sequence number and, for ordered groups, the position in it. */
  group: number;
  pos: number;
}

const hex = (n: bigint | number): string => "0x" + n.toString(16);

export class Chain {
  /** Timestamp of the next block mined. */
  nextTimestamp = 0;
  /** Transactions mined so far (all kinds). */
  minedCount = 0;
  blocksMined = 0;
  /** Gas used by the blocks mined so far. */
  gasUsed = 0n;
  private pending: Pending[] = [];
  private pendingGas = 0n;
  private groupSeq = 0;
  private mined: MinedTx[] = [];
  private readonly capacity: bigint;
  /** When set, every group sent and every block mined is recorded. */
  recording: Recording | null = null;
  private recordGroups: Recording["blocks"][number]["groups"] = [];

  constructor(
    readonly provider: Eip1193,
    readonly chainId: bigint,
    blockGasLimit: bigint,
    public fees: FeePolicy,
    /** Decodes revert data into a readable reason (custom errors of the system's contracts). */
    private readonly decodeRevert: (data: string) => string = (d) => d,
  ) {
    this.capacity = (blockGasLimit * 9n) / 10n;
  }

  /** Sends a group of transactions (see the file comment). */
  async submit(txs: readonly Tx[], mode: "ordered" | "unordered"): Promise<void> {
    if (txs.length === 0) return;
    const group = ++this.groupSeq;
    let start = 0;
    while (start < txs.length) {
      // Take as many as fit in the current block; mine first when none fits.
      let end = start;
      let gas = this.pendingGas;
      while (end < txs.length && gas + txs[end]!.gas <= this.capacity) gas += txs[end++]!.gas;
      if (end === start) {
        if (this.pending.length === 0) throw new ChainError(`${txs[start]!.label}: gas limit ${txs[start]!.gas} exceeds the block's capacity`);
        await this.mineBlock();
        continue;
      }
      const chunk = txs.slice(start, end);
      if (this.recording) this.recordGroups.push({ mode, txs: chunk.map((t) => ({ from: t.from, to: t.to, data: t.data, gas: t.gas })) });
      const c0 = performance.now();
      if (mode === "ordered") {
        for (let k = 0; k < chunk.length; k++) {
          const tx = chunk[k]!;
          this.pending.push({ tx, hash: await this.sendOne(tx), group, pos: start + k });
        }
      } else {
        const hashes = await Promise.all(chunk.map((tx) => this.sendOne(tx)));
        for (let k = 0; k < chunk.length; k++) this.pending.push({ tx: chunk[k]!, hash: hashes[k]!, group, pos: 0 });
      }
      this.timing.send += performance.now() - c0;
      this.pendingGas = gas;
      start = end;
    }
  }

  /** Mines every pending transaction (one block, more when the block gas limit requires) and returns them, verified, in submission order. */
  async mine(): Promise<MinedTx[]> {
    while (this.pending.length > 0) await this.mineBlock();
    const out = this.mined;
    this.mined = [];
    return out;
  }

  /** `eth_call` against the latest block. */
  async call(to: string, data: string): Promise<string> {
    const c0 = performance.now();
    const r = (await this.provider.request({ method: "eth_call", params: [{ to, data }, "latest"] })) as string;
    this.timing.call += performance.now() - c0;
    return r;
  }

  /** Encodes, calls and decodes a view function. */
  async view<T = unknown>(iface: Interface, to: string, fn: string, args: readonly unknown[]): Promise<T> {
    const raw = await this.call(to, iface.encodeFunctionData(fn, args));
    return iface.decodeFunctionResult(fn, raw) as unknown as T;
  }

  private async sendOne(tx: Tx): Promise<string> {
    const fees = this.fees;
    if (tx.from.wallet) {
      const nonce = tx.from.nonce!;
      tx.from.nonce = nonce + 1;
      const req: TransactionRequest = { to: tx.to, data: tx.data, gasLimit: tx.gas, nonce, chainId: this.chainId };
      if (fees.kind === "legacy") Object.assign(req, { type: 0, gasPrice: fees.gasPrice });
      else Object.assign(req, { type: 2, maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas });
      const raw = await tx.from.wallet.signTransaction(req);
      return (await this.rpc("eth_sendRawTransaction", [raw], tx)) as string;
    }
    const req: Record<string, string> = { from: tx.from.address, to: tx.to, data: tx.data, gas: hex(tx.gas) };
    if (fees.kind === "legacy") req.gasPrice = hex(fees.gasPrice);
    else {
      req.maxFeePerGas = hex(fees.maxFeePerGas);
      req.maxPriorityFeePerGas = hex(fees.maxPriorityFeePerGas);
    }
    return (await this.rpc("eth_sendTransaction", [req], tx)) as string;
  }

  private async rpc(method: string, params: unknown[], tx: Tx): Promise<unknown> {
    try {
      return await this.provider.request({ method, params });
    } catch (e) {
      throw new ChainError(`${tx.label}: the node rejected the transaction (${method}): ${(e as Error).message}`);
    }
  }

  /** Milliseconds spent per kind of call (profiling). */
  phase = "";
  readonly phases: Record<string, { ms: number; txs: number; blocks: number; gas: number }> = {};
  readonly timing = { send: 0, mine: 0, block: 0, logs: 0, verify: 0, call: 0 };

  private async mineBlock(): Promise<void> {
    const ts = this.nextTimestamp++;
    let c0 = performance.now();
    await this.provider.request({ method: "evm_mine", params: [ts] });
    if (this.recording) {
      this.recording.blocks.push({ timestamp: ts, groups: this.recordGroups });
      this.recordGroups = [];
    }
    const dm = performance.now() - c0;
    this.timing.mine += dm;
    const ph = (this.phases[this.phase] ??= { ms: 0, txs: 0, blocks: 0, gas: 0 });
    ph.ms += dm;
    ph.txs += this.pending.length;
    ph.blocks++;
    c0 = performance.now();
    this.blocksMined++;
    const block = (await this.provider.request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as {
      number: string;
      timestamp: string;
      gasUsed: string;
      transactions: string[];
    };
    this.gasUsed += BigInt(block.gasUsed);
    if (this.phases[this.phase]) this.phases[this.phase]!.gas += Number(block.gasUsed);
    this.timing.block += performance.now() - c0;
    c0 = performance.now();
    const number = Number(block.number);
    if (Number(block.timestamp) !== ts) throw new ChainError(`block ${number} has timestamp ${Number(block.timestamp)}, expected ${ts}`);
    const indexOf = new Map<string, number>();
    block.transactions.forEach((h, i) => indexOf.set(h.toLowerCase(), i));
    const rawLogs = block.transactions.length === 0 ? [] : ((await this.provider.request({ method: "eth_getLogs", params: [{ fromBlock: block.number, toBlock: block.number }] })) as Record<string, unknown>[]);
    this.timing.logs += performance.now() - c0;
    c0 = performance.now();
    const logsByTx = new Map<string, Log[]>();
    for (const l of rawLogs) {
      const log: Log = {
        address: (l.address as string).toLowerCase(),
        topics: l.topics as string[],
        data: l.data as string,
        transactionHash: (l.transactionHash as string).toLowerCase(),
        transactionIndex: Number(l.transactionIndex),
        logIndex: Number(l.logIndex),
        blockNumber: number,
      };
      let list = logsByTx.get(log.transactionHash);
      if (!list) logsByTx.set(log.transactionHash, (list = []));
      list.push(log);
    }

    const stillPending: Pending[] = [];
    const included: (Pending & { index: number })[] = [];
    for (const p of this.pending) {
      const index = indexOf.get(p.hash.toLowerCase());
      if (index === undefined) stillPending.push(p);
      else included.push({ ...p, index });
    }
    if (included.length === 0 && this.pending.length > 0) {
      throw new ChainError(`block ${number} mined none of ${this.pending.length} pending transactions (first: ${this.pending[0]!.tx.label}); is the node's gas price above the harness's fee cap?`);
    }
    // Order: groups in submission order, ordered groups in their own order.
    const byIndex = [...included].sort((a, b) => a.index - b.index);
    for (let k = 1; k < byIndex.length; k++) {
      const a = byIndex[k - 1]!;
      const b = byIndex[k]!;
      if (b.group < a.group || (b.group === a.group && b.pos < a.pos)) {
        throw new ChainError(`block ${number} mined "${b.tx.label}" before "${a.tx.label}", out of the order they were sent in: the node's mempool must be FIFO (mining.mempool.order = "fifo")`);
      }
    }
    if (stillPending.length > 0) {
      // A later group must not be mined while an earlier one waits.
      const firstWaiting = Math.min(...stillPending.map((p) => p.group));
      const late = included.find((p) => p.group > firstWaiting);
      if (late) throw new ChainError(`block ${number} mined "${late.tx.label}" while an earlier transaction waits: the node's mempool must be FIFO`);
    }
    for (const p of included) {
      const logs = logsByTx.get(p.hash.toLowerCase()) ?? [];
      const ok = logs.some((l) => l.address === p.tx.expect.address && l.topics[0] === p.tx.expect.topic);
      if (!ok) throw new ChainError(`${p.tx.label} failed in block ${number}: ${await this.failureReason(p.hash)}`);
      this.mined.push({ tx: p.tx, hash: p.hash, block: number, index: p.index, logs });
    }
    this.timing.verify += performance.now() - c0;
    this.minedCount += included.length;
    this.pending = stillPending;
    this.pendingGas = stillPending.reduce((s, p) => s + p.tx.gas, 0n);
  }

  private async failureReason(hash: string): Promise<string> {
    const receipt = (await this.provider.request({ method: "eth_getTransactionReceipt", params: [hash] })) as { status: string; gasUsed: string; gasLimit?: string } | null;
    if (!receipt) return "no receipt";
    if (Number(receipt.status) === 1) return "it succeeded but did not emit its event";
    try {
      const trace = (await this.provider.request({ method: "debug_traceTransaction", params: [hash, { disableStorage: true, disableMemory: true, disableStack: true }] })) as { returnValue?: string; failed?: boolean };
      const data = trace.returnValue ? (trace.returnValue.startsWith("0x") ? trace.returnValue : "0x" + trace.returnValue) : "0x";
      return `reverted with ${this.decodeRevert(data)} (gas used ${Number(receipt.gasUsed)})`;
    } catch {
      return `reverted (gas used ${Number(receipt.gasUsed)}; no trace available)`;
    }
  }
}

/** Decodes revert data with the custom errors of the given interfaces. */
export function revertDecoder(interfaces: Interface[]): (data: string) => string {
  return (data) => {
    if (!data || data === "0x") return "an empty revert (out of gas, or a require without a reason)";
    if (data.startsWith("0x4e487b71")) return `Panic(0x${BigInt("0x" + data.slice(10)).toString(16)})`;
    for (const iface of interfaces) {
      try {
        const e = iface.parseError(data);
        if (e) return `${e.name}(${e.args.map((a) => String(a)).join(", ")})`;
      } catch {
        // not this interface's error
      }
    }
    return `unknown revert data ${data.slice(0, 74)}`;
  };
}
