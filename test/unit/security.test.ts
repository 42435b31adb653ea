import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import {
  JOIN_BASE_DELAY_MS, JOIN_FORGET_MS, JOIN_MAX_DELAY_MS, JoinLimiter, NodeIdentity, hostOf, isFingerprint, joinProof, verifyJoinProof, verifyMeshChain,
} from '../../src/main/security/index.js';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { McgState, MeshControlGroup } from '../../src/main/consensus/mcg/index.js';
import { MemoryRaftBackend } from '../../src/main/storage/index.js';
import { encodeCommand } from '../../src/main/consensus/mcg/commands.js';

const rateLimited = (e: unknown) => e instanceof MeshError && e.code === ErrorCode.RateLimited;
const chainOf = (pem: string) => pem.split(/(?=-----BEGIN)/).map((p) => new Uint8Array(new X509Certificate(p).raw));

test('join limiter: one attempt at a time, a doubling block after each failure, cleared by success', () => {
  let now = 1_000_000;
  const l = new JoinLimiter(() => now);
  l.begin('10.0.0.1');
  assert.throws(() => l.begin('10.0.0.1'), rateLimited, 'second attempt while one is in progress');
  l.begin('10.0.0.2'); // other addresses are independent
  l.end('10.0.0.1', false);
  assert.throws(() => l.begin('10.0.0.1'), rateLimited);
  now += JOIN_BASE_DELAY_MS;
  l.begin('10.0.0.1');
  l.end('10.0.0.1', false);
  now += JOIN_BASE_DELAY_MS;
  assert.throws(() => l.begin('10.0.0.1'), rateLimited, 'the second failure doubles the block');
  now += JOIN_BASE_DELAY_MS;
  l.begin('10.0.0.1');
  l.release('10.0.0.1'); // refused for another reason: no new block
  l.begin('10.0.0.1');
  l.end('10.0.0.1', true);
  l.begin('10.0.0.1'); // success cleared it
  l.end('10.0.0.1', false);
  now += JOIN_FORGET_MS + 1;
  l.begin('10.0.0.1'); // forgotten after a quiet period
  assert.equal(l.delayMs(1), JOIN_BASE_DELAY_MS);
  assert.equal(l.delayMs(100), JOIN_MAX_DELAY_MS);
  assert.equal(hostOf('::1:4000'), '::1');
  assert.equal(hostOf('127.0.0.1:9'), '127.0.0.1');
});

test('join proofs are bound to the channel, the joiner and its key', () => {
  const hash = new Uint8Array(32).fill(3);
  const binding = new Uint8Array(32).fill(9);
  const p = joinProof(hash, binding, 'n1', 'sha256:aa');
  assert.ok(verifyJoinProof(hash, binding, 'n1', 'sha256:aa', p));
  assert.ok(!verifyJoinProof(hash, new Uint8Array(32).fill(8), 'n1', 'sha256:aa', p), 'another TLS channel');
  assert.ok(!verifyJoinProof(hash, binding, 'n2', 'sha256:aa', p), 'another node id');
  assert.ok(!verifyJoinProof(hash, binding, 'n1', 'sha256:bb', p), 'another key');
  assert.ok(!verifyJoinProof(new Uint8Array(32).fill(4), binding, 'n1', 'sha256:aa', p), 'another join key');
  assert.ok(!verifyJoinProof(hash, binding, 'n1', 'sha256:aa', p.subarray(1)), 'truncated');
  assert.ok(!verifyJoinProof(hash, binding, 'n1', 'sha256:aa', undefined));
});

test('node identity: created 0600 in a 0700 dir, reloaded unchanged, issued by the mesh CA, dropped on leave', async () => {
  const root = mkdtempSync(join(tmpdir(), 'meshd-id-'));
  const a = await NodeIdentity.open(join(root, 'a'), 'a');
  assert.ok(isFingerprint(a.fingerprint));
  assert.equal(a.meshFingerprint, null);
  assert.equal(statSync(join(root, 'a')).mode & 0o777, 0o700);
  assert.equal(statSync(join(root, 'a', 'node.key')).mode & 0o777, 0o600);
  const ca = await a.createMeshCa('01TESTMESH0000000000000000');
  const fp = a.meshFingerprint!;
  assert.ok(isFingerprint(fp));
  assert.equal(statSync(join(root, 'a', 'mesh-ca.key')).mode & 0o777, 0o600);
  const b = await NodeIdentity.open(join(root, 'b'), 'b');
  const before = b.fingerprint;
  await b.adoptMeshCa(ca, '01TESTMESH0000000000000000');
  assert.equal(b.fingerprint, before, 'the key stays; only the certificate is reissued');
  verifyMeshChain(chainOf(b.tls().cert), fp);
  const leaf = new X509Certificate(b.tls().cert.split(/(?=-----BEGIN)/)[0]);
  assert.equal(leaf.subjectAltName, 'URI:spiffe://01TESTMESH0000000000000000/node/b');
  assert.throws(() => verifyMeshChain(chainOf(b.tls().cert), `sha256:${'0'.repeat(64)}`), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.PermissionDenied);
  // A stranger's self-signed chain, even with a CA of its own, does not verify against the mesh.
  const c = await NodeIdentity.open(join(root, 'c'), 'c');
  await c.createMeshCa('01OTHERMESH000000000000000');
  assert.throws(() => verifyMeshChain(chainOf(c.tls().cert), fp), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.PermissionDenied);
  const again = await NodeIdentity.open(join(root, 'b'), 'b');
  assert.equal(again.fingerprint, before);
  assert.equal(again.meshFingerprint, fp);
  await again.dropMeshCa();
  assert.equal(again.meshFingerprint, null);
  assert.ok(!existsSync(join(root, 'b', 'mesh-ca.key')));
});

