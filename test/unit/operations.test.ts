/**
 * Units behind the operator's API: consistency-check digests and their comparison (with the
 * attacks a faulty or hostile member could run: a result for a non-member, a replayed result, a
 * diverged state), scheduler weights, the topology view, config redaction and the log tap.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logDigest, stateDigest, CHECK_LOG_WINDOW, McgState, type McgCommand } from '../../src/main/consensus/mcg/index.js';
import { encodeCommand } from '../../src/main/consensus/mcg/commands.js';
import { ConsensusChecks, compare } from '../../src/main/node/consensus-check.js';
import { schedulerWeights, topologyView, type MultipathHop } from '../../src/main/topology/index.js';
import { redactConfig } from '../../src/main/api/grpc/supervisor-service.js';
import { LogTap } from '../../src/main/observability/log-tap.js';
import type { Entry } from '../../src/main/consensus/index.js';
import { pino } from 'pino';

const entry = (index: number, term: number, data: string): Entry => ({ index, term, kind: 'data', data: Buffer.from(data) });

test('log digests cover exactly (from, index]: equal logs agree, any change in term or data differs, a compacted window is empty', () => {
  const log = Array.from({ length: 10 }, (_, i) => entry(i + 1, 1, `e${i + 1}`));
  const d = logDigest(log, 0, 10);
  assert.match(d, /^[0-9a-f]{64}$/);
  assert.equal(logDigest(log.map((e) => ({ ...e })), 0, 10), d);
  assert.notEqual(logDigest(log.map((e) => (e.index === 5 ? { ...e, term: 2 } : e)), 0, 10), d);
  assert.notEqual(logDigest(log.map((e) => (e.index === 7 ? { ...e, data: Buffer.from('x') } : e)), 0, 10), d);
  assert.equal(logDigest(log.slice(3), 0, 10), '', 'entries 1-3 compacted');
  assert.equal(logDigest(log, 2, 10), '', 'not exactly the window');
  assert.ok(CHECK_LOG_WINDOW >= 64);
});

test('state digests: members that applied the same entries agree; one more entry differs', () => {
  const cmds: McgCommand[] = [
    { t: 'db-update', table: 't', key: 'k', op: 'put', value: Buffer.from('v'), origin: 'a', at: 1, rid: 'r1' },
    { t: 'mesh-update', topic: 'x', payload: Buffer.from('p'), origin: 'a', at: 2, rid: 'r2' },
  ];
  const a = new McgState();
  const b = new McgState();
  cmds.forEach((c, i) => { a.apply({ index: i + 1, term: 1, kind: 'data', data: encodeCommand(c) }); b.apply({ index: i + 1, term: 1, kind: 'data', data: encodeCommand(c) }); });
  assert.equal(stateDigest(a.snapshot()), stateDigest(b.snapshot()));
  b.apply({ index: 3, term: 1, kind: 'data', data: encodeCommand({ t: 'db-update', table: 't', key: 'k', op: 'delete', value: Buffer.alloc(0), origin: 'a', at: 3, rid: 'r3' }) });
  assert.notEqual(stateDigest(a.snapshot()), stateDigest(b.snapshot()));
});

test('compare: the majority is the reference; a diverged member, a missing answer and a compacted log are told apart', () => {
  const s = 'a'.repeat(64);
  const l = 'b'.repeat(64);
  const r = compare('id', 9, ['n1', 'n2', 'n3', 'n4'], new Map([
    ['n1', { state: s, log: l, logFrom: 0 }], ['n2', { state: s, log: '', logFrom: 0 }], ['n3', { state: 'c'.repeat(64), log: l, logFrom: 0 }],
  ]));
  assert.deepEqual(r.members.map((m) => [m.nodeId, m.answered, m.agrees]), [['n1', true, true], ['n2', true, true], ['n3', true, false], ['n4', false, false]]);
  assert.equal(r.consistent, false);
  assert.equal(r.complete, false);
});

test('ConsensusChecks: answers a check with its digests, ignores results of non-members and second results, never answers a replayed check', async () => {
  const proposed: McgCommand[] = [];
  const logged: string[] = [];
  let members = ['a', 'b'];
  const digest = { state: 'd'.repeat(64), log: 'e'.repeat(64), logFrom: 0 };
  const log = { warn: (_o: unknown, m: string) => logged.push(m) } as never;
  let checks!: ConsensusChecks;
  const propose = async (c: McgCommand): Promise<number> => {
    proposed.push(c);
    if (c.t === 'check') {
      setImmediate(() => {
        checks.onCommand(c, 5, false);
        // A forged result for a non-member, then b's real one, then a replay of b's with other digests.
        checks.onCommand({ t: 'check-result', id: c.id, nodeId: 'mallory', index: 5, state: 'f'.repeat(64), log: '', logFrom: 0, origin: 'mallory', at: 0 }, 6, false);
        checks.onCommand({ t: 'check-result', id: c.id, nodeId: 'b', index: 5, ...digest, origin: 'b', at: 0 }, 7, false);
        checks.onCommand({ t: 'check-result', id: c.id, nodeId: 'b', index: 5, state: 'f'.repeat(64), log: '', logFrom: 0, origin: 'b', at: 0 }, 8, false);
      });
      return 5;
    }
    if (c.t === 'check-result') setImmediate(() => checks.onCommand(c, 9, false));
    return 9;
  };
  checks = new ConsensusChecks({ selfId: 'a', log, propose, members: () => members, digest: (i) => (i === 5 ? digest : undefined) });
  const r = await checks.trigger(5000);
  assert.deepEqual(r.members.map((m) => [m.nodeId, m.answered, m.agrees, m.state]), [['a', true, true, digest.state], ['b', true, true, digest.state]]);
  assert.deepEqual([r.consistent, r.complete, r.index], [true, true, 5]);
  assert.ok(logged.some((m) => m.includes('not a member')));
  // A check entry replayed after a restart is not answered again.
  const before = proposed.length;
  checks.onCommand({ t: 'check', id: 'old', origin: 'b', at: 0 }, 5, true);
  assert.equal(proposed.length, before);
  // A member that never answers: incomplete once the timeout passes.
  members = ['a', 'b', 'z'];
  const r2 = await checks.trigger(300);
  assert.deepEqual([r2.consistent, r2.complete], [true, false]);
  await assert.rejects(checks.trigger(10_000_000), (e: { code?: string }) => e.code === 'ERR_INVALID_ARGUMENT');
});

test('a check-result with a malformed digest is refused by the command schema', () => {
  const st = new McgState();
  st.apply({ index: 1, term: 1, kind: 'data', data: encodeCommand({ t: 'check-result', id: 'x', nodeId: 'a', index: 1, state: 'nothex', log: '', logFrom: 0, origin: 'a', at: 0 } as never) });
  assert.equal(st.last.t, 'malformed');
});

test('scheduler weights: wrr by 1/cost, ecf by bandwidth (unmeasured counts as fast), each summing to 1', () => {
  const hop = (cost: number, bwMbps: number): MultipathHop => ({ hop: 'x', nodes: ['s', 'x'], cost, rttMs: 1, bwMbps });
  const wrr = schedulerWeights([hop(1, 100), hop(3, 100)], 'wrr').map((h) => h.weight);
  assert.deepEqual(wrr.map((w) => +w.toFixed(3)), [0.75, 0.25]);
  const ecf = schedulerWeights([hop(1, 300), hop(1, 100)], 'ecf').map((h) => h.weight);
  assert.deepEqual(ecf.map((w) => +w.toFixed(3)), [0.75, 0.25]);
  assert.deepEqual(schedulerWeights([], 'ecf'), []);
});

test('topology view: every origin, its advertised edges, withdrawn origins without edges', () => {
  const lsa = (origin: string, adj: string[], gone = false) => ({ lsa: { origin, seq: 3, name: origin, address: `${origin}:1`, gone, adj: adj.map((peer) => ({ peer, rttMs: 2 })) }, receivedAtMs: 1000, body: new Uint8Array(), sig: new Uint8Array() });
  const v = topologyView([lsa('b', ['a', 'c']), lsa('a', ['b']), lsa('c', ['b'], true)], 'a', (id) => id === 'b', 1500);
  assert.deepEqual(v.nodes.map((n) => [n.nodeId, n.self, n.reachable, n.gone, n.lsaAgeMs]), [['a', true, true, false, 500], ['b', false, true, false, 500], ['c', false, false, true, 500]]);
  assert.deepEqual(v.edges.map((e) => `${e.from}>${e.to}:${e.weight}`), ['a>b:1', 'b>a:1', 'b>c:1']);
});

test('config redaction replaces secrets wherever they are and lists their paths', () => {
  const r = redactConfig({ node: { id: 'a' }, joinKey: 'hunter2', storage: { postgres: { url: 'postgres://u:p@h/db', password: 'x' } }, peers: ['a:1'], security: { keyFile: '/k.pem' } });
  const v = r.value as { joinKey: string; storage: { postgres: { url: string; password: string } }; security: { keyFile: string } };
  assert.equal(v.joinKey, '[redacted]');
  assert.equal(v.storage.postgres.url, '[redacted]');
  assert.equal(v.security.keyFile, '/k.pem', 'a path is not a secret');
  assert.deepEqual(r.redacted.sort(), ['joinKey', 'storage.postgres.password', 'storage.postgres.url']);
  assert.ok(!JSON.stringify(r.value).includes('hunter2'));
});

test('the log tap keeps the last lines, filters by level and feeds watchers; non-JSON lines survive', async () => {
  const tap = new LogTap();
  const log = pino({ level: 'debug' }, pino.multistream([{ level: 'trace', stream: tap }]));
  const live: number[] = [];
  const stop = tap.watch((l) => live.push(l.level));
  for (let i = 0; i < 1100; i++) log.debug({ i }, 'noise');
  log.warn('careful');
  tap.write('not json\n');
  await new Promise((r) => setImmediate(r));
  assert.equal(tap.tail(5000, 10).length, 1000);
  assert.deepEqual(tap.tail(10, 40).map((l) => JSON.parse(l.line).msg as string), ['careful']);
  assert.equal(tap.tail(1, 30)[0].line, 'not json');
  stop();
  assert.equal(live.length, 1102);
});

test('mesh-wide settings: applied over the node\'s own values, restored when removed, re-applied after a reload; policies and settings survive a snapshot', async () => {
  const { MeshSettings, parseSettings } = await import('../../src/main/node/mesh-settings.js');
  const { loadConfig } = await import('../../src/shared/config/index.js');
  const config = loadConfig({ env: {}, overrides: { 'node.id': 'n', dataDir: '/tmp/meshd-unit' } });
  const own = config.streams.windowMessages;
  const log = pino({ level: 'info' }, pino.multistream([{ stream: new LogTap() }]));
  const ms = new MeshSettings(config, log);
  ms.apply(new Map<string, unknown>([['log.level', 'debug'], ['streams.windowMessages', 99]]));
  assert.deepEqual([config.log.level, config.streams.windowMessages, log.level], ['debug', 99, 'debug']);
  // A reload read the file again (own value back in place); the mesh-wide value wins again.
  config.streams.windowMessages = own;
  config.log.level = 'info';
  ms.apply(new Map<string, unknown>([['log.level', 'debug'], ['streams.windowMessages', 99]]), true);
  assert.equal(config.streams.windowMessages, 99);
  ms.apply(new Map<string, unknown>([['log.level', 'debug']]));
  assert.equal(config.streams.windowMessages, own);
  ms.apply(new Map());
  assert.equal(config.log.level, 'info');
  // A value no node should take (proposed by a member that skipped the check) is refused here.
  ms.apply(new Map<string, unknown>([['log.level', 'loud'], ['streams.windowMessages', -1], ['streams.rtoMinMs', 250]]));
  assert.deepEqual([config.log.level, config.streams.windowMessages, config.streams.rtoMinMs], ['info', own, 250]);
  assert.throws(() => parseSettings(Buffer.from('{"dataDir":"/x"}'), config), /cannot change/);
  assert.throws(() => parseSettings(Buffer.from('{"streams.rtoMinMs":"soon"}'), config), (e: { code?: string }) => e.code === 'ERR_INVALID_ARGUMENT');
  assert.deepEqual(parseSettings(Buffer.from('{"streams.rtoMinMs":300,"log.level":null}'), config), { 'streams.rtoMinMs': 300, 'log.level': null });
  const st = new McgState();
  const cmd = (c: McgCommand, i: number) => st.apply({ index: i, term: 1, kind: 'data', data: encodeCommand(c) });
  cmd({ t: 'settings', values: { 'log.level': 'warn' }, origin: 'a', at: 0 }, 1);
  cmd({ t: 'qos-policy', domain: 't', priorityWeight: 50, maxPending: 1, maxInFlight: 2, breakerFailures: 3, breakerOpenMs: 400, origin: 'a', at: 0 }, 2);
  const copy = new McgState();
  copy.restore(st.snapshot(), 2);
  assert.deepEqual([...copy.settings], [['log.level', 'warn']]);
  assert.deepEqual(copy.policies.get('t'), { domain: 't', priorityWeight: 50, maxPending: 1, maxInFlight: 2, breakerFailures: 3, breakerOpenMs: 400, index: 2 });
});

test('STREAM_LAGGING: once when a stream reaches its limit, again only after it fell below half of it', async () => {
  const { MeshEvents, ChangeWatcher } = await import('../../src/main/node/events.js');
  const events = new MeshEvents();
  const got: Array<{ kind: string; streamId?: string; lag?: number; reason?: string }> = [];
  events.subscribe(['STREAM_LAGGING'], { write: (e) => { got.push(e); return true; }, onDrain: () => {} });
  let lag = 0;
  const w = new ChangeWatcher(events, () => ({ leader: 'a', term: 1, health: 'HEALTHY', lags: [{ streamId: 's', role: 'source', lag, limit: 100 }] }));
  for (const l of [10, 100, 150, 80, 49, 120]) {
    lag = l;
    w.poll();
  }
  assert.deepEqual(got.map((e) => [e.streamId, e.reason, e.lag]), [['s', 'source', 100], ['s', 'source', 120]]);
});
