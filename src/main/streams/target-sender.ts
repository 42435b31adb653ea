/**
 * Sending one source stream to one target: the window (messages, and bytes adapted to the path
 * between {@link MIN_WINDOW_BYTES} and {@link WINDOW_BYTES}, in-flight.ts), the
 * target's credit limit, retransmission after a timeout estimated from ack round trips
 * (in-flight.ts), NewReno-style recovery of the oldest messages, zero-window probes, and the
 * resend at once on a fast reroute (of what a cut lane may have lost, or of everything in flight
 * when that is not known), and the stream's announcement: until
 * the target acknowledges anything, a data frame with seq 0 and no payload every
 * {@link ANNOUNCE_RETRY_MS} tells it the stream exists (target.ts), so a subscriber there can be
 * told at once whether a stream id is real. The stream itself (seqs, outbox, trimming,
 * publishers) is source.ts's.
 */
import { DEFAULT_MIN_WINDOW_BYTES, type Config } from '../../shared/config/index.js';
import type { SackBlock } from '../../shared/wire/index.js';
import type { DataPlanePort, LostMessage } from '../../workers/dataplane/index.js';
import type { SourceStream, StoredMessage } from '../storage/index.js';
import { INITIAL_RTO_MS, InFlight, MIN_WINDOW_MESSAGES } from './in-flight.js';
import { ackArrival, noteReroute, rerouteAcked, rerouteSacked, type ReroutePhase, type RerouteReport, type RerouteTiming } from './reroute-timing.js';

/** Most bytes sent again at once after a retransmission timeout, and after each partial ack that follows. */
export const RTO_RESEND_BYTES = 1024 * 1024;

/** Most bytes in flight per stream and target (the byte window's upper bound). */
export const WINDOW_BYTES = 32 * 1024 * 1024;

/** Least byte window per stream and target when the configuration gives none (`streams.minWindowBytes`, bytes). */
export const MIN_WINDOW_BYTES = DEFAULT_MIN_WINDOW_BYTES;

/** See in-flight.ts. */
export { MIN_WINDOW_MESSAGES };

/** How often a stream is announced to a target that has not acknowledged anything yet (ms). */
export const ANNOUNCE_RETRY_MS = 1000;

/** The message id of an announcement (seq 0; no message has it). */
export const ANNOUNCE_MESSAGE_ID = '00000000000000000000000000';

/**
 * The message id of a stream's end marker (CloseClientDataStream; source.ts `close`): the largest
 * ULID (time 10889 AD), which no clock makes. Sent like a message, with no payload.
 */
export const END_MESSAGE_ID = '7ZZZZZZZZZZZZZZZZZZZZZZZZZ';

/** Outbox messages read at once. */
export const READ_BATCH = 512;

/**
 * Outbox messages read at once for a retransmission (which sends at most {@link RTO_RESEND_BYTES}),
 * and by a target's first send, before any message size is known to size the read by the window.
 */
export const RESEND_READ_BATCH = 16;

/** One target of a stream as its source sends to it. */
export interface TargetState {
  nodeId: string;
  tag: bigint;
  acked: number;
  sent: number;
  /** Messages in flight: sizes, send times, the RTT estimate (in-flight.ts). */
  flight: InFlight;
  /** Highest seq the target accepts (its credit limit). */
  limit: number;
  lastProgressMs: number;
  rtoMs: number;
  /** The byte window of the last send attempt (bytes; 0 before the first), after the tenant's share. */
  windowBytes: number;
  /** Set after a retransmission timeout until everything then in flight (`through`) is acked; `resentTo`: last seq sent again. */
  recovery?: { through: number; resentTo: number };
  /** Set while a fast reroute is timed (reroute-timing.ts). */
  reroute?: RerouteTiming;
  /**
   * Payload bytes of the next messages sent that still go as resends (FrameFlag.Resend, on the
   * priority lane): {@link RTO_RESEND_BYTES} after a fast reroute, so the oldest of what was in
   * flight passes the new path's bulk backlog and fills the target's hole first.
   */
  resendBytes?: number;
  /** True once the target acknowledged anything (it knows the stream); when the last announcement went (ms since epoch). */
  announced: boolean;
  announcedAtMs: number;
}

/** The parts of a stream the sender reads. */
export interface SenderStream {
  meta: SourceStream;
  tenantTag: bigint;
  /** Highest seq durable in the outbox. */
  durableSeq: number;
}

