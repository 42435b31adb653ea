/**
 * Target side of client-data streams: messages from the data plane are deduplicated by
 * (stream, seq) against the received offset, reordered within a bounded buffer, written to the
 * inbox together with the advanced offset in one transaction, acknowledged cumulatively to the
 * source once durable, and offered to the stream's subscriber. Every ack also carries the
 * stream's credit limit (in the frame's `seq` field): the highest seq this node accepts, the
 * consumer offset plus `inboxHighWater`; beyond it messages are dropped and re-acknowledged, so a
 * slow subscriber slows the source and, through its outbox high water mark, the publisher.
 *
 * Stream announcements: a source opening a stream sends each target a data frame with seq 0 and
 * no payload (target-sender.ts), again until acknowledged. It carries no message; it makes the
 * stream known here (its record is stored) before anything is published, so a subscription to a
 * stream id this node has not heard of within {@link UNKNOWN_STREAM_GRACE_MS} is refused with
 * ERR_NOT_FOUND instead of waiting for ever.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { tagOf } from '../../shared/ids.js';
import { DEFAULT_TTL, FrameType, encodeFrame } from '../../shared/wire/index.js';
import type { DataPlanePort, InboundMessage } from '../../workers/dataplane/index.js';
import type { Logger } from '../observability/logger.js';
import type { StoredMessage, StreamStore, TargetStream } from '../storage/index.js';
import { Subscription, type SubscriberSink } from './subscription.js';
import { AckRefresh } from './ack-refresh.js';
import { checkStreamId, checkTenant } from './validate.js';
import { END_MESSAGE_ID } from './target-sender.js';
import { TraceMarks } from './trace-marks.js';
import { Admission } from './target-admission.js';
import { INBOX_CACHE_BYTES_PER_STREAM, INBOX_CACHE_BYTES_TOTAL, MessageCache } from './message-cache.js';

/**
 * How long a subscription to a stream this node has no record of waits for the source's
 * announcement (ms) before it is refused with ERR_NOT_FOUND: time for an announcement sent at open
 * to cross the mesh, or for a source that was unreachable to re-send it (it does every second).
 */
export const UNKNOWN_STREAM_GRACE_MS = 5000;

/** A target stream at run time. */
export interface TargetRuntime {
  rec: TargetStream;
  srcTag: bigint;
  /** Highest seq handed to the store (dedupe point). */
  pendingOffset: number;
  /** Highest seq durable in the inbox. */
  committedOffset: number;
  reorder: Map<number, InboundMessage>;
  /** False until the stream's record is in the store (an announcement or the first commit). */
  stored: boolean;
}

/** What the target side needs. */
export interface TargetDeps {
  selfId: string;
  store: StreamStore;
  /** True after a `meshd repair` that may have lost stream records (the mesh record's `repair`). */
  streamsLostInRepair?(): boolean;
  dp: DataPlanePort;
  log: Logger;
  windowMessages: number;
  /** Messages stored beyond the consumer offset before new ones are refused (credit window). */
  inboxHighWater: number;
  nodeIdOf(tag: bigint): string | undefined;
  /** `count` messages of `streamId` went to its subscriber; `last` is the newest of them. */
  onDelivered(count: number, streamId: string, last: { messageId: string }): void;
  /** A batch of `streamId` was stored in the inbox; `last` is its newest message. */
  onStored?(count: number, streamId: string, last: { messageId: string }): void;
  onDropped(reason: string): void;
  /** A message that arrived again (already stored here) was re-acknowledged, not stored. */
  onDuplicate?(): void;
  /** A closed stream was consumed here and its inbox deleted. */
  onClosed?(streamId: string, source: string): void;
  /** A sampled message (it carried a trace context) was stored here, or delivered to the subscriber. */
  onTraced?(stage: 'stored' | 'delivered', m: { streamId: string; seq: number; messageId: string }, ctx: Uint8Array): void;
  /** True while the store holds `storage.maxBytes` of live data: nothing new is stored or acknowledged. */
  storageFull?(): boolean;
  /** An inbox record of `streamId` failed its checksum (see {@link SubscriptionInit.onDamaged}). */
  onDamaged(streamId: string, err: unknown): void;
  /** Opens the sealed payloads of a batch for a subscriber of `tenantId` (see {@link SubscriptionInit.open}). */
  open(tenantId: string, streamId: string, messages: StoredMessage[]): StoredMessage[] | Promise<StoredMessage[]>;
  /**
   * Makes the tenant's key available here before a subscriber is served: undefined when it is,
   * else a promise that settles once it is (or rejects with a MeshError).
   */
  prepare(tenantId: string): Promise<void> | undefined;
  /**
   * Why a message from the mesh must not be stored (its publisher lacks the right, see
   * `src/main/node/publisher-check.ts`), or null to store it. A refused message and the rest of
   * its run are dropped unacknowledged, so the source sends them again.
   */
  refusal(m: InboundMessage, source: string): string | null;
}

