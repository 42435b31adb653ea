/**
 * The multipath scheduler: a pure function from (frame, path states) to the path a bulk chunk
 * takes. Two policies:
 * - `wrr`: smooth weighted round robin (nginx's algorithm) with weight proportional to 1/cost,
 *   the seed's rule (ARCHITECTURE.md "Routing").
 * - `ecf`: earliest completion first, in the manner of ECF (Y. Lim et al., "ECF: An MPTCP Path
 *   Scheduler to Manage Heterogeneous Paths", CoNEXT 2017) and BLEST (S. Ferlin et al., IFIP
 *   Networking 2016): each chunk goes to the path where it would arrive first, counting the bytes
 *   already queued on the path, its bandwidth estimate and half its RTT. A slow path only gets a
 *   chunk when waiting for the fast one would take longer, so a stream is never slower than on
 *   its best path alone.
 * A path whose bandwidth is not measured yet (0) is assumed fast ({@link UNKNOWN_BW_MBPS}) only
 * up to {@link PROBE_BYTES} queued: enough to fill its initial credit window and be measured
 * (link-meter.ts, delivery rate), not so much that a slow path, taken for fast, holds chunks the
 * stream then waits seconds for. Past the probe it is judged by what it has been seen to deliver
 * (`floorMbps`, a lower bound), and skipped only when nothing was delivered yet. Skipping it
 * outright made a fast path, kept below saturation by the scheduler itself and so never
 * measured, lose every chunk to a measured slow path with half a second queued: the stream then
 * ran at the slow path's rate (`npm run bench:multipath`, 28 Mbit/s against 100).
 * `ecf` is the default: on paths of unequal speed `wrr` sends the slow path a fixed share, which
 * the stream then waits for (test/unit/scheduler.test.ts and `npm run bench:multipath` measure
 * both).
 *
 * Only bulk client data is striped: control, priority (system and internal-DB) and any class but
 * `bulk` always take the first (primary) path that is up.
 */

import { INITIAL_CREDIT_BYTES } from '../../shared/wire/index.js';

/** One candidate path (its first hop) as the scheduler sees it. */
export interface PathState {
  /** Path cost (bulk class, path-cost.ts); > 0. */
  cost: number;
  /** Smoothed RTT of the first hop's link (ms). */
  rttMs: number;
  /** Bandwidth estimate (Mbit/s); 0 = unknown, {@link UNKNOWN_BW_MBPS} assumed. */
  bwMbps: number;
  /** Bytes ahead of a new chunk on the path: waiting for credit, in buffers, not yet consumed by the next hop. */
  backlogBytes: number;
  /** Delay already queued beyond the socket, in the kernel and the network (ms; RTT above its minimum). */
  queueMs?: number;
  /**
   * What the path was seen to deliver lately (Mbit/s; a lower bound on its capacity, 0 or absent
   * when unknown): how a path of unknown bandwidth is judged once it holds {@link PROBE_BYTES}.
   */
  floorMbps?: number;
  /** False when the first hop's link is down. */
  up: boolean;
}

/** Scheduling policies; see the module comment. */
export type SchedulerPolicy = 'ecf' | 'wrr';

/** Traffic classes; only `bulk` is striped. */
export type SchedClass = 'control' | 'priority' | 'bulk';

/** State `wrr` keeps between calls (one per destination). */
export interface WrrState {
  current: number[];
}

/**
 * Most bytes queued on a path of unknown bandwidth while another path is up (see the module
 * comment): the initial lane credit window and 512 KiB more, so frames wait for credit and the
 * delivery rate gets measured.
 */
export const PROBE_BYTES = INITIAL_CREDIT_BYTES + 512 * 1024;

/** Bandwidth assumed for a path with no estimate yet (Mbit/s). */
export const UNKNOWN_BW_MBPS = 1000;

/** A new {@link WrrState}. */
export function newWrrState(): WrrState {
  return { current: [] };
}

/**
 * The index of the path a frame of `bytes` of class `cls` takes, or -1 when no path is up.
 * `wrr` updates `state`.
 */
export function schedule(bytes: number, cls: SchedClass, paths: readonly PathState[], policy: SchedulerPolicy, state: WrrState): number {
  if (cls !== 'bulk' || paths.length === 1) return paths.findIndex((p) => p.up);
  return policy === 'ecf' ? earliestCompletion(bytes, paths) : weightedRoundRobin(paths, state);
}

/** Expected time until `bytes` more sent on `p` arrive (ms). */
export function completionMs(bytes: number, p: PathState): number {
  const bytesPerMs = ((p.bwMbps > 0 ? p.bwMbps : UNKNOWN_BW_MBPS) * 1000) / 8;
  return (p.backlogBytes + bytes) / bytesPerMs + (p.queueMs ?? 0) + p.rttMs / 2;
}

function earliestCompletion(bytes: number, paths: readonly PathState[]): number {
  let best = -1;
  let bestMs = Infinity;
  let fallback = -1;
  let fallbackMs = Infinity;
  for (let i = 0; i < paths.length; i++) {
    const p = paths[i];
    if (!p.up) continue;
    let t = completionMs(bytes, p);
    if (t < fallbackMs) {
      fallbackMs = t;
      fallback = i;
    }
    if (p.bwMbps <= 0 && p.backlogBytes >= PROBE_BYTES) {
      // Past the probe: judged by what it delivered, skipped while that is nothing.
      if (!p.floorMbps || p.floorMbps <= 0) continue;
      t = completionMs(bytes, { ...p, bwMbps: p.floorMbps });
    }
    if (t < bestMs) {
      bestMs = t;
      best = i;
    }
  }
  return best >= 0 ? best : fallback;
}

function weightedRoundRobin(paths: readonly PathState[], state: WrrState): number {
  if (state.current.length !== paths.length) state.current = new Array<number>(paths.length).fill(0);
  let total = 0;
  let best = -1;
  for (let i = 0; i < paths.length; i++) {
    if (!paths[i].up) continue;
    const w = 1 / Math.max(paths[i].cost, 1e-9);
    total += w;
    state.current[i] += w;
    if (best < 0 || state.current[i] > state.current[best]) best = i;
  }
  if (best >= 0) state.current[best] -= total;
  return best;
}