/** What the sender needs from the source. */
export interface TargetSenderDeps {
  dp: DataPlanePort;
  cfg: Config['streams'];
  hasRoute(nodeId: string): boolean;
  /** Outbox messages from `from` (null: the stream stopped, its outbox damaged). */
  read(rt: SenderStream, from: number, n: number): StoredMessage[] | null;
  /** A gap in the outbox (logged by the source). */
  onGap(rt: SenderStream, from: number): void;
  onRetransmit(count: number): void;
  onRerouted?(phase: ReroutePhase, ms: number): void;
  /** The trace context of a sampled message (streams/trace-marks.ts), if any. */
  traceOf?(rt: SenderStream, seq: number): Uint8Array | undefined;
  /** The fraction (0.01-1) of the send window a stream gets (its tenant's QoS priority weight; node/admission.ts); 1 when absent. */
  windowShare?(rt: SenderStream): number;
}

/** Delivery of streams to their targets; see the module comment. */
export class TargetSender {
  private readonly report: RerouteReport = (phase, ms) => this.d.onRerouted?.(phase, ms);

  constructor(private readonly d: TargetSenderDeps) {}

  /** A target's state, everything through `acked` acknowledged. */
  target(nodeId: string, tag: bigint, acked: number): TargetState {
    return {
      nodeId, tag, acked, sent: acked, flight: new InFlight(), limit: Number.MAX_SAFE_INTEGER, lastProgressMs: Date.now(), rtoMs: INITIAL_RTO_MS, windowBytes: 0,
      announced: acked > 0, announcedAtMs: 0,
    };
  }

  /**
   * The target acknowledged every seq <= `ack`, received the seqs of `sack` (selective, advisory:
   * src/shared/wire/sack.ts; they only time a reroute's first delivery, and blocks past what was
   * sent are ignored) and accepts seqs up to `limit`. `ack` and `limit` 0 with blocks: a selective
   * ack alone, sent by the target's data plane when a resend arrived (says nothing else).
   * `arrivedAtMs` (ms since epoch, default now): when the ack reached this node's data plane. A
   * reroute's times end there (unless it arrived before the resend went out, reroute-timing.ts
   * `ackArrival`): the wait for this thread is not part of the path's recovery (in a
   * `node dist/bench/reroute.js --cuts 6` run on two shared cores, acks of rerouted targets
   * waited 1-136 ms for it, p50 22 ms). Round-trip samples still use the time the ack is
   * handled, as the retransmission timer it feeds runs here.
   * @returns true when its acknowledged seq advanced (the source then wakes waiters and trims).
   */
  onAck(rt: SenderStream, t: TargetState, ack: number, limit: number, sack: readonly SackBlock[] = [], arrivedAtMs?: number): boolean {
    const arrived = ackArrival(t, arrivedAtMs, Date.now());
    if (t.reroute && sack.length) rerouteSacked(t, sack.filter((b) => b.end <= t.sent), arrived, this.report);
    if (ack === 0 && limit === 0) return false; // selective only: from the target's data plane (wire/sack.ts)
    t.announced = true;
    const opened = limit > t.limit;
    if (limit > 0) t.limit = limit;
    ack = Math.min(ack, rt.durableSeq);
    if (ack <= t.acked) {
      if (opened) this.pump(rt, t);
      return false;
    }
    const now = Date.now();
    t.flight.ack(ack - t.acked, now);
    t.acked = ack;
    if (t.reroute) rerouteAcked(t, ack, arrived, this.report);
    if (t.sent < ack) this.resetInflight(t, ack);
    if (t.recovery) {
      // NewReno-style partial ack: the target stopped right after what was resent, so the next
      // one is missing too (acks that run past it mean the rest is arriving).
      if (ack >= t.recovery.through) t.recovery = undefined;
      else if (ack === t.recovery.resentTo) this.resendOldest(rt, t);
    }
    t.lastProgressMs = now;
    t.rtoMs = t.flight.rto(this.d.cfg.rtoMinMs, this.d.cfg.rtoMaxMs);
    return true;
  }

