import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LinkState, Lsdb, MAX_LSA_SEQ_AHEAD_MS, shortestPaths, type Graph } from '../../src/main/topology/index.js';
import { FrameFlag, FrameType, SIGNATURE_BYTES, encodeBody, encodeFrame, parseFrame, type Frame, type Lsa } from '../../src/shared/wire/index.js';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';

function lsa(origin: string, seq: number, adj: Array<[string, number]>, gone = false): Lsa {
  return { origin, seq, name: origin, address: '', gone, adj: adj.map(([peer, rttMs]) => ({ peer, rttMs })) };
}

test('line topology: hub reaches trainer through worker', () => {
  const db = new Lsdb();
  db.apply(lsa('hub', 1, [['worker', 1]]), 0);
  db.apply(lsa('worker', 1, [['hub', 1], ['trainer', 3]]), 0);
  db.apply(lsa('trainer', 1, [['worker', 3]]), 0);
  const r = shortestPaths(db.graph(), 'hub');
  assert.deepEqual(r.get('trainer'), { destination: 'trainer', nextHop: 'worker', cost: 1 + 1 + 3 + 1, hops: 2 });
});

test('an adjacency needs both ends (two-way check); older LSAs are ignored; gone withdraws', () => {
  const db = new Lsdb();
  db.apply(lsa('a', 5, [['b', 1]]), 0);
  db.apply(lsa('b', 5, []), 0);
  assert.equal(shortestPaths(db.graph(), 'a').size, 0);
  assert.equal(db.apply(lsa('b', 4, [['a', 1]]), 0), false);
  assert.equal(db.apply(lsa('b', 6, [['a', 1]]), 0), true);
  assert.equal(shortestPaths(db.graph(), 'a').get('b')?.hops, 1);
  db.apply(lsa('b', 7, [['a', 1]], true), 0);
  assert.equal(shortestPaths(db.graph(), 'a').size, 0);
});

test('prefers the cheaper of two paths', () => {
  const g: Graph = new Map([
    ['s', new Map([['a', 1], ['b', 10]])], ['a', new Map([['t', 1]])], ['b', new Map([['t', 1]])], ['t', new Map()],
  ]);
  assert.equal(shortestPaths(g, 's').get('t')?.nextHop, 'a');
});

function floyd(g: Graph, nodes: string[]): Map<string, Map<string, number>> {
  const d = new Map(nodes.map((u) => [u, new Map(nodes.map((v) => [v, u === v ? 0 : (g.get(u)?.get(v) ?? Infinity)]))]));
  for (const k of nodes) for (const i of nodes) for (const j of nodes) {
    const via = d.get(i)!.get(k)! + d.get(k)!.get(j)!;
    if (via < d.get(i)!.get(j)!) d.get(i)!.set(j, via);
  }
  return d;
}

test('random graphs: Dijkstra costs equal Floyd-Warshall, next hops lie on a shortest path', () => {
  fc.assert(fc.property(
    fc.integer({ min: 2, max: 12 }),
    fc.array(fc.tuple(fc.nat(11), fc.nat(11), fc.integer({ min: 1, max: 50 })), { maxLength: 60 }),
    (n, edges) => {
      const nodes = Array.from({ length: n }, (_, i) => `n${i}`);
      const g: Graph = new Map(nodes.map((x) => [x, new Map()]));
      for (const [a, b, w] of edges) if (a < n && b < n && a !== b) g.get(nodes[a])!.set(nodes[b], w);
      const ref = floyd(g, nodes);
      const routes = shortestPaths(g, 'n0');
      for (const v of nodes.slice(1)) {
        const want = ref.get('n0')!.get(v)!;
        const r = routes.get(v);
        if (want === Infinity) { assert.equal(r, undefined); continue; }
        assert.equal(r?.cost, want);
        assert.equal(g.get('n0')!.get(r!.nextHop)! + ref.get(r!.nextHop)!.get(v)!, want);
      }
    },
  ), { numRuns: 300 });
});

