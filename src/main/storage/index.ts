/** Public face of storage: the ports and their adapters. */
export type * from './ports.js';
export { LmdbStorage } from './lmdb/lmdb-storage.js';
export { MemoryStorage } from './memory/memory-storage.js';
export { LmdbRaftStore } from './lmdb/raft-store.js';
export { MemoryRaftBackend } from './memory/raft-backend.js';
export type { RaftBackend, RaftHardRecord, RaftWriteOp } from './raft-backend.js';
export { checkLmdbFile, type LmdbMeta } from './lmdb/preflight.js';
export { deepCheck, type DeepCheckResult, type DeepCheckTarget } from './lmdb/deep-check.js';
export { encodeRecord, decodeRecord } from './lmdb/checked-db.js';
