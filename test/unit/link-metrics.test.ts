import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinkMeter } from '../../src/workers/dataplane/index.js';
import { LinkState, advertise, significant } from '../../src/main/topology/index.js';
import { MemoryStorage } from '../../src/main/storage/index.js';
import { SIGNATURE_BYTES } from '../../src/shared/wire/index.js';

test('link meter: RTT is smoothed, unanswered heartbeats count as loss, a saturated interval sets the bandwidth', () => {
  const m = new LinkMeter(2000, 0);
  m.onPing(0);
  m.onPong(0, 10);
  assert.equal(m.snapshot().rttMs, 10);
  m.onPing(1000);
  m.onPong(1000, 1018);
  assert.equal(m.snapshot().rttMs, 10 + (18 - 10) / 8);
  for (let t = 2000; t < 6000; t += 1000) m.onPing(t); // never answered
  m.onInterval(0, 0, 8500);
  assert.equal(m.snapshot().loss, 4 / 6, 'pings older than 2 s are lost');
  // 1 s with the send buffer never empty: 12.5 MB went out = 100 Mbit/s
  m.onInterval(1_000_000, 500_000, 9500);
  m.onInterval(13_500_000, 500_000, 10_500);
  const s = m.snapshot();
  assert.equal(Math.round(s.bwMbps), 100);
  assert.equal(Math.round(s.util * 100), 100);
  assert.equal(Math.round(m.capacityMbps), 100, 'the capacity the scheduler reads');
  // idle now: utilization falls, the estimate stays (windowed max)
  m.onInterval(13_500_000, 0, 11_500);
  assert.ok(m.snapshot().util < 0.1);
  assert.equal(Math.round(m.snapshot().bwMbps), 100);
  // a late pong for a ping already counted lost is ignored
  m.onPong(2000, 12_000);
  assert.equal(m.snapshot().loss, 4 / 6);
});

test('link meter: consumed bytes reported in window updates while the sender waited for credit set the capacity, over socket samples', () => {
  const m = new LinkMeter(2000, 0);
  // The socket takes 100 Mbit/s (a relay's buffer absorbs it) ...
  m.onInterval(0, 1, 50);
  m.onInterval(1_250_000, 1, 150);
  assert.equal(m.capacityMbps, 100);
  // ... but the peer consumes 3.125 MB/s = 25 Mbit/s while frames wait for credit.
  let consumed = 0;
  for (let t = 100; t <= 600; t += 50) m.onDelivered((consumed += 156_250), true, t);
  assert.equal(Math.round(m.capacityMbps), 25, 'delivery samples win over socket samples');
  assert.equal(Math.round(m.snapshot().bwMbps), 25);
  // A span in which nothing waited for credit is not a capacity sample.
  const idle = new LinkMeter(2000, 0);
  consumed = 0;
  for (let t = 0; t <= 500; t += 50) idle.onDelivered((consumed += 10_000), false, t);
  assert.equal(idle.capacityMbps, 0);
  // It is a lower bound on what the path carries (10 kB per 50 ms = 1.6 Mbit/s), for 1 s.
  assert.equal(Math.round(idle.deliveredFloor(500) * 10) / 10, 1.6);
  assert.equal(idle.deliveredFloor(1600), 0);
  // With no newer delivery sample the last delivery capacity stays known for 10 s: socket samples
  // (which a relay's buffer inflates) do not replace it ...
  m.onInterval(2_500_000, 1, 2000);
  assert.equal(Math.round(m.capacityMbps), 25, 'a delivery capacity outlives its 1 s sample window');
  // Staleness counts from the newest sample (t = 600), not from the last recomputation.
  assert.equal(Math.round(m.schedulerCapacity(3500)), 25);
  assert.equal(m.schedulerCapacity(3700), 0);
  m.onInterval(3_750_000, 1, 2100);
  assert.equal(Math.round(m.capacityMbps), 25);
  // ... and only after that do they count again.
  m.onInterval(5_000_000, 1, 11_000);
  m.onInterval(6_250_000, 1, 11_100);
  assert.equal(m.capacityMbps, 100, 'after 10 s without delivery samples the socket samples count again');
  // An idle link keeps its capacity for the same 10 s, then it is unknown.
  const quiet = new LinkMeter(2000, 0);
  quiet.onInterval(0, 1, 50);
  quiet.onInterval(1_250_000, 1, 150);
  for (let t = 250; t <= 5000; t += 100) quiet.onInterval(1_250_000, 0, t);
  assert.equal(quiet.capacityMbps, 100, 'idle for 5 s: still known');
  // The multipath scheduler takes it as unknown after 3 s without a sample, so the path is probed
  // and measured again instead of starved on an old figure.
  // Socket samples alone are not a capacity for the multipath scheduler (a send buffer filling
  // inflates them): it takes the path as unknown and probes it.
  assert.equal(quiet.schedulerCapacity(200), 0);
  const delivered = new LinkMeter(2000, 0);
  consumed = 0;
  for (let t = 0; t <= 500; t += 50) delivered.onDelivered((consumed += 156_250), true, t);
  assert.equal(Math.round(delivered.schedulerCapacity(3000)), 25);
  assert.equal(delivered.schedulerCapacity(3600), 0);
  for (let t = 5100; t <= 12_000; t += 100) quiet.onInterval(1_250_000, 0, t);
  assert.equal(quiet.capacityMbps, 0, 'idle for over 10 s: unknown again');
});

