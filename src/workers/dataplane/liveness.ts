/**
 * Link liveness and measurement: a heartbeat ping on every bound link each `heartbeatMs` (its pong
 * gives the RTT and loss, link-meter.ts), an extra ping every {@link METER_INTERVAL_MS} on a link
 * that sent data since the last one (its answer waits behind the data queued in the kernel and
 * the network, so a path's queue shows within ~100 ms), send rates sampled at the same pace, a
 * link silent for `deadAfterMs` declared dead, and a link not bound within the handshake timeout
 * closed. The lanes of one peer share their path:
 * - when one is declared dead, its sibling lanes in this shard that have been silent for half that
 *   long are declared dead with it, in the same round: a path cut is one event, not one per lane a
 *   heartbeat apart;
 * - a lane whose siblings still receive frames gets {@link LONE_LANE_FACTOR} times as long: the
 *   peer and the path are alive, and a quiet lane (control carries little but heartbeats) goes
 *   silent for a while whenever the peer's event loop is busy, while the data already in the
 *   kernel keeps its data lanes alive. A lane cut on its own is still found, later.
 * - a peer all of whose lanes in this shard have been silent for half of `deadAfterMs` is
 *   suspected: its frames take a precomputed alternate while there is one, and the oldest
 *   {@link SUSPECT_RESEND_BYTES} of what its lanes may have lost are resent at once
 *   (src/main/node/reroute.ts), half a dead-link time before the verdict, which resends the rest.
 *   A blackholed path costs half as long; a peer that was only slow costs at most that much sent
 *   twice (the receiver drops duplicates) and is trusted again as soon as it is heard.
 *   This is SWIM's suspect state (Das, Gupta, Motivala 2002) applied to a path: act on the doubt,
 *   decide later.
 *
 * Verdicts wait for the I/O of the event-loop turn their timer fires in (they run from
 * `setImmediate`, after libuv's poll phase). When this thread itself was held up (a long burst of
 * work, or no core for a while), the frames its peers sent meanwhile sit unread in the kernel;
 * a verdict taken in the timers phase, before the poll phase reads them, would call those links
 * silent and cut them for this node's own slowness (the false positive Lifeguard's local health
 * awareness guards against: Dadgar et al., arXiv 1707.00788).
 */
import { performance } from 'node:perf_hooks';
import { FrameType, encodeBody, encodeFrame, type Heartbeat } from '../../shared/wire/index.js';
import { CloseCode, HANDSHAKE_TIMEOUT_MS } from './constants.js';
import type { Link } from './link.js';

/**
 * Dead-link verdicts are taken this many times per heartbeat interval (pings go once): a link is
 * declared dead within `deadAfterMs` plus a fifth of a heartbeat, not plus a whole one.
 */
export const VERDICTS_PER_HEARTBEAT = 5;
/** Links' send rates are sampled this often (ms). */
export const METER_INTERVAL_MS = 100;
/** A lane silent while a sibling lane of the same peer received frames within `deadAfterMs / 2` is declared dead after this many times `deadAfterMs`. */
export const LONE_LANE_FACTOR = 4;

/**
 * Bytes of the oldest frames a suspected peer's lanes may have lost that are resent on suspicion
 * (each lane): the hole the target waits on, bounded so a peer that was only slow costs little.
 */
export const SUSPECT_RESEND_BYTES = 1024 * 1024;

/** What liveness needs from the data plane. */
export interface LivenessDeps {
  heartbeatMs: number;
  deadAfterMs: number;
  links(): Iterable<Link>;
  localTag(): bigint;
  /** A pong updated a bound link's measurements. */
  onMeasured(link: Link): void;
  /** Bound links declared dead in one round (already terminated): silent for `deadAfterMs`, or a dead link's sibling lanes silent for half that. */
  onDead(links: Link[]): void;
  /** Runs after each heartbeat round (the data plane sweeps its reassembler). */
  onRound(nowMs: number): void;
  /** Every bound lane of peer `tag` in this shard (`links`) has been silent for `silentMs` (> `deadAfterMs / 2`). */
  onSuspect(tag: bigint, links: Link[], silentMs: number): void;
  /** Suspected peer `tag` was heard again (`links`: its bound lanes here). */
  onHeardAgain(tag: bigint, links: Link[]): void;
}

