/**
 * Raft's record format and recovery, for every backend of the byte-level port
 * (`src/main/storage/raft-backend.ts`: LMDB on a node, memory in the simulator): the record codec,
 * what a {@link Ready} or a compaction writes, and recovery at open.
 *
 * Records:
 * - entry under its index: `[crc32c u32 LE][term f64 LE][kind u8][data]`; the CRC32C covers the
 *   index (8 bytes, LE) and everything after the checksum, so a torn write, a flipped bit or a
 *   record under the wrong key is detected;
 * - snapshot: `[crc32c u32 LE][index f64][term f64][conf length u32][conf JSON][data]`, CRC over
 *   everything after it;
 * - hard state: term, vote and commit as the backend stores plain values.
 * After a compaction or a snapshot install the first stored entry is the one at the log's offset
 * (its term is the offset term the core needs); the entries after it are the log.
 *
 * Recovery (at open): the log is read in order and the first entry that fails its checksum,
 * breaks index contiguity or goes back in term is removed together with everything after it,
 * durably; the commit index is capped to the good log. A snapshot that fails its checksum is
 * dropped with the whole log (the member then starts empty and its leader sends a snapshot).
 * Nothing corrupt is ever handed to the core; the leader re-sends what was cut (Raft's repair).
 */
import { crc32c } from '@node-rs/crc32';
import type { RaftBackend, RaftWriteOp } from '../storage/index.js';
import { decodeConf, encodeConf } from './config.js';
import type { Entry, EntryKind, RaftStorageState, Ready, Snapshot } from './types.js';

export type { RaftBackend, RaftWriteOp } from '../storage/index.js';

const KINDS: EntryKind[] = ['data', 'noop', 'config'];
const HEAD = 4 + 8 + 1;
const SNAP_HEAD = 4 + 8 + 8 + 4;

/** What recovery found and repaired. */
export interface RaftLoad {
  state: RaftStorageState;
  /** Set when a bad tail (or a bad snapshot) was cut: the first index removed and why. */
  repaired: { truncatedFrom: number; reason: string } | null;
}

/** Encodes one entry as stored. */
export function encodeEntry(e: Entry): Buffer {
  const buf = Buffer.allocUnsafe(HEAD + e.data.length);
  buf.writeDoubleLE(e.term, 4);
  buf[12] = KINDS.indexOf(e.kind);
  buf.set(e.data, HEAD);
  buf.writeUInt32LE(entryChecksum(e.index, buf), 0);
  return buf;
}

function entryChecksum(index: number, buf: Buffer): number {
  const key = Buffer.allocUnsafe(8);
  key.writeDoubleLE(index, 0);
  return crc32c(buf.subarray(4), crc32c(key));
}

/** Decodes a stored entry; null when it fails its checksum or is malformed. */
export function decodeEntry(index: number, buf: Buffer): Entry | null {
  if (buf.length < HEAD || buf.readUInt32LE(0) !== entryChecksum(index, buf)) return null;
  const kind = KINDS[buf[12]];
  if (!kind) return null;
  return { index, term: buf.readDoubleLE(4), kind, data: Uint8Array.from(buf.subarray(HEAD)) };
}

/** Encodes a snapshot as stored. */
export function encodeSnapshot(s: Snapshot): Buffer {
  const conf = Buffer.from(encodeConf(s.conf));
  const buf = Buffer.allocUnsafe(SNAP_HEAD + conf.length + s.data.length);
  buf.writeDoubleLE(s.index, 4);
  buf.writeDoubleLE(s.term, 12);
  buf.writeUInt32LE(conf.length, 20);
  conf.copy(buf, SNAP_HEAD);
  buf.set(s.data, SNAP_HEAD + conf.length);
  buf.writeUInt32LE(crc32c(buf.subarray(4)), 0);
  return buf;
}

/** Decodes a stored snapshot; null when it fails its checksum or is malformed. */
export function decodeSnapshot(buf: Buffer): Snapshot | null {
  if (buf.length < SNAP_HEAD || buf.readUInt32LE(0) !== crc32c(buf.subarray(4))) return null;
  const confLen = buf.readUInt32LE(20);
  if (SNAP_HEAD + confLen > buf.length) return null;
  try {
    const conf = decodeConf(buf.subarray(SNAP_HEAD, SNAP_HEAD + confLen));
    return { index: buf.readDoubleLE(4), term: buf.readDoubleLE(12), conf, data: Uint8Array.from(buf.subarray(SNAP_HEAD + confLen)) };
  } catch {
    return null;
  }
}

const sentinel = (index: number, term: number): Entry => ({ index, term, kind: 'noop', data: new Uint8Array(0) });

/**
 * The writes that make a Ready's snapshot, entries and hard state durable, in order. While the
 * member is recovering lost entries (`r.recovering`) the log-end marker is left as it is, so a
 * restart in the middle of recovery still knows what was lost.
 */
