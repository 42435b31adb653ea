/**
 * Digests for consistency checks of the Mesh Control Group (MeshControl.TriggerConsensusCheck):
 * a member's applied state (SHA-256 of its snapshot encoding, which is deterministic: the same
 * entries give the same bytes) and a window of its log (SHA-256 over index, term, kind and data of
 * each entry). Two members that applied the same log agree on both; a member whose state or log
 * diverged does not.
 */
import { createHash } from 'node:crypto';
import type { Entry } from '../index.js';

/** Entries before a check that its log digest covers. */
export const CHECK_LOG_WINDOW = 1024;

/** A member's digests at one check entry. */
export interface CheckDigests {
  /** SHA-256 (hex) of the applied state at the check's index. */
  state: string;
  /** SHA-256 (hex) of the entries (logFrom, index]; '' when this member compacted part of them. */
  log: string;
  logFrom: number;
}

const KIND_BYTE: Record<Entry['kind'], number> = { data: 0, noop: 1, config: 2 };

/** The first index before the window of a check at `index`. */
export function logFromOf(index: number): number {
  return Math.max(0, index - CHECK_LOG_WINDOW);
}

/** Digest of the state's snapshot bytes. */
export function stateDigest(snapshot: Uint8Array): string {
  return createHash('sha256').update(snapshot).digest('hex');
}

/**
 * Digest of `entries`, which must be exactly (logFrom, index]; '' when they are not (compacted).
 */
export function logDigest(entries: readonly Entry[], logFrom: number, index: number): string {
  if (entries.length !== index - logFrom || (entries.length > 0 && entries[0].index !== logFrom + 1)) return '';
  const h = createHash('sha256');
  const head = Buffer.alloc(17);
  for (const e of entries) {
    head.writeBigUInt64BE(BigInt(e.index), 0);
    head.writeBigUInt64BE(BigInt(e.term), 8);
    head.writeUInt8(KIND_BYTE[e.kind], 16);
    h.update(head);
    h.update(e.data);
  }
  return h.digest('hex');
}
