/** Configuration defaults (units in the names: ms, bytes). */
import { availableParallelism } from 'node:os';

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
 * Data-plane worker threads (shards): cores - 1, at least 1, so the main thread keeps a core for
 * the control plane, gRPC and storage. 0 runs the data plane in the main thread. On a 2-core
 * machine that is one worker, which measured slower than 0 for three local nodes on one machine
 * (every node's two busy threads share the two cores); see the README's Performance section.
 */
export const DEFAULT_WORKERS = Math.max(1, availableParallelism() - 1);
/** Most data-plane worker threads (shards) of one node. */
export const MAX_WORKERS = 64;
/** Interval between heartbeats on a link (ms). */
export const DEFAULT_HEARTBEAT_MS = 1000;
/** A link with no frame received for this long is closed (ms). */
export const DEFAULT_DEAD_AFTER_MS = 5000;
/** Credit window: unacknowledged messages in flight per stream and target. */
export const DEFAULT_WINDOW_MESSAGES = 8192;
/**
 * Least byte window per stream and target, whatever the path measures (`streams.minWindowBytes`,
 * bytes; streams/target-sender.ts). Smaller shortens the queue in front of a fast reroute's resends
 * and acks on a CPU-bound path, and costs throughput there and over unequal paths: with 4 MiB the
 * multipath bench's unequal-path ratio fell to 0.95-1.01 (1.13 with 8 MiB), README "Fast reroute".
 */
export const DEFAULT_MIN_WINDOW_BYTES = 8 * 1024 * 1024;
/** Lower bound of the retransmission timeout (ms). */
export const DEFAULT_RTO_MIN_MS = 300;
/** Upper bound of the retransmission timeout after backoff (ms). */
export const DEFAULT_RTO_MAX_MS = 5000;
/** Unacknowledged messages in a stream's outbox above which publishers wait (high water mark). */
export const DEFAULT_OUTBOX_HIGH_WATER = 200_000;
/**
 * Bytes of unacknowledged messages in a stream's outbox above which publishers wait (bytes): eight
 * times the largest stream window (streams/target-sender.ts `WINDOW_BYTES`), well above what a
 * stream has in flight. It bounds the disk a backlog takes (docs/BENCHMARKS.md on 64 MiB).
 */
export const DEFAULT_OUTBOX_HIGH_WATER_BYTES = 256 * 1024 * 1024;
/** Messages a target stores beyond its subscriber's acknowledged offset (credit window toward the source). */
export const DEFAULT_INBOX_HIGH_WATER = 65_536;
/** Largest client-data message accepted by the API (bytes). */
export const DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
/** Raft clock tick of the Mesh Control Group (ms); election timeout is a random 10-20 ticks, heartbeats every tick. */
export const DEFAULT_RAFT_TICK_MS = 100;
/** Election timeout in ticks (randomized in [n, 2n)). */
export const DEFAULT_RAFT_ELECTION_TICKS = 10;
/** Voters of the Mesh Control Group: the first members up to this many; the rest are learners. */
export const DEFAULT_MCG_VOTERS = 5;
/** Entries applied between two snapshots of the Mesh Control Group. */
export const DEFAULT_RAFT_SNAPSHOT_ENTRIES = 10_000;
/** Entries kept behind a snapshot (for lagging members and update subscribers). */
export const DEFAULT_RAFT_RETAIN_ENTRIES = 5_000;
/** A consensus write not committed within this time is answered ERR_UNAVAILABLE (ms). */
export const DEFAULT_RAFT_PROPOSE_TIMEOUT_MS = 5_000;
/** Largest mesh, node or internal-DB update payload (bytes). */
export const DEFAULT_MAX_UPDATE_BYTES = 64 * 1024;

/** Most live data in the stream store (`storage.maxBytes`, bytes); 0: no limit but the disk. */
export const DEFAULT_STORAGE_MAX_BYTES = 0;

/** Requests remembered per idempotent producer and stream (`streams.producerWindow`). */
export const DEFAULT_PRODUCER_WINDOW = 128;
/** Idempotent producers remembered per stream (`streams.maxProducers`). */
export const DEFAULT_MAX_PRODUCERS = 1024;

/** Paths kept per destination and traffic class (`routing.k`). */
export const DEFAULT_ROUTING_K = 4;
/** Relative cost margin before a destination's primary path moves (`routing.hysteresis`). */
export const DEFAULT_ROUTING_HYSTERESIS = 0.15;

/**
 * SWIM + Lifeguard defaults (`membership.*`): memberlist's LAN profile (probe every 1 s, 500 ms
 * timeout, 3 indirect checks, suspicion multiplier 4 up to 6x, retransmit multiplier 4, gossip to
 * 3 members every 200 ms, local health multiplier up to 8), ticked every 50 ms.
 */
export const DEFAULT_SWIM = {
  probeIntervalMs: 1000, probeTimeoutMs: 500, indirectChecks: 3, suspicionMult: 4, suspicionMaxTimeoutMult: 6,
  retransmitMult: 4, gossipIntervalMs: 200, gossipNodes: 3, maxPiggyback: 16, awarenessMaxMultiplier: 8, tickMs: 50,
} as const;

/** A link's send queue past this many bytes refuses new data frames (`lanes.highWaterBytes`). */
export const DEFAULT_HIGH_WATER_BYTES = 64 * 1024 * 1024;
/** ... until it drains below this many bytes (`lanes.lowWaterBytes`). */
export const DEFAULT_LOW_WATER_BYTES = 16 * 1024 * 1024;
/** Most lanes (WebSocket connections) per peer (`lanes.max`): control, priority and two bulk lanes; 1 is the collapsible mode. */
export const DEFAULT_LANES_MAX = 4;
/** Bulk lanes a VirtualLink starts with and keeps at least (`lanes.bulkMin`). */
export const DEFAULT_LANES_BULK_MIN = 1;
/** Credit window of a control lane (`lanes.controlWindowBytes`). */
export const DEFAULT_CONTROL_WINDOW_BYTES = 4 * 1024 * 1024;
/** Credit window of a data lane (`lanes.dataWindowBytes`). */
export const DEFAULT_DATA_WINDOW_BYTES = 16 * 1024 * 1024;
/** A bulk lane's smoothed send queue over this many bytes counts toward scaling up (`lanes.scaleUpBacklogBytes`). */
export const DEFAULT_SCALE_UP_BACKLOG_BYTES = 1024 * 1024;
/** Every bulk lane must stay backlogged, with its RTT inflated, this long before another opens (`lanes.scaleUpAfterMs`). */
export const DEFAULT_SCALE_UP_AFTER_MS = 2000;
/** An extra bulk lane idle this long is closed (`lanes.idleMs`). */
export const DEFAULT_LANE_IDLE_MS = 30_000;
/** Least time between two lane scale changes of one peer (`lanes.cooldownMs`). */
export const DEFAULT_LANE_COOLDOWN_MS = 10_000;

/** Fraction of publishes traced when tracing is on (`tracing.sampleRatio`). */
export const DEFAULT_TRACE_SAMPLE_RATIO = 0.01;
