/**
 * Measurements of one link for link-state (issue "measured link-state"): RTT, heartbeat loss, a
 * bandwidth estimate and utilization; loss per heartbeat, rates every 100 ms (dataplane.ts METER_INTERVAL_MS).
 *
 * - RTT: exponentially weighted moving average of heartbeat round trips (TCP's SRTT, RFC 6298,
 *   alpha = 1/8).
 * - Loss: the fraction of the last {@link LOSS_WINDOW} heartbeats not answered within
 *   `lossAfterMs`. Over TCP a lost packet shows up as delay, so this measures a link that is
 *   blackholed or stalled rather than the IP packet loss.
 * - Bandwidth: the bytes the socket handed to the kernel in an interval, divided by its length.
 *   An interval in which the send buffer stayed non-empty from start to end saturated the link,
 *   so its rate is a sample of the link's capacity; the estimate is the largest such sample of the
 *   last {@link BW_WINDOW} intervals (a windowed max filter, as BBR's bottleneck bandwidth
 *   estimate, Cardwell et al., ACM Queue 14(5), 2016). Without a saturated interval the estimate is
 *   the largest rate seen, a lower bound. 0 means nothing was measured yet.
 * - Delivery rate (credited lanes): the bytes the peer reports consumed in its window updates
 *   (lane-credit.ts), over spans of at least {@link DELIVERY_SPAN_MS}. A span during which the
 *   sender had frames waiting for credit from start to end is a sample of what the whole path
 *   (socket buffers, any relay, the receiver) delivers; like the socket samples it goes through a
 *   max filter ({@link DELIVERY_WINDOW_MS}). Socket samples overestimate a path whose buffers
 *   (a relay's, the kernel's) absorb bytes faster than they are delivered, so while delivery
 *   samples exist they are the capacity (BBR's delivery rate, Cheng et al., "Delivery Rate
 *   Estimation", IETF draft-cheng-iccrg-delivery-rate-estimation).
 * - Capacity memory: a capacity stays known for {@link CAPACITY_MEMORY_MS} after its last sample.
 *   A path the multipath scheduler leaves idle for a moment produces no samples; forgetting its
 *   capacity after a second made a slow path look unknown (assumed fast, probed again) or, over a
 *   relay, as fast as its socket samples say, and on unequal paths the scheduler then sent most
 *   chunks to the slow one (`npm run bench:multipath`: 75 % over the path of a quarter the rate).
 *   So a delivery capacity is kept until newer delivery samples replace it, and socket samples
 *   count only where no delivery capacity is known. The scheduler, though, takes a capacity with
 *   no sample for {@link CAPACITY_STALE_MS} as unknown ({@link schedulerCapacity}): a path that
 *   once measured slow (a start-up span, a moment of congestion) gets no chunks and so no new
 *   samples, and would otherwise stay starved; as unknown it is probed again (scheduler.ts
 *   PROBE_BYTES) and measured.
 * - The scheduler reads delivery capacities only. Over kernel TCP a lane's send buffer (megabytes
 *   with autotuning) takes bytes far faster than the path carries them while it fills, so the
 *   first socket samples of a 25 Mbit/s path read 160-200 Mbit/s (`npm run bench:multipath`,
 *   network namespaces); the scheduler believed them and queued megabytes on the slow path, which
 *   the stream's in-order delivery then waited for. Until a delivery sample exists the path is
 *   unknown to the scheduler, which probes it with a bounded backlog (scheduler.ts PROBE_BYTES),
 *   enough to wait for credit and be measured. Socket samples still feed the advertised bandwidth
 *   ({@link snapshot}), where no delivery capacity is known.
 * - Utilization: the last interval's rate over the estimate.
 */

/** RTT smoothing factor (RFC 6298: 1/8). */
export const RTT_ALPHA = 0.125;
/** Heartbeats the loss fraction is computed over. */
export const LOSS_WINDOW = 20;
/** How long the minimum RTT is remembered (ms). */
export const MIN_RTT_WINDOW_MS = 10_000;

/** Intervals the bandwidth estimate's max filter spans. */
export const BW_WINDOW = 10;

/** Shortest span a delivery-rate sample covers (ms): window updates come in bursts. */
export const DELIVERY_SPAN_MS = 100;
/** How long delivery-rate samples count for the capacity (ms). */
export const DELIVERY_WINDOW_MS = 1000;
/** How long a capacity stays known without new samples (ms); see the module comment. */
export const CAPACITY_MEMORY_MS = 10_000;
/** After this long without a sample the multipath scheduler probes the path again (ms); see the module comment. */
export const CAPACITY_STALE_MS = 3000;

