/**
 * The typed-message interface between the control plane and the data plane (ARCHITECTURE.md
 * "Threads"). Every interaction is one of these plain records, so the data plane can run in the
 * main thread (tests, `--workers 0`) or behind a thread boundary without changing either side.
 * Errors cross as `{ code, message }`.
 */
import type { TracingOptions } from '../../shared/tracing/index.js';
import type { ErrorCode } from '../../shared/errors.js';
import type { Frame } from '../../shared/wire/index.js';
import type { LinkPath, TlsIdentity } from './transport.js';
import type { LinkMetrics } from './link-meter.js';
import type { LostMessage } from './sent-log.js';

/** Data-plane-local id of one WebSocket connection. */
export type LinkId = number;

/** Reasons a frame is dropped; label values of `meshd_frames_dropped_total`. */
export const DropReason = {
  BadFrame: 'bad_frame',
  BadCrc: 'bad_crc',
  Oversized: 'oversized',
  TtlExpired: 'ttl_expired',
  NoRoute: 'no_route',
  DigestMismatch: 'digest_mismatch',
  Unauthenticated: 'unauthenticated',
  /** A routed frame for this node whose pair tag is wrong (forged or altered). */
  BadTag: 'bad_tag',
  /** A routed frame from (or to) a node this node holds no pair key for. */
  UnknownPeer: 'unknown_peer',
  Congested: 'congested',
  ReassemblyOverflow: 'reassembly_overflow',
  ReassemblyTimeout: 'reassembly_timeout',
  TextMessage: 'text_message',
} as const;
/** Union of {@link DropReason} values. */
export type DropReason = (typeof DropReason)[keyof typeof DropReason];

/** A client-data message to send: chunked by the data plane, routed by destination tag. */
export interface OutboundMessage {
  dst: bigint;
  streamId: string;
  tenant: bigint;
  seq: number;
  messageId: string;
  priority: number;
  payload: Uint8Array;
  /** A sampled message's W3C trace context (25 bytes; shared/tracing), carried in each of its frames. */
  trace?: Uint8Array;
  /** Sent again on a fast reroute: its frames carry {@link FrameFlag.Resend} and ride the priority lane. */
  resend?: boolean;
}

/** Commands from the control plane; fire and forget. */
export type DataPlaneCommand =
  | { type: 'set-local'; nodeTag: bigint }
  /** The key and certificate chain TLS presents from now on (listener and dials). */
  | { type: 'set-identity'; identity: TlsIdentity }
  /** SPKI fingerprints of the keys that may open member links (`/mesh`); see transport.ts. */
  | { type: 'set-trust'; fingerprints: string[] }
  /**
   * Replace the pair keys (`src/main/security/frame-keys.ts`): per peer tag, the key that tags
   * routed frames to it and the key that checks routed frames from it.
   */
  | { type: 'set-frame-keys'; keys: Array<[bigint, Uint8Array, Uint8Array]> }
  /** The handshake on this link succeeded: bind it to a peer as lane `lane` of its VirtualLink (lanes.ts). */
  | { type: 'bind-link'; linkId: LinkId; peerId: string; peerTag: bigint; lane: number }
  | { type: 'close-link'; linkId: LinkId; code: number; reason: string }
  /** Send a control frame on one link (handshake, LSA, bye). */
  | { type: 'send-link'; linkId: LinkId; frame: Uint8Array }
  /** Send an encoded frame by its destination (acks). */
  | { type: 'send-routed'; dst: bigint; frame: Uint8Array }
  | { type: 'send-message'; msg: OutboundMessage }
  /** Replace the routing table: destination tag -> next-hop peer tag. */
  | { type: 'set-routes'; routes: Array<[bigint, bigint]> }
  /**
   * Per destination, the loop-free first hops for striping and fast reroute (multipath.ts), best
   * first, with each path's cost, RTT (ms) and bandwidth (Mbit/s), and the scheduler policy.
   */
  | { type: 'set-multipath'; policy: 'ecf' | 'wrr'; paths: Array<[bigint, { hops: bigint[]; costs: number[]; rttMs: number[]; bwMbps: number[] }]> }
  /**
   * Replace the map of every neighbor's lanes across shards (workers): peer tag -> [lane, owning
   * shard] pairs. A frame whose lane another shard owns crosses to it over a worker-to-worker ring.
   */
  | { type: 'set-peer-lanes'; peers: Array<[bigint, Array<[number, number]>]> }
  /** New batch size and lane limits (a live reload): links of now and later use them. */
  | { type: 'set-limits'; batchBytes: number; lanes: LaneLimits };

