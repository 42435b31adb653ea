/**
 * The k best paths from this node to every destination, per traffic class (Yen's algorithm over
 * the seed's cost, `./yen.ts`, `./path-cost.ts`), cached and recomputed incrementally.
 *
 * Incremental rule: when the LSDB changes, the edges whose cost changed are found. If an edge was
 * added or got cheaper, any destination may gain a better path and all are recomputed. If edges
 * were only removed or got dearer, only the destinations whose cached paths use one of them are
 * recomputed: every other path only got dearer, so the cached k remain the cheapest.
 *
 * Hysteresis: a destination keeps its current primary path while that path still exists and costs
 * at most `(1 + hysteresis)` times the new cheapest one, so small metric changes do not move
 * traffic back and forth. (Hop-by-hop forwarding does not use this table: it follows the exact
 * shortest paths over the LSDB, which is the same on every node, so it cannot loop; see
 * link-state.ts.)
 */
import type { Graph } from './dijkstra.js';
import { edgeCost, TRAFFIC_CLASSES, type CostCoefficients, type EdgeMetrics, type TrafficClass } from './path-cost.js';
import { kShortestPaths, pathCost, type Path } from './yen.js';

/** Directed edges with their measured metrics: from -> (to -> metrics). */
export type MetricGraph = Map<string, Map<string, EdgeMetrics>>;

/** Options of a {@link PathTable}. */
export interface PathTableOptions {
  /** Paths kept per destination and class. */
  k: number;
  /** Relative cost margin a new primary path must beat the current one by (0.1 = 10 %). */
  hysteresis: number;
  costs: Record<TrafficClass, CostCoefficients>;
}

/** One destination's paths for one class, cheapest (or sticky primary) first. */
export interface PathSet {
  destination: string;
  cls: TrafficClass;
  paths: Path[];
}

/** What one {@link PathTable.update} did (for metrics and tests). */
export interface PathTableUpdate {
  /** Destination and class pairs whose path list was recomputed. */
  recomputed: number;
  /** Destinations whose primary path changed in some class. */
  primaryChanged: string[];
}

/** Cached k-shortest paths per destination and class; see the module comment. */
export class PathTable {
  private graphs = new Map<TrafficClass, Graph>();
  private sets = new Map<TrafficClass, Map<string, Path[]>>();

  constructor(private readonly selfId: string, private readonly opts: PathTableOptions) {
    for (const c of TRAFFIC_CLASSES) {
      this.graphs.set(c, new Map());
      this.sets.set(c, new Map());
    }
  }

  /** The paths to `destination` for `cls` (empty when unreachable). */
  paths(destination: string, cls: TrafficClass): Path[] {
    return this.sets.get(cls)!.get(destination) ?? [];
  }

  /** Every destination's paths for `cls`. */
  all(cls: TrafficClass): PathSet[] {
    return [...this.sets.get(cls)!].filter(([, paths]) => paths.length > 0).map(([destination, paths]) => ({ destination, cls, paths }));
  }

  /** The cost graph of one class (edge costs by {@link edgeCost}). */
  graph(cls: TrafficClass): Graph {
    return this.graphs.get(cls)!;
  }

  /** Recomputes from a new metric graph; see the module comment for what is recomputed. */
  update(metrics: MetricGraph): PathTableUpdate {
    const out: PathTableUpdate = { recomputed: 0, primaryChanged: [] };
    const changedPrimary = new Set<string>();
    for (const cls of TRAFFIC_CLASSES) {
      const next = costGraph(metrics, this.opts.costs[cls]);
      const { all, touched } = diff(this.graphs.get(cls)!, next);
      this.graphs.set(cls, next);
      const sets = this.sets.get(cls)!;
      const nodes = new Set<string>([...next.keys(), ...[...next.values()].flatMap((m) => [...m.keys()])]);
      nodes.delete(this.selfId);
      for (const d of [...sets.keys()]) if (!nodes.has(d)) {
        sets.delete(d);
        changedPrimary.add(d);
      }
      for (const d of nodes) {
        const cur = sets.get(d);
        if (!all && cur && !cur.some((p) => usesAny(p, touched))) continue;
        out.recomputed++;
        const fresh = kShortestPaths(next, this.selfId, d, this.opts.k);
        const kept = this.sticky(next, cur, fresh);
        sets.set(d, kept); // [] for an unreachable node: only an added edge can change that
        if (key(cur?.[0]) !== key(kept[0])) changedPrimary.add(d);
      }
    }
    out.primaryChanged = [...changedPrimary];
    return out;
  }

  private sticky(g: Graph, cur: Path[] | undefined, fresh: Path[]): Path[] {
    const old = cur?.[0];
    if (!old || fresh.length === 0 || key(old) === key(fresh[0])) return fresh;
    const cost = pathCost(g, old.nodes);
    if (!Number.isFinite(cost) || cost > fresh[0].cost * (1 + this.opts.hysteresis)) return fresh;
    const rest = fresh.filter((p) => key(p) !== key(old));
    return [{ nodes: old.nodes, cost }, ...rest].slice(0, Math.max(1, this.opts.k));
  }
}

/** The cost graph of one class from the metric graph. */
export function costGraph(metrics: MetricGraph, k: CostCoefficients): Graph {
  const g: Graph = new Map();
  for (const [u, out] of metrics) {
    const m = new Map<string, number>();
    for (const [v, e] of out) m.set(v, edgeCost(e, k));
    g.set(u, m);
  }
  return g;
}

/** Edges whose cost went up or away (`touched`), and whether any was added or got cheaper (`all`). */
function diff(prev: Graph, next: Graph): { all: boolean; touched: Set<string> } {
  const touched = new Set<string>();
  let all = false;
  for (const [u, out] of next) {
    const before = prev.get(u);
    for (const [v, c] of out) {
      const b = before?.get(v);
      if (b === undefined || c < b) all = true;
      else if (c > b) touched.add(`${u}\u0000${v}`);
    }
  }
  for (const [u, out] of prev) {
    for (const v of out.keys()) if (!next.get(u)?.has(v)) touched.add(`${u}\u0000${v}`);
  }
  return { all, touched };
}

function usesAny(p: Path, edges: Set<string>): boolean {
  if (edges.size === 0) return false;
  for (let i = 0; i + 1 < p.nodes.length; i++) if (edges.has(`${p.nodes[i]}\u0000${p.nodes[i + 1]}`)) return true;
  return false;
}

function key(p: Path | undefined): string {
  return p ? p.nodes.join('\u0000') : '';
}