test('damping: small changes keep the advertised values, large ones replace them', () => {
  const base = { rttMs: 10, bwMbps: 800, loss: 0, util: 0.1 };
  const adv = advertise('p', undefined, base, 1);
  assert.equal(significant(adv, { ...base, rttMs: 11.5 }, 1), false);
  assert.equal(advertise('p', adv, { ...base, rttMs: 11.5, util: 0.15 }, 1), adv);
  assert.equal(significant(adv, { ...base, rttMs: 20 }, 1), true);
  assert.equal(significant(adv, { ...base, loss: 0.2 }, 1), true);
  assert.equal(significant(adv, { ...base, bwMbps: 400 }, 1), true);
  assert.equal(significant(adv, base, 3), true, 'a new administrative weight');
  assert.equal(advertise('p', adv, base, 3).weight, 3);
});

const SIG = new Uint8Array(SIGNATURE_BYTES).fill(1);
const noopLog = { warn() {}, info() {}, debug() {}, error() {} };

function node(id: string, store: MemoryStorage, neighbors: Map<string, { linkId: number; rttMs: number; bwMbps: number; loss: number; util: number }>) {
  return new LinkState({
    selfId: id, selfName: id, address: '', dp: { execute() {} } as never, log: noopLog as never,
    neighbors: () => neighbors, onRoutesChanged: () => {}, sign: () => SIG, verify: (_o, _b, sig) => (Buffer.from(sig).equals(SIG) ? 'ok' : 'bad'),
    store, routing: { k: 2, hysteresis: 0.1, costs: { control: { a: 1, b: 0, c: 0, d: 0, e: 1 }, priority: { a: 1, b: 0, c: 0, d: 0, e: 1 }, bulk: { a: 1, b: 0, c: 0, d: 0, e: 1 } }, weights: { p: 5 }, scheduler: 'ecf' },
  });
}

test('LSAs carry the measured metrics and the weight; the last versions are persisted and loaded at start', async () => {
  const store = new MemoryStorage();
  const nb = new Map([['p', { linkId: 1, rttMs: 4, bwMbps: 250, loss: 0.1, util: 0.5 }]]);
  const a = node('a', store, nb);
  a.start();
  const mine = a.lsdb.get('a')!.lsa;
  assert.deepEqual(mine.adj, [{ peer: 'p', rttMs: 4, bwMbps: 250, loss: 0.1, util: 0.5, weight: 5 }]);
  a.stop();
  await new Promise((r) => setImmediate(r));
  const stored = store.listLsas();
  assert.deepEqual(stored.map((l) => [l.origin, l.seq]), [['a', mine.seq]]);
  // Tamper with the stored signature of a foreign LSA: it is not loaded.
  await store.putLsas([{ origin: 'x', seq: 1, body: stored[0].body, sig: new Uint8Array(SIGNATURE_BYTES) }]);
  const again = node('a', store, nb);
  again.start();
  assert.ok(again.lsdb.get('a')!.lsa.seq > mine.seq, 'a restarted node originates above its stored sequence');
  assert.equal(again.lsdb.get('x'), undefined);
  again.stop();
});

test('a significant measurement change re-originates; noise does not', async () => {
  const store = new MemoryStorage();
  const nb = new Map([['p', { linkId: 1, rttMs: 4, bwMbps: 0, loss: 0, util: 0 }]]);
  const a = node('a', store, nb);
  a.start();
  const first = a.lsdb.get('a')!.lsa.seq;
  nb.get('p')!.rttMs = 4.5;
  a.measured();
  await new Promise((r) => setTimeout(r, 1100));
  assert.equal(a.lsdb.get('a')!.lsa.seq, first, 'noise: no new LSA');
  nb.get('p')!.loss = 1;
  a.measured();
  assert.ok(a.lsdb.get('a')!.lsa.seq > first, 'a blackholed link is advertised at once');
  assert.equal(a.lsdb.get('a')!.lsa.adj[0].loss, 1);
  a.stop();
});

test('an LSA adjacency with out-of-range metrics is refused as malformed', async () => {
  const { LsaSchema, decodeBody, encodeBody } = await import('../../src/shared/wire/index.js');
  const base = { origin: 'a', seq: 1, name: 'a', address: '', gone: false };
  for (const bad of [{ loss: 2 }, { util: -0.1 }, { bwMbps: -5 }, { weight: 0 }, { rttMs: -1 }, { rttMs: Number.POSITIVE_INFINITY }]) {
    const body = encodeBody({ ...base, adj: [{ peer: 'b', rttMs: 1, ...bad }] });
    assert.throws(() => decodeBody(LsaSchema, body), (e: unknown) => (e as { code?: string }).code === 'ERR_BODY_MALFORMED', JSON.stringify(bad));
  }
  // An older node's adjacency (RTT only) still decodes.
  assert.equal(decodeBody(LsaSchema, encodeBody({ ...base, adj: [{ peer: 'b', rttMs: 1 }] })).adj[0].loss, undefined);
});
