/**
 * Keys that authenticate frames end to end (ARCHITECTURE.md "Trust", docs/SECURITY.md "Frames").
 *
 * - Routed frames (ack, consensus, data) carry a pair tag (`src/shared/wire/auth.ts`) under a key
 *   per ordered pair of nodes: `HKDF-SHA256(ikm = X25519(a, B), salt = mesh id, info = "meshd
 *   frame v1 <from>><to> <kxFrom> <kxTo>")`, 32 bytes (RFC 7748, RFC 5869). Both ends compute it;
 *   no one else can. It binds both nodes' current exchange keys, so rotating either key (MCG
 *   `node-key`) retires every key derived from the old one: frames sealed under it are refused.
 * - LSAs are flooded, so a pair key does not fit: the origin signs the body with its node key
 *   (ECDSA P-256) and every node checks it against the key the MCG records for the origin.
 * Members come from the MCG's applied state (plus the pins of a join, see mesh-node.ts).
 */
import { createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, verify, type KeyObject } from 'node:crypto';
import { tagOf } from '../../shared/ids.js';
import { PAIR_KEY_BYTES, SIGNATURE_BYTES } from '../../shared/wire/index.js';
import type { NodeIdentity } from './identity.js';

/** The keys a member is recorded with (MCG member record, join pins). */
export interface MemberKeys {
  nodeId: string;
  /** SPKI fingerprint of the TLS/signing key. */
  key: string;
  /** SubjectPublicKeyInfo of the signing key (DER, base64). */
  spki: string;
  /** X25519 public key (32 bytes, base64url). */
  kx: string;
}

/**
 * True when `kx` (base64url) is an X25519 public key that gives a non-zero shared secret (RFC 7748
 * sec. 6.1: a low-order point gives all zeros and must be refused).
 */
export function isUsableKx(kx: string): boolean {
  try {
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: kx }, format: 'jwk' });
    const shared = diffieHellman({ privateKey: generateKeyPairSync('x25519').privateKey, publicKey });
    return shared.length === 32 && shared.some((b) => b !== 0);
  } catch {
    return false;
  }
}

/** One row of the data plane's key table: peer tag, key for frames to it, key for frames from it. */
export type PairKeyRow = [tag: bigint, tx: Uint8Array, rx: Uint8Array];

/**
 * The pair key for frames `from` -> `to`, given the X25519 shared secret of the two nodes.
 * Exported for tests; nodes use {@link FrameKeys}.
 */
export function derivePairKey(shared: Uint8Array, meshId: string, from: MemberKeys, to: MemberKeys): Uint8Array {
  const info = `meshd frame v1 ${from.nodeId}>${to.nodeId} ${from.kx} ${to.kx}`;
  return new Uint8Array(hkdfSync('sha256', shared, Buffer.from(meshId, 'utf8'), Buffer.from(info, 'utf8'), PAIR_KEY_BYTES));
}

/** Derives and caches this node's pair keys, and checks LSA signatures. */
export class FrameKeys {
  private cache = new Map<string, PairKeyRow>();
  private verifiers = new Map<string, KeyObject | null>();

  constructor(private readonly identity: NodeIdentity, private readonly selfId: string) {}

  /**
   * The key table for `members` (this node included, for completeness) in mesh `meshId`.
   * Members whose exchange key is unusable are left out (their frames are refused).
   */
  table(meshId: string, members: Iterable<MemberKeys>): PairKeyRow[] {
    const self: MemberKeys = { nodeId: this.selfId, key: this.identity.fingerprint, spki: this.identity.spki, kx: this.identity.kx };
    const next = new Map<string, PairKeyRow>();
    for (const m of members) {
      const id = `${meshId}|${m.nodeId}|${m.kx}|${self.kx}`;
      let row = this.cache.get(id);
      if (!row) {
        try {
          const shared = this.identity.agree(m.kx);
          row = [tagOf(m.nodeId), derivePairKey(shared, meshId, self, m), derivePairKey(shared, meshId, m, self)];
        } catch {
          continue;
        }
      }
      next.set(id, row);
    }
    this.cache = next;
    return [...next.values()];
  }

  /** True when `sig` is `spki`'s ECDSA P-256 / SHA-256 signature (IEEE P1363) of `body`. */
  verifySignature(spki: string, body: Uint8Array, sig: Uint8Array): boolean {
    let key = this.verifiers.get(spki);
    if (key === undefined) {
      try {
        key = createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
      } catch {
        key = null;
      }
      if (this.verifiers.size > 10_000) this.verifiers.clear();
      this.verifiers.set(spki, key);
    }
    if (!key || sig.length !== SIGNATURE_BYTES) return false;
    try {
      return verify('sha256', body, { key, dsaEncoding: 'ieee-p1363' }, sig);
    } catch {
      return false;
    }
  }
}
