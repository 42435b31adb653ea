/**
 * Messages in flight from a source to one target: their sizes (the byte credit window) and send
 * times, and the retransmission timeout estimated from them as TCP does (RFC 6298: SRTT and
 * RTTVAR from acknowledgement round trips, RTO = SRTT + max(G, 4 * RTTVAR), clamped to the
 * configured bounds; Karn's algorithm: no sample from a message sent more than once). A round trip
 * here includes the time a message waits in the queues of the links and paths it crosses, so the
 * timeout grows with a deep queue instead of firing while data is still on its way (a spurious
 * retransmission that striping over a slow path used to cause).
 */

/**
 * The byte window adapts to the path (after BBR: N. Cardwell et al., "BBR: Congestion-Based
 * Congestion Control", ACM Queue 14(5), 2016): twice the bandwidth-delay product, from the largest
 * delivery rate of the last {@link RATE_SAMPLES} intervals of {@link RATE_INTERVAL_MS} and the
 * smallest round trip of the last {@link MIN_RTT_WINDOW_MS}, within the source's bounds. A window
 * of a few BDPs keeps the path full without queueing seconds of data in front of the target, which
 * hid a slow path's queue from the multipath scheduler.
 */
export const RATE_INTERVAL_MS = 100;
/** Delivery-rate samples the max filter spans. */
export const RATE_SAMPLES = 10;
/** How long a minimum round trip is remembered (ms). */
export const MIN_RTT_WINDOW_MS = 10_000;

/** RTO before the first round-trip sample (ms; RFC 6298 sec. 2.1). */
export const INITIAL_RTO_MS = 1000;

/** Clock granularity term of RFC 6298's RTO (ms). */
export const RTO_GRANULARITY_MS = 10;

/** In-flight accounting and RTO estimation of one stream target; see the module comment. */
export class InFlight {
  /** Bytes in flight. */
  bytes = 0;
  /** Size of the newest message sent (bytes; 0 before the first). */
  lastSize = 0;
  /** Smoothed round trip (ms; 0 before the first sample). */
  srttMs = 0;
  /** Round-trip variation (ms). */
  rttvarMs = 0;
  private sizes: number[] = [];
  private sentAt: number[] = [];
  private head = 0;
  /** Seq of the oldest message in flight. */
  private firstSeq = 0;
  /** Seqs up to this one were (or will be) sent more than once. */
  private resentThrough = 0;
  /** Smallest round trip (ms) and when it was seen. */
  private minRtt = { ms: Infinity, at: 0 };
  /** Bytes acknowledged since `rateAt`, and the recent delivery rates (bytes/ms). */
  private ackedBytes = 0;
  private rateAt = 0;
  private rates: number[] = [];

  /** A message of `size` bytes with seq `seq` was sent at `nowMs`. */
  push(seq: number, size: number, nowMs: number): void {
    if (this.sizes.length === this.head) this.firstSeq = seq;
    this.sizes.push(size);
    this.sentAt.push(nowMs);
    this.bytes += size;
    this.lastSize = size;
  }

  /** The oldest `n` in flight were acknowledged at `nowMs`; the newest of them gives an RTT sample. */
  ack(n: number, nowMs: number): void {
    n = Math.min(n, this.sizes.length - this.head);
    if (n <= 0) return;
    const last = this.head + n - 1;
    const lastSeq = this.firstSeq + n - 1;
    if (lastSeq > this.resentThrough) this.sample(nowMs - this.sentAt[last], nowMs);
    for (let i = 0; i < n; i++) {
      this.ackedBytes += this.sizes[this.head];
      this.bytes -= this.sizes[this.head++];
    }
    if (this.rateAt === 0) {
      this.rateAt = nowMs; // the first acks start the clock; what they acked came before it
      this.ackedBytes = 0;
    } else if (nowMs - this.rateAt >= RATE_INTERVAL_MS) {
      this.rates.push(this.ackedBytes / (nowMs - this.rateAt));
      if (this.rates.length > RATE_SAMPLES) this.rates.shift();
      this.ackedBytes = 0;
      this.rateAt = nowMs;
    }
    this.firstSeq += n;
    if (this.head > 4096) {
      this.sizes = this.sizes.slice(this.head);
      this.sentAt = this.sentAt.slice(this.head);
      this.head = 0;
    }
  }

  /** Seqs up to `seq` were sent again (Karn: no RTT sample from them). */
  markResent(seq: number): void {
    this.resentThrough = Math.max(this.resentThrough, seq);
  }

  /** Everything in flight will be sent again; seqs up to `sentThrough` give no RTT sample. */
  reset(sentThrough: number): void {
    this.resentThrough = Math.max(this.resentThrough, sentThrough);
    this.sizes = [];
    this.sentAt = [];
    this.head = 0;
    this.bytes = 0;
  }

  /** The retransmission timeout (ms) within [minMs, maxMs]; before any sample, RFC 6298's 1 s (at least `minMs`). */
  rto(minMs: number, maxMs: number): number {
    if (this.srttMs === 0) return Math.min(maxMs, Math.max(minMs, INITIAL_RTO_MS));
    return Math.min(maxMs, Math.max(minMs, this.srttMs + Math.max(RTO_GRANULARITY_MS, 4 * this.rttvarMs)));
  }

  /**
   * The byte window (see {@link RATE_INTERVAL_MS}): `2 x max delivery rate x min RTT`, within
   * [minBytes, maxBytes]; `maxBytes` until both are measured.
   */
  windowBytes(minBytes: number, maxBytes: number): number {
    if (this.rates.length === 0 || !Number.isFinite(this.minRtt.ms)) return minBytes;
    const bdp = Math.max(...this.rates) * Math.max(this.minRtt.ms, 1);
    return Math.min(maxBytes, Math.max(minBytes, 2 * bdp));
  }

  private sample(r: number, nowMs: number): void {
    if (r <= this.minRtt.ms || nowMs - this.minRtt.at > MIN_RTT_WINDOW_MS) this.minRtt = { ms: r, at: nowMs };
    if (this.srttMs === 0) {
      this.srttMs = Math.max(r, 1e-3);
      this.rttvarMs = r / 2;
      return;
    }
    this.rttvarMs = 0.75 * this.rttvarMs + 0.25 * Math.abs(this.srttMs - r);
    this.srttMs = 0.875 * this.srttMs + 0.125 * r;
  }
}