/** A client-data message reassembled and checked by the data plane. */
export interface InboundMessage {
  src: bigint;
  streamId: string;
  tenant: bigint;
  seq: number;
  messageId: string;
  payload: Uint8Array;
  /** The trace context its frames carried (a sampled message), if any. */
  trace?: Uint8Array;
}

/** Events up to the control plane. */
export type DataPlaneEvent =
  /**
   * A WebSocket over TLS opened. `path` is the endpoint, `peerCerts` the peer's certificate chain
   * (DER, leaf first) and `binding` the RFC 9266 channel binding; see transport.ts.
   */
  | { type: 'link-open'; linkId: LinkId; outbound: boolean; remote: string; path: LinkPath; peerCerts: Uint8Array[]; binding: Uint8Array }
  /** A TLS client was refused before the WebSocket upgrade (its key is not a member's). */
  | { type: 'link-refused'; remote: string; reason: string }
  /**
   * A link closed; `atMs`: when the data plane saw it close (ms since epoch; absent when the
   * close was inferred, e.g. a shard restarted); `silentMs`: how long nothing had been received on
   * it by then (the cut is that long before); `lost`: the messages of this node's streams it may
   * have lost (sent-log.ts; absent when unknown, e.g. a shard restarted: then everything in flight
   * counts as lost).
   */
  | { type: 'link-closed'; linkId: LinkId; peerId?: string; lane?: number; reason: string; atMs?: number; silentMs?: number; lost?: LostMessage[] }
  /**
   * A shard suspects neighbor `peerId`: all its lanes there have been silent for `silentMs` (more
   * than half the dead-link time, liveness.ts) at `atMs` (ms since epoch); `lost`: the messages of
   * this node's streams those lanes may have lost, not reported before (sent-log.ts). Its frames
   * take alternates meanwhile.
   */
  | { type: 'link-suspect'; peerId: string; atMs: number; silentMs: number; lost: LostMessage[] }
  /** A shard heard again from neighbor `peerId`, which it suspected: the suspicion was false. */
  | { type: 'link-trusted'; peerId: string }
  /**
   * A bound link's measurements (after each heartbeat answer; see link-meter.ts), with its lane,
   * local send queue (`backlogBytes`), bytes sent or waiting that the peer has not consumed yet
   * (`inFlightBytes`, lane-credit.ts), the round trip it shows now (`currentRttMs`) and byte counters.
   */
  | ({
    type: 'link-metrics'; linkId: LinkId; peerId: string; lane: number; backlogBytes: number; inFlightBytes: number; currentRttMs: number;
    bytesIn: number; bytesOut: number;
  } & LinkMetrics)
  /**
   * A control frame for this node: link-local (handshake, LSA, bye) or routed to it (ack).
   * `atMs` (acks only): when the data plane read it off its link (ms since epoch), before it
   * waited for the control plane's thread; reroute timing dates an ack's arrival by it.
   */
  | { type: 'control'; linkId: LinkId; frame: Frame; atMs?: number }
  /** Client-data messages for this node, in arrival order. */
  | { type: 'messages'; messages: InboundMessage[] }
  | { type: 'frame-error'; linkId: LinkId; code: ErrorCode; message: string };