export function planReady(r: Pick<Ready, 'hardState' | 'entries'> & { snapshot?: Snapshot | null; recovering?: boolean }): RaftWriteOp[] {
  const ops: RaftWriteOp[] = [];
  if (r.snapshot) {
    ops.push({ op: 'delete-from', index: 0 }, { op: 'put-snapshot', bytes: encodeSnapshot(r.snapshot) });
    ops.push({ op: 'put-entry', index: r.snapshot.index, bytes: encodeEntry(sentinel(r.snapshot.index, r.snapshot.term)) });
  }
  if (r.entries.length) {
    ops.push({ op: 'delete-from', index: r.entries[0].index });
    for (const e of r.entries) ops.push({ op: 'put-entry', index: e.index, bytes: encodeEntry(e) });
  }
  if (r.hardState) ops.push({ op: 'put-hard', hard: r.hardState });
  // Where the log ends now, in the same transaction: recovery compares it with what it finds.
  const last = r.entries.length ? r.entries[r.entries.length - 1] : r.snapshot ? { index: r.snapshot.index, term: r.snapshot.term } : undefined;
  if (last && !r.recovering) ops.push({ op: 'put-meta', key: ACKED_KEY, value: last.index }, { op: 'put-meta', key: ACKED_TERM_KEY, value: last.term });
  return ops;
}

/** Meta keys of the last index (and its term) the log held after the latest durable write (see {@link planReady}). */
export const ACKED_KEY = 'raft/acked';
export const ACKED_TERM_KEY = 'raft/acked-term';

/**
 * Log-end marker of a member whose whole Raft storage was lost (written by `meshd repair` into
 * the fresh store): everything it ever acknowledged is unknown, so it takes part in no election
 * and no quorum until it has caught up with a leader that committed an entry of its own term.
 */
export const LOST_ALL = Number.MAX_SAFE_INTEGER;

/** The writes that mark a fresh store as the replacement of a lost one (see {@link LOST_ALL}). */
export function planLostAll(): RaftWriteOp[] {
  return [{ op: 'put-meta', key: ACKED_KEY, value: LOST_ALL }, { op: 'put-meta', key: ACKED_TERM_KEY, value: LOST_ALL }];
}

/** The writes that store a snapshot taken by the core's `compact` and drop the log before `firstIndex - 1`. */
export function planCompact(snapshot: Snapshot, firstIndex: number): RaftWriteOp[] {
  return [{ op: 'put-snapshot', bytes: encodeSnapshot(snapshot) }, { op: 'delete-below', index: firstIndex - 1 }];
}

/**
 * Reads a group's state from `b` and works out the writes that cut a corrupt tail (or snapshot);
 * see the module comment. Pure: the caller applies `repairs` before using the state.
 */
export function planRecover(b: RaftBackend): RaftLoad & { repairs: RaftWriteOp[] } {
  const hard = b.readHard() ?? { term: 0, vote: null, commit: 0 };
  const snapBytes = b.readSnapshot();
  const snapshot = snapBytes ? decodeSnapshot(snapBytes) : null;
  if (snapBytes && !snapshot) {
    const hardState = { ...hard, commit: 0 };
    return {
      state: { hardState, entries: [], snapshot: null, ackedIndex: b.readMeta(ACKED_KEY), ackedTerm: b.readMeta(ACKED_TERM_KEY) },
      repaired: { truncatedFrom: 0, reason: 'snapshot checksum mismatch' },
      repairs: [{ op: 'delete-from', index: 0 }, { op: 'delete-snapshot' }, { op: 'put-hard', hard: hardState }],
    };
  }
  const good: Entry[] = [];
  let repaired: RaftLoad['repaired'] = null;
  for (const [key, value] of b.readEntries()) {
    const e = decodeEntry(key, value);
    const expected = good.length ? good[good.length - 1].index + 1 : snapshot ? key : 1;
    const reason = !e ? 'checksum mismatch' : key !== expected ? `gap before index ${key}` : e.term < (good.at(-1)?.term ?? 0) ? 'term goes back' : null;
    if (reason) {
      repaired = { truncatedFrom: key, reason };
      break;
    }
    good.push(e!);
  }
  const repairs: RaftWriteOp[] = repaired ? [{ op: 'delete-from', index: repaired.truncatedFrom }] : [];
  let entries = good;
  let offsetTerm = 0;
  if (snapshot) {
    const base = good.findIndex((e) => e.index === snapshot.index);
    if (good.length === 0 || base < 0 || good[base].term !== snapshot.term) {
      // The stored log does not reach the snapshot: start at the snapshot.
      repairs.push({ op: 'delete-from', index: 0 }, { op: 'put-entry', index: snapshot.index, bytes: encodeEntry(sentinel(snapshot.index, snapshot.term)) });
      entries = [];
    } else {
      offsetTerm = good[0].term;
      entries = good.slice(1);
    }
  }
  const lastIndex = entries.at(-1)?.index ?? snapshot?.index ?? 0;
  const commit = Math.max(snapshot?.index ?? 0, Math.min(hard.commit, lastIndex));
  return { state: { hardState: { ...hard, commit }, entries, snapshot, offsetTerm, ackedIndex: b.readMeta(ACKED_KEY), ackedTerm: b.readMeta(ACKED_TERM_KEY) }, repaired, repairs };
}

/** {@link planRecover}, then the repairs made durable. */
export async function recover(b: RaftBackend): Promise<RaftLoad> {
  const { repairs, ...load } = planRecover(b);
  if (repairs.length) await b.write(repairs);
  return load;
}
