/**
 * Idempotent producers (issue: faults, item 1): a publish that names a producer id and a request
 * id is applied once per (stream, producer, request id). The source keeps, durably and in the
 * same transaction as the outbox append, the result of the last `window` requests of each
 * producer of a stream (`streams.producerWindow`, default 128) for at most `maxProducers`
 * producers per stream (the least recently used is forgotten first). A retry of a request in the
 * window is answered with the original seqs and message ids and publishes nothing; a retry still
 * in flight waits for the original's answer. Like Kafka's idempotent producer (per-producer
 * sequence numbers) and JetStream's Nats-Msg-Id deduplication window.
 *
 * A request id below every id in a known producer's window cannot be judged (it may have been
 * applied and forgotten): it is refused with ERR_FAILED_PRECONDITION. The same request id with
 * other payloads is refused with ERR_INVALID_ARGUMENT.
 */
import { Blake3Hasher } from '@napi-rs/blake-hash';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import type { ProducedKey, ProducedRecord, StreamStore } from '../storage/index.js';

/** Largest producer id (characters). */
export const MAX_PRODUCER_ID = 64;

/** Who publishes idempotently: a producer id and this request's id (increasing per producer). */
export interface ProducerRequest {
  producerId: string;
  requestId: number;
}

/** What a producer's earlier publish answered. */
export interface ProducedResult {
  firstSeq: number;
  messageIds: string[];
}

interface Window {
  /** Request id -> record, in insertion order. */
  done: Map<number, ProducedRecord>;
  /** Highest request id forgotten from this window (ids at or below it cannot be judged). */
  floor: number;
}

/** The producer windows of every stream this node is the source of. */
export class ProducerWindows {
  private streams = new Map<string, Map<string, Window>>();
  private pending = new Map<string, Promise<ProducedResult>>();
  private forgotten: ProducedKey[] = [];
  /** Requests whose stored record failed its checksum: their retries cannot be judged. */
  private damaged = new Set<string>();

  constructor(private readonly store: StreamStore, private readonly window: number, private readonly maxProducers: number) {}

  /**
   * Loads the stored records (at start). `damaged` are the keys of records that failed their
   * checksum: a retry of one of them gets ERR_STORAGE, since it may or may not have been applied.
   */
  load(stored: ProducedRecord[] = this.store.listProduced(), damaged: ProducedKey[] = []): void {
    const all = [...stored].sort((a, b) => a.atMs - b.atMs || a.requestId - b.requestId);
    for (const r of all) this.windowOf(r.streamId, r.producerId).done.set(r.requestId, r);
    for (const [streamId, producerId, requestId] of damaged) this.damaged.add(key(streamId, { producerId, requestId }));
  }

  /**
   * Checks a request. Resolves to the earlier answer when it is a retry (waiting for it when the
   * original is still in flight), or null when it is new.
   * @throws MeshError ERR_INVALID_ARGUMENT (bad ids, or the id reused with other payloads),
   *   ERR_FAILED_PRECONDITION (older than the producer's window), ERR_STORAGE (its stored record
   *   is damaged).
   */
  check(streamId: string, p: ProducerRequest, digest: string): Promise<ProducedResult> | ProducedResult | null {
    validate(p);
    if (this.damaged.has(key(streamId, p))) {
      throw new MeshError(ErrorCode.Storage, `the stored record of request_id ${p.requestId} of producer ${p.producerId} is damaged: whether it was applied is unknown`);
    }
    const inFlight = this.pending.get(key(streamId, p));
    if (inFlight) return inFlight;
    const w = this.streams.get(streamId)?.get(p.producerId);
    const rec = w?.done.get(p.requestId);
    if (rec) {
      if (rec.digest !== digest) throw new MeshError(ErrorCode.InvalidArgument, `request_id ${p.requestId} of producer ${p.producerId} was used for other payloads`);
      return { firstSeq: rec.firstSeq, messageIds: rec.messageIds };
    }
    if (w && p.requestId <= w.floor) {
      throw new MeshError(ErrorCode.FailedPrecondition, `request_id ${p.requestId} of producer ${p.producerId} is older than its window of ${this.window}: it may have been applied`);
    }
    return null;
  }

