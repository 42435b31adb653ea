/** Raft: the pure core, its log and records (ARCHITECTURE.md "Consensus"). */
export * from './types.js';
export { RaftLog } from './log.js';
export { RaftCore } from './raft.js';
