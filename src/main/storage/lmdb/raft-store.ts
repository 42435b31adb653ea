/**
 * Durable storage of one Raft group on LMDB: log entries, hard state (term, vote, commit). A
 * {@link Ready}'s hard state and entries are written in one transaction whose promise resolves
 * after the commit is synced, so the driver sends acknowledging messages only after that.
 *
 * Each entry is stored under its index as `[crc32c u32 LE][term f64 LE][kind u8][data]`; the
 * CRC32C covers the index (8 bytes, LE) and everything after the checksum, so a torn write, a
 * flipped bit or a record under the wrong key is detected. At open, the log is read in order
 * and the first entry that fails its checksum, breaks index contiguity or goes back in term is
 * removed together with everything after it; the group's leader re-sends what was cut
 * (Raft's normal repair). Nothing corrupt is ever handed to the core.
 */
import { open, type Database, type RootDatabase } from 'lmdb';
import { mkdirSync } from 'node:fs';
import { crc32c } from '@node-rs/crc32';
import type { Entry, EntryKind, HardState, RaftStorageState, Ready } from '../../consensus/index.js';

const KINDS: EntryKind[] = ['data', 'noop'];
const HEAD = 4 + 8 + 1;

/** What {@link LmdbRaftStore.open} found and repaired. */
export interface RaftLoad {
  state: RaftStorageState;
  /** Set when a bad tail was cut: the first index removed and why. */
  repaired: { truncatedFrom: number; reason: string } | null;
}

/** Encodes one entry as stored (see the module comment). */
export function encodeEntry(e: Entry): Buffer {
  const buf = Buffer.allocUnsafe(HEAD + e.data.length);
  buf.writeDoubleLE(e.term, 4);
  buf[12] = KINDS.indexOf(e.kind);
  buf.set(e.data, HEAD);
  buf.writeUInt32LE(checksum(e.index, buf), 0);
  return buf;
}

function checksum(index: number, buf: Buffer): number {
  const key = Buffer.allocUnsafe(8);
  key.writeDoubleLE(index, 0);
  return crc32c(buf.subarray(4), crc32c(key));
}

/** Decodes a stored entry; null when it fails its checksum or is malformed. */
export function decodeEntry(index: number, buf: Buffer): Entry | null {
  if (buf.length < HEAD || buf.readUInt32LE(0) !== checksum(index, buf)) return null;
  const kind = KINDS[buf[12]];
  if (!kind) return null;
  return { index, term: buf.readDoubleLE(4), kind, data: Uint8Array.from(buf.subarray(HEAD)) };
}

/** One Raft group's log and hard state in an LMDB environment at `path`. */
export class LmdbRaftStore {
  private root: RootDatabase;
  private meta: Database<HardState, string>;
  private entries: Database<Buffer, number>;

  constructor(path: string) {
    mkdirSync(path, { recursive: true });
    this.root = open({ path, compression: false });
    this.meta = this.root.openDB({ name: 'raft-meta' });
    this.entries = this.root.openDB({ name: 'raft-log', encoding: 'binary' });
  }

  /** Reads the stored state, cutting a corrupt tail first (see the module comment). */
  async load(): Promise<RaftLoad> {
    const hardState = this.meta.get('hard') ?? { term: 0, vote: null, commit: 0 };
    const good: Entry[] = [];
    let repaired: RaftLoad['repaired'] = null;
    for (const { key, value } of this.entries.getRange()) {
      const e = decodeEntry(key, value);
      const reason = !e ? 'checksum mismatch' : key !== good.length + 1 ? `gap before index ${key}` : e.term < (good.at(-1)?.term ?? 0) ? 'term goes back' : null;
      if (reason) {
        repaired = { truncatedFrom: good.length + 1, reason };
        break;
      }
      good.push(e!);
    }
    if (repaired) await this.truncateFrom(repaired.truncatedFrom);
    return { state: { hardState: { ...hardState, commit: Math.min(hardState.commit, good.length) }, entries: good }, repaired };
  }

  /** Makes a Ready's hard state and entries durable in one synced transaction. */
  async save(r: Pick<Ready, 'hardState' | 'entries'>): Promise<void> {
    if (!r.hardState && !r.entries.length) return;
    await this.root.transaction(() => {
      if (r.entries.length) {
        const from = r.entries[0].index;
        for (const k of this.entries.getKeys({ start: from })) this.entries.remove(k);
        for (const e of r.entries) this.entries.put(e.index, encodeEntry(e));
      }
      if (r.hardState) this.meta.put('hard', r.hardState);
    });
  }

  /** Writes raw bytes under an index (tests use it to tear or corrupt the tail). */
  async putRaw(index: number, bytes: Buffer): Promise<void> {
    await this.entries.put(index, bytes);
  }

  async close(): Promise<void> {
    await this.root.close();
  }

  private async truncateFrom(index: number): Promise<void> {
    await this.root.transaction(() => {
      for (const k of this.entries.getKeys({ start: index })) this.entries.remove(k);
    });
  }
}
