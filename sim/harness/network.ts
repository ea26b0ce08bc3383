/**
 * Opens the chain a harness run uses and provides its accounts.
 *
 * In-process (the default): a fresh EDR chain created with `network.create({ override })`: the role and
 * agent keys as owned accounts (EDR signs natively; no HD derivation, so 1,000 agents open in ~2 s),
 * a FIFO mempool (a block keeps the order transactions were sent in), and a zero base fee.
 *
 * A named network (e.g. `localhost`, a `npx hardhat node`): the node's unlocked accounts when it has
 * enough (roles first, then one per agent); otherwise generated wallets from the same development keys,
 * funded with gas money by the node's first account, whose transactions the harness signs.
 */
import { Wallet } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { ROLE_SENDERS, agentKey, devKey, roleKeyLabels, rolesFrom, type Account, type Roles } from "./accounts.js";
import type { FeePolicy } from "./chain.js";

export interface HarnessNetwork {
  connection: NetworkConnection;
  /** "in-process" or the network's name. */
  name: string;
  inProcess: boolean;
  roles: Roles;
  agents: Account[];
  chainId: bigint;
  blockGasLimit: bigint;
  fees: FeePolicy;
  /** Agents whose wallets the harness generated and signs for (0 in-process). */
  generatedWallets: number;
}

/** Gas money given to each generated wallet on a node (wei). */
const NODE_WALLET_ETH = 10n ** 19n;

/** A fresh in-process chain with `agents` agent accounts. */
export async function openInProcess(agents: number): Promise<HarnessNetwork> {
  const balance = 10n ** 24n;
  const keys = [...roleKeyLabels().map(devKey), ...Array.from({ length: agents }, (_, i) => agentKey(i))];
  const connection = await network.create({
    network: "hardhat",
    override: {
      accounts: keys.map((privateKey) => ({ privateKey, balance })),
      mining: { auto: true, mempool: { order: "fifo" } },
      initialBaseFeePerGas: 0,
    },
  });
  const addresses = (await connection.provider.request({ method: "eth_accounts" })) as string[];
  const accounts = addresses.map((address) => ({ address }));
  const block = (await connection.provider.request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as { gasLimit: string };
  return {
    connection,
    name: "in-process",
    inProcess: true,
    roles: rolesFrom(accounts.slice(0, ROLE_SENDERS)),
    agents: accounts.slice(ROLE_SENDERS, ROLE_SENDERS + agents),
    chainId: BigInt((await connection.provider.request({ method: "eth_chainId" })) as string),
    blockGasLimit: BigInt(block.gasLimit),
    fees: { kind: "legacy", gasPrice: 0n },
    generatedWallets: 0,
  };
}

/** A named network from the Hardhat config (a development node: it must support evm_mine and evm_setAutomine). */
export async function openNamed(name: string, agents: number): Promise<HarnessNetwork> {
  let connection: NetworkConnection;
  try {
    connection = await network.create({ network: name });
  } catch (e) {
    throw new Error(`cannot open network "${name}": ${(e as Error).message}`);
  }
  const provider = connection.provider;
  let nodeAccounts: string[];
  try {
    nodeAccounts = (await provider.request({ method: "eth_accounts" })) as string[];
  } catch (e) {
    throw new Error(`network "${name}" does not answer (${(e as Error).message}); start it first, e.g. \`npx hardhat node\``);
  }
  if (nodeAccounts.length === 0) throw new Error(`network "${name}" has no unlocked account to deploy from`);
  try {
    await provider.request({ method: "evm_setAutomine", params: [true] });
  } catch {
    throw new Error(`network "${name}" is not a development node (no evm_setAutomine): the harness needs a Hardhat node or similar`);
  }
  const chainId = BigInt((await provider.request({ method: "eth_chainId" })) as string);
  const block = (await provider.request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as { gasLimit: string; baseFeePerGas?: string };
  const baseFee = BigInt(block.baseFeePerGas ?? "0x0");
  const fees: FeePolicy =
    baseFee === 0n ? { kind: "legacy", gasPrice: 0n } : { kind: "eip1559", maxFeePerGas: baseFee * 4n + 10n ** 9n, maxPriorityFeePerGas: 0n };

  const generated: Account[] = [];
  const gen = (key: string): Account => {
    const wallet = new Wallet(key);
    const a: Account = { address: wallet.address, wallet, nonce: 0 };
    generated.push(a);
    return a;
  };
  const labels = roleKeyLabels();
  const roleAccounts: Account[] = [{ address: nodeAccounts[0]! }];
  for (let r = 1; r < ROLE_SENDERS; r++) roleAccounts.push(nodeAccounts.length >= ROLE_SENDERS ? { address: nodeAccounts[r]! } : gen(devKey(labels[r]!)));
  const useNodeAgents = nodeAccounts.length >= ROLE_SENDERS + agents;
  const agentAccounts = Array.from({ length: agents }, (_, i) => (useNodeAgents ? { address: nodeAccounts[ROLE_SENDERS + i]! } : gen(agentKey(i))));

  if (generated.length > 0) {
    // Fund the generated wallets with gas money (hardhat_setBalance when the node has it), and read their nonces.
    let setBalance = true;
    try {
      await provider.request({ method: "hardhat_setBalance", params: [generated[0]!.address, "0x" + NODE_WALLET_ETH.toString(16)] });
    } catch {
      setBalance = false;
    }
    for (const a of generated) {
      if (setBalance) await provider.request({ method: "hardhat_setBalance", params: [a.address, "0x" + NODE_WALLET_ETH.toString(16)] });
      else await provider.request({ method: "eth_sendTransaction", params: [{ from: nodeAccounts[0], to: a.address, value: "0x" + NODE_WALLET_ETH.toString(16) }] });
      a.nonce = Number(BigInt((await provider.request({ method: "eth_getTransactionCount", params: [a.address, "pending"] })) as string));
    }
  }
  return {
    connection,
    name,
    inProcess: false,
    roles: rolesFrom(roleAccounts),
    agents: agentAccounts,
    chainId,
    blockGasLimit: BigInt(block.gasLimit),
    fees,
    generatedWallets: generated.length,
  };
}
