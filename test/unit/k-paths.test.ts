import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { kShortestPaths, PathTable, DEFAULT_COSTS, edgeCost, type Graph, type MetricGraph } from '../../src/main/topology/index.js';

/** Every loopless path from s to t by depth-first enumeration, with its cost. */
function allPaths(g: Graph, s: string, t: string): Array<{ nodes: string[]; cost: number }> {
  const out: Array<{ nodes: string[]; cost: number }> = [];
  const walk = (at: string, nodes: string[], cost: number) => {
    if (at === t) return void out.push({ nodes: [...nodes], cost });
    for (const [v, w] of g.get(at) ?? []) {
      if (nodes.includes(v)) continue;
      nodes.push(v);
      walk(v, nodes, cost + w);
      nodes.pop();
    }
  };
  walk(s, [s], 0);
  return out;
}

const graphArb = fc.tuple(
  fc.integer({ min: 2, max: 7 }),
  fc.array(fc.tuple(fc.nat(6), fc.nat(6), fc.integer({ min: 1, max: 20 })), { maxLength: 30 }),
  fc.integer({ min: 1, max: 6 }),
);

function build(n: number, edges: Array<[number, number, number]>): { g: Graph; nodes: string[] } {
  const nodes = Array.from({ length: n }, (_, i) => `n${i}`);
  const g: Graph = new Map(nodes.map((x) => [x, new Map()]));
  for (const [a, b, w] of edges) if (a < n && b < n && a !== b) g.get(nodes[a])!.set(nodes[b], w);
  return { g, nodes };
}

test("Yen's k shortest paths equal brute-force enumeration of loopless paths (random graphs)", () => {
  fc.assert(fc.property(graphArb, ([n, edges, k]) => {
    const { g, nodes } = build(n, edges);
    const t = nodes[n - 1];
    const brute = allPaths(g, 'n0', t).map((p) => p.cost).sort((x, y) => x - y).slice(0, k);
    const yen = kShortestPaths(g, 'n0', t, k);
    assert.deepEqual(yen.map((p) => p.cost), brute);
    const keys = new Set(yen.map((p) => p.nodes.join('>')));
    assert.equal(keys.size, yen.length, 'paths are distinct');
    for (const p of yen) {
      assert.equal(new Set(p.nodes).size, p.nodes.length, 'loopless');
      assert.equal(p.nodes[0], 'n0');
      assert.equal(p.nodes.at(-1), t);
    }
  }), { numRuns: 400 });
});

test('kShortestPaths: none to itself, none when unreachable, none for k < 1', () => {
  const { g } = build(3, [[0, 1, 1]]);
  assert.deepEqual(kShortestPaths(g, 'n0', 'n0', 3), []);
  assert.deepEqual(kShortestPaths(g, 'n0', 'n2', 3), []);
  assert.deepEqual(kShortestPaths(g, 'n0', 'n1', 0), []);
});

function metrics(edges: Array<[string, string, number]>): MetricGraph {
  const g: MetricGraph = new Map();
  for (const [u, v, rtt] of edges) {
    if (!g.has(u)) g.set(u, new Map());
    g.get(u)!.set(v, { rttMs: rtt, bwMbps: 1000, loss: 0, util: 0, weight: 1 });
  }
  return g;
}

function diamond(ab: number, ac: number): MetricGraph {
  return metrics([['a', 'b', ab], ['b', 'a', ab], ['a', 'c', ac], ['c', 'a', ac], ['b', 'd', 1], ['d', 'b', 1], ['c', 'd', 1], ['d', 'c', 1]]);
}