  /** Marks a new request in flight until `result` settles (a retry meanwhile waits for it). */
  begin(streamId: string, p: ProducerRequest, result: Promise<ProducedResult>): void {
    const k = key(streamId, p);
    this.pending.set(k, result);
    const clear = () => { if (this.pending.get(k) === result) this.pending.delete(k); };
    result.then(clear, clear);
  }

  /** The record to store with the outbox append of a new request. */
  record(streamId: string, p: ProducerRequest, digest: string, result: ProducedResult): ProducedRecord {
    return { streamId, producerId: p.producerId, requestId: p.requestId, firstSeq: result.firstSeq, messageIds: result.messageIds, digest, atMs: Date.now() };
  }

  /** A new request's record is durable: it enters the window; what falls out is deleted. */
  committed(rec: ProducedRecord): void {
    const w = this.windowOf(rec.streamId, rec.producerId);
    w.done.set(rec.requestId, rec);
    const forget: ProducedKey[] = [];
    while (w.done.size > this.window) {
      const oldest = Math.min(...w.done.keys());
      w.done.delete(oldest);
      w.floor = Math.max(w.floor, oldest);
      forget.push([rec.streamId, rec.producerId, oldest]);
    }
    const producers = this.streams.get(rec.streamId)!;
    while (producers.size > this.maxProducers) {
      const [id, lru] = producers.entries().next().value as [string, Window];
      producers.delete(id);
      for (const r of lru.done.keys()) forget.push([rec.streamId, id, r]);
    }
    // Deleted with the next outbox append (no transaction of their own); outside the window either way.
    this.forgotten.push(...forget);
  }

  /** Producer records to delete in the next outbox append (see {@link committed}). */
  takeForgotten(): ProducedKey[] {
    const f = this.forgotten;
    this.forgotten = [];
    return f;
  }

  private windowOf(streamId: string, producerId: string): Window {
    let producers = this.streams.get(streamId);
    if (!producers) this.streams.set(streamId, (producers = new Map()));
    let w = producers.get(producerId);
    if (w) producers.delete(producerId); // re-inserted: most recently used last
    else w = { done: new Map(), floor: 0 };
    producers.set(producerId, w);
    return w;
  }
}

/** Payloads at least this large (bytes) are hashed in place rather than copied into the scratch buffer. */
const DIGEST_IN_PLACE_BYTES = 16 * 1024;
const digestScratch = Buffer.allocUnsafe(64 * 1024);

/**
 * BLAKE3 (hex) over a batch's payloads, each preceded by its 4-byte big-endian length. Small
 * payloads are gathered in a scratch buffer and large ones hashed in place, so a batch of 1 MiB
 * payloads is never copied (a copy of every published byte showed in e2e-bulk's allocation trace).
 */
export function batchDigest(payloads: Uint8Array[]): string {
  const h = new Blake3Hasher();
  let used = 0;
  const flush = () => {
    if (used) h.update(digestScratch.subarray(0, used));
    used = 0;
  };
  for (const p of payloads) {
    if (used + 4 > digestScratch.length) flush();
    digestScratch.writeUInt32BE(p.length, used);
    used += 4;
    if (p.length >= DIGEST_IN_PLACE_BYTES || used + p.length > digestScratch.length) {
      flush();
      h.update(Buffer.from(p.buffer, p.byteOffset, p.byteLength));
    } else {
      digestScratch.set(p, used);
      used += p.length;
    }
  }
  flush();
  return h.digest('hex');
}

function key(streamId: string, p: ProducerRequest): string {
  return `${streamId}\0${p.producerId}\0${p.requestId}`;
}

function validate(p: ProducerRequest): void {
  if (!p.producerId || p.producerId.length > MAX_PRODUCER_ID) throw new MeshError(ErrorCode.InvalidArgument, `producer_id must be 1-${MAX_PRODUCER_ID} characters`);
  if (!Number.isSafeInteger(p.requestId) || p.requestId < 1) throw new MeshError(ErrorCode.InvalidArgument, 'request_id must be a positive integer with a producer_id');
}
