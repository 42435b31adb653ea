/** Public face of storage: the ports and their adapters. */
export type * from './ports.js';
export { LmdbStorage } from './lmdb/lmdb-storage.js';
export { MemoryStorage } from './memory/memory-storage.js';
export { LmdbRaftStore, decodeEntry, encodeEntry, type RaftLoad } from './lmdb/raft-store.js';
