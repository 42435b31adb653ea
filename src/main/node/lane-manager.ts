/**
 * Keeps the lanes of the VirtualLinks this node dialed (src/workers/dataplane/lanes.ts): dials the
 * lanes a VirtualLink should have and every one that failed (lane 0 included, while a data lane
 * carries control), opens another bulk lane when the bulk lanes stay backlogged with their RTT
 * inflated, closes an extra one that stays idle, and never exceeds the per-peer cap.
 * - Scale up: every bulk lane up kept over `scaleUpBacklogBytes` in flight (sent or waiting, not
 *   yet consumed by the peer: its send buffer, the kernel's and the network's) and a round trip of
 *   at least twice the control lane's plus 2 ms (the RTT inflated by its own queue, not by the
 *   hosts' load, which both lanes see) for `scaleUpAfterMs`, both smoothed over its reports (EWMA,
 *   weight {@link REPORT_ALPHA}): one more bulk lane, up to `max`.
 * - Scale down: the highest bulk lane above `bulkMin` moved under {@link IDLE_BYTES} per report
 *   for `idleMs`: it is closed.
 * - At most one scale change per peer each `cooldownMs`.
 * - A lane the peer refuses (ERR_RATE_LIMITED: over its own cap) caps this VirtualLink below that
 *   lane until it reconnects; other failures are retried with exponential backoff.
 * Only the dialing end manages lanes, so a node behind NAT keeps every connection outbound.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { CloseCode, type DataPlanePort, type LinkId } from '../../workers/dataplane/index.js';
import type { Logger } from '../observability/logger.js';
import type { Neighbor } from './links.js';

/** Lane settings (config `lanes`). */
export interface LaneSettings {
  max: number;
  bulkMin: number;
  scaleUpBacklogBytes: number;
  scaleUpAfterMs: number;
  idleMs: number;
  cooldownMs: number;
}

/** A lane's last report (a `link-metrics` event). */
export interface LaneReport {
  /** Bytes sent or waiting on the lane that the peer has not consumed yet. */
  inFlightBytes: number;
  /** The round trip the lane shows now (ms). */
  currentRttMs: number;
  bytesIn: number;
  bytesOut: number;
}

/** Weight of a new report in a lane's smoothed send queue and queueing delay. */
export const REPORT_ALPHA = 0.25;
/** Bytes per report below which a lane counts as idle (heartbeats and credit updates are less). */
export const IDLE_BYTES = 16 * 1024;
/** Lanes are checked this often (ms). */
export const LANE_TICK_MS = 500;
/** The close reason of an idle bulk lane the manager closes (no frames are in flight on it). */
export const IDLE_LANE_REASON = 'idle lane';
/** Longest wait before a failed lane is dialed again (ms). */
export const MAX_LANE_RETRY_MS = 30_000;

/** Per-peer state of the lane manager. */
export interface PeerLanes {
  /** Bulk lanes wanted now. */
  bulk: number;
  /** Lanes below this index only (the peer refused it). */
  cap: number;
  lastChangeMs: number;
  /** Since when every bulk lane has been under pressure (null: not now). */
  pressuredSince: number | null;
  /** Per lane: when a report last showed more than {@link IDLE_BYTES} moved, and its byte count at the last report. */
  active: Map<number, { atMs: number; bytes: number }>;
  reports: Map<number, LaneReport>;
  dialing: Set<number>;
  retry: Map<number, { atMs: number; failures: number }>;
}

/** A fresh per-peer state. */
export function newPeerLanes(s: LaneSettings, now: number): PeerLanes {
  return {
    bulk: Math.min(s.bulkMin, Math.max(0, s.max - 2)), cap: s.max, lastChangeMs: now, pressuredSince: null,
    active: new Map(), reports: new Map(), dialing: new Set(), retry: new Map(),
  };
}

/** The lane indices a VirtualLink should have: 0, then 1 and the bulk lanes when `max` allows. */
export function wantedLanes(p: PeerLanes, s: LaneSettings): number[] {
  const n = Math.min(s.max, p.cap, s.max === 1 ? 1 : 2 + p.bulk);
  return Array.from({ length: n }, (_, i) => i);
}

/** True when a bulk lane's report shows a full send buffer and an RTT inflated over `baseRttMs` (the control lane's). */
export function pressured(r: LaneReport, baseRttMs: number, s: LaneSettings): boolean {
  return r.inFlightBytes >= s.scaleUpBacklogBytes && r.currentRttMs >= 2 * baseRttMs + 2;
}

/**
 * The scale decision for one VirtualLink now (pure): `up` (one more bulk lane), `down` (close
 * the returned lane) or null; updates `p.pressuredSince`. `upLanes`: lane indices up.
 */
export function scaleDecision(p: PeerLanes, upLanes: number[], s: LaneSettings, now: number): { kind: 'up' } | { kind: 'down'; lane: number } | null {
  const bulk = upLanes.filter((l) => l >= 2);
  const base = Math.min(...upLanes.filter((l) => l < 2).map((l) => p.reports.get(l)?.currentRttMs ?? Infinity));
  const all = bulk.length > 0 && Number.isFinite(base) && bulk.every((l) => {
    const r = p.reports.get(l);
    return r !== undefined && pressured(r, base, s);
  });
  if (!all) p.pressuredSince = null;
  else if (p.pressuredSince === null) p.pressuredSince = now;
  if (now - p.lastChangeMs < s.cooldownMs) return null;
  const total = 2 + p.bulk;
  if (all && now - p.pressuredSince! >= s.scaleUpAfterMs && total < Math.min(s.max, p.cap) && bulk.length === p.bulk) return { kind: 'up' };
  const top = 1 + p.bulk;
  if (p.bulk > s.bulkMin && upLanes.includes(top)) {
    const a = p.active.get(top);
    if (a && now - a.atMs >= s.idleMs) return { kind: 'down', lane: top };
  }
  return null;
}

