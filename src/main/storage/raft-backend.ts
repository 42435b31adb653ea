/**
 * The byte-level port a Raft group's records are kept through (issue: faults, item 6): storage
 * adapters (LMDB on a node, memory in the simulator) store opaque entry and snapshot records and a
 * small hard-state record; the record format, what each Raft step writes and recovery at open
 * belong to consensus (`src/main/consensus/raft-log.ts`).
 */

/** Term, vote and commit index as a backend stores them (the shape of consensus's HardState). */
export interface RaftHardRecord {
  term: number;
  vote: string | null;
  commit: number;
}

/** One write of a batch that a backend applies atomically and durably. */
export type RaftWriteOp =
  | { op: 'delete-from'; index: number }
  | { op: 'delete-below'; index: number }
  | { op: 'put-entry'; index: number; bytes: Buffer }
  | { op: 'put-hard'; hard: RaftHardRecord }
  | { op: 'put-snapshot'; bytes: Buffer }
  | { op: 'delete-snapshot' }
  /** An application value kept beside the log (e.g. a subscriber's acknowledged index). */
  | { op: 'put-meta'; key: string; value: number };

/**
 * Where a group's records live. `write` applies a batch in one transaction and resolves (or
 * returns) once it is durable.
 */
export interface RaftBackend {
  /** Entry records in index order. */
  readEntries(): Iterable<[number, Buffer]>;
  readHard(): RaftHardRecord | undefined;
  readSnapshot(): Buffer | undefined;
  /** A value stored with `put-meta`. */
  readMeta(key: string): number | undefined;
  write(ops: RaftWriteOp[]): Promise<void> | void;
}
