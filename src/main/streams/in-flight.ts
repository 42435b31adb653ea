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
 * Congestion Control", ACM Queue 14(5), 2016): twice the bandwidth-delay product, within the
 * source's bounds. A window of a few BDPs keeps the path full without queueing seconds of data in
 * front of the target, which hid a slow path's queue from the multipath scheduler and held a fast
 * reroute's resends and acks behind it.
 *
 * - Bandwidth: the largest delivery rate of the last {@link RATE_SAMPLES} intervals of
 *   {@link RATE_INTERVAL_MS}. Each sample is taken per acknowledgement over the round trip of the
 *   newest message it covers, as TCP's delivery-rate estimation does (Y. Cheng et al.,
 *   draft-cheng-iccrg-delivery-rate-estimation, sec. 3: bytes delivered between that message's
 *   send and its ack, over the longer of the send and the ack interval), so a burst of cumulative
 *   acks after a stall does not read as a rate several times the real one.
 * - Round trip: the smallest of the last {@link MIN_RTT_WINDOW_MS}. When it is that old and it
 *   sets the window (twice the BDP is above the source's least window), the window drops to
 *   {@link PROBE_RTT_BYTES} (BBR's ProbeRTT) until a message sent onto the drained window is
 *   acknowledged, and at least {@link PROBE_RTT_MS}; the smallest round trip seen meanwhile
 *   replaces it. When the least window holds anyway, the old minimum is kept without a drain: a
 *   drain there only cost throughput (256-byte messages, `npm run bench:messages`: about 30 % fewer
 *   messages per second and twice the p99 at 10k/s offered). Without the drain the next minimum would be taken from a standing
 *   queue the window itself built, and the window would grow with it (a bench trace showed 32 MiB
 *   in flight and round trips of 0.4-1 s on the loaded diamond).
 */
export const RATE_INTERVAL_MS = 100;
/** Delivery-rate intervals the max filter spans. */
export const RATE_SAMPLES = 10;
/** How long a minimum round trip is remembered (ms). */
export const MIN_RTT_WINDOW_MS = 10_000;
/** Least time a ProbeRTT drain lasts (ms; BBR's 200 ms). */
export const PROBE_RTT_MS = 200;
/** The window while a ProbeRTT drain lasts (bytes), or {@link MIN_WINDOW_MESSAGES} of the newest message's size if more. */
export const PROBE_RTT_BYTES = 256 * 1024;
/**
 * Least window in messages of the newest message's size (BBR's least congestion window of 4
 * packets, `bbr_cwnd_min_target` in Linux's tcp_bbr.c), in a ProbeRTT drain too; the sender holds
 * its window to it above `streams.minWindowBytes` (target-sender.ts): with a byte floor alone,
 * large messages striped over two paths left one or two in flight and a path idle between them.
 */
export const MIN_WINDOW_MESSAGES = 4;
/** A ProbeRTT that has not seen its drained message acknowledged by then ends anyway (ms). */
const PROBE_RTT_MAX_MS = 2000;

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
  /** Per message in flight: bytes delivered before it was sent, when the ack before it came, when the oldest then in flight was sent. */
  private deliveredAtSend: number[] = [];
  private deliveredTimeAtSend: number[] = [];
  private firstSentAtSend: number[] = [];
  /** Bytes acknowledged so far, and when the last ack came (ms; 0 before the first). */
  private delivered = 0;
  private deliveredTime = 0;
  private head = 0;
  /** Seq of the oldest message in flight. */
  private firstSeq = 0;
  /** Seqs up to this one were (or will be) sent more than once. */
  private resentThrough = 0;
  /** Smallest round trip (ms) and when it was seen. */
  private minRtt = { ms: Infinity, at: 0 };
  /** The largest delivery rate of each recent interval (bytes/ms), and when the newest interval began. */
  private rates: number[] = [];
  private rateAt = 0;
  /** A ProbeRTT drain in progress: since when, the first seq sent onto the drained window, the least round trip seen. */
  private probe: { since: number; drainedSeq: number; min: number } | null = null;
  /** The least window of the last {@link windowBytes} call (bytes). */
  private floorBytes = 0;

  /** A message of `size` bytes with seq `seq` was sent at `nowMs`. */
  push(seq: number, size: number, nowMs: number): void {
    const empty = this.sizes.length === this.head;
    if (empty) this.firstSeq = seq;
    if (this.probe && this.probe.drainedSeq === 0 && this.bytes <= this.probeBytes()) this.probe.drainedSeq = seq;
    this.deliveredAtSend.push(this.delivered);
    this.deliveredTimeAtSend.push(this.deliveredTime || nowMs);
    this.firstSentAtSend.push(empty ? nowMs : this.sentAt[this.head]);
    this.sizes.push(size);
    this.sentAt.push(nowMs);
    this.bytes += size;
    this.lastSize = size;
  }

  /** The oldest `n` in flight were acknowledged at `nowMs`; the newest of them gives an RTT and a delivery-rate sample. */
  ack(n: number, nowMs: number): void {
    n = Math.min(n, this.sizes.length - this.head);
    if (n <= 0) return;
    const last = this.head + n - 1;
    const lastSeq = this.firstSeq + n - 1;
    for (let i = 0; i < n; i++) {
      this.delivered += this.sizes[this.head];
      this.bytes -= this.sizes[this.head++];
    }
    this.deliveredTime = nowMs;
    if (lastSeq > this.resentThrough) {
      this.sample(nowMs - this.sentAt[last], nowMs, lastSeq);
      const interval = Math.max(nowMs - this.deliveredTimeAtSend[last], this.sentAt[last] - this.firstSentAtSend[last]);
      if (interval > 0) this.sampleRate((this.delivered - this.deliveredAtSend[last]) / interval, nowMs);
    }
    this.firstSeq += n;
    if (this.head > 4096) {
      this.sizes = this.sizes.slice(this.head);
      this.sentAt = this.sentAt.slice(this.head);
      this.deliveredAtSend = this.deliveredAtSend.slice(this.head);
      this.deliveredTimeAtSend = this.deliveredTimeAtSend.slice(this.head);
      this.firstSentAtSend = this.firstSentAtSend.slice(this.head);
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
    this.deliveredAtSend = [];
    this.deliveredTimeAtSend = [];
    this.firstSentAtSend = [];
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
   * [minBytes, maxBytes]; `minBytes` until both are measured; {@link PROBE_RTT_BYTES} or
   * {@link MIN_WINDOW_MESSAGES} of the newest message's size (at most `maxBytes`) while a ProbeRTT
   * drain lasts.
   */
  windowBytes(minBytes: number, maxBytes: number): number {
    this.floorBytes = minBytes;
    if (this.probe) return Math.min(maxBytes, this.probeBytes());
    const bdp = this.bdpWindow();
    if (bdp === 0) return minBytes;
    return Math.min(maxBytes, Math.max(minBytes, bdp));
  }

  /** The window of a ProbeRTT drain (bytes). */
  private probeBytes(): number {
    return Math.max(PROBE_RTT_BYTES, MIN_WINDOW_MESSAGES * this.lastSize);
  }

  /** Twice the bandwidth-delay product (bytes; 0 before both are measured). */
  private bdpWindow(): number {
    if (this.rates.length === 0 || !Number.isFinite(this.minRtt.ms)) return 0;
    return 2 * Math.max(...this.rates) * Math.max(this.minRtt.ms, 1);
  }

  /** The least round trip the window is sized by (ms; 0 before the first sample, and while a ProbeRTT drain looks for a new one). */
  get minRttMs(): number {
    return Number.isFinite(this.minRtt.ms) ? this.minRtt.ms : 0;
  }

  /** True while a ProbeRTT drain holds the window down (see {@link RATE_INTERVAL_MS}). */
  get probingRtt(): boolean {
    return this.probe !== null;
  }

  /** A round trip of `r` ms, of the message with seq `seq`, acknowledged at `nowMs`. */
  private sample(r: number, nowMs: number, seq: number): void {
    if (r <= this.minRtt.ms) this.minRtt = { ms: r, at: nowMs };
    const p = this.probe;
    if (p) {
      p.min = Math.min(p.min, r);
      const drained = p.drainedSeq > 0 && seq >= p.drainedSeq && nowMs - p.since >= PROBE_RTT_MS;
      if (drained || nowMs - p.since >= PROBE_RTT_MAX_MS) {
        this.minRtt = { ms: Math.min(p.min, this.minRtt.ms), at: nowMs };
        this.probe = null;
      }
    } else if (nowMs - this.minRtt.at > MIN_RTT_WINDOW_MS) {
      if (this.bdpWindow() > this.floorBytes) {
        this.probe = { since: nowMs, drainedSeq: 0, min: r };
        this.minRtt = { ms: Infinity, at: nowMs };
      } else this.minRtt = { ms: this.minRtt.ms, at: nowMs }; // the least window holds: no drain
    }
    if (this.srttMs === 0) {
      this.srttMs = Math.max(r, 1e-3);
      this.rttvarMs = r / 2;
      return;
    }
    this.rttvarMs = 0.75 * this.rttvarMs + 0.25 * Math.abs(this.srttMs - r);
    this.srttMs = 0.875 * this.srttMs + 0.125 * r;
  }

  /** A delivery-rate sample (bytes/ms) at `nowMs`: the largest of each {@link RATE_INTERVAL_MS} is kept, {@link RATE_SAMPLES} of them. */
  private sampleRate(rate: number, nowMs: number): void {
    if (this.rates.length === 0 || nowMs - this.rateAt >= RATE_INTERVAL_MS) {
      this.rates.push(rate);
      if (this.rates.length > RATE_SAMPLES) this.rates.shift();
      this.rateAt = nowMs;
    } else if (rate > this.rates[this.rates.length - 1]) this.rates[this.rates.length - 1] = rate;
  }
}