test('the control group records members with their keys; node-key rotates, evict and leave remove', () => {
  const s = new McgState();
  const k = (c: string) => `sha256:${c.repeat(64)}`;
  const keys = (c: string) => ({ key: k(c), spki: Buffer.from(c).toString('base64'), kx: c.repeat(43) });
  let i = 0;
  const apply = (cmd: Parameters<typeof encodeCommand>[0]) => s.apply({ index: ++i, term: 1, kind: 'data', data: encodeCommand(cmd) });
  apply({ t: 'seed', meshId: '01TESTMESH0000000000000000', name: 'm', policy: 'OPEN', keySalt: new Uint8Array(16), keyHash: new Uint8Array(32), nodeId: 'a', nodeName: 'a', address: 'x:1', ...keys('a'), caCert: 'pem' });
  apply({ t: 'join', nodeId: 'b', name: 'b', address: 'x:2', ...keys('b') });
  apply({ t: 'join', nodeId: 'c', name: 'c', address: 'x:3', ...keys('c'), key: 'not-a-fingerprint' });
  assert.equal(s.last.t, 'malformed', 'a join without a well-formed key is skipped on every node');
  assert.deepEqual([...s.members.values()].map((m) => [m.nodeId, m.key]), [['a', k('a')], ['b', k('b')]]);
  apply({ t: 'node-key', nodeId: 'b', ...keys('c') });
  assert.equal(s.members.get('b')?.key, k('c'));
  assert.equal(s.members.get('b')?.kx, 'c'.repeat(43));
  apply({ t: 'evict', nodeId: 'b', reason: 'x' });
  assert.ok(!s.members.has('b'));
  assert.ok(s.evicted.has('b'));
  const restored = new McgState();
  restored.restore(s.snapshot(), i);
  assert.equal(restored.members.get('a')?.key, k('a'));
  assert.equal(restored.mesh?.caCert, 'pem');
});

test('tenant keys are recorded only for the members that serve the tenant; a rotated or departed member loses its copies', () => {
  const s = new McgState();
  const keys = (c: string) => ({ key: `sha256:${c.repeat(64)}`, spki: Buffer.from(c).toString('base64'), kx: c.repeat(43) });
  let i = 0;
  const apply = (cmd: Parameters<typeof encodeCommand>[0]) => s.apply({ index: ++i, term: 1, kind: 'data', data: encodeCommand(cmd) });
  const stamp = () => ({ origin: 'a', at: Date.now() });
  const w = (n: number) => new Uint8Array(60).fill(n);
  apply({ t: 'seed', meshId: '01TESTMESH0000000000000000', name: 'm', policy: 'OPEN', keySalt: new Uint8Array(16), keyHash: new Uint8Array(32), nodeId: 'a', nodeName: 'a', address: 'x:1', ...keys('a'), caCert: 'pem' });
  for (const n of ['b', 'c']) apply({ t: 'join', nodeId: n, name: n, address: 'x:2', ...keys(n) });
  apply({ t: 'tenant-key', tenant: 't1', epoch: 1, by: 'a', wraps: [['a', w(1)], ['zz', w(2)]], ...stamp() });
  const e1 = () => s.tenantKeys.get('t1')![0];
  assert.deepEqual([...e1().wraps.keys()], ['a'], 'a copy for a non-member is not recorded');
  assert.equal(e1().wraps.get('a')?.byKx, 'a'.repeat(43), 'the wrapper\'s exchange key is recorded with the copy');
  assert.deepEqual([...s.tenantServers.get('t1')!], ['a']);
  apply({ t: 'tenant-key-want', tenant: 't1', nodeId: 'b', ...stamp() });
  apply({ t: 'tenant-key-want', tenant: 't1', nodeId: 'ghost', ...stamp() });
  assert.deepEqual([...s.tenantServers.get('t1')!], ['a', 'b'], 'only members can serve');
  apply({ t: 'tenant-key-wrap', tenant: 't1', epoch: 1, by: 'a', nodeId: 'b', wrapped: w(3), ...stamp() });
  apply({ t: 'tenant-key-wrap', tenant: 't1', epoch: 1, by: 'a', nodeId: 'b', wrapped: w(4), ...stamp() });
  assert.deepEqual(Buffer.from(e1().wraps.get('b')!.key), Buffer.from(w(3)), 'the first copy stays');
  apply({ t: 'node-key', nodeId: 'b', ...keys('d') });
  assert.ok(!e1().wraps.has('b'), 'a copy the rotated key cannot open is dropped');
  assert.ok(s.tenantServers.get('t1')!.has('b'), 'the rotated member still serves: it is wrapped again');
  apply({ t: 'tenant-key-wrap', tenant: 't1', epoch: 1, by: 'a', nodeId: 'b', wrapped: w(5), ...stamp() });
  const restored = new McgState();
  restored.restore(s.snapshot(), i);
  const copy = restored.tenantKeys.get('t1')![0].wraps.get('b')!;
  assert.deepEqual([copy.by, copy.byKx, Buffer.from(copy.key)], ['a', 'a'.repeat(43), Buffer.from(w(5))]);
  apply({ t: 'leave', nodeId: 'b' });
  assert.ok(!e1().wraps.has('b') && !s.tenantServers.get('t1')!.has('b'), 'a departed member serves nothing and holds no copy');
  assert.deepEqual([...restored.tenantServers.get('t1')!], ['a', 'b']);
});

