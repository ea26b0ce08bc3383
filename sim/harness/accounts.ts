/**
 * The harness's accounts: the protocol's role holders, the agents' wallets (one per agent), and two
 * addresses that only receive (the damages sink, where agents' losses go, and the proceeds vault, where
 * engineers put what their secrets sold for, outside their insured wealth).
 *
 * Keys are derived deterministically (keccak256 of a fixed label), so the same run gives the same
 * addresses on any machine. They are development keys for local chains: never fund them anywhere else.
 *
 * On the in-process chain every key is given to EDR as an owned account (EDR signs `eth_sendTransaction`
 * natively, the fastest path). On a node (`--network localhost`) the node's own unlocked accounts are used
 * when it has enough; otherwise the agents' wallets are these keys, funded by the node's first account,
 * and the harness signs their transactions itself (`eth_sendRawTransaction`).
 */
import { Wallet, computeAddress, keccak256, toUtf8Bytes } from "ethers";

/** An account the harness sends from. `wallet` is set when the harness signs (not an account of the node). */
export interface Account {
  address: string;
  wallet?: Wallet;
  /** Next nonce, tracked by the harness when it signs. */
  nonce?: number;
}

/** Role holders of the deployed system. */
export interface Roles {
  /** Deploys; admin, governor (enrols members), underwriter (baseline risks), arbiter, pauser; mints the mock asset. */
  deployer: Account;
  /** Attests every agent's wealth each epoch. */
  wealthOracle: Account;
  /** Reports losses. */
  lossOracle: Account;
  /** Purges listings about captured agents. */
  purger: Account;
  /** Operates the pools: collects stream income, decrypts deliveries and confirms them. */
  operator: Account;
  /** The productivity funder of engineering return streams. */
  funder: Account;
  /** Sell for-sale kompromat (the study's sellers are not agents of the population). */
  brokers: Account[];
  /** Signs EIP-712 attestations (a key, never a sender). */
  attestor: Wallet;
}

export const BROKER_COUNT = 4;
/** Role accounts that send transactions, in the order the in-process chain creates them (deployer first). */
export const ROLE_SENDERS = 6 + BROKER_COUNT;

/** The development key for a label. */
export function devKey(label: string): string {
  return keccak256(toUtf8Bytes(`ingenesist/harness/${label}`));
}

export const roleKeyLabels = (): string[] => [
  "deployer",
  "wealthOracle",
  "lossOracle",
  "purger",
  "operator",
  "funder",
  ...Array.from({ length: BROKER_COUNT }, (_, i) => `broker/${i}`),
];

export const agentKey = (i: number): string => devKey(`agent/${i}`);

/** Receives the agents' losses (an address with no key in use). */
export const DAMAGES_SINK = computeAddress(devKey("damagesSink"));
/** Receives engineers' sale proceeds (an address with no key in use). */
export const PROCEEDS_VAULT = computeAddress(devKey("proceedsVault"));

export function attestorWallet(): Wallet {
  return new Wallet(devKey("attestor"));
}

/** Roles from a list of sender accounts in `roleKeyLabels` order. */
export function rolesFrom(senders: Account[]): Roles {
  if (senders.length < ROLE_SENDERS) throw new Error(`need ${ROLE_SENDERS} role accounts, got ${senders.length}`);
  const [deployer, wealthOracle, lossOracle, purger, operator, funder] = senders as [Account, Account, Account, Account, Account, Account];
  return {
    deployer,
    wealthOracle,
    lossOracle,
    purger,
    operator,
    funder,
    brokers: senders.slice(6, 6 + BROKER_COUNT),
    attestor: attestorWallet(),
  };
}
