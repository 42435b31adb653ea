/**
 * The inbound path of a data plane: each WebSocket message of a lane is decoded as a batch
 * (docs/WIRE.md), and each frame is handled by type:
 * - heartbeats are answered and measured (liveness.ts), window updates credit the lane
 *   (lane-credit.ts), other link-local frames (handshake, LSA, bye) go to the control plane;
 * - a routed frame for another node is forwarded by the routing table (its TTL and hop count
 *   updated; a transit node holds no pair key and checks nothing, outbound.ts);
 * - a routed frame for this node is checked against its pair tag first (src/shared/wire/auth.ts),
 *   then acks, Raft and SWIM go to the control plane and data chunks to the reassembler of the
 *   shard that owns their stream; a message that arrived whole as a resend is acknowledged
 *   selectively at once ({@link Inbound.sackResend}).
 * Credited bytes handed on are counted as consumed, and a window update goes back when due. Bad
 * input is dropped and counted (a reason of {@link DropReason}), reported as `frame-error`, and a
 * malformed batch or text message closes the lane; nothing here throws to the socket.
 */
import { hopSpan, type MeshTracer } from '../../shared/tracing/index.js';
import { performance } from 'node:perf_hooks';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import {
  CreditSchema, DEFAULT_TTL, FrameFlag, FrameType, HeartbeatSchema, Off, decodeBatch, decodeBody, encodeBody, encodeFrame, encodeSack, type Frame,
} from '../../shared/wire/index.js';
import { CloseCode, MAX_EARLY_BYTES, MAX_EARLY_FRAMES } from './constants.js';
import type { Link } from './link.js';
import type { DataPlaneEvent, DataPlaneStats, DropReason, InboundMessage } from './messages.js';
import { DropReason as DR } from './messages.js';
import type { Reassembler } from './reassembly.js';
import type { PairKeys } from './pair-keys.js';
import type { Liveness } from './liveness.js';
import type { CrossShard } from './virtual-link.js';
import type { Outbound } from './outbound.js';
import { isCredited } from './lane-credit.js';
import { streamHashOf } from './lanes.js';

const LINK_LOCAL = new Set<number>([FrameType.Handshake, FrameType.Lsa, FrameType.Bye, FrameType.Heartbeat]);

/** The drop reason counted for an error code of a frame or a reassembly. */
export function dropReasonOf(code: string): DropReason {
  if (code === ErrorCode.FrameBadCrc) return DR.BadCrc;
  if (code === ErrorCode.FrameTooLarge) return DR.Oversized;
  if (code === ErrorCode.DigestMismatch) return DR.DigestMismatch;
  if (code === ErrorCode.PayloadTooLarge) return DR.ReassemblyOverflow;
  return DR.BadFrame;
}

/** What the inbound path uses of its data plane (dataplane.ts). */
export interface InboundDeps {
  counters: DataPlaneStats;
  out: Outbound;
  pairKeys: PairKeys;
  reassembler: Reassembler;
  tracer: MeshTracer | null;
  liveness(): Liveness;
  localTag(): bigint;
  /** Reports an event to the control plane. */
  emit(ev: DataPlaneEvent): void;
  /** Set in a shard: single-chunk data frames for this node are handed over encoded. */
  deliverRaw(): ((frame: Uint8Array) => void) | null;
  /** Set in a shard: hands a frame to another shard; false when its ring is congested. */
  crossShard(): CrossShard | null;
  /** This shard's index. */
  shardIndex(): number;
  /** The node's shard count. */
  shardCount(): number;
}

/** Frames received on a data plane's lanes; see the module comment. */
export class Inbound {
  constructor(private readonly d: InboundDeps) {}

