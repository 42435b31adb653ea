/**
 * Source side of client-data streams (ARCHITECTURE.md "Delivery guarantees"): a publish gets
 * sequence numbers and ULID message ids and is durable in the outbox before it is answered; each
 * target gets the outbox in order within a credit window (messages and bytes); unacknowledged
 * messages are re-sent go-back-N after a retransmission timeout (RTO) that doubles up to a bound
 * (RFC 6298 sec. 5.5); the outbox is trimmed below the lowest cumulative ack of all targets.
 * Each target's ack also carries its credit limit (highest seq it accepts); nothing beyond it is
 * sent, and a source stuck at a closed window probes with one message after the largest RTO
 * (the zero-window probe of RFC 9293 sec. 3.8.6.1), so a lost window update cannot stall it.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { newUlid, randomUlid, tagOf } from '../../shared/ids.js';
import type { LostMessage } from '../../workers/dataplane/index.js';
import type { SackBlock } from '../../shared/wire/index.js';
import type { ProducedKey, SourceStream, StoredMessage } from '../storage/index.js';
import { checkPayloads, checkPriority, checkStreamId, checkTargets, checkTenant } from './validate.js';
import { ProducerWindows, batchDigest, type ProducedResult, type ProducerRequest } from './producers.js';
import { TargetSender, groupLost } from './target-sender.js';
import { clearSuspect, confirmSuspect, type ReroutePhase } from './reroute-timing.js';
import { closedWithin, closingError, endMarker, finishClose, type CloseHost } from './source-close.js';
import { MessageCache } from './message-cache.js';
import { BacklogBytes } from './backlog.js';
import { takeTurn, waitUntil } from './waits.js';
import { TraceMarks } from './trace-marks.js';
import type { AckLevel, PublishResult, Runtime, SourceDeps, StreamWindow } from './source-types.js';

/** Waiting publishers resume once the backlog is this many messages (at most a tenth of the mark) below the high water mark. */
const DRAIN_HYSTERESIS = 1024;
/** Waiting publishers resume once the backlog's bytes are this share of the byte mark below it. */
const BYTES_HYSTERESIS = 0.1;
/** Trim the outbox once this many messages are acknowledged by all targets, or on the next tick. */
const TRIM_EVERY = 1024;

/** Every stream this node is the source of. */
export class SourceStreams {
  private streams = new Map<string, Runtime>();
  /** Streams whose stored record failed its checksum: stopped, every operation gets ERR_STORAGE. */
  private damaged = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;

  private readonly producers: ProducerWindows;
  private readonly sender: TargetSender;
  /** Recently stored messages, sent without reading them back (message-cache.ts). */
  private readonly cache = new MessageCache();
  /** Trace contexts of sampled publishes until acknowledged (trace-marks.ts). */
  private readonly traces = new TraceMarks();

  constructor(private readonly d: SourceDeps) {
    this.producers = new ProducerWindows(d.store, d.cfg.producerWindow, d.cfg.maxProducers);
    this.sender = new TargetSender({
      dp: d.dp, cfg: d.cfg, hasRoute: d.hasRoute, onRetransmit: d.onRetransmit, onRerouted: d.onRerouted, windowShare: (rt) => d.windowShare?.(rt.meta.tenantId) ?? 1,
      traceOf: (rt, seq) => (this.traces.empty ? undefined : this.traces.get(rt.meta.streamId, seq)),
      read: (rt, from, n) => this.readOutbox(rt as Runtime, from, n),
      onGap: (rt, from) => d.log.error({ stream_id: rt.meta.streamId, from }, 'outbox gap; waiting for acks'),
    });
  }

  /** Loads streams from the store (streams with a damaged record are stopped) and starts the RTO timer. */
  start(): void {
    for (const meta of this.d.store.listSourceStreams()) {
      const rt = this.runtime(meta);
      this.streams.set(meta.streamId, rt);
      if (meta.lost) this.damaged.set(meta.streamId, meta.lost);
      else if (meta.closing) endMarker(this.closeHost(), rt).catch((err: Error) => this.d.log.error({ stream_id: meta.streamId, err: err.message }, 'resuming the close of a stream failed'));
    }
    const produced = this.d.store.listProduced();
    for (const d of this.d.store.listDamaged()) if (d.store === 'source-records') this.damaged.set(JSON.parse(d.key) as string, d.message);
    this.producers.load(produced, this.d.store.listDamaged().filter((d) => d.store === 'producer-records').map((d) => JSON.parse(d.key) as ProducedKey));
    this.timer = setInterval(() => this.tick(), 50);
    this.timer.unref();
  }

