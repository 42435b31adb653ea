/**
 * Join keys and link authentication. A join key is stored only as scrypt(key, salt) (RFC 7914;
 * N=16384, r=8, p=1, 32 bytes). Proofs are HMAC-SHA256 (RFC 2104) over a fresh nonce of the
 * verifying side, a context label and the prover's node id, so a proof cannot be replayed on
 * another handshake:
 * - join:  HMAC(scrypt(key, salt), "join" | listenerNonce | joinerId), checked against the stored hash;
 * - link:  HMAC(meshSecret, "link" | listenerNonce | dialerId), and the listener answers with
 *          HMAC(meshSecret, "listener" | dialerNonce | listenerId), so both ends authenticate.
 */
import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** Bytes of salts, nonces and derived keys. */
export const SALT_BYTES = 16;
/** Bytes of a handshake nonce. */
export const NONCE_BYTES = 16;
/** Bytes of the derived join-key hash and of the mesh secret. */
export const KEY_BYTES = 32;

/** Fresh random bytes (salts, nonces, secrets). */
export function random(n: number): Uint8Array {
  return new Uint8Array(randomBytes(n));
}

/** scrypt(key, salt) with the parameters above; ~50 ms of CPU off the event loop. */
export function deriveKey(key: string, salt: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    scrypt(key, salt, KEY_BYTES, { N: 16384, r: 8, p: 1 }, (err, out) => (err ? reject(err) : resolve(new Uint8Array(out))));
  });
}

/** Proof labels; see the module comment. */
export type ProofLabel = 'join' | 'link' | 'listener';

/** HMAC-SHA256(secret, label | nonce | nodeId). */
export function proof(secret: Uint8Array, label: ProofLabel, nonce: Uint8Array, nodeId: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', secret).update(label).update(nonce).update(nodeId).digest());
}

/** Constant-time check of a proof. */
export function verifyProof(secret: Uint8Array, label: ProofLabel, nonce: Uint8Array, nodeId: string, given: Uint8Array | undefined): boolean {
  if (!given) return false;
  const want = proof(secret, label, nonce, nodeId);
  return given.length === want.length && timingSafeEqual(want, given);
}
