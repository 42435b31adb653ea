/**
 * Shortest paths (Dijkstra, 1959) over a weighted directed graph with a binary heap:
 * O((V + E) log V). {@link shortestPaths} gives, per destination, the first hop on a shortest
 * path; {@link shortestPath} gives one whole path, with nodes and edges left out (for Yen's
 * algorithm, `./yen.ts`).
 */

/** Weighted adjacency: node -> (neighbor -> edge cost). Costs must be >= 0. */
export type Graph = Map<string, Map<string, number>>;

/** A route to one destination: the neighbor to send to, the path cost and the hop count. */
export interface Route {
  destination: string;
  nextHop: string;
  cost: number;
  hops: number;
}

class MinHeap {
  private keys: number[] = [];
  private vals: string[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(k: number, v: string): void {
    this.keys.push(k);
    this.vals.push(v);
    let i = this.keys.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p] <= this.keys[i]) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): [number, string] {
    const top: [number, string] = [this.keys[0], this.vals[0]];
    const k = this.keys.pop()!;
    const v = this.vals.pop()!;
    if (this.keys.length > 0) {
      this.keys[0] = k;
      this.vals[0] = v;
      this.siftDown(0);
    }
    return top;
  }
  private siftDown(i: number): void {
    const n = this.keys.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.keys[l] < this.keys[m]) m = l;
      if (r < n && this.keys[r] < this.keys[m]) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
    [this.vals[a], this.vals[b]] = [this.vals[b], this.vals[a]];
  }
}

/** What one Dijkstra run leaves: distance, hop count, first hop and predecessor per reached node. */
interface Search {
  dist: Map<string, number>;
  hops: Map<string, number>;
  first: Map<string, string>;
  prev: Map<string, string>;
  done: Set<string>;
}

/**
 * Dijkstra from `source`, stopping once `target` (if given) is settled, avoiding `removedNodes`
 * and the directed edges in `removedEdges` (keys `from + "\u0000" + to`). Ties are broken by fewer
 * hops, then by the lexically smaller first hop, so every node computes the same result from the
 * same graph.
 */
function search(graph: Graph, source: string, target?: string, removedNodes?: ReadonlySet<string>, removedEdges?: ReadonlySet<string>): Search {
  const s: Search = { dist: new Map([[source, 0]]), hops: new Map([[source, 0]]), first: new Map(), prev: new Map(), done: new Set() };
  const heap = new MinHeap();
  heap.push(0, source);
  while (heap.size > 0) {
    const [d, u] = heap.pop();
    if (s.done.has(u) || d > (s.dist.get(u) ?? Infinity)) continue;
    s.done.add(u);
    if (u === target) break;
    for (const [v, w] of graph.get(u) ?? []) {
      if (s.done.has(v) || removedNodes?.has(v) || (removedEdges?.size && removedEdges.has(`${u}\u0000${v}`))) continue;
      const nd = d + w;
      const nh = s.hops.get(u)! + 1;
      const nf = u === source ? v : s.first.get(u)!;
      const cd = s.dist.get(v);
      const better = cd === undefined || nd < cd ||
        (nd === cd && (nh < s.hops.get(v)! || (nh === s.hops.get(v)! && nf < s.first.get(v)!)));
      if (!better) continue;
      s.dist.set(v, nd);
      s.hops.set(v, nh);
      s.first.set(v, nf);
      s.prev.set(v, u);
      heap.push(nd, v);
    }
  }
  return s;
}

/**
 * Shortest paths from `source` to every reachable node (ties: fewer hops, then the lexically
 * smaller next hop).
 * @returns destination -> route (the source itself is not included).
 */
export function shortestPaths(graph: Graph, source: string): Map<string, Route> {
  const { first, dist, hops } = search(graph, source);
  const out = new Map<string, Route>();
  for (const [dest, nextHop] of first) {
    out.set(dest, { destination: dest, nextHop, cost: dist.get(dest)!, hops: hops.get(dest)! });
  }
  return out;
}

/**
 * The cheapest path from `source` to `target` avoiding `removedNodes` and the directed edges in
 * `removedEdges` (keys `from + "\u0000" + to`), ties broken as in {@link shortestPaths}.
 * @returns the path (nodes and summed cost), or null.
 */
export function shortestPath(
  graph: Graph, source: string, target: string,
  removedNodes: ReadonlySet<string> = new Set(), removedEdges: ReadonlySet<string> = new Set(),
): { nodes: string[]; cost: number } | null {
  if (removedNodes.has(source) || source === target) return null;
  const { done, prev } = search(graph, source, target, removedNodes, removedEdges);
  if (!done.has(target)) return null;
  const nodes = [target];
  for (let at = target; at !== source;) {
    at = prev.get(at)!;
    nodes.push(at);
  }
  nodes.reverse();
  let cost = 0;
  for (let i = 0; i + 1 < nodes.length; i++) cost += graph.get(nodes[i])!.get(nodes[i + 1])!;
  return { nodes, cost };
}