  /** Stops the timer; pending publishers waiting for acks are released with ERR_ABORTED. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const rt of this.streams.values()) {
      for (const w of rt.drainWaiters) w();
      rt.drainWaiters = [];
    }
  }

  /**
   * Opens a stream to `targets`.
   * @throws MeshError ERR_INVALID_ARGUMENT (bad tenant, targets, qos, priority), ERR_NOT_FOUND
   *   when a target is not a known member.
   */
  async open(tenantId: string, targets: string[], qos: string, priority: number): Promise<SourceStream> {
    checkTenant(tenantId);
    const ts = checkTargets(targets, this.d.selfId);
    if (qos !== 'EXACTLY_ONCE') throw new MeshError(ErrorCode.InvalidArgument, `qos ${qos} is not supported`);
    checkPriority(priority);
    for (const t of ts) if (!this.d.isKnown(t)) throw new MeshError(ErrorCode.NotFound, `target node ${t} is not a known member`);
    const meta: SourceStream = {
      streamId: randomUlid(), tenantId, source: this.d.selfId, targets: ts, qos, priority, createdAtMs: Date.now(), lastSeq: 0,
      acked: Object.fromEntries(ts.map((t) => [t, 0])),
    };
    await this.d.store.putSourceStream(meta);
    const rt = this.runtime(meta);
    this.streams.set(meta.streamId, rt);
    for (const t of rt.targets) this.sender.announce(rt, t);
    return meta;
  }

  /** Stream metadata and progress, for status. */
  /** The tenant of a stream this node is the source of, if it is one. */
  tenantOf(streamId: string): string | undefined {
    return this.streams.get(streamId)?.meta.tenantId;
  }

  list(): Array<{ meta: SourceStream; acked: Record<string, number>; lastSeq: number }> {
    return [...this.streams.values()].map((rt) => ({
      meta: rt.meta, lastSeq: rt.nextSeq - 1, acked: Object.fromEntries(rt.targets.map((t) => [t.nodeId, t.acked])),
    }));
  }

  /**
   * Each stream target's send window here, for the operator (`meshd_stream_window_bytes` and the
   * gauges beside it): the byte window of the last send attempt, bytes in flight, smoothed and
   * least round trip, and retransmission timeout (ms; 0 before the first round-trip sample).
   */
  windows(): StreamWindow[] {
    const out: StreamWindow[] = [];
    for (const rt of this.streams.values()) {
      for (const t of rt.targets) {
        out.push({
          streamId: rt.meta.streamId, target: t.nodeId, windowBytes: t.windowBytes, inFlightBytes: t.flight.bytes,
          srttMs: t.flight.srttMs, minRttMs: t.flight.minRttMs, rtoMs: t.rtoMs,
        });
      }
    }
    return out;
  }

  /**
   * Publishes payloads in order; resolves once they are durable in the outbox, or, with
   * TARGETS_STORED, once every target stored them. Waits while the stream's unacknowledged
   * backlog is above the high water mark in messages or bytes (backpressure; `aboveHighWater`).
   * `publisher` is the API subject publishing (the target checks its rights again); calls from
   * within the node publish as `admin@<node id>`. `trace`: the publish span's context when sampled
   * (shared/tracing), carried by each message's frames.
   * @throws MeshError ERR_INVALID_ARGUMENT, ERR_NOT_FOUND (unknown stream), ERR_PAYLOAD_TOO_LARGE,
   *   ERR_UNAVAILABLE (the outbox write failed earlier), ERR_ABORTED (signal), ERR_STORAGE (the
   *   stream's stored record is damaged), ERR_STORAGE_FULL (`storage.maxBytes` reached).
   */
  async publish(
    streamId: string, payloads: Uint8Array[], ackLevel: AckLevel, signal?: AbortSignal, publisher = `admin@${this.d.selfId}`, producer?: ProducerRequest, trace?: Uint8Array,
  ): Promise<PublishResult> {
    checkStreamId(streamId);
    const rt = this.streams.get(streamId);
    const why = this.damaged.get(streamId);
    if (why) throw new MeshError(ErrorCode.Storage, `stream ${streamId} is stopped at this node: ${why}. Remedy: meshd repair`);
    if (!rt) throw new MeshError(ErrorCode.NotFound, `no stream ${streamId} at this node`);
    if (rt.meta.closing) throw closingError(streamId);
    if (this.d.storageFull?.()) throw new MeshError(ErrorCode.StorageFull, 'the stream store is full (storage.maxBytes): retry once targets have taken what waits here');
    checkPayloads(payloads, this.d.cfg.maxMessageBytes);
    if (!producer) return this.publishNew(rt, payloads, ackLevel, signal, publisher, null, trace);
    const digest = batchDigest(payloads);
    const prior = this.producers.check(streamId, producer, digest);
    if (prior) {
      const r = await prior;
      if (ackLevel === 'TARGETS_STORED') await this.waitAcked(rt, r.firstSeq + r.messageIds.length - 1, signal);
      return { streamId, firstSeq: r.firstSeq, messageIds: r.messageIds, duplicate: true };
    }
    let settle: { res(r: ProducedResult): void; rej(e: unknown): void } = { res: () => {}, rej: () => {} };
    this.producers.begin(streamId, producer, new Promise<ProducedResult>((res, rej) => { settle = { res, rej }; }));
    try {
      return await this.publishNew(rt, payloads, ackLevel, signal, publisher, { producer, digest, durable: (r) => settle.res(r) }, trace);
    } finally {
      settle.rej(new MeshError(ErrorCode.Unavailable, 'the original request failed: retry')); // no-op once resolved
    }
  }

