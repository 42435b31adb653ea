/**
 * The operator's API against real nodes (a line a <- b <- c): MeshControl (sessions, routing
 * table, topology, message metrics, consensus state and check), MeshService links (AddLink,
 * DropLink, EstablishFullLinks) and SupervisorControl (health, metrics, config, logs, start,
 * stop), through the client and the built meshctl; and their refusals.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startLineMesh, type LineMesh } from '../../src/main/cli/local-mesh.js';
import type { OpsClient } from '../../src/main/api/grpc/ops-client.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { waitFor } from '../helpers/cluster.js';

const MESHCTL = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), 'dist', 'src', 'main', 'cli', 'meshctl.js');
const is = (code: string) => (e: { code?: string }) => e.code === code;

let dir: string;
let mesh: LineMesh;
const ops: OpsClient[] = [];
const op = (i: number) => ops[i];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meshd-ops-'));
  mesh = await startLineMesh(dir, ['a', 'b', 'c']);
  for (const n of mesh.nodes) ops.push(n.ops());
});
after(async () => {
  for (const o of ops) o.close();
  await mesh?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function meshctl(i: number, ...args: string[]): Promise<string> {
  const n = mesh.nodes[i];
  const r = await promisify(execFile)(process.execPath, [MESHCTL, '--node', n.grpcAddress, '--ca-file', n.files!.caFile, '--token-file', n.files!.tokenFile, '--json', ...args]);
  return r.stdout;
}

test('GetTopology shows the whole graph; GetRoutingTable each destination with k paths per class and scheduler weights', async () => {
  const t = await waitFor(async () => {
    const x = await op(0).topology();
    return x.edges.some((e) => e.from === 'b' && e.to === 'c') && x.edges.some((e) => e.from === 'c' && e.to === 'b') ? x : undefined;
  }, 'a sees the edge b-c it has no part in');
  assert.deepEqual(t.nodes.map((n) => [n.node_id, n.self, n.reachable]), [['a', true, true], ['b', false, true], ['c', false, true]]);
  assert.ok(t.edges.every((e) => e.rtt_ms >= 0 && e.weight >= 1));
  const rt = await op(0).routingTable();
  assert.equal(rt.scheduler, 'ecf');
  const toC = rt.routes.find((r) => r.destination === 'c')!;
  assert.deepEqual([toC.next_hop, toC.hops], ['b', 2]);
  assert.deepEqual(toC.classes.map((c) => c.class).sort(), ['bulk', 'control', 'priority']);
  for (const c of toC.classes) assert.deepEqual(c.paths[0].nodes, ['a', 'b', 'c']);
  assert.deepEqual(toC.multipath.map((m) => m.nodes), [['a', 'b', 'c']]);
  assert.ok(Math.abs(toC.multipath.reduce((s, m) => s + m.weight, 0) - 1) < 1e-9);
  const printed = JSON.parse(await meshctl(0, 'routes')) as { routes: Array<{ destination: string }> };
  assert.deepEqual(printed.routes.map((r) => r.destination), ['b', 'c']);
});

test('EstablishFullLinks links a to c; DropLink unlinks c and refuses it; AddLink brings it back', async () => {
  const results = await mesh.clients[0].establishFullLinks(10_000);
  assert.deepEqual(results.map((r) => [r.peer, r.ok, r.existed]), [['b', true, true], ['c', true, false]]);
  await waitFor(async () => ((await op(0).routingTable()).routes.find((r) => r.destination === 'c')?.hops === 1 ? true : undefined), 'a routes to c directly');
  const sessions = await op(0).sessions();
  assert.deepEqual(sessions.map((s) => [s.peer, s.outbound]), [['b', false], ['c', true]]);
  assert.ok(sessions[1].dialed && sessions[1].lanes.length >= 1 && sessions[1].lanes[0].lane === 0);
  const cAddress = sessions[1].address;
  // DropLink: lanes closed, c's links refused, the route goes back over b.
  const dropped = await mesh.clients[0].dropLink('c');
  assert.ok(dropped.lanes_closed >= 1);
  await waitFor(async () => ((await op(0).routingTable()).routes.find((r) => r.destination === 'c')?.hops === 2 ? true : undefined), 'a routes to c over b again');
  await new Promise((r) => setTimeout(r, 1500));
  assert.deepEqual((await op(0).sessions()).map((s) => s.peer), ['b'], 'c stays unlinked');
  await assert.rejects(mesh.clients[0].dropLink('c'), is(ErrorCode.NotFound));
  // AddLink: linked again, and the route is direct again.
  const added = JSON.parse(await meshctl(0, 'link', 'add', cAddress)) as { peer: string };
  assert.equal(added.peer, 'c');
  await waitFor(async () => ((await op(0).routingTable()).routes.find((r) => r.destination === 'c')?.hops === 1 ? true : undefined), 'a routes to c directly again');
  // Refusals: a bad address, this node's own, one nobody listens on, and too long a wait.
  await assert.rejects(mesh.clients[0].addLink('nonsense'), is(ErrorCode.InvalidArgument));
  await assert.rejects(mesh.clients[0].addLink(mesh.nodes[0].meshAddress), is(ErrorCode.InvalidArgument));
  await assert.rejects(mesh.clients[0].addLink('127.0.0.1:1', 300), (e: { code?: string; message?: string }) => e.code === ErrorCode.Unavailable && /dialing stopped/.test(e.message ?? ''));
  await assert.rejects(mesh.clients[0].addLink('127.0.0.1:1', 10_000_000), is(ErrorCode.InvalidArgument));
  await assert.rejects(mesh.clients[0].dropLink('a'), is(ErrorCode.InvalidArgument));
});

test('GetSessions, AddSession and DropSession manage lanes; only the dialing end opens lanes', async () => {
  // c dialed b: lanes 0, 1 and 2 are up at c.
  const atC = await waitFor(async () => {
    const s = (await op(2).sessions()).find((x) => x.peer === 'b');
    return s && s.lanes.length >= 3 ? s : undefined;
  }, 'three lanes from c to b');
  assert.deepEqual(atC.lanes.map((l) => l.lane).slice(0, 3), [0, 1, 2]);
  const added = await op(2).addSession('b', 3);
  assert.ok(added.link_id > 0);
  await assert.rejects(op(2).addSession('b', 3), is(ErrorCode.AlreadyExists));
  await assert.rejects(op(2).addSession('b', 4), is(ErrorCode.InvalidArgument));
  await assert.rejects(op(1).addSession('c', 3), is(ErrorCode.FailedPrecondition));
  await assert.rejects(op(2).addSession('nobody', 1), is(ErrorCode.NotFound));
  const bulk = atC.lanes.find((l) => l.lane === 2)!;
  assert.deepEqual(await op(2).dropSession(bulk.link_id), { peer: 'b', lane: 2 });
  await waitFor(async () => ((await op(2).sessions()).find((x) => x.peer === 'b')?.lanes.some((l) => l.lane === 2 && l.link_id !== bulk.link_id) ? true : undefined), 'lane 2 dialed again');
  await assert.rejects(op(2).dropSession(bulk.link_id), is(ErrorCode.NotFound));
  const listed = JSON.parse(await meshctl(2, 'session', 'list')) as { sessions: Array<{ peer: string }> };
  assert.ok(listed.sessions.some((s) => s.peer === 'b'));
});

test('GetConsensusState shows every member; TriggerConsensusCheck finds them consistent', async () => {
  const s = await op(0).consensusState();
  assert.ok(s.term >= 1 && s.leader !== '' && s.commit_index >= 3);
  assert.deepEqual(s.members.map((m) => m.node_id), ['a', 'b', 'c']);
  const check = await op(1).consensusCheck(10_000);
  assert.equal(check.consistent, true);
  assert.equal(check.complete, true);
  assert.deepEqual(check.members.map((m) => [m.node_id, m.answered, m.agrees]), [['a', true, true], ['b', true, true], ['c', true, true]]);
  assert.equal(new Set(check.members.map((m) => m.state_digest)).size, 1);
  assert.equal(new Set(check.members.map((m) => m.log_digest)).size, 1);
  assert.match(check.members[0].state_digest, /^[0-9a-f]{64}$/);
  const printed = JSON.parse(await meshctl(2, 'consensus', 'check')) as { consistent: boolean };
  assert.equal(printed.consistent, true);
  await assert.rejects(op(0).consensusCheck(10_000_000), is(ErrorCode.InvalidArgument));
});

test('GetMessageMetrics counts what was published, delivered and deduplicated', async () => {
  const [ca, , cc] = mesh.clients;
  const streamId = await ca.openStream('ops', ['c']);
  await ca.publish(streamId, Array.from({ length: 10 }, (_, i) => Buffer.from(`m${i}`)), 'TARGETS_STORED', { requestId: 77 });
  await ca.publish(streamId, Array.from({ length: 10 }, (_, i) => Buffer.from(`m${i}`)), 'TARGETS_STORED', { requestId: 77 });
  const got: number[] = [];
  const sub = cc.subscribe({ streamId, tenantId: 'ops', onMessages: (ms) => { for (const m of ms) got.push(Number(m.seq)); } });
  await waitFor(() => (got.length >= 10 ? true : undefined), 'ten delivered');
  await sub.end();
  const value = (m: Awaited<ReturnType<OpsClient['messageMetrics']>>, name: string, labels: Record<string, string> = {}) =>
    m.counters.filter((c) => c.name === name && Object.entries(labels).every(([k, v]) => c.labels[k] === v)).reduce((s, c) => s + c.value, 0);
  const atA = await op(0).messageMetrics();
  assert.equal(value(atA, 'meshd_published_total'), 10);
  assert.equal(value(atA, 'meshd_duplicates_total', { where: 'source' }), 10);
  assert.ok(atA.streams.some((s) => s.stream_id === streamId && s.role === 'source'));
  const atC = await op(2).messageMetrics();
  assert.equal(value(atC, 'meshd_deliveries_total'), 10);
  // Latency since publish at the target, and durable-write timings at both ends.
  const samplesAtC = await op(2).metrics('meshd_');
  const at = (key: string) => samplesAtC.find((m) => m.key === key)?.value ?? 0;
  assert.ok(at('meshd_stream_latency_seconds_count{stage="stored"}') >= 1);
  assert.ok(at('meshd_stream_latency_seconds_count{stage="delivered"}') >= 1);
  assert.ok(at('meshd_wal_write_seconds_count{log="inbox"}') >= 1);
  assert.ok(at('meshd_wal_write_seconds_count{log="raft"}') >= 1);
  assert.equal(at(`meshd_stream_messages_total{stream="${streamId}",role="delivered"}`), 10);
  assert.ok((await op(0).metrics('meshd_wal_write_seconds_count')).some((m) => m.key.includes('outbox') && m.value >= 1));
});

test('SupervisorControl: health, metrics, config, logs; non-admins are refused', async () => {
  const h = await op(0).health();
  assert.deepEqual([h.live, h.ready, h.health, h.node_id], [true, true, 'HEALTHY', 'a']);
  assert.ok(h.leader && Number(h.term) >= 1 && h.uptime_s > 0);
  const ms = await op(0).metrics('meshd_raft_');
  assert.ok(ms.some((m) => m.key === 'meshd_raft_term' && m.value >= 1));
  assert.ok(ms.every((m) => m.key.startsWith('meshd_raft_')));
  const cfg = await op(0).config();
  const parsed = JSON.parse(cfg.json) as { node: { id: string }; dataDir: string };
  assert.equal(parsed.node.id, 'a');
  // Logs: the tail, then a live line (DropSession logs one).
  const lines: string[] = [];
  const logs = op(2).logs('info', 20, (l) => lines.push(l.line));
  await waitFor(() => (lines.length > 0 ? true : undefined), 'the tail');
  const lane = (await op(2).sessions()).find((s) => s.peer === 'b')!.lanes.find((l) => l.lane === 1)!;
  await op(2).dropSession(lane.link_id);
  await waitFor(() => (lines.some((l) => l.includes('lane closed by operator')) ? true : undefined), 'the live line');
  logs.close();
  assert.ok(lines.every((l) => (JSON.parse(l) as { level: number }).level >= 30));
  // The control group's lines name their Raft group. The tail arrives as one stream message per
  // line, possibly over several reads: wait for the line itself, not only for the first one.
  const all: string[] = [];
  const tail = op(0).logs('debug', 1000, (l) => all.push(l.line));
  const mcgLine = () => all.map((l) => JSON.parse(l) as { raft_group?: string; msg: string }).some((l) => l.raft_group === 'mcg' && /control group/.test(l.msg));
  await waitFor(() => (mcgLine() ? true : undefined), 'a line with raft_group in a\'s tail');
  tail.close();
  await assert.rejects(op(0).logs('loud', 0, () => {}).done, is(ErrorCode.InvalidArgument));
  const reader = (await mesh.clients[0].createToken({ subject: 'reader', role: 'subscriber', tenant: 'ops', ttlMs: 60_000 })).token;
  const weak = mesh.nodes[0].ops(reader);
  await assert.rejects(weak.health(), is(ErrorCode.PermissionDenied));
  await assert.rejects(weak.topology(), is(ErrorCode.PermissionDenied));
  await assert.rejects(weak.logs('info', 0, () => {}).done, is(ErrorCode.PermissionDenied));
  weak.close();
  const printed = JSON.parse(await meshctl(0, 'node', 'health')) as { ready: boolean };
  assert.equal(printed.ready, true);
});

test('QoS policies are replicated to every node; SetPolicy validates; DeletePolicy removes', async () => {
  const index = await op(0).setPolicy({ domain: 'pol', max_pending: 5 });
  assert.ok(index > 0);
  const atC = await waitFor(async () => (await op(2).listPolicies()).find((p) => p.domain === 'pol'), 'the policy at c');
  assert.deepEqual([atC.priority_weight, atC.max_pending, atC.max_in_flight, atC.breaker_failures, atC.breaker_open_ms, Number(atC.index)], [100, 5, 0, 0, 5000, index]);
  await op(1).setPolicy({ domain: 'gone', priority_weight: 10 });
  const printed = JSON.parse(await meshctl(2, 'policy', 'get', 'gone')) as { priority_weight: number };
  assert.equal(printed.priority_weight, 10);
  await meshctl(0, 'policy', 'delete', 'gone');
  await waitFor(async () => ((await op(2).listPolicies()).some((p) => p.domain === 'gone') ? undefined : true), 'deleted at c');
  await assert.rejects(op(0).getPolicy('gone'), is(ErrorCode.NotFound));
  await assert.rejects(op(0).deletePolicy('gone'), is(ErrorCode.NotFound));
  await assert.rejects(op(0).setPolicy({ domain: 'x', priority_weight: 101 }), is(ErrorCode.InvalidArgument));
  await assert.rejects(op(0).setPolicy({ domain: '' }), is(ErrorCode.InvalidArgument));
});

test('mesh-wide settings: a meshd.settings update reaches every node\'s running configuration; refusals; removal restores each node\'s own', async () => {
  const set = JSON.parse(await meshctl(0, 'settings', 'set', 'log.level=debug', 'streams.windowMessages=2048')) as { index: number };
  assert.ok(set.index > 0);
  for (const i of [0, 1, 2]) {
    const cfg = await waitFor(async () => {
      const c = JSON.parse((await op(i).config()).json) as { log: { level: string }; streams: { windowMessages: number } };
      return c.streams.windowMessages === 2048 ? c : undefined;
    }, `settings at node ${i}`);
    assert.equal(cfg.log.level, 'debug');
  }
  assert.deepEqual(JSON.parse(await meshctl(2, 'settings', 'show')), { 'log.level': 'debug', 'streams.windowMessages': 2048 });
  const refused = async (values: unknown) => assert.rejects(mesh.clients[1].sendMeshUpdate('meshd.settings', Buffer.from(JSON.stringify(values))), is(ErrorCode.InvalidArgument));
  await refused({ 'mesh.port': 1 });
  await refused({ 'streams.windowMessages': -5 });
  await refused({ 'log.level': 'loud' });
  await refused([1, 2]);
  await assert.rejects(mesh.clients[1].sendMeshUpdate('meshd.settings', Buffer.from('not json')), is(ErrorCode.InvalidArgument));
  await meshctl(1, 'settings', 'set', 'log.level=', 'streams.windowMessages=');
  const back = await waitFor(async () => {
    const c = JSON.parse((await op(2).config()).json) as { log: { level: string }; streams: { windowMessages: number } };
    return c.log.level === 'info' ? c : undefined;
  }, 'c back to its own settings');
  assert.notEqual(back.streams.windowMessages, 2048);
});

test('SupervisorControl Stop and Start take a node out and back (a max_pending policy holds publishes meanwhile); Stop with exit ends the process cleanly', async () => {
  const [ca] = mesh.clients;
  const streamId = await ca.openStream('pol', ['c']);
  await op(2).stop(false);
  await waitFor(async () => ((await mesh.clients[0].status()).routes.some((r) => r.destination === 'c') ? undefined : true), 'c gone from a\'s routes');
  // c is away: five messages wait at a, the sixth is over the policy's max_pending.
  await ca.publish(streamId, Array.from({ length: 5 }, (_, i) => Buffer.from(`p${i}`)));
  await assert.rejects(ca.publish(streamId, [Buffer.from('p5')]), is(ErrorCode.RateLimited));
  const refused = (await op(0).metrics('meshd_admission_refused_total')).find((m) => m.key.includes('max_pending'));
  assert.equal(refused?.value, 1);
  const started = await op(2).start();
  assert.ok(started.mesh_id);
  await waitFor(async () => ((await mesh.clients[0].status()).routes.some((r) => r.destination === 'c') ? true : undefined), 'c back');
  // Once c has the five, the policy admits more.
  await waitFor(async () => (await ca.publish(streamId, [Buffer.from('p5')])).count === 1, 'a publish admitted again', 30_000);
  const c = mesh.nodes[2];
  const exited = new Promise<number | null>((r) => (c as unknown as { proc: NodeJS.EventEmitter }).proc.once('exit', (code: number | null) => r(code)));
  await meshctl(2, 'node', 'stop', '--exit');
  assert.equal(await exited, 0);
  assert.deepEqual(c.unexpectedExits, [{ code: 0, signal: null }]);
  c.unexpectedExits.length = 0;
});
