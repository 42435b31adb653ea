/**
 * A Raft group's records in memory, behind the same byte-level port as on disk
 * (`../raft-backend.ts`; format and recovery in `src/main/consensus/raft-log.ts`). The deterministic simulator runs every member on one, and tears its writes
 * to model a crash in the middle of a batch.
 */
import type { RaftBackend, RaftHardRecord, RaftWriteOp } from '../raft-backend.js';

/** In-memory {@link RaftBackend}; `write` is synchronous. */
export class MemoryRaftBackend implements RaftBackend {
  private entries = new Map<number, Buffer>();
  private hard: RaftHardRecord | undefined;
  private snapshot: Buffer | undefined;
  private meta = new Map<string, number>();

  /** Entries in index order. */
  *readEntries(): Iterable<[number, Buffer]> {
    const keys = [...this.entries.keys()].sort((a, b) => a - b);
    for (const k of keys) yield [k, this.entries.get(k)!];
  }

  readHard(): RaftHardRecord | undefined {
    return this.hard ? { ...this.hard } : undefined;
  }

  readSnapshot(): Buffer | undefined {
    return this.snapshot;
  }

  readMeta(key: string): number | undefined {
    return this.meta.get(key);
  }

  /** Applies `ops` in order (a simulated crash applies a prefix of them). */
  write(ops: RaftWriteOp[]): void {
    for (const o of ops) {
      if (o.op === 'put-entry') this.entries.set(o.index, o.bytes);
      else if (o.op === 'put-hard') this.hard = { ...o.hard };
      else if (o.op === 'put-snapshot') this.snapshot = o.bytes;
      else if (o.op === 'delete-snapshot') this.snapshot = undefined;
      else if (o.op === 'put-meta') this.meta.set(o.key, o.value);
      else for (const k of [...this.entries.keys()]) if (o.op === 'delete-from' ? k >= o.index : k < o.index) this.entries.delete(k);
    }
  }
}
