/**
 * Per-destination path sets of the data plane: the loop-free first hops the control plane
 * computed (src/main/topology/multipath.ts), used two ways:
 * - striping: a bulk message's chunks are spread over the hops by the scheduler (scheduler.ts),
 *   each chunk marked with its path (`path_id` = index + 1) so a shard that hands it to the shard
 *   owning that hop's link sends it on that very hop;
 * - fast reroute: when the primary next hop's link is gone, a frame takes the first alternate
 *   that is up at once, before the control plane has recomputed the routes (the alternates are
 *   precomputed loop-free next hops, RFC 5286).
 * A hop whose neighbor this shard suspects (liveness.ts) counts as down for both while another
 * hop is up; when every hop is suspected or down, the suspected ones are used.
 */
import { newWrrState, schedule, type PathState, type SchedulerPolicy, type WrrState, UNKNOWN_BW_MBPS } from './scheduler.js';

/** One destination's hops as the control plane sent them, best first. */
export interface HopSet {
  hops: bigint[];
  costs: number[];
  rttMs: number[];
  bwMbps: number[];
}

/** What the table needs to know about this shard's links. */
export interface HopView {
  /** The hop's link in this shard: its backlog (bytes), RTT (ms) and bandwidth estimate (Mbit/s). */
  local(hop: bigint): { backlogBytes: number; rttMs: number; bwMbps: number; queueMs: number; floorMbps?: number; suspected?: boolean } | undefined;
  /** True when another shard owns a link to the hop. */
  remote(hop: bigint): boolean;
}

interface Entry extends HopSet {
  wrr: WrrState;
  /** Bytes handed to each hop, drained at its bandwidth (a fluid estimate of what is queued on the path). */
  vq: number[];
  vqAtMs: number;
}

/** The multipath table of one shard; see the module comment. */
export class MultipathTable {
  private table = new Map<bigint, Entry>();
  policy: SchedulerPolicy = 'ecf';

  /** Replaces the table. */
  set(policy: SchedulerPolicy, rows: Array<[bigint, HopSet]>): void {
    this.policy = policy;
    this.table = new Map(rows.map(([dst, h]) => [dst, { ...h, wrr: newWrrState(), vq: h.hops.map(() => 0), vqAtMs: 0 }]));
  }

  /** The hops to `dst` (undefined when it has no set). */
  hops(dst: bigint): readonly bigint[] | undefined {
    return this.table.get(dst)?.hops;
  }

  /** True when chunks to `dst` can be striped (two or more hops). */
  striped(dst: bigint): boolean {
    return (this.table.get(dst)?.hops.length ?? 0) > 1;
  }

  /** The hop for path id `pathId` (1-based) to `dst`. */
  hopOf(dst: bigint, pathId: number): bigint | undefined {
    return this.table.get(dst)?.hops[pathId - 1];
  }

  /** The first alternate hop to `dst` that `up` accepts (fast reroute), skipping `except`. */
  alternate(dst: bigint, up: (hop: bigint) => boolean, except?: bigint): bigint | undefined {
    return this.table.get(dst)?.hops.find((h) => h !== except && up(h));
  }

  /**
   * Picks the path of one bulk chunk of `bytes` to `dst` (scheduler.ts) and accounts for it.
   * @returns the 0-based path index, or -1 when no hop is up.
   */
  pick(dst: bigint, bytes: number, view: HopView, nowMs: number): number {
    const e = this.table.get(dst);
    if (!e) return -1;
    const dt = Math.max(0, nowMs - e.vqAtMs);
    e.vqAtMs = nowMs;
    const states: PathState[] = e.hops.map((hop, i) => {
      const l = view.local(hop);
      const measured = l ? l.bwMbps : e.bwMbps[i];
      e.vq[i] = Math.max(0, e.vq[i] - (dt * (measured || UNKNOWN_BW_MBPS) * 1000) / 8);
      // The lanes' own backlog misses what is queued beyond the next hop's consumption; the fluid
      // estimate (bytes given to the path, drained at its bandwidth) may see more. The larger counts.
      if (l) return { cost: e.costs[i], rttMs: l.rttMs || e.rttMs[i], bwMbps: measured, backlogBytes: Math.max(l.backlogBytes, e.vq[i]), queueMs: l.queueMs, floorMbps: l.floorMbps, up: !l.suspected };
      return { cost: e.costs[i], rttMs: e.rttMs[i], bwMbps: measured, backlogBytes: e.vq[i], up: view.remote(hop) };
    });
    // Every hop suspected or down: the suspected ones are all there is.
    if (!states.some((s) => s.up)) e.hops.forEach((hop, i) => { states[i].up = view.local(hop) !== undefined; });
    const i = schedule(bytes, 'bulk', states, this.policy, e.wrr);
    if (i >= 0) e.vq[i] += bytes;
    return i;
  }
}