/** Every stream this node is a target of, and their subscriptions. */
export class TargetStreams {
  private streams = new Map<string, TargetRuntime>();
  private subs = new Map<string, Subscription>();
  /** Streams whose stored record failed its checksum: never served, their frames never acknowledged. */
  private damaged = new Map<string, string>();
  /** Set after a `meshd repair` that may have lost stream records (see {@link ensure}). */
  private streamsLost = false;
  private readonly admission: Admission;
  private selfTag: bigint;
  /** Trace contexts of sampled messages stored here until delivered (trace-marks.ts). */
  private readonly traces = new TraceMarks();
  /** Committed inbox messages not yet delivered, delivered without a read from the store (message-cache.ts). */
  private readonly cache = new MessageCache(INBOX_CACHE_BYTES_PER_STREAM, INBOX_CACHE_BYTES_TOTAL);

  /** Acks sent again when the route back to a source moves (ack-refresh.ts). */
  private readonly ackRefresh = new AckRefresh((sources) => this.reack(sources));

  constructor(private readonly d: TargetDeps) {
    this.selfTag = tagOf(d.selfId);
    this.admission = new Admission(d);
  }

  /** The routing table changed: streams whose source's next hop moved are acknowledged again (ack-refresh.ts). */
  routesChanged(routes: ReadonlyMap<string, { nextHop: string }>): void {
    this.ackRefresh.routesChanged(routes);
  }

  private reack(sources: ReadonlySet<string>): void {
    for (const rt of this.streams.values()) if (rt.stored && sources.has(rt.rec.source) && !this.damaged.has(rt.rec.streamId)) this.sendAck(rt);
  }

  /** Loads target streams from the store; streams with a damaged record are stopped. */
  start(): void {
    const recs = this.d.store.listTargetStreams();
    for (const d of this.d.store.listDamaged()) if (d.store === 'target-records') this.damaged.set(JSON.parse(d.key) as string, d.message);
    this.streamsLost = this.d.streamsLostInRepair?.() ?? false;
    for (const rec of recs) {
      if (rec.lost) this.damaged.set(rec.streamId, rec.lost);
      const rt: TargetRuntime = { rec, srcTag: tagOf(rec.source), pendingOffset: rec.receivedOffset, committedOffset: rec.receivedOffset, reorder: new Map(), stored: true };
      this.streams.set(rec.streamId, rt);
      this.finishIfDrained(rt);
    }
  }

  /** Ends every subscription. */
  stop(): void {
    this.ackRefresh.stop();
    for (const s of this.subs.values()) s.close(new MeshError(ErrorCode.Unavailable, 'node stopping'));
    this.subs.clear();
  }

  /** Stream records with live offsets, for status (closed and consumed streams, tombstones, left out). */
  list(): TargetStream[] {
    return [...this.streams.values()].filter((rt) => rt.rec.closedAt === undefined || rt.rec.consumerOffset < rt.rec.closedAt)
      .map((rt) => ({ ...rt.rec, receivedOffset: rt.committedOffset }));
  }

  /** Messages for this node from the data plane, in arrival order. */
  receive(msgs: InboundMessage[]): void {
    let i = 0;
    while (i < msgs.length) {
      let j = i + 1;
      while (j < msgs.length && msgs[j].streamId === msgs[i].streamId) j++;
      this.receiveRun(msgs.slice(i, j));
      i = j;
    }
  }

