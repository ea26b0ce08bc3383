/**
 * npm run bench:agents [-- --agents 200 --steps 100 --blocks 20]
 *
 * Throughput of the agent harness against what the in-process chain can do, measured in one process:
 *   1. the ceiling: raw EDR throughput of trivial transfers (200 per block, sent as the harness sends an
 *      unordered group, then evm_mine), on a fresh chain with the same accounts;
 *   2. the harness on the default scenario (agents × steps, differential check on): transactions mined
 *      per second of the step loop (deployment and set-up excluded);
 *   3. the same transactions replayed raw: the harness's blocks re-sent group by group on the same chain,
 *      reverted to its state before step 0, with no reads, checks, model or environment — the cost of
 *      the transactions themselves. The replay must reach the harness's end state exactly (checked).
 * Prints each figure, the ratio harness / ceiling and harness / replay, where the harness's time goes,
 * and the load average (2 cores shared: absolute figures move with the load; the ratios are measured in
 * the same process, within a minute of each other).
 */
import { cpus, loadavg } from "node:os";
import { readFileSync } from "node:fs";
import type { Recording } from "./chain.js";
import { DEFAULT_SCENARIO_PATH } from "./fixture.js";
import { openInProcess } from "./network.js";
import { AgentRun } from "./run.js";
import type { ModelParams } from "../params/index.js";

interface Args {
  agents: number;
  steps: number;
  blocks: number;
}

function parseArgs(argv: string[]): Args {
  const out: Args = { agents: 200, steps: 100, blocks: 20 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.replace(/^--/, "");
    const value = Number(argv[i + 1]);
    if (!(name in out) || !Number.isInteger(value) || value < 1) {
      throw new Error(`usage: npm run bench:agents -- [--agents N] [--steps N] [--blocks N] (positive integers); got "${argv[i]} ${argv[i + 1] ?? ""}"`);
    }
    (out as unknown as Record<string, number>)[name] = value;
    i++;
  }
  return out;
}

const load = (): string => loadavg().map((x) => x.toFixed(2)).join(" ");
const hex = (n: bigint | number): string => "0x" + n.toString(16);

/**
 * The ceiling probe: a chain of its own with the same accounts, on which one block of trivial transfers
 * (one per account, sent as the harness sends an unordered group, then evm_mine) is mined after every
 * harness step and every replayed step, so the ceiling is measured under the same load, interleaved.
 */
class TransferProbe {
  txs = 0;
  ms = 0;
  mineMs = 0;
  private constructor(private readonly net: Awaited<ReturnType<typeof openInProcess>>) {}

  static async open(agents: number): Promise<TransferProbe> {
    const probe = new TransferProbe(await openInProcess(agents));
    await probe.net.connection.provider.request({ method: "evm_setAutomine", params: [false] });
    await probe.block(); // warm-up
    probe.reset();
    return probe;
  }

  async block(): Promise<void> {
    const p = this.net.connection.provider;
    const from = this.net.agents.map((a) => a.address);
    const t0 = performance.now();
    await Promise.all(from.map((a, i) => p.request({ method: "eth_sendTransaction", params: [{ from: a, to: from[(i + 1) % from.length], value: "0x1", gas: hex(21_000), gasPrice: "0x0" }] })));
    const m0 = performance.now();
    await p.request({ method: "evm_mine", params: [] });
    this.mineMs += performance.now() - m0;
    this.ms += performance.now() - t0;
    this.txs += from.length;
  }

  rate(): number {
    return this.txs / (this.ms / 1000);
  }

  reset(): void {
    this.txs = 0;
    this.ms = 0;
    this.mineMs = 0;
  }

  async close(): Promise<void> {
    await this.net.connection.close();
  }
}