/** Heartbeats, metering and dead-link detection of one data plane; see the module comment. */
export class Liveness {
  private timers: NodeJS.Timeout[] = [];
  private pending: NodeJS.Immediate | null = null;
  /** The pending check is a whole round (pings and the sweep), not verdicts only. */
  private pendingRound = false;
  /** Peers suspected in this shard: all their lanes here silent for half the dead-link time. */
  private suspects = new Set<bigint>();

  constructor(private readonly d: LivenessDeps) {
    const verdictMs = Math.max(1, Math.floor(d.heartbeatMs / VERDICTS_PER_HEARTBEAT));
    this.timers.push(
      setInterval(() => this.round(), d.heartbeatMs), setInterval(() => this.schedule(), verdictMs),
      setInterval(() => this.meter(), METER_INTERVAL_MS),
    );
    for (const t of this.timers) t.unref();
  }

  /**
   * True while this shard suspects peer `tag` (all its lanes here silent for half the dead-link
   * time, not yet heard again or declared dead). The one record of suspicions: routing reads it
   * through the lane table (virtual-link.ts).
   */
  isSuspected(tag: bigint): boolean {
    return this.suspects.has(tag);
  }

  /** Stops the timers. */
  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    if (this.pending) clearImmediate(this.pending);
    this.pending = null;
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

  /** One heartbeat round: verdicts, pings and the data plane's sweep, after this turn's I/O (see the module comment). */
  private round(): void {
    this.pendingRound = true;
    this.schedule();
  }

  /** Verdicts (and the round's work when one is due) after this turn's I/O. */
  private schedule(): void {
    this.pending ??= setImmediate(() => {
      this.pending = null;
      const round = this.pendingRound;
      this.pendingRound = false;
      this.check(Date.now(), round);
    });
  }

  /**
   * Verdicts at `now` (ms since epoch): dead links terminated and reported; in a `round`, pings to
   * the rest and the data plane's sweep.
   */
  private check(now: number, round: boolean): void {
    const links = [...this.d.links()];
    const dead = new Set<Link>();
    const heard = new Map<bigint | null, number>();
    for (const link of links) if (link.bound) heard.set(link.peerTag, Math.max(heard.get(link.peerTag) ?? 0, link.lastRxMs));
    for (const link of links) {
      if (!link.bound) {
        if (now - link.openedAtMs > HANDSHAKE_TIMEOUT_MS) link.close(CloseCode.ProtocolError, 'handshake timeout');
        continue;
      }
      const silent = now - link.lastRxMs;
      const siblingsAlive = now - heard.get(link.peerTag)! <= this.d.deadAfterMs / 2;
      if (silent > this.d.deadAfterMs * (siblingsAlive ? LONE_LANE_FACTOR : 1)) dead.add(link);
    }
    const cutPeers = new Set([...dead].map((l) => l.peerTag));
    for (const link of links) {
      if (link.bound && cutPeers.has(link.peerTag) && now - link.lastRxMs > this.d.deadAfterMs / 2) dead.add(link);
    }
    for (const link of dead) link.terminate();
    if (dead.size) this.d.onDead([...dead]);
    this.suspicions(now, links.filter((l) => l.bound && !dead.has(l)), heard);
    if (!round) return;
    for (const link of links) if (link.bound && !dead.has(link)) this.ping(link, performance.now());
    this.d.onRound(now);
  }

  /** Suspects peers whose `live` lanes all went quiet, and trusts again those heard since (module comment). */
  private suspicions(now: number, live: Link[], heard: Map<bigint | null, number>): void {
    const byPeer = new Map<bigint, Link[]>();
    for (const l of live) byPeer.set(l.peerTag!, [...(byPeer.get(l.peerTag!) ?? []), l]);
    for (const tag of this.suspects) if (!byPeer.has(tag)) this.suspects.delete(tag);
    for (const [tag, lanes] of byPeer) {
      const silent = now - heard.get(tag)!;
      if (silent > this.d.deadAfterMs / 2) {
        if (this.suspects.has(tag)) continue;
        this.suspects.add(tag);
        this.d.onSuspect(tag, lanes, silent);
      } else if (this.suspects.delete(tag)) this.d.onHeardAgain(tag, lanes);
    }
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