/** One link as reported for status pages. */
export interface LinkInfo {
  linkId: LinkId;
  peerId: string | null;
  /** The lane of its peer's VirtualLink (lanes.ts): 0 control, 1 priority, 2.. bulk. */
  lane: number;
  outbound: boolean;
  remote: string;
  up: boolean;
  /** Smoothed RTT (ms). */
  rttMs: number;
  /** Bandwidth estimate (Mbit/s; 0 = not measured). */
  bwMbps: number;
  /** Unanswered heartbeat fraction, 0..1. */
  loss: number;
  /** Sending utilization, 0..1. */
  util: number;
  bytesIn: number;
  bytesOut: number;
  framesIn: number;
  framesOut: number;
  /** Bytes in its send queue: waiting for credit, batched, and in the socket's buffer. */
  queueBytes: number;
  /** Credited bytes it may still send before the peer's next update. */
  creditBytes: number;
}

/** Counters of the data plane since start. */
export interface DataPlaneStats {
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
  forwarded: number;
  /** Transit frames handed to another shard (worker) over a shard ring. */
  shardHandoffs: number;
  /** Frames sent on a precomputed alternate hop because the primary next hop's link was down or its neighbor suspected (fast reroute). */
  rerouted: number;
  /** Chunks of bulk messages striped over a path other than the primary one. */
  striped: number;
  /** Times a neighbor was suspected: all its lanes in a shard silent for half the dead-link time (liveness.ts). */
  suspected: number;
  /** Times a suspected neighbor was heard again before being declared dead (a false suspicion). */
  suspicionsCleared: number;
  /** Acks this node originated sent a second time, over another path (outbound.ts `routeAck`). */
  ackCopies: number;
  /** Selective acks this node sent for resends that arrived for it (inbound.ts, src/shared/wire/sack.ts). */
  sacks: number;
  /**
   * Transit frames that came back from the neighbor the routes name as next hop (a U-turn: its own
   * path broke first) and were sent to a precomputed alternate instead (outbound.ts `forward`).
   */
  uturns: number;
  dropped: Record<DropReason, number>;
}

/** Tuning of the data plane (config `dataPlane`). */
export interface DataPlaneOptions {
  chunkBytes: number;
  batchBytes: number;
  heartbeatMs: number;
  deadAfterMs: number;
  /** Data-plane worker threads (shards): 0 runs the data plane in the main thread. */
  workers?: number;
  /**
   * `--insecure-dev-only` (benchmark baselines on loopback): routed frames are neither tagged
   * nor checked; only the sender being a member (having a pair key) is required.
   */
  insecureDevOnly?: boolean;
  /** Lane credit windows and send-queue water marks (config `lanes`, bytes); defaults when absent. */
  lanes?: LaneLimits;
  /** The node's id (named in its spans). */
  nodeId?: string;
  /** OpenTelemetry tracing (config `tracing`; shared/tracing): transit hops record spans of sampled messages. */
  tracing?: TracingOptions;
}

/** Per-lane flow-control settings of a data plane (bytes); see lane-credit.ts and link.ts. */
export interface LaneLimits {
  /** How far ahead the peer may send on a control lane (lane 0). */
  controlWindowBytes: number;
  /** ... on a data lane (1 and up). */
  dataWindowBytes: number;
  highWaterBytes: number;
  lowWaterBytes: number;
}

/** What the control plane holds of a data plane: the same whether it is in-thread or a worker. */
export interface DataPlanePort {
  /**
   * Starts listening for inbound links (TLS; needs `set-identity` first); resolves to the bound port.
   * @throws MeshError ERR_UNAVAILABLE (bind failed), ERR_FAILED_PRECONDITION (no identity set).
   */
  listen(host: string, port: number): Promise<number>;
  /**
   * Dials `wss://address/<path>` (default `mesh`); resolves to the link id once the WebSocket is open.
   * @throws MeshError ERR_UNAVAILABLE when the dial fails, ERR_ABORTED when `signal` aborts,
   *   ERR_FAILED_PRECONDITION when no identity is set.
   */
  dial(address: string, signal?: AbortSignal, path?: LinkPath): Promise<LinkId>;
  execute(cmd: DataPlaneCommand): void;
  stats(): Promise<DataPlaneStats>;
  links(): Promise<LinkInfo[]>;
  /** Closes every link and the listener. */
  stop(): Promise<void>;
  /** Receives events; set once by the control plane. */
  onEvent: (ev: DataPlaneEvent) => void;
}