  private async publishNew(
    rt: Runtime, payloads: Uint8Array[], ackLevel: AckLevel, signal: AbortSignal | undefined, publisher: string,
    idem: { producer: ProducerRequest; digest: string; durable(r: ProducedResult): void } | null, trace?: Uint8Array,
  ): Promise<PublishResult> {
    const streamId = rt.meta.streamId;
    const tenant = rt.meta.tenantId;
    // This publish's turn, taken at the call: seqs follow the order of publish calls, whatever
    // each waits for first (the tenant's key, backpressure, sealing off the thread).
    const turn = takeTurn(rt);
    let sealed: Uint8Array[];
    try {
      if (!this.d.sealer.ready(tenant)) await this.d.sealer.prepare(tenant);
      while (!rt.failed && this.aboveHighWater(rt)) await this.waitDrain(rt, signal);
      if (rt.failed) throw new MeshError(ErrorCode.Unavailable, `stream ${streamId} outbox failed: ${rt.failed.message}`);
      const sealing = this.d.sealer.seal(tenant, streamId, payloads, publisher);
      sealed = Array.isArray(sealing) ? sealing : await sealing;
      if (turn.prev) await turn.prev;
      const failed = rt.failed as MeshError | null; // may have failed while this one waited
      if (failed) throw new MeshError(ErrorCode.Unavailable, `stream ${streamId} outbox failed: ${failed.message}`);
      if (rt.meta.closing) throw closingError(streamId);
    } catch (err) {
      turn.numbered();
      throw err;
    }
    const first = rt.nextSeq;
    rt.nextSeq += payloads.length;
    rt.backlog.add(first, sealed.map((p) => p.length));
    turn.numbered();
    const now = Date.now();
    const msgs: StoredMessage[] = sealed.map((payload, i) => ({ seq: first + i, messageId: newUlid(), publishedAtMs: now, payload }));
    const messageIds = msgs.map((m) => m.messageId);
    const rec = idem ? this.producers.record(streamId, idem.producer, idem.digest, { firstSeq: first, messageIds }) : undefined;
    try {
      await this.d.store.appendOutbox(streamId, msgs, rec, this.producers.takeForgotten());
    } catch (err) {
      // Sequence numbers were handed out; a gap would stall targets, so the stream stops here.
      rt.failed = new MeshError(ErrorCode.Unavailable, (err as Error).message, { cause: err });
      this.d.log.error({ stream_id: streamId, err: rt.failed.message }, 'outbox write failed; stream refuses further publishes');
      throw rt.failed;
    }
    if (rec && idem) {
      this.producers.committed(rec);
      idem.durable({ firstSeq: first, messageIds });
    }
    const last = first + payloads.length - 1;
    if (trace) this.traces.add(streamId, first, last, trace);
    this.cache.add(streamId, msgs);
    rt.durableSeq = Math.max(rt.durableSeq, last);
    for (const t of rt.targets) this.sender.pump(rt, t);
    if (ackLevel === 'TARGETS_STORED') await this.waitAcked(rt, last, signal);
    return { streamId, firstSeq: first, messageIds };
  }

