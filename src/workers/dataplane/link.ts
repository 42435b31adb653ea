/**
 * One WebSocket connection ("link") with frame batching: frames queued in one turn of the event
 * loop go out as one binary WebSocket message, control frames first, flushed when the batch
 * reaches `batchBytes` or on `setImmediate` (well under 1 ms). Heartbeats and the send buffer
 * feed a {@link LinkMeter} (RTT, loss, bandwidth, utilization).
 */
import type { WebSocket } from 'ws';
import type { Frame } from '../../shared/wire/index.js';
import { MAX_LINK_BUFFER_BYTES } from './constants.js';
import { LinkMeter, type LinkMetrics } from './link-meter.js';
import type { LinkId, LinkInfo } from './messages.js';

/** A WebSocket link and its counters. */
export class Link {
  peerId: string | null = null;
  peerTag: bigint | null = null;
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
  readonly openedAtMs: number;
  private control: Uint8Array[] = [];
  private data: Uint8Array[] = [];
  private queued = 0;
  private scheduled = false;
  private closed = false;

  constructor(
    readonly id: LinkId,
    private readonly ws: WebSocket,
    readonly outbound: boolean,
    readonly remote: string,
    private readonly batchBytes: number,
    lossAfterMs: number,
    nowMono: number,
  ) {
    this.meter = new LinkMeter(lossAfterMs, nowMono);
    this.openedAtMs = Date.now();
    this.lastRxMs = this.openedAtMs;
  }

  /** True when the link is bound to a peer by a completed handshake. */
  get bound(): boolean {
    return this.peerTag !== null;
  }

  /** Bytes queued and not yet sent: the open batch plus the socket's send buffer. */
  get backlog(): number {
    return this.queued + (this.closed ? 0 : this.ws.bufferedAmount);
  }

  /** True when the socket's send buffer is over {@link MAX_LINK_BUFFER_BYTES}. */
  get congested(): boolean {
    return this.ws.bufferedAmount > MAX_LINK_BUFFER_BYTES;
  }

  /** Queues one encoded frame; control frames are sent ahead of data in the same batch. */
  send(frame: Uint8Array, control: boolean): void {
    if (this.closed) return;
    (control ? this.control : this.data).push(frame);
    this.queued += frame.length;
    this.framesOut++;
    if (this.queued >= this.batchBytes) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Sends every queued frame as one WebSocket message. */
  flush(): void {
    this.scheduled = false;
    if (this.queued === 0 || this.closed) return;
    const parts = this.control.length ? this.control.concat(this.data) : this.data;
    const msg = parts.length === 1 ? parts[0] : Buffer.concat(parts, this.queued);
    this.bytesOut += this.queued;
    this.control = [];
    this.data = [];
    this.queued = 0;
    this.ws.send(msg, { binary: true });
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
    this.ws.terminate();
  }

  /** Status snapshot. */
  info(): LinkInfo {
    return {
      linkId: this.id, peerId: this.peerId, outbound: this.outbound, remote: this.remote, up: !this.closed && this.bound,
      ...this.meter.snapshot(), bytesIn: this.bytesIn, bytesOut: this.bytesOut, framesIn: this.framesIn, framesOut: this.framesOut,
    };
  }
}
