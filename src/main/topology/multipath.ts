/**
 * The paths the data plane can stripe a bulk stream over, and its fast-reroute alternates: per
 * destination D, every neighbor N of this node S that is a loop-free first hop, with the path a
 * frame then takes (N forwards by its own routing table, i.e. N's shortest path to D).
 *
 * Loop freedom: N qualifies when it is D itself or strictly closer to D than S is,
 * `dist(N, D) < dist(S, D)` over the control-class graph that hop-by-hop forwarding uses (the
 * "downstream path" condition of RFC 5286 sec. 3.5, the loop-free alternates of IP fast reroute).
 * Every hop then brings the frame strictly closer to D, so no frame loops even when every node
 * stripes and reroutes at once.
 *
 * Choice made: Yen's k paths (path-table.ts) are computed for every destination and class, but a
 * path whose tail is not the next node's own shortest path cannot be followed without source
 * routing; the data plane uses these realizable paths, at most `k`, ordered primary first, then
 * by their bulk-class cost.
 */
import { shortestPath, shortestPaths, type Graph, type Route } from './dijkstra.js';
import { costGraph, type MetricGraph } from './path-table.js';
import type { CostCoefficients } from './path-cost.js';
import { pathCost } from './yen.js';

/** One usable first hop toward a destination. */
export interface MultipathHop {
  hop: string;
  /** The nodes a frame sent to `hop` crosses, this node first. */
  nodes: string[];
  /** Bulk-class cost of the path. */
  cost: number;
  /** Sum of the edges' RTTs (ms). */
  rttMs: number;
  /** Smallest bandwidth estimate along the path (Mbit/s; 0 when an edge is not measured). */
  bwMbps: number;
}

/**
 * The loop-free first hops of `self` toward every destination of `routes` (see the module comment),
 * the routing table's next hop first, at most `k` per destination.
 */
export function multipathHops(
  self: string, metrics: MetricGraph, control: Graph, bulk: CostCoefficients, routes: Map<string, Route>, k: number,
  fromNeighbor: Map<string, Map<string, Route>> = neighborTrees(self, control),
): Map<string, MultipathHop[]> {
  const out = new Map<string, MultipathHop[]>();
  const bulkGraph = costGraph(metrics, bulk);
  const neighbors = [...fromNeighbor.keys()];
  for (const [dest, r] of routes) {
    const hops: MultipathHop[] = [];
    for (const n of neighbors) {
      const closer = n === dest || (fromNeighbor.get(n)!.get(dest)?.cost ?? Infinity) < r.cost;
      if (!closer) continue;
      const tail = n === dest ? [dest] : shortestPath(control, n, dest)?.nodes;
      if (!tail || tail.includes(self)) continue;
      const nodes = [self, ...tail];
      hops.push({ hop: n, nodes, cost: pathCost(bulkGraph, nodes), ...edgeSums(metrics, nodes) });
    }
    hops.sort((a, b) => (a.hop === r.nextHop ? -1 : b.hop === r.nextHop ? 1 : a.cost - b.cost || (a.hop < b.hop ? -1 : 1)));
    out.set(dest, hops.slice(0, Math.max(1, k)));
  }
  return out;
}

/** Each neighbor of `self` in `control` with its shortest paths to every node (its own routing table). */
export function neighborTrees(self: string, control: Graph): Map<string, Map<string, Route>> {
  return new Map([...(control.get(self)?.keys() ?? [])].map((n) => [n, shortestPaths(control, n)]));
}

/**
 * Per destination D of `routes`, the neighbors N of `self` (S) that forward a frame they already
 * hold to D without sending it back through S: N is D, or meets RFC 5286's basic loop-free
 * condition (sec. 3.6, inequality 1) `dist(N, D) < dist(N, S) + dist(S, D)`. Weaker than the
 * downstream condition the striping hops meet ({@link multipathHops}): fine for frames already
 * sent (fast reroute asks whether they still arrive), not for choosing new hops while every node
 * reroutes at once.
 */
export function loopFreeNeighbors(self: string, routes: Map<string, Route>, fromNeighbor: Map<string, Map<string, Route>>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [dest, r] of routes) {
    const ok = new Set<string>();
    for (const [n, tree] of fromNeighbor) {
      const back = tree.get(self)?.cost ?? Infinity;
      if (n === dest || (tree.get(dest)?.cost ?? Infinity) < back + r.cost) ok.add(n);
    }
    out.set(dest, ok);
  }
  return out;
}

function edgeSums(metrics: MetricGraph, nodes: string[]): { rttMs: number; bwMbps: number } {
  let rttMs = 0;
  let bwMbps = Infinity;
  for (let i = 0; i + 1 < nodes.length; i++) {
    const e = metrics.get(nodes[i])?.get(nodes[i + 1]);
    rttMs += e?.rttMs ?? 0;
    bwMbps = Math.min(bwMbps, e?.bwMbps ?? 0);
  }
  return { rttMs, bwMbps: Number.isFinite(bwMbps) ? bwMbps : 0 };
}