  /**
   * CloseClientDataStream at the source (source-close.ts): publishes are refused from now on
   * (ERR_FAILED_PRECONDITION); an end marker follows the last message; once every target
   * acknowledged it, the stream is deleted here. Resolves then with the last message's seq. A
   * restart resumes a close (the record says `closing`).
   * @throws MeshError ERR_NOT_FOUND, ERR_STORAGE (damaged), ERR_UNAVAILABLE (a target had not
   *   stored everything within `timeoutMs`; the close goes on).
   */
  async close(streamId: string, timeoutMs: number): Promise<{ lastSeq: number }> {
    checkStreamId(streamId);
    const why = this.damaged.get(streamId);
    if (why) throw new MeshError(ErrorCode.Storage, `stream ${streamId} is stopped at this node: ${why}. Remedy: meshd repair`);
    const rt = this.streams.get(streamId);
    if (!rt) throw new MeshError(ErrorCode.NotFound, `no stream ${streamId} at this node`);
    const done = new Promise<void>((resolve) => rt.closeWaiters.push(resolve));
    if (!rt.meta.closing) {
      rt.meta = { ...rt.meta, closing: true };
      await endMarker(this.closeHost(), rt);
    }
    await closedWithin(done, streamId, timeoutMs);
    return { lastSeq: (rt.endSeq ?? 1) - 1 };
  }

  private closeHost(): CloseHost {
    return {
      store: this.d.store, cache: this.cache, log: this.d.log, onClosed: this.d.onClosed,
      pump: (rt) => { for (const t of (rt as Runtime).targets) this.sender.pump(rt as Runtime, t); },
      afterAck: (rt) => this.afterAck(rt as Runtime),
      remove: (rt) => this.streams.get(rt.meta.streamId) === rt && this.streams.delete(rt.meta.streamId),
    };
  }

  /**
   * A target acknowledged every seq <= `ack` (stored in its inbox), holds the seqs of `sack`
   * (selective, wire/sack.ts) and accepts seqs up to `limit`; `arrivedAtMs`: when the ack reached
   * this node's data plane (ms since epoch; default now), which dates it for reroute timing.
   */
  onAck(streamId: string, fromTag: bigint, ack: number, limit: number, sack: readonly SackBlock[] = [], arrivedAtMs?: number): void {
    const rt = this.streams.get(streamId);
    const t = rt?.targets.find((x) => x.tag === fromTag);
    if (!rt || !t) return;
    if (!this.sender.onAck(rt, t, ack, limit, sack, arrivedAtMs)) return;
    this.afterAck(rt);
    this.sender.pump(rt, t);
  }

  /** Routes changed: targets that became reachable get their backlog. */
  routesChanged(): void {
    for (const rt of this.streams.values()) for (const t of rt.targets) this.sender.pump(rt, t);
  }

  /**
   * Fast reroute: the path to each node in `targets` changed (its next hop's link died at
   * `cutAtMs`, or the routes moved). Their frames in flight are sent again at once from the
   * outbox, over the new path, without waiting for the retransmission timeout; duplicates are
   * dropped by the target (dedupe by seq). `onRerouted` reports the time from the cut to the first
   * ack after it (`first`: the first frame delivered over the new path) and until every seq that
   * was in flight is acknowledged (`complete`).
   */
  resendInFlight(targets: ReadonlySet<string>, cutAtMs: number): void {
    for (const rt of this.streams.values()) for (const t of rt.targets) if (targets.has(t.nodeId)) this.sender.resendInFlight(rt, t, cutAtMs);
  }

  /**
   * Fast reroute of a cut lane: sends again the messages it may have lost (target-sender.ts
   * `resendLost`); `suspect`: the neighbor, when it is only suspected (the reroute's times wait
   * for {@link confirmSuspect} or {@link clearSuspect}, reroute-timing.ts).
   */
  resendLost(lost: readonly LostMessage[], cutAtMs: number, suspect?: string): void {
    for (const [streamId, byTag] of groupLost(lost)) {
      const rt = this.streams.get(streamId);
      if (rt) for (const t of rt.targets) if (byTag.has(t.tag)) this.sender.resendLost(rt, t, byTag.get(t.tag)!, cutAtMs, suspect);
    }
  }

  /** Neighbor `peer`, suspected, was declared dead: the reroutes its suspicion started are timed as real. */
  confirmSuspect(peer: string): void {
    const report = (phase: ReroutePhase, ms: number) => this.d.onRerouted?.(phase, ms);
    for (const rt of this.streams.values()) for (const t of rt.targets) confirmSuspect(t, peer, report);
  }

  /** Neighbor `peer`, suspected, was heard again: the reroutes only its suspicion started are not timed. */
  clearSuspect(peer: string): void {
    for (const rt of this.streams.values()) for (const t of rt.targets) clearSuspect(t, peer);
  }

