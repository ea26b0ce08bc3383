/**
 * The EIP-712 typed data of a `SecretMarket` listing attestation (contracts/market/SecretMarket.sol): the
 * domain's name and version and the `Attestation` struct, field for field. The harness signs listings with
 * it, and so do the contract tests (test/contracts/helpers/fixture.ts); the contract checks the signature.
 */

/** The typed-data types of an attestation (for ethers' `TypedDataEncoder` / `signTypedData`). */
export const ATTESTATION_TYPES = {
  Attestation: [
    { name: "seller", type: "address" },
    { name: "kind", type: "uint8" },
    { name: "contentHash", type: "bytes32" },
    { name: "amount", type: "uint256" },
    { name: "potency", type: "uint256" },
    { name: "funder", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

/** The EIP-712 domain (`EIP712("Ingenesist SecretMarket", "1")`) of the market at `verifyingContract` on chain `chainId`. */
export function marketDomain(chainId: bigint, verifyingContract: string) {
  return { name: "Ingenesist SecretMarket", version: "1", chainId, verifyingContract };
}