/** A snapshot of a link's measurements. */
export interface LinkMetrics {
  /** Smoothed RTT (ms). */
  rttMs: number;
  /** Bandwidth estimate (Mbit/s); 0 = not measured. */
  bwMbps: number;
  /** Unanswered heartbeat fraction, 0..1. */
  loss: number;
  /** Last interval's sending rate over the estimate, 0..1. */
  util: number;
  /** True when `bwMbps` comes from a saturated interval (the link's capacity), false when it is only a lower bound. */
  saturated?: boolean;
}

/** Per-link measurement state; the link calls the `on*` methods, the data plane reads {@link snapshot}. */
export class LinkMeter {
  rttMs = 0;
  /**
   * The link's capacity (Mbit/s): the bandwidth estimate when it comes from a saturated interval,
   * 0 while only a lower bound is known. Kept per interval, so the multipath scheduler reads it per
   * chunk without recomputing {@link snapshot}.
   */
  capacityMbps = 0;
  /** The latest RTT sample (ms): on a busy link it shows the queue the smoothed value lags behind. */
  lastRttMs = 0;
  /** Smallest RTT sample of the last {@link MIN_RTT_WINDOW_MS} (ms), and when it was taken. */
  minRttMs = Infinity;
  private minRttAt = 0;
  private outstanding: number[] = [];
  private answered: boolean[] = [];
  private samples: Array<{ mbps: number; saturated: boolean }> = [];
  private lastRateMbps = 0;
  private lastBytes = 0;
  private lastBuffered = 0;
  private lastAtMs: number;
  private delivery: Array<{ mbps: number; atMs: number }> = [];
  /** Every delivery span's rate, saturated or not (a lower bound on what the path carries). */
  private deliveredAny: Array<{ mbps: number; atMs: number }> = [];
  /** The last capacity known, from delivery samples or saturated socket samples, and when its newest sample was taken. */
  private known: { mbps: number; atMs: number; fromDelivery: boolean } | null = null;
  private span: { consumed: number; atMs: number; backlogged: boolean } | null = null;

  constructor(private readonly lossAfterMs: number, nowMs: number) {
    this.lastAtMs = nowMs;
  }

  /** A heartbeat ping with time `t` (the sender's monotonic ms) went out. */
  onPing(t: number): void {
    this.outstanding.push(t);
    if (this.outstanding.length > LOSS_WINDOW * 2) this.resolve(this.outstanding.shift()!, false);
  }

  /** The pong for ping `t` came back at `now` (both monotonic ms). */
  onPong(t: number, now: number): void {
    const i = this.outstanding.indexOf(t);
    if (i < 0) return; // already counted lost, or not ours
    this.outstanding.splice(i, 1);
    this.resolve(t, true);
    const ms = Math.max(0, now - t);
    this.lastRttMs = ms;
    if (ms <= this.minRttMs || now - this.minRttAt > MIN_RTT_WINDOW_MS) {
      this.minRttMs = ms;
      this.minRttAt = now;
    }
    this.rttMs = this.rttMs === 0 ? ms : (1 - RTT_ALPHA) * this.rttMs + RTT_ALPHA * ms;
  }

  /**
   * One interval ended: `bytesQueued` is the link's running total of bytes handed to the socket,
   * `buffered` the socket's unsent bytes now; `now` monotonic ms. Pings older than `lossAfterMs`
   * count as lost.
   */
  onInterval(bytesQueued: number, buffered: number, now: number): void {
    while (this.outstanding.length && now - this.outstanding[0] > this.lossAfterMs) this.resolve(this.outstanding.shift()!, false);
    const dt = now - this.lastAtMs;
    if (dt <= 0) return;
    const sent = bytesQueued - this.lastBytes - (buffered - this.lastBuffered);
    const mbps = Math.max(0, (sent * 8) / (dt * 1000));
    this.samples.push({ mbps, saturated: this.lastBuffered > 0 && buffered > 0 });
    if (this.samples.length > BW_WINDOW) this.samples.shift();
    this.updateCapacity(now);
    this.lastRateMbps = mbps;
    this.lastBytes = bytesQueued;
    this.lastBuffered = buffered;
    this.lastAtMs = now;
  }