  private runtime(meta: SourceStream): Runtime {
    const targets = meta.targets.map((nodeId) => this.sender.target(nodeId, tagOf(nodeId), meta.acked[nodeId] ?? 0));
    const trimmed = Math.min(...targets.map((t) => t.acked));
    return {
      meta, tenantTag: tagOf(meta.tenantId), nextSeq: meta.lastSeq + 1, durableSeq: meta.lastSeq, targets, ackWaiters: [], drainWaiters: [], backlog: new BacklogBytes(meta.lastSeq + 1),
      trimmedThrough: trimmed, trimming: false, failed: null, sealing: null, closeWaiters: [],
    };
  }

  private minAcked(rt: Runtime): number {
    let m = Infinity;
    for (const t of rt.targets) m = Math.min(m, t.acked);
    return m;
  }

  /**
   * Outbox messages from `from`; null once a record failed its checksum: a damaged record is never
   * sent, and since no other node holds it, the stream stops (ERR_STORAGE for its publishers),
   * counted and logged once.
   */
  private readOutbox(rt: Runtime, from: number, n: number): StoredMessage[] | null {
    if (rt.failed?.code === ErrorCode.Storage) return null;
    const cached = this.cache.read(rt.meta.streamId, from, n);
    if (cached) return cached;
    try {
      return this.d.store.readOutbox(rt.meta.streamId, from, n);
    } catch (err) {
      rt.failed = err instanceof MeshError ? err : new MeshError(ErrorCode.Storage, String(err));
      this.d.onDamaged('outbox');
      this.d.log.error({ stream_id: rt.meta.streamId, seq: from, err: rt.failed.message }, 'outbox record damaged; the stream stops');
      return null;
    }
  }

  private afterAck(rt: Runtime): void {
    const min = this.minAcked(rt);
    if (rt.endSeq !== undefined && min >= rt.endSeq) return finishClose(this.closeHost(), rt);
    this.cache.forget(rt.meta.streamId, min);
    rt.backlog.ackedThrough(min);
    if (rt.ackWaiters.length) {
      const still = [];
      for (const w of rt.ackWaiters) (w.seq <= min ? w.resolve() : still.push(w));
      rt.ackWaiters = still;
    }
    const resumeBelow = this.d.cfg.outboxHighWater - Math.max(1, Math.min(DRAIN_HYSTERESIS, Math.floor(this.d.cfg.outboxHighWater / 10)));
    const resumeBelowBytes = this.d.cfg.outboxHighWaterBytes * (1 - BYTES_HYSTERESIS);
    if (rt.drainWaiters.length && rt.nextSeq - 1 - min < resumeBelow && rt.backlog.bytes < resumeBelowBytes) {
      const ws = rt.drainWaiters;
      rt.drainWaiters = [];
      for (const w of ws) w();
    }
    if (min - rt.trimmedThrough >= TRIM_EVERY) this.trim(rt);
  }

  private trim(rt: Runtime): void {
    const min = this.minAcked(rt);
    if (rt.trimming || min <= rt.trimmedThrough) return;
    rt.trimming = true;
    const acked = Object.fromEntries(rt.targets.map((t) => [t.nodeId, t.acked]));
    this.d.store.trimOutbox(rt.meta.streamId, min, acked).then(
      () => { rt.trimmedThrough = min; rt.trimming = false; },
      (err: Error) => { rt.trimming = false; this.d.log.warn({ err: err.message }, 'outbox trim failed; will retry'); },
    );
  }

  private tick(): void {
    const now = Date.now();
    for (const rt of this.streams.values()) {
      for (const t of rt.targets) this.sender.tick(rt, t, now);
      this.trim(rt);
    }
  }

  /**
   * Publishers wait: the backlog (published, not acknowledged by every target) is at
   * `streams.outboxHighWater` messages, or at `streams.outboxHighWaterBytes` bytes with at least one
   * message in it (so a message larger than the bound still goes once the backlog is empty).
   */
  private aboveHighWater(rt: Runtime): boolean {
    const n = rt.nextSeq - 1 - this.minAcked(rt);
    return n >= this.d.cfg.outboxHighWater || (n > 0 && rt.backlog.bytes >= this.d.cfg.outboxHighWaterBytes);
  }

  private waitDrain(rt: Runtime, signal?: AbortSignal): Promise<void> {
    return waitUntil(signal, (resolve) => rt.drainWaiters.push(resolve));
  }

  private waitAcked(rt: Runtime, seq: number, signal?: AbortSignal): Promise<void> {
    if (this.minAcked(rt) >= seq) return Promise.resolve();
    return waitUntil(signal, (resolve) => rt.ackWaiters.push({ seq, resolve }));
  }
}
