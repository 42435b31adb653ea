/** Configuration defaults (units in the names: ms, bytes). */

/** Interface every listener binds to unless configured. */
export const DEFAULT_HOST = '127.0.0.1';
/** Mesh (WebSocket link) port. */
export const DEFAULT_MESH_PORT = 9001;
/** gRPC API port. */
export const DEFAULT_GRPC_PORT = 9101;
/** Metrics and health HTTP port. */
export const DEFAULT_METRICS_PORT = 9201;
/** Chunk size of client-data messages (bytes). */
export const DEFAULT_CHUNK_BYTES = 64 * 1024;
/** A link flushes its batch of frames when it reaches this size (bytes), or after one turn of the event loop. */
export const DEFAULT_BATCH_BYTES = 256 * 1024;
/**
 * Data-plane worker threads: 0 runs the data plane in the main thread; 1 runs it in one worker
 * over SharedArrayBuffer rings. The default stays 0 until the worker path is faster: on the
 * 2-core machine three local nodes with one worker each measured 40k msgs/s against 49k in-thread
 * (`npm start -- --once`, MESHD_WORKERS=1 vs 0). More than one worker is not supported yet (links
 * of different workers cannot hand frames to each other).
 */
export const DEFAULT_WORKERS = 0;
/** Most data-plane worker threads (lanes) of one node. */
export const MAX_WORKERS = 64;
/** Interval between heartbeats on a link (ms). */
export const DEFAULT_HEARTBEAT_MS = 1000;
/** A link with no frame received for this long is closed (ms). */
export const DEFAULT_DEAD_AFTER_MS = 5000;
/** Credit window: unacknowledged messages in flight per stream and target. */
export const DEFAULT_WINDOW_MESSAGES = 8192;
/** Lower bound of the retransmission timeout (ms). */
export const DEFAULT_RTO_MIN_MS = 300;
/** Upper bound of the retransmission timeout after backoff (ms). */
export const DEFAULT_RTO_MAX_MS = 5000;
/** Unacknowledged messages in a stream's outbox above which publishers wait (high water mark). */
export const DEFAULT_OUTBOX_HIGH_WATER = 200_000;
/** Messages a target stores beyond its subscriber's acknowledged offset (credit window toward the source). */
export const DEFAULT_INBOX_HIGH_WATER = 65_536;
/** Largest client-data message accepted by the API (bytes). */
export const DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