  /**
   * Attaches a subscriber; an earlier subscriber of the same stream is closed (ERR_ABORTED).
   * Delivery starts after the stored consumer offset, so what was not acknowledged is redelivered.
   * @throws MeshError ERR_INVALID_ARGUMENT (stream or tenant id), ERR_UNKNOWN_TENANT when the
   *   stream belongs to another tenant, ERR_STORAGE when its stored record is damaged. A stream
   *   not known here is closed with ERR_NOT_FOUND after {@link UNKNOWN_STREAM_GRACE_MS}.
   */
  subscribe(streamId: string, tenantId: string, credits: number, sink: SubscriberSink): Subscription {
    checkStreamId(streamId);
    checkTenant(tenantId);
    this.checkSound(streamId);
    const rt = this.streams.get(streamId);
    if (rt && rt.rec.tenantTag !== tagOf(tenantId).toString(16)) {
      throw new MeshError(ErrorCode.UnknownTenant, `tenant ${tenantId} has no stream ${streamId}`);
    }
    if (rt?.rec.closedAt !== undefined && rt.rec.consumerOffset >= rt.rec.closedAt) {
      throw new MeshError(ErrorCode.NotFound, `stream ${streamId} was closed by its source and consumed here`);
    }
    this.subs.get(streamId)?.close(new MeshError(ErrorCode.Aborted, 'replaced by a newer subscriber'));
    const sub = new Subscription({
      streamId, tenantTag: tagOf(tenantId).toString(16), store: this.d.store, credits, sink,
      read: (from, n) => this.cache.read(streamId, from, n) ?? this.d.store.readInbox(streamId, from, n),
      runtime: () => this.streams.get(streamId), onDelivered: (n, id, last, msgs) => this.delivered(n, id, last, msgs), open: (m) => this.d.open(tenantId, streamId, m),
      onConsumed: (rt) => { this.sendAck(rt); this.finishIfDrained(rt); }, onDamaged: (err) => this.d.onDamaged(streamId, err),
      onClose: () => { if (this.subs.get(streamId) === sub) this.subs.delete(streamId); },
    });
    this.subs.set(streamId, sub);
    if (!rt) {
      const timer = setTimeout(() => {
        if (this.streams.has(streamId) || this.subs.get(streamId) !== sub) return;
        sub.close(new MeshError(ErrorCode.NotFound, `stream ${streamId} is not known at ${this.d.selfId}: its source has not announced it here (check the id and the target)`));
      }, UNKNOWN_STREAM_GRACE_MS);
      timer.unref();
    }
    const ready = this.d.prepare(tenantId);
    if (ready) sub.startAfter(ready);
    else sub.pump();
    return sub;
  }

  /** @throws MeshError ERR_STORAGE when the stream's stored record is damaged. */
  private checkSound(streamId: string): void {
    const why = this.damaged.get(streamId);
    if (why) throw new MeshError(ErrorCode.Storage, `stream ${streamId} is stopped at this node: ${why}. Remedy: meshd repair`);
  }

  private ensure(m: InboundMessage): TargetRuntime | undefined {
    if (this.damaged.has(m.streamId)) {
      this.d.onDropped('damaged');
      return undefined;
    }
    let rt = this.streams.get(m.streamId);
    if (!rt && this.streamsLost && m.seq > 1) {
      // The record of this stream was lost in a repair (a new stream starts at seq 1): the seqs
      // before m.seq may have been acknowledged and are gone, so the stream stops here.
      this.damaged.set(m.streamId, `its record was lost in a repair of this node's store; seqs before ${m.seq} may be lost`);
      this.d.log.error({ stream_id: m.streamId, seq: m.seq }, 'frames for a stream whose record was lost in a repair; the stream is stopped (ERR_STORAGE)');
      this.d.onDropped('damaged');
      return undefined;
    }
    if (!rt) {
      const source = this.d.nodeIdOf(m.src);
      if (!source) {
        this.d.onDropped('unknown_source');
        return undefined;
      }
      const rec: TargetStream = { streamId: m.streamId, source, tenantTag: m.tenant.toString(16), receivedOffset: 0, consumerOffset: 0 };
      rt = { rec, srcTag: m.src, pendingOffset: 0, committedOffset: 0, reorder: new Map(), stored: false };
      this.streams.set(m.streamId, rt);
    }
    if (rt.srcTag !== m.src || rt.rec.tenantTag !== m.tenant.toString(16)) {
      this.d.onDropped('stream_mismatch');
      this.d.log.warn({ stream_id: m.streamId }, 'frame for a stream from another source or tenant dropped');
      return undefined;
    }
    return rt;
  }

