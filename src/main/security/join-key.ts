/**
 * Join keys. A join key is stored only as scrypt(key, salt) (RFC 7914; N=16384, r=8, p=1,
 * 32 bytes), in the Mesh Control Group's mesh record, and never leaves a member.
 *
 * A joining node proves it knows the key inside the TLS channel of its join link, with a proof
 * bound to that channel (the RFC 9266 `tls-exporter` binding, which only the two ends of that TLS
 * connection know) and to its own identity:
 *
 *   proof = HMAC-SHA256(scrypt(key, salt), "meshd-join" | binding | joinerId | joinerKey)
 *
 * (RFC 2104). A passive observer sees only TLS records; a proof relayed to another connection
 * or replayed later does not verify there. The joiner sends the proof only after it checked the
 * listener's certificate against the mesh fingerprint, so a false listener never receives one to
 * test guesses against offline.
 */
import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** Bytes of salts. */
export const SALT_BYTES = 16;
/** Bytes of the derived join-key hash. */
export const KEY_BYTES = 32;
const JOIN_LABEL = 'meshd-join';

/** Fresh random bytes (salts). */
export function random(n: number): Uint8Array {
  return new Uint8Array(randomBytes(n));
}

/** scrypt(key, salt) with the parameters above; ~50 ms of CPU off the event loop. */
export function deriveKey(key: string, salt: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    scrypt(key, salt, KEY_BYTES, { N: 16384, r: 8, p: 1 }, (err, out) => (err ? reject(err) : resolve(new Uint8Array(out))));
  });
}

/** The join proof defined in the module comment. `joinerKey` is the joiner's SPKI fingerprint. */
export function joinProof(keyHash: Uint8Array, binding: Uint8Array, joinerId: string, joinerKey: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', keyHash).update(JOIN_LABEL).update(binding).update(joinerId).update(joinerKey).digest());
}

/** Constant-time check of a join proof. */
export function verifyJoinProof(keyHash: Uint8Array, binding: Uint8Array, joinerId: string, joinerKey: string, given: Uint8Array | undefined): boolean {
  if (!given) return false;
  const want = joinProof(keyHash, binding, joinerId, joinerKey);
  return given.length === want.length && timingSafeEqual(want, given);
}
