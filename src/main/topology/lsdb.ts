/**
 * Link-state database (after OSPF, RFC 2328 sec. 12-13): the newest LSA of every origin. An
 * adjacency becomes a graph edge only when both ends advertise it (the two-way check of RFC 2328
 * sec. 16.1), so a stale LSA of a dead node cannot attract traffic.
 */
import type { Lsa } from '../../shared/wire/index.js';
import type { Graph } from './dijkstra.js';
import { DEFAULT_COSTS } from './path-cost.js';
import { costGraph, type MetricGraph } from './path-table.js';

/** Cost added per hop on top of the measured RTT (the control class's `e`), so equal-RTT paths prefer fewer hops (ms). */
export const HOP_COST_MS = DEFAULT_COSTS.control.e;

/**
 * An LSA as stored, with the local time it was received (ms since epoch), and its encoded body
 * and origin's signature, flooded on unchanged.
 */
export interface LsaEntry {
  lsa: Lsa;
  receivedAtMs: number;
  body: Uint8Array;
  sig: Uint8Array;
}

/** The newest LSA per origin, and the graph they describe. */
export class Lsdb {
  private entries = new Map<string, LsaEntry>();
  private noTransit: ReadonlySet<string> = new Set();

  /** Nodes whose outgoing edges are left out of the graph (declared dead by SWIM): never transit. */
  setNoTransit(ids: ReadonlySet<string>): void {
    this.noTransit = new Set(ids);
  }

  /**
   * Installs `lsa` (encoded as `body`, signed `sig`) when it is newer (higher seq) than the
   * stored one for its origin.
   * @returns true when the database changed (the LSA should be flooded on and routes recomputed).
   */
  apply(lsa: Lsa, nowMs: number, body: Uint8Array = new Uint8Array(0), sig: Uint8Array = new Uint8Array(0)): boolean {
    if (!this.isNewer(lsa)) return false;
    this.entries.set(lsa.origin, { lsa, receivedAtMs: nowMs, body, sig });
    return true;
  }

  /** True when `lsa` is newer than the stored LSA of its origin (or there is none). */
  isNewer(lsa: Lsa): boolean {
    const cur = this.entries.get(lsa.origin);
    return !cur || cur.lsa.seq < lsa.seq;
  }

  /** The stored entry of one origin. */
  get(origin: string): LsaEntry | undefined {
    return this.entries.get(origin);
  }

  /** Every stored LSA. */
  all(): Lsa[] {
    return [...this.entries.values()].map((e) => e.lsa);
  }

  /** Every stored entry. */
  entriesList(): LsaEntry[] {
    return [...this.entries.values()];
  }

  /** Forgets every LSA (StopMesh). */
  clear(): void {
    this.entries.clear();
  }

  /**
   * The two-way-checked graph of measured edges, without the edges out of no-transit nodes. Edge u -> v takes the mean RTT of both ends,
   * u's sending bandwidth and utilization toward v, the larger loss and the larger weight.
   */
  metricGraph(): MetricGraph {
    const g: MetricGraph = new Map();
    for (const { lsa } of this.entries.values()) {
      if (lsa.gone || this.noTransit.has(lsa.origin)) continue;
      for (const a of lsa.adj) {
        const back = this.entries.get(a.peer)?.lsa;
        if (!back || back.gone) continue;
        const rev = back.adj.find((x) => x.peer === lsa.origin);
        if (!rev) continue;
        if (!g.has(lsa.origin)) g.set(lsa.origin, new Map());
        g.get(lsa.origin)!.set(a.peer, {
          rttMs: (a.rttMs + rev.rttMs) / 2, bwMbps: a.bwMbps ?? 0, util: a.util ?? 0,
          loss: Math.max(a.loss ?? 0, rev.loss ?? 0), weight: Math.max(a.weight ?? 1, rev.weight ?? 1),
        });
      }
    }
    return g;
  }

  /** The control class's cost graph (RTT, loss and utilization; see path-cost.ts). */
  graph(): Graph {
    return costGraph(this.metricGraph(), DEFAULT_COSTS.control);
  }
}
