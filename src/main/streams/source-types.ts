/**
 * The shapes of the source side of client-data streams (source.ts): its dependencies, tenant
 * sealing, publish results and a stream's run-time state.
 */
import type { BacklogBytes } from './backlog.js';
import type { MeshError } from '../../shared/errors.js';
import type { Config } from '../../shared/config/index.js';
import type { DataPlanePort } from '../../workers/dataplane/index.js';
import type { ReroutePhase } from './reroute-timing.js';
import type { Logger } from '../observability/logger.js';
import type { SourceStream, StreamStore } from '../storage/index.js';
import type { TargetState } from './target-sender.js';

/** Acknowledgement level of a publish (proto AckLevel). */
export type AckLevel = 'SOURCE_DURABLE' | 'TARGETS_STORED';

/** A source stream at run time. */
export interface Runtime {
  meta: SourceStream;
  tenantTag: bigint;
  nextSeq: number;
  durableSeq: number;
  targets: TargetState[];
  ackWaiters: Array<{ seq: number; resolve: () => void }>;
  drainWaiters: Array<() => void>;
  /** Bytes of the messages not yet acknowledged by every target (backlog.ts). */
  backlog: BacklogBytes;
  trimmedThrough: number;
  trimming: boolean;
  failed: MeshError | null;
  /** Settles once the last publish call still waiting for its turn has its seqs (null: none; waits.ts `takeTurn`). */
  sealing: Promise<void> | null;
  /** The end marker's seq once it is durable (CloseClientDataStream; source-close.ts). */
  endSeq?: number;
  /** Called when the close completed (every target stored the end marker; the stream is deleted). */
  closeWaiters: Array<() => void>;
}

/** What the source side needs. */
export interface SourceDeps {
  selfId: string;
  store: StreamStore;
  dp: DataPlanePort;
  cfg: Config['streams'];
  log: Logger;
  hasRoute(nodeId: string): boolean;
  isKnown(nodeId: string): boolean;
  onRetransmit(count: number): void;
  /** A rerouted target acknowledged the oldest message the cut may have lost (`first`), or all that was in flight at the cut (`complete`): ms since the cut. */
  onRerouted?(phase: ReroutePhase, ms: number): void;
  /** Seals payloads of a tenant's stream before they are stored (tenant encryption). */
  sealer: PayloadSealer;
  /** An outbox record failed its checksum (the stream stops; counted by the node). */
  onDamaged(store: 'outbox'): void;
  /** True while the store holds `storage.maxBytes` of live data: publishes are refused. */
  storageFull?(): boolean;
  /** A closed stream was deleted here (every target stored its end marker). */
  onClosed?(streamId: string): void;
  /** The fraction (0.01-1) of the send window a tenant's streams get (QoS priority weight); 1 when absent. */
  windowShare?(tenant: string): number;
}

/**
 * Tenant encryption as the source sees it: sequence numbers keep the order of publish calls,
 * also when {@link seal} answers with a promise; {@link prepare} (creating or fetching the tenant's key) runs first
 * when {@link ready} says the key is not at hand.
 */
export interface PayloadSealer {
  ready(tenantId: string): boolean;
  prepare(tenantId: string): Promise<void>;
  /**
   * Seals `payloads`, naming `publisher` (the API subject that published them) in each: at once,
   * or as a promise when large payloads go to the sealing pool.
   */
  seal(tenantId: string, streamId: string, payloads: Uint8Array[], publisher: string): Uint8Array[] | Promise<Uint8Array[]>;
}

/** Result of a publish: the first sequence number and the message ids, in order. */
export interface PublishResult {
  streamId: string;
  firstSeq: number;
  messageIds: string[];
  /** True when this was a retry of an idempotent producer's earlier request (nothing was published). */
  duplicate?: boolean;
}

/** One stream target's send window at its source (SourceStreams.windows). */
export interface StreamWindow {
  streamId: string;
  /** The target's node id. */
  target: string;
  /** Byte window of the last send attempt (bytes; 0 before the first). */
  windowBytes: number;
  /** Bytes sent and not yet acknowledged. */
  inFlightBytes: number;
  /** Smoothed round trip, from a message's send to its ack (ms; RFC 6298 SRTT; 0 before the first sample). */
  srttMs: number;
  /** Least round trip of the last 10 s, the one the byte window is sized by (ms; 0 before the first sample). */
  minRttMs: number;
  /** Retransmission timeout (ms). */
  rtoMs: number;
}