  /**
   * Fast reroute: sends everything in flight again at once (duplicates are dropped by the target);
   * `onRerouted` reports the time from the cut to the first ack that covers the oldest message
   * then in flight (`'first'`) and until everything in flight at the cut is acknowledged
   * (`'complete'`). What the cut lost is not known here, so the first delivery is an estimate,
   * reported with the completion unless a lane's own report of its losses comes first
   * ({@link resendLost}; reroute-timing.ts).
   */
  resendInFlight(rt: SenderStream, t: TargetState, cutAtMs: number): void {
    if (t.sent <= t.acked) return;
    this.d.onRetransmit(t.sent - t.acked);
    noteReroute(t, cutAtMs, t.acked + 1, { estimated: true });
    t.resendBytes = RTO_RESEND_BYTES;
    this.resetInflight(t, t.acked);
    t.lastProgressMs = Date.now();
    this.pump(rt, t);
  }

  /**
   * Fast reroute of a cut lane: sends again the messages of `seqs` still unacknowledged (the
   * lane's sent log, sent-log.ts: sent on it and not reported consumed by the next hop), in seq
   * order, the first {@link RTO_RESEND_BYTES} flagged to ride the priority lane; the rest of the
   * window stays in flight on the paths that still carry it. `onRerouted` reports as for
   * {@link resendInFlight}, `'first'` at the ack that covers the oldest of these messages; with
   * `suspect` (a neighbor only suspected) the times wait for the dead verdict (reroute-timing.ts).
   */
  resendLost(rt: SenderStream, t: TargetState, seqs: readonly number[], cutAtMs: number, suspect?: string): void {
    const unacked = [...new Set(seqs)].filter((q) => q > t.acked && q <= t.sent).sort((x, y) => x - y);
    if (!unacked.length) return;
    this.d.onRetransmit(unacked.length);
    noteReroute(t, cutAtMs, unacked[0], { suspect });
    let bytes = 0;
    for (let i = 0; i < unacked.length;) {
      let j = i + 1;
      while (j < unacked.length && unacked[j] === unacked[j - 1] + 1 && j - i < READ_BATCH) j++;
      for (const m of this.d.read(rt, unacked[i], j - i) ?? []) {
        if (m.seq < unacked[i] || m.seq >= unacked[i] + (j - i)) continue;
        this.send(rt, t, m, bytes < RTO_RESEND_BYTES);
        bytes += m.payload.length;
      }
      i = j;
    }
    t.flight.markResent(unacked[unacked.length - 1]);
    t.lastProgressMs = Date.now();
  }

  /** Periodic work: a retransmission timeout, sending what the window allows, a zero-window probe. */
  tick(rt: SenderStream, t: TargetState, now: number): void {
    if (!t.announced && now - t.announcedAtMs >= ANNOUNCE_RETRY_MS) this.announce(rt, t, now);
    if (t.sent > t.acked && now - t.lastProgressMs > t.rtoMs) {
      t.recovery = { through: t.sent, resentTo: t.acked };
      this.resendOldest(rt, t);
      t.rtoMs = Math.min(t.rtoMs * 2, this.d.cfg.rtoMaxMs);
      t.lastProgressMs = now;
    }
    if (t.sent < rt.durableSeq) this.pump(rt, t);
    if (t.sent === t.acked && t.acked < rt.durableSeq && t.sent >= t.limit && now - t.lastProgressMs > this.d.cfg.rtoMaxMs) this.probe(rt, t, now);
  }

  /** Sends the target as much of the outbox as its window allows. */
  pump(rt: SenderStream, t: TargetState): void {
    if (!this.d.hasRoute(t.nodeId)) return;
    const share = this.d.windowShare?.(rt) ?? 1;
    const window = Math.max(1, Math.floor(this.d.cfg.windowMessages * share));
    const end = Math.min(rt.durableSeq, t.limit);
    const bytes = Math.max(64 * 1024, t.flight.windowBytes(Math.max(this.d.cfg.minWindowBytes ?? MIN_WINDOW_BYTES, MIN_WINDOW_MESSAGES * t.flight.lastSize), WINDOW_BYTES) * share);
    t.windowBytes = bytes;
    while (t.sent < end && t.sent - t.acked < window && t.flight.bytes < bytes) {
      // Read about as many as the byte window has room for, by the last message's size: every
      // message read goes out, and a whole READ_BATCH of 1 MiB messages once went 128 MiB past a
      // 6 MiB window (link send queues past their high water mark, frames refused, RTO stalls).
      const room = t.flight.lastSize > 0 ? Math.ceil((bytes - t.flight.bytes) / t.flight.lastSize) : RESEND_READ_BATCH;
      const n = Math.min(READ_BATCH, room, window - (t.sent - t.acked), end - t.sent);
      const msgs = this.d.read(rt, t.sent + 1, n);
      if (!msgs) return;
      if (msgs.length === 0 || msgs[0].seq !== t.sent + 1) return this.d.onGap(rt, t.sent + 1);
      const now = Date.now();
      if (t.sent === t.acked) t.lastProgressMs = now;
      for (const m of msgs) {
        if (t.flight.bytes >= bytes) return; // the window is full; the rest are read again next time
        this.send(rt, t, m);
        t.sent = m.seq;
        t.flight.push(m.seq, m.payload.length, now);
      }
    }
  }

