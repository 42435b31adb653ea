/**
 * One Raft group's records on LMDB, behind the byte-level port of `../raft-backend.ts`: entry
 * records by index, the hard state (term, vote, commit), the latest snapshot record and
 * application values. Every batch is one LMDB transaction whose promise resolves after the
 * commit is synced, so the driver sends acknowledging messages only after that. The record format
 * and recovery are consensus's (`src/main/consensus/raft-log.ts`).
 */
import { open, type Database, type RootDatabase } from 'lmdb';
import { mkdirSync } from 'node:fs';
import type { RaftBackend, RaftHardRecord, RaftWriteOp } from '../raft-backend.js';

/** One Raft group's records in an LMDB environment at `path`. */
export class LmdbRaftStore implements RaftBackend {
  private root: RootDatabase;
  private meta: Database<RaftHardRecord | Buffer | number, string>;
  private entries: Database<Buffer, number>;

  constructor(path: string) {
    mkdirSync(path, { recursive: true });
    this.root = open({ path, compression: false });
    this.meta = this.root.openDB({ name: 'raft-meta' });
    this.entries = this.root.openDB({ name: 'raft-log', encoding: 'binary' });
  }

  /** Writes raw bytes under an index (tests use it to tear or corrupt the tail). */
  async putRaw(index: number, bytes: Buffer): Promise<void> {
    await this.entries.put(index, bytes);
  }

  /** {@link RaftBackend}: entries in index order. */
  *readEntries(): Iterable<[number, Buffer]> {
    for (const { key, value } of this.entries.getRange()) yield [key, value];
  }

  /** {@link RaftBackend}: the stored hard state. */
  readHard(): RaftHardRecord | undefined {
    return this.meta.get('hard') as RaftHardRecord | undefined;
  }

  /** {@link RaftBackend}: the stored snapshot record. */
  readSnapshot(): Buffer | undefined {
    const v = this.meta.get('snapshot');
    return v ? Buffer.from(v as Uint8Array) : undefined;
  }

  /** {@link RaftBackend}: a value stored with `put-meta`. */
  readMeta(key: string): number | undefined {
    const v = this.meta.get(`app/${key}`) as unknown;
    return typeof v === 'number' ? v : undefined;
  }

  /** {@link RaftBackend}: one synced transaction. */
  async write(ops: RaftWriteOp[]): Promise<void> {
    if (!ops.length) return;
    await this.root.transaction(() => {
      for (const o of ops) {
        if (o.op === 'put-entry') this.entries.put(o.index, o.bytes);
        else if (o.op === 'put-hard') this.meta.put('hard', o.hard);
        else if (o.op === 'put-snapshot') this.meta.put('snapshot', o.bytes);
        else if (o.op === 'delete-snapshot') this.meta.remove('snapshot');
        else if (o.op === 'put-meta') this.meta.put(`app/${o.key}`, o.value);
        else if (o.op === 'delete-from') for (const k of this.entries.getKeys({ start: o.index })) this.entries.remove(k);
        else for (const k of this.entries.getKeys({ end: o.index })) this.entries.remove(k);
      }
    });
  }

  async close(): Promise<void> {
    await this.root.close();
  }
}
