/** Public face of the data plane: the port, its typed messages and the in-thread implementation. */
export * from './messages.js';
export { InThreadDataPlane } from './dataplane.js';
export { CloseCode, JOIN_WS_PATH, MAX_JOIN_MESSAGE_BYTES, MESH_WS_PATH } from './constants.js';
export type { LinkPath, PeerTls, TlsIdentity } from './transport.js';
export { Reassembler, chunkMessage } from './reassembly.js';
export { MAX_SHARDS, WorkerDataPlane, shardOfLink } from './worker-port.js';
export { WorkerPool } from './worker-pool.js';
export { LinkMeter, type LinkMetrics } from './link-meter.js';
export { SentLog, type LostMessage } from './sent-log.js';
export { UNKNOWN_BW_MBPS, type SchedulerPolicy } from './scheduler.js';
