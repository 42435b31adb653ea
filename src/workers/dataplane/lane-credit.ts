/**
 * Credit flow control of one lane (one WebSocket connection of a VirtualLink), in the manner of
 * QUIC's connection flow control (RFC 9000 sec. 4.1): each end tells the other, in `Credit`
 * frames, the absolute number of credited bytes it may have sent on the lane since it opened.
 * - The sender sends while `sent < granted` (one frame may overshoot, so a frame larger than the
 *   window still goes) and queues the rest; an update drains the queue.
 * - The receiver counts the credited bytes it handed on and advertises `consumed + window` once
 *   that is {@link CREDIT_UPDATE_BYTES} (or a quarter window, if less) above what it last
 *   advertised, with `consumed` itself: the sender's {@link LaneCredit.unacked} is then what is
 *   still in buffers or on the wire, within that step.
 * Both ends start from {@link INITIAL_CREDIT_BYTES}. Limits only grow: a replayed, reordered or
 * lower update is ignored.
 * - The window is auto-tuned as quic-go does (flowcontrol/base_flow_controller.go,
 *   `maybeAdjustWindowSize`): it starts at {@link INITIAL_CREDIT_BYTES} and doubles, up to the
 *   configured most (`lanes.dataWindowBytes`, `lanes.controlWindowBytes`), whenever more than half
 *   a window was consumed within `4 x fraction x RTT` of the last tuning epoch, i.e. when the
 *   window, not the receiver, limits the lane. A lane whose receiver is the bottleneck keeps a small
 *   window, so little waits in socket buffers where no scheduler sees it and a fast reroute's
 *   resends do not queue behind it. Link-local control frames (handshake, heartbeat, credit, bye) are not
 * credited, so liveness and the updates themselves never wait for credit (no deadlock).
 */
import { FrameType, INITIAL_CREDIT_BYTES } from '../../shared/wire/index.js';

export { INITIAL_CREDIT_BYTES };

/** A receiver sends a window update at least every this many bytes it consumed. */
export const CREDIT_UPDATE_BYTES = 512 * 1024;

const UNCREDITED = new Set<number>([FrameType.Handshake, FrameType.Heartbeat, FrameType.Credit, FrameType.Bye]);

/** True when frames of `type` count against a lane's credit. */
export function isCredited(type: number): boolean {
  return !UNCREDITED.has(type);
}

/** Both directions' credit state of one lane; see the module comment. */
export class LaneCredit {
  /** Credited bytes sent on the lane. */
  sent = 0;
  /** The peer's limit for {@link sent}. */
  granted = INITIAL_CREDIT_BYTES;
  /** Credited bytes received on the lane and handed on. */
  consumed = 0;
  /** The limit this end last advertised to the peer. */
  advertised = INITIAL_CREDIT_BYTES;
  /** What the peer last said it consumed of {@link sent}. */
  peerConsumed = 0;
  /** How far ahead of what it consumed this end lets the peer send now (bytes; auto-tuned). */
  windowBytes = INITIAL_CREDIT_BYTES;
  private epochAtMs = -1;
  private epochConsumed = 0;

  /** `maxWindowBytes`: the most {@link windowBytes} may grow to (at least the initial credit). */
  constructor(public maxWindowBytes: number) {}

  /** True while the sender may send another credited frame. */
  get open(): boolean {
    return this.sent < this.granted;
  }

  /** Sent bytes the peer has not yet reported consumed (in buffers or on the wire). */
  get unacked(): number {
    return Math.max(0, this.sent - this.peerConsumed);
  }

  /** An update arrived (`consumed`: what the peer handed on): true when it raised the limit. */
  grant(limit: number, consumed = 0): boolean {
    if (consumed > this.peerConsumed) this.peerConsumed = Math.min(consumed, this.sent);
    if (limit <= this.granted) return false;
    this.granted = limit;
    return true;
  }

  /**
   * `bytes` of credited frames were handed on at `nowMs` (monotonic ms) on a lane whose round trip
   * is `rttMs` (0: unknown, no tuning): the limit to advertise now, or null when it is not yet
   * worth an update.
   */
  consume(bytes: number, nowMs = 0, rttMs = 0): number | null {
    this.consumed += bytes;
    if (this.consumed + this.windowBytes - this.advertised < Math.min(this.windowBytes / 4, CREDIT_UPDATE_BYTES)) return null;
    this.autoTune(nowMs, rttMs);
    this.advertised = this.consumed + this.windowBytes;
    return this.advertised;
  }

  private autoTune(nowMs: number, rttMs: number): void {
    if (this.epochAtMs < 0) {
      this.epochAtMs = nowMs;
      this.epochConsumed = this.consumed;
      return;
    }
    const inEpoch = this.consumed - this.epochConsumed;
    if (inEpoch <= this.windowBytes / 2) return;
    if (rttMs > 0 && Number.isFinite(rttMs) && nowMs - this.epochAtMs < 4 * (inEpoch / this.windowBytes) * rttMs) {
      this.windowBytes = Math.min(2 * this.windowBytes, Math.max(this.maxWindowBytes, INITIAL_CREDIT_BYTES));
    }
    this.epochAtMs = nowMs;
    this.epochConsumed = this.consumed;
  }
}
