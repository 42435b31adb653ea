/**
 * One WebSocket connection ("link"; once bound, one lane of a peer's VirtualLink, lanes.ts) with
 * frame batching: frames queued in one turn of the event loop go out as one binary WebSocket
 * message (frames of {@link SOLO_FRAME_BYTES} or more go alone, uncopied), control frames first,
 * flushed when the batch reaches `batchBytes` or on `setImmediate` (well under 1 ms). Credited frames wait in the link's send queue while the lane has no credit
 * (lane-credit.ts). The send queue has high and low water marks: past the high one the link is
 * {@link Link.congested} (new data frames are refused, their sources re-send them) until it drains
 * below the low one. Heartbeats and the send buffer feed a {@link LinkMeter} (RTT, loss,
 * bandwidth, utilization).
 */
import { performance } from 'node:perf_hooks';
import type { WebSocket } from 'ws';
import type { Frame } from '../../shared/wire/index.js';
import { Off } from '../../shared/wire/index.js';
import { DEFAULT_HIGH_WATER_BYTES, DEFAULT_LOW_WATER_BYTES } from '../../shared/config/defaults.js';
import { LinkMeter, type LinkMetrics } from './link-meter.js';
import { LaneCredit, INITIAL_CREDIT_BYTES, isCredited } from './lane-credit.js';
import { SentLog, type LostMessage } from './sent-log.js';
import type { LinkId, LinkInfo } from './messages.js';

/** Frames at least this large (bytes) go out as a WebSocket message of their own, not copied into a batch. */
export const SOLO_FRAME_BYTES = 16 * 1024;

/** Send-queue water marks of a link (bytes; config `lanes.highWaterBytes`, `lanes.lowWaterBytes`). */
export interface WaterMarks {
  highWaterBytes: number;
  lowWaterBytes: number;
}

/** A WebSocket link and its counters. */
export class Link {
  peerId: string | null = null;
  peerTag: bigint | null = null;
  /** The lane of its peer's VirtualLink this link is (set at bind). */
  lane = 0;
  /** This lane's credit windows, both directions. */
  readonly credit = new LaneCredit(INITIAL_CREDIT_BYTES);
  /** Times the send queue went past its high water mark. */
  congestedEpisodes = 0;
  readonly meter: LinkMeter;
  /** `bytesOut` at the last meter tick (a link that sent since is busy). */
  lastMeteredBytes = 0;
  bytesIn = 0;
  bytesOut = 0;
  framesIn = 0;
  framesOut = 0;
  lastRxMs: number;
  /** Frames that arrived before the link was bound; replayed at bind. */
  early: Frame[] = [];
  /** Credited bytes of {@link early}: consumed (a window update) at bind. */
  earlyCredited = 0;
  readonly openedAtMs: number;
  private control: Uint8Array[] = [];
  private data: Uint8Array[] = [];
  private queued = 0;
  /** Credited frames waiting for credit, control class first. */
  private waitingControl: Uint8Array[] = [];
  private waitingData: Uint8Array[] = [];
  private waitingBytes = 0;
  /** Data frames sent and not yet reported consumed by the peer (sent-log.ts). */
  private readonly sentLog = new SentLog();
  /** Data frames that were waiting for credit when the link closed. */
  private unsent: Uint8Array[] = [];
  private scheduled = false;
  private closed = false;
  private congestedNow = false;

  constructor(
    readonly id: LinkId,
    private readonly ws: WebSocket,
    readonly outbound: boolean,
    readonly remote: string,
    private batchBytes: number,
    lossAfterMs: number,
    nowMono: number,
    private readonly marks: WaterMarks = { highWaterBytes: DEFAULT_HIGH_WATER_BYTES, lowWaterBytes: DEFAULT_LOW_WATER_BYTES },
  ) {
    this.meter = new LinkMeter(lossAfterMs, nowMono);
    this.openedAtMs = Date.now();
    this.lastRxMs = this.openedAtMs;
  }

  /** True when the link is bound to a peer by a completed handshake. */
  get bound(): boolean {
    return this.peerTag !== null;
  }

  /** Bytes queued and not yet sent: frames waiting for credit, the open batch and the socket's send buffer. */
  get backlog(): number {
    return this.waitingBytes + this.queued + (this.closed ? 0 : this.ws.bufferedAmount);
  }

  /**
   * Bytes ahead of a frame queued now (the multipath scheduler's queue): those waiting for credit
   * and those sent but not yet reported consumed by the peer (in this process's buffers, the
   * kernel's, any relay's or on the wire).
   */
  get pathBacklog(): number {
    return this.waitingBytes + Math.max(this.credit.unacked, this.queued + (this.closed ? 0 : this.ws.bufferedAmount));
  }

  /** Credited bytes waiting for credit. */
  get waiting(): number {
    return this.waitingBytes;
  }

  /**
   * True from when the backlog passes the high water mark until it falls below the low one
   * (hysteresis, so a link at the mark does not flap between refusing and accepting).
   */
  get congested(): boolean {
    const b = this.backlog;
    if (this.congestedNow) this.congestedNow = b > this.marks.lowWaterBytes;
    else if (b > this.marks.highWaterBytes) {
      this.congestedNow = true;
      this.congestedEpisodes++;
    }
    return this.congestedNow;
  }

  /** A live reload: the batch size, and the largest credit window of this lane once it is bound. */
  retune(batchBytes: number, windowBytes: number): void {
    this.batchBytes = batchBytes;
    if (this.bound) this.credit.maxWindowBytes = Math.max(INITIAL_CREDIT_BYTES, windowBytes);
  }

