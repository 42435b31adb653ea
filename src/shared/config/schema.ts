/**
 * Node configuration schema (zod). A config file (YAML or JSON) is validated against
 * {@link ConfigSchema}; a bad value is refused with ERR_CONFIG_INVALID naming the field.
 * Defaults are named `DEFAULT_*` in `./defaults.ts`.
 */
import { z } from 'zod';
import * as D from './defaults.js';
import { DEFAULT_SWIM } from './defaults.js';
import { INITIAL_CREDIT_BYTES as INITIAL_CREDIT, MAX_LANES } from '../wire/constants.js';

const port = z.number().int().min(0).max(65535);
const host = z.string().min(1).max(255);
const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'letters, digits, . _ - (1-63 chars)');

/** Cost coefficients of one traffic class (see src/main/topology/path-cost.ts); all >= 0. */
const coefficient = z.number().min(0).max(1e9);
const coefficients = z.object({ a: coefficient, b: coefficient, c: coefficient, d: coefficient, e: coefficient }).strict();

/** `host:port` or `[v6]:port`; used for peers and advertised addresses. */
export const AddressSchema = z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'expected host:port');

/** One entry of a services file in the seed's `mesh-services.json` shape. */
export const ServiceSchema = z.object({
  id: name,
  name: z.string().max(200).optional(),
  endpoint: AddressSchema,
  grpcEndpoint: AddressSchema.optional(),
  metricsEndpoint: AddressSchema.optional(),
  tags: z.array(z.string().max(100)).default([]),
  peers: z.array(z.string()).default([]),
  role: z.string().max(100).optional(),
});
/** See {@link ServiceSchema}. */
export type Service = z.infer<typeof ServiceSchema>;

/** A services file: `{ "services": [ ... ] }`. */
export const ServicesFileSchema = z.object({ mesh: z.string().max(200).optional(), services: z.array(ServiceSchema).min(1) });
/** See {@link ServicesFileSchema}. */
export type ServicesFile = z.infer<typeof ServicesFileSchema>;

