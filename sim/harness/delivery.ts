/**
 * Encrypted delivery of a sold secret (node:crypto only): the seller encrypts the plaintext to the buyer
 * pool's registered X25519 public key — an ephemeral X25519 key, ECDH, HKDF-SHA256, AES-256-GCM — and
 * publishes the ciphertext as a `data:` URI in the `Delivered` event with its keccak256 hash. The pool's
 * operator fetches it, checks the hash, decrypts with the pool's private key and checks the plaintext
 * against the listing's content commitment before confirming.
 *
 * Every key and nonce is derived from the run seed, so a run replays byte for byte. (A production seller
 * would draw the ephemeral key and nonce at random; determinism here costs nothing, because each
 * (ephemeral key, nonce) pair is used for exactly one message.)
 */
import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, type KeyObject } from "node:crypto";
import { keccak256 } from "ethers";

const PKCS8_X25519_PREFIX = Buffer.from("302e020100300506032b656e04220420", "hex");
const SPKI_X25519_PREFIX = Buffer.from("302a300506032b656e032100", "hex");
const VERSION = 1;
const HKDF_INFO = Buffer.from("ingenesist/delivery/v1");
export const DATA_URI_PREFIX = "data:application/octet-stream;base64,";

/** An X25519 key pair: the private key object and the raw 32-byte public key. */
export interface DeliveryKey {
  privateKey: KeyObject;
  publicKey: Buffer;
}

function sha256(...parts: (string | Buffer)[]): Buffer {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest();
}

/** A deterministic X25519 key pair from a label (e.g. `${runSeed}/pool/0`). */
export function deriveDeliveryKey(label: string): DeliveryKey {
  const raw = sha256("ingenesist/x25519/", label);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_X25519_PREFIX, raw]), format: "der", type: "pkcs8" });
  const spki = createPublicKey(privateKey).export({ format: "der", type: "spki" });
  return { privateKey, publicKey: Buffer.from(spki.subarray(spki.length - 32)) };
}

function publicKeyObject(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new Error(`an X25519 public key has 32 bytes, got ${raw.length}`);
  return createPublicKey({ key: Buffer.concat([SPKI_X25519_PREFIX, raw]), format: "der", type: "spki" });
}

function aesKey(shared: Buffer, ephemeralPublic: Buffer, recipientPublic: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", shared, Buffer.concat([ephemeralPublic, recipientPublic]), HKDF_INFO, 32));
}

/** The plaintext of a secret and its content commitment (keccak256 of the plaintext bytes). */
export function secretContent(fields: Record<string, string | number>): { plaintext: Buffer; contentHash: string } {
  const plaintext = Buffer.from(JSON.stringify(fields), "utf8");
  return { plaintext, contentHash: keccak256(plaintext) };
}

/** Encrypts `plaintext` to `recipientPublic`; `label` makes the ephemeral key and nonce unique to this message. */
export function encryptTo(recipientPublic: Uint8Array, plaintext: Buffer, label: string): { blob: Buffer; uri: string; hash: string } {
  const recipient = Buffer.from(recipientPublic);
  const eph = deriveDeliveryKey(`ephemeral/${label}`);
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyObject(recipient) });
  const iv = sha256("ingenesist/iv/", label).subarray(0, 12);
  const cipher = createCipheriv("aes-256-gcm", aesKey(shared, eph.publicKey, recipient), iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const blob = Buffer.concat([Buffer.from([VERSION]), eph.publicKey, iv, cipher.getAuthTag(), body]);
  return { blob, uri: DATA_URI_PREFIX + blob.toString("base64"), hash: keccak256(blob) };
}

/** Why a delivery was rejected. */
export class DeliveryError extends Error {
  override name = "DeliveryError";
}

/**
 * The operator's side: fetch the ciphertext from its `data:` URI, check it against the hash committed
 * on chain, decrypt it with the pool's key and check the plaintext against the listing's content hash.
 * Returns the plaintext; throws a DeliveryError naming the failed check.
 */
export function openDelivery(key: DeliveryKey, uri: string, ciphertextHash: string, contentHash: string): Buffer {
  if (!uri.startsWith(DATA_URI_PREFIX)) throw new DeliveryError(`unsupported ciphertext URI ${uri.slice(0, 40)}…`);
  const blob = Buffer.from(uri.slice(DATA_URI_PREFIX.length), "base64");
  if (keccak256(blob) !== ciphertextHash.toLowerCase()) throw new DeliveryError("ciphertext does not match its on-chain hash");
  if (blob.length < 1 + 32 + 12 + 16 || blob[0] !== VERSION) throw new DeliveryError("malformed ciphertext");
  const ephPublic = blob.subarray(1, 33);
  const iv = blob.subarray(33, 45);
  const tag = blob.subarray(45, 61);
  const shared = diffieHellman({ privateKey: key.privateKey, publicKey: publicKeyObject(ephPublic) });
  const decipher = createDecipheriv("aes-256-gcm", aesKey(shared, Buffer.from(ephPublic), key.publicKey), iv);
  decipher.setAuthTag(tag);
  let plaintext: Buffer;
  try {
    plaintext = Buffer.concat([decipher.update(blob.subarray(61)), decipher.final()]);
  } catch {
    throw new DeliveryError("ciphertext does not decrypt with the pool's key (authentication failed)");
  }
  if (keccak256(plaintext) !== contentHash.toLowerCase()) throw new DeliveryError("plaintext does not match the listing's content hash");
  return plaintext;
}