/** What the lane manager needs from the node. */
export interface LaneManagerDeps {
  settings: LaneSettings;
  neighbors(): ReadonlyMap<string, Neighbor>;
  /** Dials and binds lane `lane` of the VirtualLink to `address`. */
  connect(address: string, signal: AbortSignal, lane: number): Promise<LinkId>;
  dp: DataPlanePort;
  log: Logger;
  /** Counts `meshd_lane_events_total`. */
  onEvent(event: 'scale_up' | 'scale_down' | 'refused'): void;
  now?(): number;
}

/** The lane manager of one node; see the module comment. */
export class LaneManager {
  private peers = new Map<string, PeerLanes>();
  private timer: NodeJS.Timeout | null = null;
  private abort = new AbortController();

  constructor(private readonly d: LaneManagerDeps) {}

  /** Starts checking every {@link LANE_TICK_MS}. */
  start(): void {
    if (this.timer || this.d.settings.max === 1) return;
    this.abort = new AbortController();
    this.timer = setInterval(() => this.tick(), LANE_TICK_MS);
    this.timer.unref();
  }

  /** Stops checking and aborts dials in progress. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.abort.abort();
    this.peers.clear();
  }

  /** A lane's report (`link-metrics`); its send queue and queueing delay are smoothed. */
  measured(peer: string, lane: number, r: LaneReport): void {
    const p = this.peers.get(peer);
    if (!p) return;
    const prev = p.reports.get(lane);
    const smooth = (a: number, b: number) => a + REPORT_ALPHA * (b - a);
    p.reports.set(lane, prev ? { ...r, inFlightBytes: smooth(prev.inFlightBytes, r.inFlightBytes), currentRttMs: smooth(prev.currentRttMs, r.currentRttMs) } : r);
    const bytes = r.bytesIn + r.bytesOut;
    const a = p.active.get(lane);
    if (!a || bytes - a.bytes > IDLE_BYTES) p.active.set(lane, { atMs: this.now(), bytes });
    else a.bytes = bytes;
  }

  /** The lane manager's view of a peer, for status and tests. */
  state(peer: string): Readonly<PeerLanes> | undefined {
    return this.peers.get(peer);
  }

  /** One check of every VirtualLink this node dialed. */
  tick(): void {
    const now = this.now();
    const s = this.d.settings;
    const neighbors = this.d.neighbors();
    for (const id of this.peers.keys()) if (!neighbors.get(id)?.outbound) this.peers.delete(id);
    for (const [id, n] of neighbors) {
      if (!n.outbound || !n.address) continue;
      let p = this.peers.get(id);
      if (!p) {
        p = newPeerLanes(s, now);
        this.peers.set(id, p);
      }
      const up = [...n.lanes.keys()].sort((a, b) => a - b);
      const decision = scaleDecision(p, up, s, now);
      if (decision?.kind === 'up') {
        p.bulk++;
        p.lastChangeMs = now;
        this.d.onEvent('scale_up');
        this.d.log.info({ peer: id, bulkLanes: p.bulk }, 'bulk lanes backlogged with inflated RTT: opening another');
      } else if (decision?.kind === 'down') {
        p.bulk--;
        p.lastChangeMs = now;
        this.d.onEvent('scale_down');
        this.d.dp.execute({ type: 'close-link', linkId: n.lanes.get(decision.lane)!, code: CloseCode.Normal, reason: IDLE_LANE_REASON });
        this.d.log.info({ peer: id, lane: decision.lane }, 'idle bulk lane closed');
      }
      for (const lane of wantedLanes(p, s)) {
        if (n.lanes.has(lane) || p.dialing.has(lane) || (p.retry.get(lane)?.atMs ?? 0) > now) continue;
        void this.dial(id, n.address, p, lane);
      }
    }
  }

  private async dial(peer: string, address: string, p: PeerLanes, lane: number): Promise<void> {
    p.dialing.add(lane);
    try {
      await this.d.connect(address, this.abort.signal, lane);
      p.retry.delete(lane);
    } catch (err) {
      const failures = (p.retry.get(lane)?.failures ?? 0) + 1;
      p.retry.set(lane, { atMs: this.now() + Math.min(MAX_LANE_RETRY_MS, 250 * 2 ** failures), failures });
      if (err instanceof MeshError && err.code === ErrorCode.RateLimited) {
        p.cap = Math.min(p.cap, lane);
        this.d.onEvent('refused');
        this.d.log.info({ peer, lane, err: err.message }, 'peer refused a lane over its cap; using fewer lanes');
      } else if (!this.abort.signal.aborted) {
        this.d.log.debug({ peer, lane, err: (err as Error).message }, 'lane dial failed; retrying');
      }
    } finally {
      p.dialing.delete(lane);
    }
  }

  private now(): number {
    return this.d.now ? this.d.now() : Date.now();
  }
}
