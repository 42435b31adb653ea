/**
 * Storage ports: the only way the control plane reaches durable state. Every adapter (LMDB, the
 * embedded default; memory, for tests) passes the same compliance suite
 * (`test/unit/storage-compliance.test.ts`). A returned promise resolves only once the write is
 * durable (for LMDB: committed and synced), and a multi-record write is one atomic transaction.
 */

/**
 * The mesh this node belongs to. It holds no secret: the join policy and key hash live in the
 * Mesh Control Group's state, and keys in the node's identity directory.
 */
export interface MeshRecord {
  meshId: string;
  name: string;
  /**
   * The members and their keys as the member this node joined through recorded them in its
   * welcome (that member's own entry checked against the key it presented in TLS, its certificate
   * against the mesh fingerprint): trusted for links and frames until this node has applied its
   * own join entry, from then on the control group's records are.
   */
  pins?: Array<{ nodeId: string; key: string; spki: string; kx: string }>;
  selfId: string;
  createdAtMs: number;
  /** false after StopMesh: the node keeps its data but does not reconnect at start-up. */
  active: boolean;
  /**
   * Set by `meshd repair`: when, and whether stream records may have been lost (the stream store
   * was unreadable or missing). A target that then receives a stream it has no record of, from a
   * seq above 1, stops that stream (ERR_STORAGE) instead of waiting for seqs it will never get.
   */
  repair?: { atMs: number; streamsLost: boolean };
}

/** A known member: `dial` is true for peers this node dials itself after a restart. */
export interface PeerRecord {
  nodeId: string;
  name: string;
  address: string;
  dial: boolean;
  lastSeenMs: number;
}

/** A client-data stream at its source node. `acked[target]` is the target's cumulative ack. */
export interface SourceStream {
  streamId: string;
  tenantId: string;
  source: string;
  targets: string[];
  qos: string;
  priority: number;
  createdAtMs: number;
  lastSeq: number;
  acked: Record<string, number>;
  /** Set by `meshd repair` when messages of the stream were lost here: the stream stays stopped (ERR_STORAGE). */
  lost?: string;
  /** CloseClientDataStream began: no more publishes. */
  closing?: boolean;
  /** The seq of the stream's end marker (recorded before the marker is appended to the outbox). */
  endSeq?: number;
}

/** A client-data stream at a target node: what was received and what the subscriber acknowledged. */
export interface TargetStream {
  streamId: string;
  source: string;
  tenantTag: string;
  receivedOffset: number;
  consumerOffset: number;
  /** Set by `meshd repair` when messages of the stream were lost here: the stream stays stopped (ERR_STORAGE). */
  lost?: string;
  /**
   * The seq of the stream's end marker once its source closed it (CloseClientDataStream): nothing
   * follows; once the subscriber consumed everything before it, the inbox is emptied and this
   * record stays as the stream's tombstone.
   */
  closedAt?: number;
}

/** One message in an outbox or inbox. */
export interface StoredMessage {
  seq: number;
  messageId: string;
  publishedAtMs: number;
  payload: Uint8Array;
}

/**
 * A publish an idempotent producer made, kept so a retry of it is answered with the same seqs
 * and message ids instead of publishing again (`src/main/streams/producers.ts`).
 */
export interface ProducedRecord {
  streamId: string;
  producerId: string;
  requestId: number;
  firstSeq: number;
  messageIds: string[];
  /** BLAKE3 (hex) of the batch's payloads: tells a retry from a reuse of the request id. */
  digest: string;
  atMs: number;
}

/** The key of a {@link ProducedRecord}: stream, producer, request id. */
export type ProducedKey = [streamId: string, producerId: string, requestId: number];

/**
 * The newest LSA of one origin as received (its encoded body and the origin's signature), kept so
 * a restarted node knows the topology and its own last sequence before any neighbor speaks.
 */
export interface StoredLsa {
  origin: string;
  seq: number;
  body: Uint8Array;
  sig: Uint8Array;
}

/** Mesh identity, known peers and the last LSA versions. */
export interface MeshStore {
  getMesh(): MeshRecord | undefined;
  putMesh(m: MeshRecord): Promise<void>;
  /** Removes the mesh record, every peer and every LSA. */
  clearMesh(): Promise<void>;
  listPeers(): PeerRecord[];
  putPeer(p: PeerRecord): Promise<void>;
  /** Every stored LSA (the newest per origin). */
  listLsas(): StoredLsa[];
  /** Stores LSAs (replacing each origin's) and deletes the origins in `forget`, in one transaction. */
  putLsas(lsas: StoredLsa[], forget?: string[]): Promise<void>;
}

/** Outbox (source side) and inbox with offsets (target side) of client-data streams. */
export interface StreamStore {
  /**
   * Records that failed their checksum in a listing since the store was opened (listings leave
   * them out). A damaged record read on its own throws ERR_STORAGE instead.
   */
  listDamaged(): DamagedRecord[];
  /** Live data held (bytes): what `storage.maxBytes` limits. */
  usedBytes(): number;
  getSourceStream(streamId: string): SourceStream | undefined;
  listSourceStreams(): SourceStream[];
  putSourceStream(s: SourceStream): Promise<void>;
  /**
   * Appends messages to the outbox and sets the stream's lastSeq, in one transaction, together
   * with `produced` (the record of an idempotent producer's publish) when given, and deleting the
   * producer records `forget` names (fallen out of their window).
   */
  appendOutbox(streamId: string, msgs: StoredMessage[], produced?: ProducedRecord, forget?: ProducedKey[]): Promise<void>;
  /** Every stored producer record. */
  listProduced(): ProducedRecord[];
  /** Deletes producer records that fell out of their producer's window. */
  forgetProduced(keys: ProducedKey[]): Promise<void>;
  /** Up to `limit` outbox messages with seq >= fromSeq, ascending. */
  readOutbox(streamId: string, fromSeq: number, limit: number): StoredMessage[];
  /** Stores the targets' acks and deletes outbox messages with seq <= throughSeq, in one transaction. */
  trimOutbox(streamId: string, throughSeq: number, acked: Record<string, number>): Promise<void>;
  /** Deletes a source stream: its record, its outbox and its producers' records (CloseClientDataStream). */
  deleteSourceStream(streamId: string): Promise<void>;

  getTargetStream(streamId: string): TargetStream | undefined;
  listTargetStreams(): TargetStream[];
  /**
   * Writes messages to the inbox and advances the stream's receivedOffset to `stream.receivedOffset`
   * in one transaction (creating the record from `stream` when missing; the stored consumerOffset is
   * kept): the offset never runs ahead of, or behind, the inbox.
   */
  commitInbox(stream: TargetStream, msgs: StoredMessage[]): Promise<void>;
  /** Up to `limit` inbox messages with seq >= fromSeq, ascending. */
  readInbox(streamId: string, fromSeq: number, limit: number): StoredMessage[];
  /** Sets the consumer offset and deletes inbox messages with seq <= offset, in one transaction. */
  ackInbox(streamId: string, offset: number): Promise<void>;
}

/**
 * A stored record that failed its checksum when a listing read it. `store` is the database
 * (`peer-records`, `source-records`, `target-records`, `producer-records`), `key` its key as JSON.
 */
export interface DamagedRecord {
  store: string;
  key: string;
  message: string;
}

/** Everything a node stores. */
export interface Storage extends MeshStore, StreamStore {
  close(): Promise<void>;
}
