/**
 * k shortest loopless paths by Yen's algorithm (J. Y. Yen, "Finding the K Shortest Loopless Paths
 * in a Network", Management Science 17(11), 1971) over Dijkstra. Path i+1 is the cheapest
 * deviation from paths 1..i: for each spur node on path i, the edges the earlier paths take out of
 * the same root are removed, the root's nodes are removed, and the shortest spur path is joined to
 * the root. Ties are broken by fewer hops, then by the node ids in order, so every node lists the
 * same paths from the same graph. O(k * V * (E + V) log V).
 */
import { shortestPath, type Graph } from './dijkstra.js';

/** One path: its nodes from source to destination, and its total cost. */
export interface Path {
  nodes: string[];
  cost: number;
}

/** Orders paths by cost, then hop count, then node ids. */
export function comparePaths(x: Path, y: Path): number {
  if (x.cost !== y.cost) return x.cost - y.cost;
  if (x.nodes.length !== y.nodes.length) return x.nodes.length - y.nodes.length;
  const a = x.nodes.join('\u0000');
  const b = y.nodes.join('\u0000');
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The `k` cheapest loopless paths from `source` to `target` in `graph`, cheapest first (fewer if
 * fewer exist; none when the target is unreachable or equals the source).
 */
export function kShortestPaths(graph: Graph, source: string, target: string, k: number): Path[] {
  if (k < 1 || source === target) return [];
  const first = shortestPath(graph, source, target);
  if (!first) return [];
  const found: Path[] = [first];
  const candidates: Path[] = [];
  const seen = new Set<string>([first.nodes.join('\u0000')]);
  while (found.length < k) {
    const last = found[found.length - 1];
    for (let i = 0; i < last.nodes.length - 1; i++) {
      const spur = last.nodes[i];
      const root = last.nodes.slice(0, i + 1);
      const removedEdges = new Set<string>();
      for (const p of found) {
        if (p.nodes.length > i && sameRoot(p.nodes, root)) removedEdges.add(`${p.nodes[i]}\u0000${p.nodes[i + 1]}`);
      }
      const removedNodes = new Set(root.slice(0, -1));
      const tail = shortestPath(graph, spur, target, removedNodes, removedEdges);
      if (!tail) continue;
      const nodes = root.slice(0, -1).concat(tail.nodes);
      const key = nodes.join('\u0000');
      if (seen.has(key)) continue;
      seen.add(key);
      candidates.push({ nodes, cost: pathCost(graph, nodes) });
    }
    if (candidates.length === 0) break;
    candidates.sort(comparePaths);
    found.push(candidates.shift()!);
  }
  return found;
}

/** Sum of the edge costs along `nodes` (Infinity when an edge is missing). */
export function pathCost(graph: Graph, nodes: string[]): number {
  let c = 0;
  for (let i = 0; i + 1 < nodes.length; i++) c += graph.get(nodes[i])?.get(nodes[i + 1]) ?? Infinity;
  return c;
}

function sameRoot(nodes: string[], root: string[]): boolean {
  for (let j = 0; j < root.length; j++) if (nodes[j] !== root[j]) return false;
  return true;
}