test('an LSA with a sequence far ahead of the clock is refused; a node overtaken by its own LSA jumps past it', () => {
  const sent: Array<{ linkId: number; frame: Uint8Array }> = [];
  const dp = { execute: (c: { type: string; linkId?: number; frame?: Uint8Array }) => { if (c.type === 'send-link') sent.push({ linkId: c.linkId!, frame: c.frame! }); } };
  const log = { warn() {}, info() {}, debug() {}, error() {} };
  const ls = new LinkState({
    selfId: 'victim', selfName: 'victim', address: '', dp: dp as never, log: log as never,
    neighbors: () => new Map([['peer', { linkId: 1, rttMs: 1, bwMbps: 0, loss: 0, util: 0 }]]), onRoutesChanged: () => {},
    sign: () => GOOD, verify: () => 'ok',
  });
  const now = Date.now();
  const frameOf = (l: Lsa) => signed(l, GOOD);
  // The attack: origin = the victim, seq = 2^53 - 1, gone = true.
  assert.throws(() => ls.receive(2, frameOf(lsa('victim', Number.MAX_SAFE_INTEGER, [], true)), now), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.BodyMalformed);
  assert.throws(() => ls.receive(2, frameOf(lsa('other', now + MAX_LSA_SEQ_AHEAD_MS + 1, [])), now));
  assert.equal(ls.lsdb.get('other'), undefined);
  // Within the bound, an LSA of the victim (here validly signed: a restart's leftover) makes the
  // victim re-originate above it.
  ls.receive(2, frameOf(lsa('victim', now + 60_000, [], true)), now);
  const mine = ls.lsdb.get('victim')?.lsa;
  assert.ok(mine && mine.seq > now + 60_000 && !mine.gone, 'the victim re-originated a newer, live LSA');
  assert.ok(sent.length > 0, 'and flooded it');
});

const GOOD = new Uint8Array(SIGNATURE_BYTES).fill(1);
const BAD = new Uint8Array(SIGNATURE_BYTES).fill(2);

function signed(l: Lsa, sig?: Uint8Array): Frame {
  return parseFrame(encodeFrame({ type: FrameType.Lsa, ttl: 16, src: 1n, dst: 0n, payload: encodeBody(l), signature: sig }));
}

test('LSAs must carry their origin\'s signature; one from an origin without a known key is held until keys change', () => {
  const sent: Uint8Array[] = [];
  const dp = { execute: (c: { type: string; frame?: Uint8Array }) => { if (c.type === 'send-link') sent.push(c.frame!); } };
  const log = { warn() {}, info() {}, debug() {}, error() {} };
  const known = new Set(['a']);
  const ls = new LinkState({
    selfId: 'self', selfName: 'self', address: '', dp: dp as never, log: log as never,
    neighbors: () => new Map([['peer', { linkId: 1, rttMs: 1, bwMbps: 0, loss: 0, util: 0 }]]), onRoutesChanged: () => {},
    sign: () => GOOD,
    verify: (origin, _body, sig) => (!known.has(origin) ? 'unknown-origin' : Buffer.from(sig).equals(GOOD) ? 'ok' : 'bad'),
  });
  const now = Date.now();
  const unauth = (e: unknown) => e instanceof MeshError && e.code === ErrorCode.Unauthenticated;
  assert.throws(() => ls.receive(2, signed(lsa('a', now, [])), now), unauth, 'unsigned');
  assert.throws(() => ls.receive(2, signed(lsa('a', now, [], true), BAD), now), unauth, 'forged: a withdrawal of a');
  assert.equal(ls.lsdb.get('a'), undefined);
  ls.receive(2, signed(lsa('a', now, []), GOOD), now);
  assert.equal(ls.lsdb.get('a')?.lsa.seq, now);
  // Flooded on with the origin's signature unchanged.
  const out = parseFrame(sent.at(-1)!);
  assert.ok(out.flags & FrameFlag.Signed);
  assert.deepEqual(Buffer.from(out.trailer), Buffer.from(GOOD));
  // Unknown origin: held, then applied once its key is known.
  ls.receive(2, signed(lsa('b', now, []), GOOD), now);
  assert.equal(ls.lsdb.get('b'), undefined);
  known.add('b');
  ls.keysChanged();
  assert.equal(ls.lsdb.get('b')?.lsa.seq, now);
});