/** Re-sends the recorded blocks group by group (no reads, no checks), each mined at its timestamp; a probe block after each step. */
async function replay(run: AgentRun, recording: Recording, stepEnds: number[], probe: TransferProbe): Promise<{ txs: number; seconds: number }> {
  const p = run.net.connection.provider;
  let txs = 0;
  let ms = 0;
  const send = (t: { from: { address: string }; to: string; data: string; gas: bigint }) =>
    p.request({ method: "eth_sendTransaction", params: [{ from: t.from.address, to: t.to, data: t.data, gas: hex(t.gas), gasPrice: "0x0" }] });
  let b = 0;
  for (const end of stepEnds) {
    const t0 = performance.now();
    for (; b < end; b++) {
      const block = recording.blocks[b]!;
      for (const g of block.groups) {
        if (g.mode === "unordered") await Promise.all(g.txs.map(send));
        else for (const t of g.txs) await send(t);
        txs += g.txs.length;
      }
      await p.request({ method: "evm_mine", params: [block.timestamp] });
    }
    ms += performance.now() - t0;
    await probe.block();
  }
  return { txs, seconds: ms / 1000 };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const hre = (await import("hardhat")).default;
  await hre.tasks.getTask("build").run({ quiet: true, noTests: true });
  const cpu = cpus();
  console.log(`bench:agents — ${cpu.length} cores (${cpu[0]?.model ?? "?"}), load average ${load()} (1, 5, 15 min)`);
  const probe = await TransferProbe.open(args.agents);

  // 1 + 2: the harness, a probe block after every step.
  const params = { ...(JSON.parse(readFileSync(DEFAULT_SCENARIO_PATH, "utf8")) as Partial<ModelParams>), n_agents: args.agents };
  const run = await AgentRun.create({ params, seed: "7/0", steps: args.steps });
  const p = run.net.connection.provider;
  const snapshot = (await p.request({ method: "evm_snapshot" })) as string;
  const recording: Recording = { blocks: [] };
  const stepEnds: number[] = [];
  run.chain.recording = recording;
  const gas0 = run.chain.gasUsed;
  const mine0 = run.chain.timing.mine;
  let harnessMs = 0;
  while (run.stepIndex < run.steps && !run.firstDivergence) {
    const t0 = performance.now();
    await run.step();
    harnessMs += performance.now() - t0;
    stepEnds.push(recording.blocks.length);
    await probe.block();
  }
  run.chain.recording = null;
  const harnessSeconds = harnessMs / 1000;
  const harnessRate = run.stepTxs / harnessSeconds;
  const ceilingH = probe.rate();
  const probeMineH = probe.mineMs;
  const probeTxsH = probe.txs;
  const harnessGas = run.chain.gasUsed - gas0;
  const harnessMineMs = run.chain.timing.mine - mine0;
  const agreed = run.check ? `${run.check.stepsAgreed}/${run.stepIndex} steps agreed with the model` : "unchecked";
  console.log(`ceiling   raw trivial transfers, ${args.agents} per block, one block after each harness step: ${Math.round(ceilingH).toLocaleString("en-US")} tx/s`);
  console.log(
    `harness   default scenario, ${args.agents} agents × ${run.stepIndex} steps: ${run.stepTxs.toLocaleString("en-US")} tx in ${harnessSeconds.toFixed(2)} s = ${Math.round(harnessRate).toLocaleString("en-US")} tx/s (${run.stepAgentTxs.toLocaleString("en-US")} from agents' wallets; ${agreed}); deployment and set-up ${(run.setupMs / 1000).toFixed(2)} s`,
  );
  const endState = run.pools;

  // 3: the same transactions replayed raw on the same chain, from the same state.
  probe.reset();
  await p.request({ method: "evm_revert", params: [snapshot] });
  const r = await replay(run, recording, stepEnds, probe);
  const ceilingR = probe.rate();
  const replayRate = r.txs / r.seconds;
  const replayed = await run.readPools();
  const json = (x: unknown) => JSON.stringify(x, (_, v) => (typeof v === "bigint" ? v.toString() : v));
  const same = json(replayed) === json(endState);
  console.log(`replay    the same ${r.txs.toLocaleString("en-US")} transactions re-sent raw, same blocks and order: ${r.seconds.toFixed(2)} s = ${Math.round(replayRate).toLocaleString("en-US")} tx/s (end state ${same ? "identical" : "DIFFERENT"}; ceiling meanwhile ${Math.round(ceilingR).toLocaleString("en-US")} tx/s)`);
  await run.close();
  await probe.close();

  const transferGasRate = (21_000 * probeTxsH) / (probeMineH / 1000);
  const harnessGasRate = Number(harnessGas) / (harnessMineMs / 1000);
  const tm = run.chain.timing;
  const accounted = tm.send + tm.mine + tm.block + tm.logs + tm.verify + tm.call;
  const pct = (x: number) => `${((100 * x) / harnessMs).toFixed(0)}%`;
  console.log(
    `\ngas       a trivial transfer is 21,000 gas; the harness's transactions average ${Math.round(Number(harnessGas) / run.stepTxs).toLocaleString("en-US")} gas ` +
      `(cover ~123k, subscription ~113k, an offer round 100k–570k: snapshots/gas.json). Mining ran at ${(transferGasRate / 1e6).toFixed(0)} Mgas/s for transfers ` +
      `and ${(harnessGasRate / 1e6).toFixed(0)} Mgas/s for the harness's blocks (contract calls: cold storage, external calls, events).`,
  );
  console.log(
    `time      the harness's step loop: mining ${pct(tm.mine)}, sending ${pct(tm.send)}, eth_call reads ${pct(tm.call)}, block + logs + verification ${pct(tm.block + tm.logs + tm.verify)}, ` +
      `the rest (environment, model, check, decisions, encoding, attestations, encryption) ${pct(harnessMs - accounted)}`,
  );
  console.log(`\nratio harness / ceiling (trivial transfers, measured alongside): ${(harnessRate / ceilingH).toFixed(2)}`);
  console.log(`ratio harness / replay (the same transactions, raw): ${(harnessRate / replayRate).toFixed(2)} (load-corrected by the ceiling measured alongside each: ${(harnessRate / ceilingH / (replayRate / ceilingR)).toFixed(2)})`);
  console.log(`load average at the end ${load()}`);
  if (!same) process.exitCode = 1;
}

await main();