test('path table: both diamond paths, primary sticks within the hysteresis margin, moves beyond it', () => {
  const t = new PathTable('a', { k: 3, hysteresis: 0.2, costs: DEFAULT_COSTS });
  t.update(diamond(2, 3));
  const p = t.paths('d', 'control');
  assert.deepEqual(p.map((x) => x.nodes.join('')), ['abd', 'acd']);
  // ac is now slightly cheaper: within 20 %, the primary stays on b
  let u = t.update(diamond(2.4, 2.2));
  assert.equal(t.paths('d', 'control')[0].nodes.join(''), 'abd');
  assert.deepEqual(u.primaryChanged, []);
  // much cheaper: it moves
  u = t.update(diamond(6, 2));
  assert.equal(t.paths('d', 'control')[0].nodes.join(''), 'acd');
  assert.ok(u.primaryChanged.includes('d'));
  // a removed edge takes its paths away
  t.update(metrics([['a', 'b', 2], ['b', 'a', 2], ['b', 'd', 1], ['d', 'b', 1]]));
  assert.deepEqual(t.paths('d', 'control').map((x) => x.nodes.join('')), ['abd']);
  assert.deepEqual(t.paths('c', 'control'), []);
});

test('path table: incremental updates give the same costs as a fresh computation (random metric changes)', () => {
  const nodes = ['a', 'b', 'c', 'd', 'e', 'f'];
  fc.assert(fc.property(
    fc.array(fc.array(fc.tuple(fc.nat(5), fc.nat(5), fc.integer({ min: 1, max: 30 })), { maxLength: 20 }), { minLength: 1, maxLength: 6 }),
    (steps) => {
      const inc = new PathTable('a', { k: 3, hysteresis: 0, costs: DEFAULT_COSTS });
      for (const edges of steps) {
        const m = metrics(edges.filter(([x, y]) => x !== y).map(([x, y, w]) => [nodes[x], nodes[y], w]));
        inc.update(m);
        const fresh = new PathTable('a', { k: 3, hysteresis: 0, costs: DEFAULT_COSTS });
        fresh.update(m);
        for (const d of nodes.slice(1)) {
          for (const cls of ['control', 'priority', 'bulk'] as const) {
            assert.deepEqual(inc.paths(d, cls).map((p) => p.cost), fresh.paths(d, cls).map((p) => p.cost), `${d} ${cls}`);
          }
        }
      }
    },
  ), { numRuns: 200 });
});

test('path table: an unrelated dearer edge recomputes nothing', () => {
  const t = new PathTable('a', { k: 2, hysteresis: 0, costs: DEFAULT_COSTS });
  t.update(metrics([['a', 'b', 1], ['b', 'a', 1], ['c', 'd', 1], ['d', 'c', 1]]));
  const u = t.update(metrics([['a', 'b', 1], ['b', 'a', 1], ['c', 'd', 5], ['d', 'c', 5]]));
  assert.equal(u.recomputed, 0);
});

test('edge cost follows the seed formula per class: bandwidth weighs on bulk, loss on control', () => {
  const base = { rttMs: 10, bwMbps: 1000, loss: 0, util: 0, weight: 1 };
  const slow = { ...base, bwMbps: 100 };
  const lossy = { ...base, loss: 0.05 };
  assert.ok(edgeCost(slow, DEFAULT_COSTS.bulk) - edgeCost(base, DEFAULT_COSTS.bulk) >= 100);
  assert.equal(edgeCost(slow, DEFAULT_COSTS.control), edgeCost(base, DEFAULT_COSTS.control));
  assert.equal(edgeCost(lossy, DEFAULT_COSTS.control) - edgeCost(base, DEFAULT_COSTS.control), 50);
  assert.equal(edgeCost({ ...base, weight: 3 }, DEFAULT_COSTS.control), 3 * 10 + 1);
});

/** The metric graph of `graphArb`'s edges among nodes n0..n(n-1), both directions, RTT as the weight. */
function symmetricGraph(n: number, edges: Array<[number, number, number]>): MetricGraph {
  const mg: MetricGraph = new Map();
  for (const [x, y, w] of edges) if (x < n && y < n && x !== y) {
    for (const [u, v] of [[x, y], [y, x]]) {
      if (!mg.has(`n${u}`)) mg.set(`n${u}`, new Map());
      mg.get(`n${u}`)!.set(`n${v}`, { rttMs: w, bwMbps: 0, loss: 0, util: 0, weight: 1 });
    }
  }
  return mg;
}

