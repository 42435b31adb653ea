/** Raft: the pure core, its log, configurations and records (ARCHITECTURE.md "Consensus"). */
export * from './types.js';
export { RaftLog } from './log.js';
export { RaftCore, type ProgressView } from './raft.js';
export { applyConfChange, decodeConf, encodeConf, latestConf, membersOf } from './config.js';
export { RaftNode, type RaftNodeDeps, type RaftNodeOptions, type StateMachine } from './raft-node.js';
export { Defragmenter, decodeRaftBody, encodeRaftFrames, raftBody, FRAGMENT_BYTES, type RaftBody } from './transport.js';
export { LOST_ALL, decodeEntry, decodeSnapshot, encodeEntry, encodeSnapshot, planCompact, planLostAll, planReady, planRecover, recover, type RaftLoad } from './raft-log.js';