  /** Binds the link as lane `lane`, letting the peer send up to `windowBytes` ahead of what this end consumed (auto-tuned, lane-credit.ts). */
  setLane(lane: number, windowBytes: number): void {
    this.lane = lane;
    this.credit.maxWindowBytes = Math.max(INITIAL_CREDIT_BYTES, windowBytes);
  }

  /**
   * Queues one encoded frame; control frames are sent ahead of data in the same batch. A credited
   * frame waits while the lane has no credit or others wait before it.
   */
  send(frame: Uint8Array, control: boolean): void {
    if (this.closed) return;
    this.framesOut++;
    if (isCredited(frame[Off.type])) {
      if (this.waitingBytes > 0 || !this.credit.open) {
        (control ? this.waitingControl : this.waitingData).push(frame);
        this.waitingBytes += frame.length;
        return;
      }
      this.credit.sent += frame.length;
      this.sentLog.record(frame, this.credit.sent);
    }
    this.enqueue(frame, control);
  }

  /** The peer raised this lane's limit to `limit` bytes, having consumed `consumed`: frames waiting for it go out. */
  onCredit(limit: number, consumed = 0): void {
    const backlogged = this.waitingBytes > 0;
    const raised = this.credit.grant(limit, consumed);
    this.sentLog.confirm(this.credit.peerConsumed);
    this.meter.onDelivered(this.credit.peerConsumed, backlogged, performance.now());
    if (!raised || this.closed) return;
    while (this.waitingBytes > 0 && this.credit.open) {
      const control = this.waitingControl.length > 0;
      const frame = (control ? this.waitingControl : this.waitingData).shift()!;
      this.waitingBytes -= frame.length;
      this.credit.sent += frame.length;
      this.sentLog.record(frame, this.credit.sent);
      this.enqueue(frame, control);
    }
  }

  private enqueue(frame: Uint8Array, control: boolean): void {
    (control ? this.control : this.data).push(frame);
    this.queued += frame.length;
    if (this.queued >= this.batchBytes) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /**
   * Sends the queued frames, control first: runs of small frames as one WebSocket message each,
   * every frame of {@link SOLO_FRAME_BYTES} or more as a message of its own, without a copy (bulk
   * chunks are 64 KiB; copying them into one batch cost a copy of every sent byte and the garbage
   * collections its allocations set off).
   */
  flush(): void {
    this.scheduled = false;
    if (this.queued === 0 || this.closed) return;
    const parts = this.control.length ? this.control.concat(this.data) : this.data;
    this.bytesOut += this.queued;
    this.control = [];
    this.data = [];
    this.queued = 0;
    let from = 0;
    let runBytes = 0;
    for (let i = 0; i <= parts.length; i++) {
      const solo = i < parts.length && parts[i].length >= SOLO_FRAME_BYTES;
      if (i === parts.length || solo) {
        if (i - from === 1) this.ws.send(parts[from], { binary: true });
        else if (i > from) this.ws.send(Buffer.concat(parts.slice(from, i), runBytes), { binary: true });
        if (solo) this.ws.send(parts[i], { binary: true });
        from = i + 1;
        runBytes = 0;
      } else runBytes += parts[i].length;
    }
  }

  /** Smoothed RTT (ms). */
  get rttMs(): number {
    return this.meter.rttMs;
  }

  /** Ends one measurement interval (`now`: monotonic ms); see {@link LinkMeter.onInterval}. */
  measure(now: number): LinkMetrics {
    this.meter.onInterval(this.bytesOut, this.closed ? 0 : this.ws.bufferedAmount, now);
    return this.meter.snapshot();
  }

  /** Flushes and closes with a WebSocket close code (RFC 6455 sec. 7.4). */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.unsent = this.waitingData;
    this.waitingControl = [];
    this.waitingData = [];
    this.waitingBytes = 0;
    try {
      this.ws.close(code, reason.slice(0, 120));
    } catch {
      this.ws.terminate();
    }
    setTimeout(() => this.ws.terminate(), 1000).unref();
  }

  /** Drops the connection at once. */
  terminate(): void {
    this.closed = true;
    this.unsent = this.waitingData;
    this.waitingControl = [];
    this.waitingData = [];
    this.waitingBytes = 0;
    this.ws.terminate();
  }

  /**
   * The messages from source `src` (this node's tag) that this link may have lost: data frames
   * sent and not reported consumed by the peer, and those still waiting for credit (sent-log.ts).
   */
  lost(src: bigint): LostMessage[] {
    return this.sentLog.lost(src, this.closed ? this.unsent : this.waitingData);
  }

  /**
   * The peer is suspected (liveness.ts): the oldest messages {@link Link.lost} would report now, up
   * to `maxBytes` of their frames, remembered so a later `lost` leaves them out, until
   * {@link Link.heardAgain}.
   */
  lostOnSuspicion(src: bigint, maxBytes: number): LostMessage[] {
    return this.sentLog.lost(src, this.waitingData, true, maxBytes);
  }

  /** The suspected peer was heard again: a later cut reports everything it may have lost. */
  heardAgain(): void {
    this.sentLog.forgetReported();
  }

  /** Status snapshot. */
  info(): LinkInfo {
    return {
      linkId: this.id, peerId: this.peerId, lane: this.lane, outbound: this.outbound, remote: this.remote, up: !this.closed && this.bound,
      ...this.meter.snapshot(), queueBytes: this.backlog, creditBytes: Math.max(0, this.credit.granted - this.credit.sent), bytesIn: this.bytesIn, bytesOut: this.bytesOut, framesIn: this.framesIn, framesOut: this.framesOut,
    };
  }
}