  /**
   * A window update said the peer consumed `consumed` bytes in all (monotonic `now` ms);
   * `backlogged`: frames were waiting for credit when it came. See the module comment.
   */
  onDelivered(consumed: number, backlogged: boolean, now: number): void {
    const sp = this.span;
    if (!sp || consumed < sp.consumed) {
      this.span = { consumed, atMs: now, backlogged };
      return;
    }
    if (now - sp.atMs < DELIVERY_SPAN_MS) {
      sp.backlogged &&= backlogged;
      return;
    }
    const mbps = ((consumed - sp.consumed) * 8) / ((now - sp.atMs) * 1000);
    if (sp.backlogged && backlogged) this.delivery.push({ mbps, atMs: now });
    this.deliveredAny.push({ mbps, atMs: now });
    while (this.deliveredAny.length && now - this.deliveredAny[0].atMs > DELIVERY_WINDOW_MS) this.deliveredAny.shift();
    while (this.delivery.length && now - this.delivery[0].atMs > DELIVERY_WINDOW_MS) this.delivery.shift();
    this.span = { consumed, atMs: now, backlogged };
    this.updateCapacity(now);
  }

  private updateCapacity(now: number): void {
    while (this.delivery.length && now - this.delivery[0].atMs > DELIVERY_WINDOW_MS) this.delivery.shift();
    if (this.known && now - this.known.atMs > CAPACITY_MEMORY_MS) this.known = null;
    let mbps = 0;
    if (this.delivery.length) {
      for (const d of this.delivery) mbps = Math.max(mbps, d.mbps);
      this.known = { mbps, atMs: this.delivery[this.delivery.length - 1].atMs, fromDelivery: true };
    } else if (!this.known?.fromDelivery) {
      for (const x of this.samples) if (x.saturated) mbps = Math.max(mbps, x.mbps);
      if (mbps > 0) this.known = { mbps, atMs: now, fromDelivery: false };
    }
    this.capacityMbps = this.known?.mbps ?? 0;
  }

  /**
   * The capacity the multipath scheduler uses at `now` (monotonic ms): the delivery capacity, 0
   * (unknown) while only socket samples exist or once stale; see the module comment.
   */
  schedulerCapacity(now: number): number {
    return this.known?.fromDelivery && now - this.known.atMs <= CAPACITY_STALE_MS ? this.known.mbps : 0;
  }

  /**
   * What the path has been seen to deliver at `now` (monotonic ms; Mbit/s): the largest delivery
   * rate of the last {@link DELIVERY_WINDOW_MS}, whether or not the sender was waiting for credit.
   * A lower bound on its capacity; the scheduler judges a path of unknown capacity by it once the
   * path holds a probe's worth of bytes (scheduler.ts). 0 when nothing was delivered lately.
   */
  deliveredFloor(now: number): number {
    let mbps = 0;
    for (const d of this.deliveredAny) if (now - d.atMs <= DELIVERY_WINDOW_MS) mbps = Math.max(mbps, d.mbps);
    return mbps;
  }

  /**
   * The round trip the link shows now (ms): the larger of the smoothed RTT, the latest sample and
   * the age of the oldest ping still unanswered (a queue building up shows there before any
   * answer does).
   */
  currentRttMs(now: number): number {
    const waiting = this.outstanding.length ? now - this.outstanding[0] : 0;
    return Math.max(this.rttMs, this.lastRttMs, waiting);
  }

  /** Queueing delay now (ms): the current RTT above the minimum one (0 before any sample). */
  queueMs(now: number): number {
    return Number.isFinite(this.minRttMs) ? Math.max(0, this.currentRttMs(now) - this.minRttMs) : 0;
  }

  /** The current measurements. */
  snapshot(): LinkMetrics {
    // The capacity while one is known (see "Capacity memory"), so an idle link advertises what it
    // carried when busy rather than its idle rate; else the largest rate seen, a lower bound.
    let any = 0;
    for (const s of this.samples) any = Math.max(any, s.mbps);
    const bwMbps = this.capacityMbps > 0 ? this.capacityMbps : any;
    const loss = this.answered.length ? this.answered.filter((ok) => !ok).length / this.answered.length : 0;
    const util = bwMbps > 0 ? Math.min(1, this.lastRateMbps / bwMbps) : 0;
    return { rttMs: this.rttMs, bwMbps, loss, util, saturated: this.capacityMbps > 0 };
  }

  private resolve(_t: number, ok: boolean): void {
    this.answered.push(ok);
    if (this.answered.length > LOSS_WINDOW) this.answered.shift();
  }
}