  /** Sends the stream's announcement to `t` (see the module comment), if it has a route. */
  announce(rt: SenderStream, t: TargetState, now = Date.now()): void {
    t.announcedAtMs = now;
    if (!this.d.hasRoute(t.nodeId)) return;
    this.send(rt, t, { seq: 0, messageId: ANNOUNCE_MESSAGE_ID, publishedAtMs: now, payload: new Uint8Array(0) });
  }

  /** Hands one message to the data plane; `resend`: it fills a hole (see {@link TargetState.resendBytes}). */
  private send(rt: SenderStream, t: TargetState, m: StoredMessage, resend = false): void {
    const trace = this.d.traceOf?.(rt, m.seq);
    if (!resend && t.resendBytes !== undefined && m.seq > 0) {
      resend = true;
      t.resendBytes -= m.payload.length;
      if (t.resendBytes <= 0) t.resendBytes = undefined;
    }
    this.d.dp.execute({ type: 'send-message', msg: { dst: t.tag, streamId: rt.meta.streamId, tenant: rt.tenantTag, seq: m.seq, messageId: m.messageId, priority: rt.meta.priority, payload: m.payload, ...(trace ? { trace } : {}), ...(resend ? { resend } : {}) } });
  }

  private resetInflight(t: TargetState, to: number): void {
    t.flight.reset(t.sent);
    t.sent = to;
  }

  /**
   * Retransmission after a timeout: the oldest unacknowledged messages, up to
   * {@link RTO_RESEND_BYTES} (at least one), are sent again; the rest stay in flight. A go-back-N
   * of the whole window would resend up to {@link WINDOW_BYTES} that are most likely still queued
   * on their way. A partial ack that stops right after them resends the next ones.
   */
  private resendOldest(rt: SenderStream, t: TargetState): void {
    if (!t.recovery) return;
    const from = Math.max(t.acked, t.recovery.resentTo) + 1;
    if (from > t.sent) return;
    let bytes = 0;
    let last = from - 1;
    // Read a few at a time: a resend sends at most RTO_RESEND_BYTES, and what the outbox cache no
    // longer holds is read from the store (a copy and a CRC32C check per message).
    for (let full = false; !full && last < t.sent;) {
      const msgs = this.d.read(rt, last + 1, Math.min(RESEND_READ_BATCH, t.sent - last));
      if (!msgs?.length) break;
      for (const m of msgs) {
        if (m.seq !== last + 1 || (bytes > 0 && bytes + m.payload.length > RTO_RESEND_BYTES)) {
          full = true;
          break;
        }
        this.send(rt, t, m, true);
        bytes += m.payload.length;
        last = m.seq;
      }
    }
    if (last < from) return;
    this.d.onRetransmit(last - from + 1);
    t.flight.markResent(last);
    t.recovery.resentTo = last;
  }

  /** Zero-window probe: one message past the limit, answered by an ack with the current limit. */
  private probe(rt: SenderStream, t: TargetState, now: number): void {
    t.lastProgressMs = now;
    if (!this.d.hasRoute(t.nodeId)) return;
    const [m] = this.d.read(rt, t.acked + 1, 1) ?? [];
    if (m) this.send(rt, t, m);
  }
}

/** `lost` grouped by stream id, then by target tag: the seqs to send again (see {@link TargetSender.resendLost}). */
export function groupLost(lost: readonly LostMessage[]): Map<string, Map<bigint, number[]>> {
  const out = new Map<string, Map<bigint, number[]>>();
  for (const l of lost) {
    let byTag = out.get(l.streamId);
    if (!byTag) out.set(l.streamId, (byTag = new Map()));
    let seqs = byTag.get(l.dst);
    if (!seqs) byTag.set(l.dst, (seqs = []));
    seqs.push(l.seq);
  }
  return out;
}
