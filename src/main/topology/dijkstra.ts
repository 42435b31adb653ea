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

/**
 * Shortest paths from `source` to every reachable node. Ties are broken by fewer hops, then by
 * the lexically smaller next hop, so every node computes the same table from the same LSDB.
 * @returns destination -> route (the source itself is not included).
 */
export function shortestPaths(graph: Graph, source: string): Map<string, Route> {
  const dist = new Map<string, number>([[source, 0]]);
  const hops = new Map<string, number>([[source, 0]]);
  const first = new Map<string, string>();
  const done = new Set<string>();
  const heap = new MinHeap();
  heap.push(0, source);
  while (heap.size > 0) {
    const [d, u] = heap.pop();
    if (done.has(u) || d > (dist.get(u) ?? Infinity)) continue;
    done.add(u);
    for (const [v, w] of graph.get(u) ?? []) {
      if (done.has(v)) continue;
      const nd = d + w;
      const nh = hops.get(u)! + 1;
      const nf = u === source ? v : first.get(u)!;
      const cd = dist.get(v);
      const better = cd === undefined || nd < cd ||
        (nd === cd && (nh < hops.get(v)! || (nh === hops.get(v)! && nf < first.get(v)!)));
      if (!better) continue;
      dist.set(v, nd);
      hops.set(v, nh);
      first.set(v, nf);
      heap.push(nd, v);
    }
  }
  const out = new Map<string, Route>();
  for (const [dest, nextHop] of first) {
    out.set(dest, { destination: dest, nextHop, cost: dist.get(dest)!, hops: hops.get(dest)! });
  }
  return out;
}

/**
 * The cheapest path from `source` to `target` avoiding `removedNodes` and the directed edges in
 * `removedEdges` (keys `from + "\u0000" + to`). Ties are broken by fewer hops, then by the
 * lexically smaller predecessor. @returns the path (nodes and summed cost), or null.
 */
export function shortestPath(
  graph: Graph, source: string, target: string,
  removedNodes: ReadonlySet<string> = new Set(), removedEdges: ReadonlySet<string> = new Set(),
): { nodes: string[]; cost: number } | null {
  if (removedNodes.has(source)) return null;
  const dist = new Map<string, number>([[source, 0]]);
  const hops = new Map<string, number>([[source, 0]]);
  const prev = new Map<string, string>();
  const done = new Set<string>();
  const heap = new MinHeap();
  heap.push(0, source);
  while (heap.size > 0) {
    const [d, u] = heap.pop();
    if (done.has(u) || d > (dist.get(u) ?? Infinity)) continue;
    done.add(u);
    if (u === target) break;
    for (const [v, w] of graph.get(u) ?? []) {
      if (done.has(v) || removedNodes.has(v) || (removedEdges.size > 0 && removedEdges.has(`${u}\u0000${v}`))) continue;
      const nd = d + w;
      const nh = hops.get(u)! + 1;
      const cd = dist.get(v);
      const better = cd === undefined || nd < cd || (nd === cd && (nh < hops.get(v)! || (nh === hops.get(v)! && u < prev.get(v)!)));
      if (!better) continue;
      dist.set(v, nd);
      hops.set(v, nh);
      prev.set(v, u);
      heap.push(nd, v);
    }
  }
  if (!done.has(target) || source === target) return null;
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