  /** One WebSocket message received on `link`. */
  receive(link: Link, data: Buffer, isBinary: boolean): void {
    link.lastRxMs = Date.now();
    link.bytesIn += data.length;
    this.d.counters.bytesIn += data.length;
    if (!isBinary) return this.fail(link, ErrorCode.FrameBadType, 'text WebSocket messages are not accepted', DR.TextMessage);
    let frames: Frame[];
    try {
      frames = decodeBatch(data);
    } catch (err) {
      const e = err instanceof MeshError ? err : new MeshError(ErrorCode.FrameBadHeader, String(err));
      return this.fail(link, e.code, e.message, dropReasonOf(e.code));
    }
    link.framesIn += frames.length;
    this.d.counters.framesIn += frames.length;
    const delivered: InboundMessage[] = [];
    let credited = 0;
    for (const f of frames) {
      if (!link.bound && f.type !== FrameType.Handshake) {
        // A listener sends right behind its welcome, before the dialer's bind arrives: the dialing
        // side holds what comes (within the initial credit window: the listener has no more) and
        // hands it on, counted as consumed, once bound. Dropping data here cost its messages a
        // retransmission timeout and the lane that much credit for good. A dialer never sends
        // before the welcome, so an inbound link refuses.
        const bytes = isCredited(f.type) ? f.raw.length : 0;
        if (!link.outbound || link.early.length >= MAX_EARLY_FRAMES || link.earlyCredited + bytes > MAX_EARLY_BYTES) {
          return this.fail(link, ErrorCode.PermissionDenied, 'frames before handshake', DR.Unauthenticated);
        }
        link.early.push(f);
        link.earlyCredited += bytes;
        continue;
      }
      if (isCredited(f.type)) credited += f.raw.length;
      this.dispatch(link, f, delivered);
    }
    if (delivered.length) this.d.emit({ type: 'messages', messages: delivered });
    if (credited > 0 && link.bound) this.consumed(link, credited);
  }

  /** `bytes` of credited frames received on `link` were handed on: sends the peer a window update when due. */
  consumed(link: Link, bytes: number): void {
    const granted = link.credit.consume(bytes, performance.now(), link.meter.minRttMs);
    if (granted === null) return;
    link.send(encodeFrame({ type: FrameType.Credit, ttl: 1, src: this.d.localTag(), dst: 0n, payload: encodeBody({ granted, consumed: link.credit.consumed }) }), true);
  }

  /** Handles one frame received on `link`; complete messages for this node are added to `delivered`. */
  dispatch(link: Link, f: Frame, delivered: InboundMessage[]): void {
    if (f.type === FrameType.Heartbeat) return this.heartbeat(link, f);
    if (f.type === FrameType.Credit) return this.credit(link, f);
    if (LINK_LOCAL.has(f.type)) {
      this.d.emit({ type: 'control', linkId: link.id, frame: f });
      return;
    }
    if (f.dst !== this.d.localTag()) return this.forward(f, link.peerTag);
    if (!this.authentic(link, f)) return;
    if (f.type === FrameType.Ack) {
      this.d.emit({ type: 'control', linkId: link.id, frame: f, atMs: Date.now() });
      return;
    }
    if (f.type === FrameType.Raft || f.type === FrameType.Swim) {
      this.d.emit({ type: 'control', linkId: link.id, frame: f });
      return;
    }
    const deliverRaw = this.d.deliverRaw();
    if (deliverRaw && f.totalChunks <= 1 && f.chunkSeq === 0) {
      if (delivered.length) this.d.emit({ type: 'messages', messages: delivered.splice(0) });
      deliverRaw(f.raw);
      if (f.flags & FrameFlag.Resend) this.sackResend(f);
      return;
    }
    const count = this.d.shardCount();
    const owner = count <= 1 ? -1 : streamHashOf(f.raw) % count;
    const cross = owner >= 0 && owner !== this.d.shardIndex() ? this.d.crossShard() : null;
    if (cross) {
      // Only the owning shard reassembles the stream (its chunks come over every path, so over
      // links of any shard): a chunk that owner cannot take now is dropped, not reassembled here,
      // where its message would never complete; the source's retransmission sends it again.
      if (cross(owner, f.raw, 'chunk')) this.d.counters.shardHandoffs++;
      else this.d.counters.dropped[DR.Congested]++;
      return;
    }
    this.reassemble(link, f, delivered);
  }

