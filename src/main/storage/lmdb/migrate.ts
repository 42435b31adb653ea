/**
 * Record-format migrations of `meshd.lmdb`, run once when a store is opened, each in one
 * transaction:
 * - format 1 → 2: outbox and inbox records gain a CRC32C (`message-codec.ts`);
 * - format 2 → 3: the mesh record, peers, stream metadata (offsets and acks) and producer records
 *   move from MessagePack databases without checksums to checksummed ones (`checked-db.ts`).
 */
import type { Database, RootDatabase } from 'lmdb';
import type { CheckedDb } from './checked-db.js';
import { decodeMessageV1, encodeMessage } from './message-codec.js';

/** The record format this code writes (kept in the store's `meta` database as `recordFormat`). */
export const RECORD_FORMAT = 3;

/** The databases a migration rewrites. */
export interface MigrationTargets {
  meta: Database<unknown, string>;
  outbox: Database<Buffer, [string, number]>;
  inbox: Database<Buffer, [string, number]>;
  /** Format-3 databases, by the name of the format-2 database whose records they take over. */
  checked: Array<[oldName: string, db: CheckedDb<never, unknown>, oldKey?: string]>;
}

/** Brings the store at `root` to {@link RECORD_FORMAT}. */
export function migrate(root: RootDatabase, t: MigrationTargets): void {
  const format = (t.meta.get('recordFormat') as number | undefined) ?? 1;
  if (format >= RECORD_FORMAT) return;
  root.transactionSync(() => {
    if (format < 2) {
      for (const db of [t.outbox, t.inbox]) {
        const old = [...db.getRange()].map(({ key, value }) => [key, encodeMessage(decodeMessageV1(key[1], value))] as const);
        for (const [key, value] of old) void db.put(key, value);
      }
    }
    for (const [oldName, db, oldKey] of t.checked) {
      if (oldKey) {
        const v = t.meta.get(oldKey);
        if (v !== undefined) void db.put(oldKey as never, v);
        void t.meta.remove(oldKey);
        continue;
      }
      const old = root.openDB<unknown, never>({ name: oldName });
      const records = [...old.getRange()];
      for (const { key, value } of records) {
        void db.put(key, value);
        void old.remove(key);
      }
    }
    void t.meta.put('recordFormat', RECORD_FORMAT);
  });
}
