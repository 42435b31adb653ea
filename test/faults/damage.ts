/**
 * Damage done to a stopped node's files by the fault suite: what a failing disk, a full disk or
 * an operator's mistake leaves behind.
 */
import { closeSync, openSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { open } from 'lmdb';
import { LmdbRaftStore, checkLmdbFile } from '../../src/main/storage/index.js';
import type { Rng } from '../sim/rng.js';

/** The kinds of damage to a store. */
export type DamageKind = 'truncate' | 'pages' | 'raft-tail' | 'wipe';

/** Flips one bit of the payload of inbox record `seq` of `streamId`; false when there is no such record. */
export async function flipInboxRecord(dataDir: string, streamId: string, seq: number): Promise<boolean> {
  const raw = open({ path: join(dataDir, 'meshd.lmdb'), compression: false });
  try {
    const inbox = raw.openDB<Buffer, [string, number]>({ name: 'inbox', encoding: 'binary' });
    const v = inbox.get([streamId, seq]);
    if (!v) return false;
    const b = Buffer.from(v);
    b[b.length - 1] ^= 0x01;
    await inbox.put([streamId, seq], b);
    return true;
  } finally {
    await raw.close();
  }
}

/** The inbox seqs stored for `streamId` at a stopped node. */
export function inboxSeqs(dataDir: string, streamId: string): number[] {
  const raw = open({ path: join(dataDir, 'meshd.lmdb'), compression: false, readOnly: true });
  try {
    const inbox = raw.openDB<Buffer, [string, number]>({ name: 'inbox', encoding: 'binary' });
    return [...inbox.getKeys({ start: [streamId, 0], end: [streamId, Number.MAX_SAFE_INTEGER] })].map((k) => k[1]);
  } finally {
    void raw.close();
  }
}

/** Applies `kind` to the stores of the stopped node in `dataDir`; returns a description. */
export async function damage(dataDir: string, kind: DamageKind, rng: Rng): Promise<string> {
  const streams = join(dataDir, 'meshd.lmdb');
  const raft = join(dataDir, 'mcg', 'data.mdb');
  switch (kind) {
    case 'truncate': {
      const file = rng.chance(0.5) ? streams : raft;
      const { pageSize, lastPage } = checkLmdbFile(file, '');
      const keep = 2 + rng.int(Math.max(1, lastPage - 3));
      truncateSync(file, Math.min(statSync(file).size, keep * pageSize));
      return `truncated ${file.slice(dataDir.length + 1)} to ${keep} pages`;
    }
    case 'pages': {
      const file = rng.chance(0.5) ? streams : raft;
      const { pageSize, lastPage } = checkLmdbFile(file, '');
      const fd = openSync(file, 'r+');
      const n = 1 + rng.int(4);
      for (let i = 0; i < n; i++) {
        const page = 2 + rng.int(Math.max(1, lastPage - 1));
        const junk = Buffer.alloc(pageSize);
        for (let j = 0; j < pageSize; j++) junk[j] = rng.int(256);
        writeSync(fd, junk, 0, pageSize, page * pageSize);
      }
      closeSync(fd);
      return `${n} random pages of ${file.slice(dataDir.length + 1)} overwritten`;
    }
    case 'raft-tail': {
      const store = new LmdbRaftStore(join(dataDir, 'mcg'));
      const keys = [...store.readEntries()].map(([k]) => k);
      const cut = keys.length > 2 ? keys[Math.max(1, keys.length - 1 - rng.int(6))] : 0;
      if (cut) await store.write([{ op: 'delete-from', index: cut }]);
      await store.close();
      return cut ? `Raft log lost its synced tail from ${cut}` : 'Raft log too short to lose a tail';
    }
    case 'wipe':
      rmSync(streams, { force: true });
      rmSync(`${streams}-lock`, { force: true });
      rmSync(join(dataDir, 'mcg'), { recursive: true, force: true });
      return 'both stores lost (identity kept)';
  }
}