test('multipath hops: on a diamond both first hops; a neighbor that is not closer (would loop back) is left out', async () => {
  const { multipathHops, shortestPaths, costGraph } = await import('../../src/main/topology/index.js');
  // a-b-d and a-c-d, plus a spur a-e whose only way to d is back through a.
  const m = metrics([
    ['a', 'b', 2], ['b', 'a', 2], ['a', 'c', 3], ['c', 'a', 3], ['b', 'd', 1], ['d', 'b', 1], ['c', 'd', 1], ['d', 'c', 1], ['a', 'e', 1], ['e', 'a', 1],
  ]);
  const control = costGraph(m, DEFAULT_COSTS.control);
  const routes = shortestPaths(control, 'a');
  const hops = multipathHops('a', m, control, DEFAULT_COSTS.bulk, routes, 4);
  assert.deepEqual(hops.get('d')!.map((h) => h.nodes.join('')), ['abd', 'acd']);
  assert.equal(hops.get('d')![0].hop, routes.get('d')!.nextHop, 'the routing table next hop comes first');
  assert.deepEqual(hops.get('e')!.map((h) => h.hop), ['e']);
  assert.equal(hops.get('d')![1].rttMs, 4);
  // Property: every listed hop is strictly closer to the destination (loop-free).
  fc.assert(fc.property(graphArb, ([n, edges]) => {
    const mg = symmetricGraph(n, edges);
    const g = costGraph(mg, DEFAULT_COSTS.control);
    const r = shortestPaths(g, 'n0');
    for (const [d, hs] of multipathHops('n0', mg, g, DEFAULT_COSTS.bulk, r, 8)) {
      for (const h of hs) {
        const dist = h.hop === d ? 0 : shortestPaths(g, h.hop).get(d)!.cost;
        assert.ok(dist < r.get(d)!.cost, `${h.hop} is closer to ${d}`);
        assert.ok(!h.nodes.slice(1).includes('n0'));
      }
    }
  }), { numRuns: 200 });
});

test('loop-free neighbors (RFC 5286 inequality 1): a neighbor whose own route avoids this node carries frames it holds; one that would send them back does not', async () => {
  const { loopFreeNeighbors, neighborTrees, shortestPaths, shortestPath, costGraph, multipathHops } = await import('../../src/main/topology/index.js');
  // a-b-d (2 + 1) and a-c-d (3 + 4): c is not closer to d than a (not a striping hop) but its
  // own route to d is direct; the spur e reaches d only through a.
  const m = metrics([
    ['a', 'b', 2], ['b', 'a', 2], ['a', 'c', 3], ['c', 'a', 3], ['b', 'd', 1], ['d', 'b', 1], ['c', 'd', 4], ['d', 'c', 4], ['a', 'e', 1], ['e', 'a', 1],
  ]);
  const control = costGraph(m, DEFAULT_COSTS.control);
  const routes = shortestPaths(control, 'a');
  const trees = neighborTrees('a', control);
  const carriers = loopFreeNeighbors('a', routes, trees);
  assert.deepEqual([...carriers.get('d')!].sort(), ['b', 'c']);
  assert.deepEqual(multipathHops('a', m, control, DEFAULT_COSTS.bulk, routes, 4, trees).get('d')!.map((h) => h.hop), ['b'], 'only b is downstream');
  assert.deepEqual([...carriers.get('e')!], ['e']);
  // Property: a carrier's own shortest path to the destination never passes this node.
  fc.assert(fc.property(graphArb, ([n, edges]) => {
    const mg = symmetricGraph(n, edges);
    const g = costGraph(mg, DEFAULT_COSTS.control);
    const r = shortestPaths(g, 'n0');
    for (const [d, ns] of loopFreeNeighbors('n0', r, neighborTrees('n0', g))) {
      for (const h of ns) if (h !== d) assert.ok(!shortestPath(g, h, d)!.nodes.includes('n0'), `${h} reaches ${d} without n0`);
    }
  }), { numRuns: 200 });
});