test('a control group restored from a snapshot reports it, so the node refreshes the keys it accepts on links', async () => {
  const backend = new MemoryRaftBackend();
  const log = { warn() {}, info() {}, debug() {}, error() {}, child() { return log; } } as never;
  const options = { tickMs: 10, electionTicks: 5, heartbeatTicks: 1, snapshotEntries: 3, retainEntries: 0, proposeTimeoutMs: 2000, voters: 1, maxUpdateBytes: 65536 };
  const k = (c: string) => `sha256:${c.repeat(64)}`;
  const keys = (c: string) => ({ key: k(c), spki: Buffer.from(c).toString('base64'), kx: c.repeat(43) });
  const first = new MeshControlGroup({ selfId: 'a', backend, log, options, send: () => {}, onCommand: () => {} });
  await first.bootstrap({ t: 'seed', meshId: '01TESTMESH0000000000000000', name: 'm', policy: 'OPEN', keySalt: new Uint8Array(16), keyHash: new Uint8Array(32), nodeId: 'a', nodeName: 'a', address: 'x:1', ...keys('a'), caCert: 'pem' });
  for (const id of ['b', 'c', 'd', 'e']) await first.propose({ t: 'join', nodeId: id, name: id, address: 'x:2', ...keys(id) });
  first.stop();
  assert.ok(backend.readSnapshot(), 'a snapshot was taken');
  let restored = 0;
  const second = new MeshControlGroup({ selfId: 'a', backend, log, options, send: () => {}, onCommand: () => {}, onRestored: () => { restored++; } });
  await second.start();
  second.stop();
  assert.ok(restored >= 1, 'onRestored was called');
  assert.ok(second.state.members.has('b'));
});

test('key rotation: prepared keys survive a restart, commit replaces the keys and reissues the certificate, discard drops them', async () => {
  const root = mkdtempSync(join(tmpdir(), 'meshd-rot-'));
  const dir = join(root, 'n');
  const id = await NodeIdentity.open(dir, 'n');
  await id.createMeshCa('01TESTMESH0000000000000000');
  const before = { key: id.fingerprint, kx: id.kx, spki: id.spki };
  const next = await id.prepareRotation();
  assert.notEqual(next.key, before.key);
  assert.notEqual(next.kx, before.kx);
  assert.equal(id.fingerprint, before.key, 'the current key stays in use until commit');
  assert.equal(statSync(join(dir, 'node.key.next')).mode & 0o777, 0o600);
  // A crash here: the reopened identity still has the prepared keys.
  const reopened = await NodeIdentity.open(dir, 'n');
  assert.deepEqual(reopened.pendingRotation, next);
  await reopened.commitRotation('01TESTMESH0000000000000000');
  assert.equal(reopened.fingerprint, next.key);
  assert.equal(reopened.kx, next.kx);
  assert.equal(reopened.pendingRotation, null);
  assert.ok(!existsSync(join(dir, 'node.key.next')));
  assert.doesNotThrow(() => verifyMeshChain(chainOf(reopened.tls().cert), reopened.meshFingerprint!), 'reissued under the mesh CA');
  assert.equal((await NodeIdentity.open(dir, 'n')).fingerprint, next.key);
  await reopened.prepareRotation();
  reopened.discardRotation();
  assert.equal(reopened.pendingRotation, null);
  assert.equal((await NodeIdentity.open(dir, 'n')).pendingRotation, null);
});