/** The full node configuration; every field but `node.id` has a default. */
export const ConfigSchema = z.strictObject({
  node: z.strictObject({ id: name, name: z.string().max(200).optional() }),
  dataDir: z.string().min(1).optional(),
  mesh: z.strictObject({
    host: host.default(D.DEFAULT_HOST),
    port: port.default(D.DEFAULT_MESH_PORT),
    /** Address other nodes dial to reach this one; defaults to host:port. */
    advertise: AddressSchema.optional(),
  }).default({ host: D.DEFAULT_HOST, port: D.DEFAULT_MESH_PORT }),
  grpc: z.strictObject({ host: host.default(D.DEFAULT_HOST), port: port.default(D.DEFAULT_GRPC_PORT) })
    .default({ host: D.DEFAULT_HOST, port: D.DEFAULT_GRPC_PORT }),
  metrics: z.strictObject({ host: host.default(D.DEFAULT_HOST), port: port.default(D.DEFAULT_METRICS_PORT) })
    .default({ host: D.DEFAULT_HOST, port: D.DEFAULT_METRICS_PORT }),
  /** Peers this node dials: `host:port`, or a service id from the services file. */
  peers: z.array(z.string().min(1)).default([]),
  /** Join key presented by JoinMesh when the API call gives none. */
  joinKey: z.string().min(1).max(1024).optional(),
  servicesFile: z.string().optional(),
  log: z.strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
    .default({ level: 'info' }),
  dataPlane: z.strictObject({
    chunkBytes: z.number().int().min(1024).max(1024 * 1024).default(D.DEFAULT_CHUNK_BYTES),
    batchBytes: z.number().int().min(4096).max(4 * 1024 * 1024).default(D.DEFAULT_BATCH_BYTES),
    heartbeatMs: z.number().int().min(50).max(60_000).default(D.DEFAULT_HEARTBEAT_MS),
    deadAfterMs: z.number().int().min(200).max(600_000).default(D.DEFAULT_DEAD_AFTER_MS),
    workers: z.number().int().min(0).max(D.MAX_WORKERS).default(D.DEFAULT_WORKERS),
  }).default({ chunkBytes: D.DEFAULT_CHUNK_BYTES, batchBytes: D.DEFAULT_BATCH_BYTES, heartbeatMs: D.DEFAULT_HEARTBEAT_MS, deadAfterMs: D.DEFAULT_DEAD_AFTER_MS, workers: D.DEFAULT_WORKERS }),
  streams: z.strictObject({
    windowMessages: z.number().int().min(1).max(1_000_000).default(D.DEFAULT_WINDOW_MESSAGES),
    /** Least byte window per stream and target (src/main/streams/in-flight.ts); at most the 32 MiB the window ever reaches. */
    minWindowBytes: z.number().int().min(64 * 1024).max(32 * 1024 * 1024).default(D.DEFAULT_MIN_WINDOW_BYTES),
    rtoMinMs: z.number().int().min(10).max(60_000).default(D.DEFAULT_RTO_MIN_MS),
    rtoMaxMs: z.number().int().min(10).max(600_000).default(D.DEFAULT_RTO_MAX_MS),
    outboxHighWater: z.number().int().min(1).default(D.DEFAULT_OUTBOX_HIGH_WATER),
    /** Bytes of the backlog above which publishers wait, beside the message count (src/main/streams/backlog.ts). */
    outboxHighWaterBytes: z.number().int().min(1024 * 1024).default(D.DEFAULT_OUTBOX_HIGH_WATER_BYTES),
    inboxHighWater: z.number().int().min(1).default(D.DEFAULT_INBOX_HIGH_WATER),
    maxMessageBytes: z.number().int().min(1).max(16 * 1024 * 1024).default(D.DEFAULT_MAX_MESSAGE_BYTES),
    /** Requests remembered per idempotent producer and stream (src/main/streams/producers.ts). */
    producerWindow: z.number().int().min(1).max(100_000).default(D.DEFAULT_PRODUCER_WINDOW),
    /** Idempotent producers remembered per stream (least recently used forgotten first). */
    maxProducers: z.number().int().min(1).max(1_000_000).default(D.DEFAULT_MAX_PRODUCERS),
  }).default({
    windowMessages: D.DEFAULT_WINDOW_MESSAGES, minWindowBytes: D.DEFAULT_MIN_WINDOW_BYTES, rtoMinMs: D.DEFAULT_RTO_MIN_MS, rtoMaxMs: D.DEFAULT_RTO_MAX_MS,
    outboxHighWater: D.DEFAULT_OUTBOX_HIGH_WATER, outboxHighWaterBytes: D.DEFAULT_OUTBOX_HIGH_WATER_BYTES, inboxHighWater: D.DEFAULT_INBOX_HIGH_WATER, maxMessageBytes: D.DEFAULT_MAX_MESSAGE_BYTES,
    producerWindow: D.DEFAULT_PRODUCER_WINDOW, maxProducers: D.DEFAULT_MAX_PRODUCERS,
  }),
  /**
   * Operator-supplied certificates instead of meshd's own CA (all three or none): the CA
   * certificate (its fingerprint is the mesh fingerprint), and this node's certificate and key,
   * issued by that CA with the URI SAN `spiffe://<trust domain>/node/<node id>`. See
   * docs/SECURITY.md "Operator CA".
   *
   * `insecureDevOnly` (flag `--insecure-dev-only`, for benchmark baselines): frames carry no pair
   * tag check and tenant payloads are not sealed (links and the API keep TLS and tokens). Refused
   * unless every listener is on loopback; every node of such a mesh must use it.
   */
  security: z.strictObject({
    caCertFile: z.string().min(1).optional(), certFile: z.string().min(1).optional(), keyFile: z.string().min(1).optional(),
    insecureDevOnly: z.boolean().default(false),
  })
    .refine((s) => [s.caCertFile, s.certFile, s.keyFile].every((f) => f === undefined) || [s.caCertFile, s.certFile, s.keyFile].every((f) => f !== undefined), {
      message: 'security.caCertFile, certFile and keyFile go together',
    })
    .default({ insecureDevOnly: false }),
  /**
   * Stream store limit: `maxBytes` of live data (the pages of every database of `meshd.lmdb`; 0:
   * no limit but the disk). At the limit a source refuses publishes (ERR_STORAGE_FULL) and a
   * target stops acknowledging new messages (its sources keep them and send them again), so a full
   * disk never fails a write that was acknowledged.
   */
  storage: z.strictObject({ maxBytes: z.number().int().min(0).default(D.DEFAULT_STORAGE_MAX_BYTES) }).default({ maxBytes: D.DEFAULT_STORAGE_MAX_BYTES }),
  /**
   * OpenTelemetry traces of client data (src/shared/tracing): off unless `endpoint` (an OTLP/HTTP
   * traces URL) is set; `sampleRatio` of publishes are traced from source through every hop to
   * delivery.
   */
  tracing: z.strictObject({
    endpoint: z.url({ protocol: /^https?$/ }).optional(),
    sampleRatio: z.number().min(0).max(1).default(D.DEFAULT_TRACE_SAMPLE_RATIO),
  }).default({ sampleRatio: D.DEFAULT_TRACE_SAMPLE_RATIO }),
  /**
   * VirtualLink lanes and flow control (src/workers/dataplane/lanes.ts, lane-credit.ts,
   * src/main/node/lane-manager.ts): at most `max` WebSocket connections per peer (lane 0 control,
   * 1 priority, 2.. bulk; 1 is the collapsible mode, everything on one connection), starting with
   * `bulkMin` bulk lanes; another bulk lane opens when every bulk lane stayed over
   * `scaleUpBacklogBytes` with its RTT at least doubled for `scaleUpAfterMs`, an extra one idle for
   * `idleMs` closes, at most one change per `cooldownMs`. Credit windows per lane, and send-queue
   * water marks per link (bytes).
   */
  lanes: z.strictObject({
    max: z.number().int().min(1).max(MAX_LANES).default(D.DEFAULT_LANES_MAX),
    bulkMin: z.number().int().min(1).max(MAX_LANES - 2).default(D.DEFAULT_LANES_BULK_MIN),
    controlWindowBytes: z.number().int().min(INITIAL_CREDIT).max(1024 * 1024 * 1024).default(D.DEFAULT_CONTROL_WINDOW_BYTES),
    dataWindowBytes: z.number().int().min(INITIAL_CREDIT).max(1024 * 1024 * 1024).default(D.DEFAULT_DATA_WINDOW_BYTES),
    highWaterBytes: z.number().int().min(1024 * 1024).max(4 * 1024 * 1024 * 1024).default(D.DEFAULT_HIGH_WATER_BYTES),
    lowWaterBytes: z.number().int().min(0).default(D.DEFAULT_LOW_WATER_BYTES),
    scaleUpBacklogBytes: z.number().int().min(1).default(D.DEFAULT_SCALE_UP_BACKLOG_BYTES),
    scaleUpAfterMs: z.number().int().min(0).max(600_000).default(D.DEFAULT_SCALE_UP_AFTER_MS),
    idleMs: z.number().int().min(100).max(86_400_000).default(D.DEFAULT_LANE_IDLE_MS),
    cooldownMs: z.number().int().min(0).max(600_000).default(D.DEFAULT_LANE_COOLDOWN_MS),
  }).strict()
    .refine((l) => l.lowWaterBytes < l.highWaterBytes, { message: 'lanes.lowWaterBytes must be below highWaterBytes' })
    .prefault({}),
  /**
   * Path computation (src/main/topology): `k` paths per destination and class by Yen's algorithm,
   * a `hysteresis` margin before the primary path moves, the cost coefficients per traffic class
   * (`cost = a*latency + b/bandwidth + c*utilization + d*loss + e*hops`, see path-cost.ts; they must
   * be the same on every node), an administrative weight per neighbor node id, and the multipath
   * scheduler of bulk chunks (`ecf` earliest completion first, or `wrr` weighted round robin).
   */
  routing: z.strictObject({
    k: z.number().int().min(1).max(16).default(D.DEFAULT_ROUTING_K),
    hysteresis: z.number().min(0).max(10).default(D.DEFAULT_ROUTING_HYSTERESIS),
    costs: z.strictObject({ control: coefficients.optional(), priority: coefficients.optional(), bulk: coefficients.optional() }).strict().default({}),
    linkWeights: z.record(name, z.number().min(1).max(1_000_000)).default({}),
    scheduler: z.enum(['ecf', 'wrr']).default('ecf'),
  }).default({ k: D.DEFAULT_ROUTING_K, hysteresis: D.DEFAULT_ROUTING_HYSTERESIS, costs: {}, linkWeights: {}, scheduler: 'ecf' }),
  /**
   * SWIM failure detection with Lifeguard (src/main/membership/types.ts): memberlist's LAN
   * defaults. `capabilities` are announced in this node's metadata.
   */
  membership: z.strictObject({
    probeIntervalMs: z.number().int().min(50).max(60_000).default(DEFAULT_SWIM.probeIntervalMs),
    probeTimeoutMs: z.number().int().min(10).max(60_000).default(DEFAULT_SWIM.probeTimeoutMs),
    indirectChecks: z.number().int().min(0).max(16).default(DEFAULT_SWIM.indirectChecks),
    suspicionMult: z.number().int().min(1).max(100).default(DEFAULT_SWIM.suspicionMult),
    suspicionMaxTimeoutMult: z.number().int().min(1).max(100).default(DEFAULT_SWIM.suspicionMaxTimeoutMult),
    retransmitMult: z.number().int().min(1).max(100).default(DEFAULT_SWIM.retransmitMult),
    gossipIntervalMs: z.number().int().min(10).max(60_000).default(DEFAULT_SWIM.gossipIntervalMs),
    gossipNodes: z.number().int().min(0).max(64).default(DEFAULT_SWIM.gossipNodes),
    maxPiggyback: z.number().int().min(1).max(64).default(DEFAULT_SWIM.maxPiggyback),
    awarenessMaxMultiplier: z.number().int().min(0).max(64).default(DEFAULT_SWIM.awarenessMaxMultiplier),
    tickMs: z.number().int().min(5).max(1000).default(DEFAULT_SWIM.tickMs),
    capabilities: z.array(z.string().min(1).max(64)).max(32).default([]),
  }).refine((m) => m.probeTimeoutMs < m.probeIntervalMs, { message: 'membership.probeTimeoutMs must be below probeIntervalMs' })
    .default({ ...DEFAULT_SWIM, capabilities: [] }),
  /** Mesh Control Group (Raft) timing and sizes. */
  consensus: z.strictObject({
    tickMs: z.number().int().min(5).max(10_000).default(D.DEFAULT_RAFT_TICK_MS),
    electionTicks: z.number().int().min(3).max(1000).default(D.DEFAULT_RAFT_ELECTION_TICKS),
    voters: z.number().int().min(1).max(9).default(D.DEFAULT_MCG_VOTERS),
    snapshotEntries: z.number().int().min(10).max(10_000_000).default(D.DEFAULT_RAFT_SNAPSHOT_ENTRIES),
    retainEntries: z.number().int().min(0).max(10_000_000).default(D.DEFAULT_RAFT_RETAIN_ENTRIES),
    proposeTimeoutMs: z.number().int().min(100).max(600_000).default(D.DEFAULT_RAFT_PROPOSE_TIMEOUT_MS),
    maxUpdateBytes: z.number().int().min(1024).max(512 * 1024).default(D.DEFAULT_MAX_UPDATE_BYTES),
  }).default({
    tickMs: D.DEFAULT_RAFT_TICK_MS, electionTicks: D.DEFAULT_RAFT_ELECTION_TICKS, voters: D.DEFAULT_MCG_VOTERS, snapshotEntries: D.DEFAULT_RAFT_SNAPSHOT_ENTRIES,
    retainEntries: D.DEFAULT_RAFT_RETAIN_ENTRIES, proposeTimeoutMs: D.DEFAULT_RAFT_PROPOSE_TIMEOUT_MS, maxUpdateBytes: D.DEFAULT_MAX_UPDATE_BYTES,
  }),
});

/** Configuration as written (before defaults). */
export type ConfigInput = z.input<typeof ConfigSchema>;

/** Validated configuration with defaults applied and `dataDir`, `node.name` resolved. */
export type Config = z.output<typeof ConfigSchema> & { dataDir: string; node: { id: string; name: string } };