  /**
   * Adds chunk `f` (authenticated) to the reassembler; the message it completes goes to
   * `delivered`. `link`: where it arrived (null: handed over by another shard).
   */
  reassemble(link: Link | null, f: Frame, delivered: InboundMessage[]): void {
    try {
      const whole = this.d.reassembler.add(f);
      const head = { src: f.src, streamId: f.streamId, tenant: f.tenant, seq: f.seq, messageId: f.messageId, ...(f.trace.length ? { trace: Uint8Array.from(f.trace) } : {}) };
      if (!whole) return;
      delivered.push({ ...head, payload: whole });
      if (this.d.reassembler.completedResend) this.sackResend(f);
    } catch (err) {
      const e = err instanceof MeshError ? err : new MeshError(ErrorCode.Internal, String(err));
      this.d.counters.dropped[dropReasonOf(e.code)]++;
      this.d.emit({ type: 'frame-error', linkId: link?.id ?? 0, code: e.code, message: e.message });
    }
  }

  /**
   * A message that came as a resend ({@link FrameFlag.Resend}: a fast reroute or a retransmission
   * timeout sent it again) arrived whole for this node: its seq is acknowledged selectively to the
   * source at once (an ack frame with `ack` and `seq` 0 and one SACK block, src/shared/wire/sack.ts),
   * ahead of the messages of the stream queued toward the control plane, whose cumulative ack
   * follows once they are stored. The source times a reroute's first delivery by it.
   */
  private sackResend(f: Frame): void {
    const ack = encodeFrame({ type: FrameType.Ack, ttl: DEFAULT_TTL, src: this.d.localTag(), dst: f.src, streamId: f.streamId, payload: encodeSack([{ start: f.seq, end: f.seq }]) });
    if (!this.d.pairKeys.seal(ack, f.src)) return;
    this.d.out.routeAck(f.src, ack);
    this.d.counters.sacks++;
  }

  private fail(link: Link, code: ErrorCode, message: string, reason: DropReason): void {
    this.d.counters.dropped[reason]++;
    this.d.emit({ type: 'frame-error', linkId: link.id, code, message });
    link.close(reason === DR.TextMessage ? CloseCode.Unsupported : CloseCode.Invalid, message);
  }

  /** Forwards a transit frame that arrived from neighbor `from` (outbound.ts `forward`: a U-turn takes an alternate). */
  private forward(f: Frame, from: bigint | null): void {
    if (f.ttl <= 1) {
      this.d.counters.dropped[DR.TtlExpired]++;
      return;
    }
    const raw = f.raw as Buffer;
    raw[Off.ttl] = f.ttl - 1;
    raw[Off.hopCount] = Math.min(255, f.hopCount + 1);
    if (this.d.out.forward(f.dst, raw, f.type !== FrameType.Data, from)) {
      this.d.counters.forwarded++;
      const tracer = this.d.tracer;
      if (tracer && f.trace.length && f.chunkSeq === 0) {
        hopSpan(tracer, 'meshd.forward', f.trace, {
          'meshd.stream_id': f.streamId, 'meshd.seq': f.seq, 'meshd.message_id': f.messageId, 'meshd.hop_count': f.hopCount + 1, 'meshd.chunks': f.totalChunks,
          'meshd.from': f.src.toString(16), 'meshd.to': f.dst.toString(16),
        });
      }
    }
  }

  /** Checks the pair tag of a routed frame addressed to this node; drops, counts and reports a failure. */
  private authentic(link: Link, f: Frame): boolean {
    const r = this.d.pairKeys.check(f);
    if (r === 'ok') return true;
    this.d.counters.dropped[r === 'bad-tag' ? DR.BadTag : DR.UnknownPeer]++;
    this.d.emit({
      type: 'frame-error', linkId: link.id, code: ErrorCode.Unauthenticated,
      message: `${r === 'bad-tag' ? 'wrong pair tag' : 'no pair key'} on a type ${f.type} frame claiming source tag ${f.src.toString(16)}`,
    });
    return false;
  }

  /** A window update from the peer for this lane (lane-credit.ts); a malformed one closes the link. */
  private credit(link: Link, f: Frame): void {
    try {
      const c = decodeBody(CreditSchema, f.payload);
      link.onCredit(c.granted, c.consumed);
    } catch (err) {
      this.fail(link, (err as MeshError).code, (err as MeshError).message, DR.BadFrame);
    }
  }

  private heartbeat(link: Link, f: Frame): void {
    try {
      this.d.liveness().heartbeat(link, decodeBody(HeartbeatSchema, f.payload));
    } catch (err) {
      this.fail(link, (err as MeshError).code, (err as MeshError).message, DR.BadFrame);
    }
  }
}