  private receiveRun(run: InboundMessage[]): void {
    if (this.d.storageFull?.()) {
      // Not stored, so not acknowledged: the source keeps the messages and sends them again.
      this.d.onDropped('storage_full');
      return;
    }
    const rt = this.ensure(run[0]);
    if (!rt) return;
    run = this.admission.admitted(rt, run);
    if (run.length === 0) return;
    const batch: StoredMessage[] = [];
    let dup = false;
    let endSeq: number | undefined;
    const limit = rt.rec.consumerOffset + this.d.inboxHighWater;
    // The end marker (CloseClientDataStream) is not stored: it closes the stream at its seq.
    let traced: InboundMessage[] | null = null; // sampled messages only: no allocation otherwise
    const accept = (m: InboundMessage): boolean => {
      if (m.messageId === END_MESSAGE_ID) endSeq = m.seq;
      else batch.push({ seq: m.seq, messageId: m.messageId, publishedAtMs: Date.now(), payload: m.payload });
      if (m.trace && endSeq === undefined) (traced ??= []).push(m);
      return endSeq === undefined;
    };
    for (const m of run) {
      const next = rt.pendingOffset + batch.length + 1;
      if (endSeq !== undefined || rt.rec.closedAt !== undefined) dup = true; // nothing follows the end
      else if (m.seq < next) dup = true;
      else if (m.seq > limit) {
        this.d.onDropped('inbox_full');
        dup = true; // re-acknowledge, with the current credit limit
      }
      else if (m.seq === next) {
        if (!accept(m)) continue;
        for (let s = next + 1; rt.reorder.has(s); s++) {
          const x = rt.reorder.get(s)!;
          rt.reorder.delete(s);
          if (!accept(x)) break;
        }
      } else if (rt.reorder.size < this.d.windowMessages && m.seq <= limit) {
        rt.reorder.set(m.seq, { ...m, payload: Uint8Array.from(m.payload) });
      }
    }
    if (batch.length === 0 && endSeq === undefined) {
      if (dup && !rt.stored) this.storeAnnounced(rt);
      else if (dup) this.sendAck(rt);
      return;
    }
    const last = endSeq ?? batch[batch.length - 1].seq;
    rt.pendingOffset = last;
    for (const s of rt.reorder.keys()) if (s <= last) rt.reorder.delete(s);
    this.d.store.commitInbox({ ...rt.rec, receivedOffset: last, ...(endSeq !== undefined ? { closedAt: endSeq } : {}) }, batch).then(
      () => {
        rt.stored = true;
        rt.committedOffset = Math.max(rt.committedOffset, last);
        this.cache.add(rt.rec.streamId, batch);
        if (endSeq !== undefined) {
          rt.rec.closedAt = endSeq;
          this.finishIfDrained(rt);
        }
        if (batch.length) this.d.onStored?.(batch.length, rt.rec.streamId, batch[batch.length - 1]);
        for (const m of traced ?? []) {
          this.traces.add(m.streamId, m.seq, m.seq, m.trace!);
          this.d.onTraced?.('stored', m, m.trace!);
        }
        this.sendAck(rt);
        this.subs.get(rt.rec.streamId)?.pump();
      },
      (err: Error) => {
        // Not acknowledged, so the source re-sends; rewind the dedupe point to what is durable.
        rt.pendingOffset = rt.committedOffset;
        this.d.log.error({ stream_id: rt.rec.streamId, err: err.message }, 'inbox write failed');
      },
    );
  }

  /** An announced stream (seq 0, nothing to store but its record): stored, then acknowledged. */
  private storeAnnounced(rt: TargetRuntime): void {
    this.d.store.commitInbox({ ...rt.rec }, []).then(
      () => {
        rt.stored = true;
        this.sendAck(rt);
      },
      (err: Error) => this.d.log.error({ stream_id: rt.rec.streamId, err: err.message }, 'storing an announced stream failed'),
    );
  }

  /** Counts a delivery; sampled messages among `msgs` get their `delivered` span. */
  private delivered(n: number, streamId: string, last: { messageId: string }, msgs: StoredMessage[]): void {
    this.cache.forget(streamId, msgs[msgs.length - 1].seq);
    this.d.onDelivered(n, streamId, last);
    if (this.traces.empty) return;
    for (const m of msgs) {
      const ctx = this.traces.get(streamId, m.seq);
      if (ctx) this.d.onTraced?.('delivered', { streamId, seq: m.seq, messageId: m.messageId }, ctx);
    }
    this.traces.forget(streamId, msgs[msgs.length - 1].seq);
  }

  /**
   * A closed stream whose subscriber consumed everything before its end marker: the inbox is
   * emptied (the record stays, consumed through the marker, as the stream's tombstone, so a late
   * duplicate cannot open it again), the subscription ends cleanly, `onClosed` is told.
   */
  private finishIfDrained(rt: TargetRuntime): void {
    const end = rt.rec.closedAt;
    if (end === undefined || rt.rec.consumerOffset >= end || rt.rec.consumerOffset < end - 1 || rt.committedOffset < end) return;
    rt.rec.consumerOffset = end;
    this.cache.forget(rt.rec.streamId, Number.MAX_SAFE_INTEGER);
    this.d.store.ackInbox(rt.rec.streamId, end).then(() => {
      this.subs.get(rt.rec.streamId)?.close();
      this.d.log.info({ stream_id: rt.rec.streamId, source: rt.rec.source, lastSeq: end - 1 }, 'stream closed by its source and consumed; inbox deleted');
      this.d.onClosed?.(rt.rec.streamId, rt.rec.source);
    }, (err: Error) => this.d.log.error({ stream_id: rt.rec.streamId, err: err.message }, 'emptying a closed stream\'s inbox failed'));
  }

  private sendAck(rt: TargetRuntime): void {
    const limit = rt.rec.consumerOffset + this.d.inboxHighWater;
    const frame = encodeFrame({ type: FrameType.Ack, ttl: DEFAULT_TTL, src: this.selfTag, dst: rt.srcTag, streamId: rt.rec.streamId, ack: rt.committedOffset, seq: limit });
    this.d.dp.execute({ type: 'send-routed', dst: rt.srcTag, frame });
  }
}
