/**
 * Link liveness and measurement: a heartbeat ping on every bound link each `heartbeatMs` (its pong
 * gives the RTT and loss, link-meter.ts), an extra ping every {@link METER_INTERVAL_MS} on a link
 * that sent data since the last one (its answer waits behind the data queued in the kernel and
 * the network, so a path's queue shows within ~100 ms), send rates sampled at the same pace, a
 * link silent for `deadAfterMs` declared dead, and a link not bound within the handshake timeout
 * closed.
 */
import { performance } from 'node:perf_hooks';
import { FrameType, encodeBody, encodeFrame, type Heartbeat } from '../../shared/wire/index.js';
import { CloseCode, HANDSHAKE_TIMEOUT_MS } from './constants.js';
import type { Link } from './link.js';

/** Links' send rates are sampled this often (ms). */
export const METER_INTERVAL_MS = 100;

/** What liveness needs from the data plane. */
export interface LivenessDeps {
  heartbeatMs: number;
  deadAfterMs: number;
  links(): Iterable<Link>;
  localTag(): bigint;
  /** A pong updated a bound link's measurements. */
  onMeasured(link: Link): void;
  /** A bound link was silent for `deadAfterMs` (already terminated). */
  onDead(link: Link): void;
  /** Runs after each heartbeat round (the data plane sweeps its reassembler). */
  onRound(nowMs: number): void;
}

/** Heartbeats, metering and dead-link detection of one data plane; see the module comment. */
export class Liveness {
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly d: LivenessDeps) {
    this.timers.push(setInterval(() => this.round(), d.heartbeatMs), setInterval(() => this.meter(), METER_INTERVAL_MS));
    for (const t of this.timers) t.unref();
  }

  /** Stops the timers. */
  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  /** A heartbeat arrived on `link`: a ping is answered, a pong measured. */
  heartbeat(link: Link, hb: Heartbeat): void {
    if (hb.kind === 'ping') {
      link.send(this.frame('pong', hb.t), true);
      return;
    }
    link.meter.onPong(hb.t, performance.now());
    if (link.peerId) this.d.onMeasured(link);
  }

  private ping(link: Link, t: number): void {
    link.meter.onPing(t);
    link.send(this.frame('ping', t), true);
  }

  private frame(kind: 'ping' | 'pong', t: number): Buffer {
    return encodeFrame({ type: FrameType.Heartbeat, ttl: 1, src: this.d.localTag(), dst: 0n, payload: encodeBody({ kind, t }) });
  }

  private round(): void {
    const now = Date.now();
    for (const link of [...this.d.links()]) {
      if (!link.bound) {
        if (now - link.openedAtMs > HANDSHAKE_TIMEOUT_MS) link.close(CloseCode.ProtocolError, 'handshake timeout');
        continue;
      }
      if (now - link.lastRxMs > this.d.deadAfterMs) {
        link.terminate();
        this.d.onDead(link);
        continue;
      }
      this.ping(link, performance.now());
    }
    this.d.onRound(now);
  }

  private meter(): void {
    const now = performance.now();
    for (const link of this.d.links()) {
      if (!link.bound) continue;
      const sent = link.bytesOut;
      link.measure(now);
      if (sent !== link.lastMeteredBytes) this.ping(link, now);
      link.lastMeteredBytes = sent;
    }
  }
}
