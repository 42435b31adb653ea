/**
 * Attacks on the trust root (issue: node identities and mutual TLS): a capturing proxy during a
 * join, replay of the captured bytes, stolen credentials claiming another node id, a stranger's
 * certificate, an evicted node, join-key guessing, and many unauthenticated connections.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { FrameType, HandshakeSchema, decodeBatch, decodeBody, encodeFrame } from '../../src/shared/wire/index.js';
import { CloseCode } from '../../src/workers/dataplane/index.js';
import { createServer as createHttpsServer } from 'node:https';
import { WebSocketServer } from 'ws';
import { LocalNode, nodeSpec } from '../../src/main/cli/local-mesh.js';
import { JOIN_MAX_DELAY_MS } from '../../src/main/security/index.js';
import { collect, metric, payloads, startLine, waitFor, type Line } from '../helpers/cluster.js';
import { handshakeFrame, memberTls, raw, strangerTls } from '../helpers/raw-link.js';

let line: Line;
before(async () => { line = await startLine(); });
after(async () => { await line?.stop(); });

/** A TCP proxy that records both directions. */
async function capturingProxy(targetPort: number) {
  const up: Buffer[] = [];
  const down: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.on('data', (d) => { up.push(d); upstream.write(d); });
    upstream.on('data', (d) => { down.push(d); client.write(d); });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    address: `127.0.0.1:${port}`, up, down,
    close: async () => { for (const s of sockets) s.destroy(); await new Promise((r) => server.close(r)); },
  };
}

function rejectOf(r: { received: Buffer[] }): { code: string; message: string } | undefined {
  for (const m of r.received) {
    for (const f of decodeBatch(m)) {
      const b = decodeBody(HandshakeSchema, f.payload);
      if (b.kind === 'reject') return { code: b.code, message: b.message };
    }
  }
  return undefined;
}

function rssBytes(pid: number): number {
  const l = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((x) => x.startsWith('VmRSS:'));
  return Number(l?.split(/\s+/)[1] ?? 0) * 1024;
}

test('a join through a capturing proxy leaks nothing, and replaying the capture joins nothing', async () => {
  const proxy = await capturingProxy(line.hub.spec.meshPort);
  const n = new LocalNode(nodeSpec('eve-sees', join(line.dir, 'eve-sees')));
  await n.start();
  try {
    const c = line.client(n);
    const joined = await c.join(proxy.address, line.key, line.fingerprint);
    const capture = Buffer.concat([...proxy.up, ...proxy.down]);
    assert.ok(capture.length > 1000, 'the proxy saw the join');
    assert.equal(capture[0], 0x16, 'the capture starts with a TLS handshake record');
    for (const secret of [line.key, joined.mesh_id, 'welcome', 'challenge', 'eve-sees', 'BEGIN']) {
      assert.equal(capture.indexOf(Buffer.from(secret)), -1, `capture contains ${secret}`);
    }
    // Replay what the joiner sent, byte for byte, to the hub and to the worker.
    const members = (await line.h.status()).consensus!.members.length;
    for (const target of [line.hub, line.worker]) {
      const s = connect(target.spec.meshPort, '127.0.0.1');
      const got: Buffer[] = [];
      s.on('data', (d) => got.push(d));
      s.on('error', () => {});
      await new Promise<void>((r) => s.once('connect', () => r()));
      for (const chunk of proxy.up) s.write(chunk);
      await new Promise<void>((r) => { s.once('close', () => r()); setTimeout(() => { s.destroy(); r(); }, 3000).unref(); });
      assert.equal(Buffer.concat(got).indexOf(Buffer.from('welcome')), -1);
    }
    assert.equal((await line.h.status()).consensus!.members.length, members, 'the replay admitted nobody');
  } finally {
    await proxy.close();
    await n.stop();
  }
});

test('a joiner checks the mesh fingerprint before it proves its key', async () => {
  const n = new LocalNode(nodeSpec('wrong-fp', join(line.dir, 'wrong-fp')));
  await n.start();
  try {
    const before = await metric(line.hub.metricsUrl, 'meshd_handshake_failures_total{code="ERR_PERMISSION_DENIED"}');
    const wrong = `sha256:${'ab'.repeat(32)}`;
    await assert.rejects(line.client(n).join(line.hub.meshAddress, line.key, wrong), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.PermissionDenied);
    await assert.rejects(line.client(n).join(line.hub.meshAddress, line.key, 'not-a-fingerprint'), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.InvalidArgument);
    // The hub never saw a proof: no failed key attempt was counted there.
    assert.equal(await metric(line.hub.metricsUrl, 'meshd_handshake_failures_total{code="ERR_PERMISSION_DENIED"}'), before);
    assert.equal((await line.client(n).status()).mesh_id, '');
  } finally {
    await n.stop();
  }
});

test('stolen credentials claiming another node id, and a stranger\'s certificate, are refused', async () => {
  const s = await line.h.status();
  // The trainer's key claims to be the worker.
  const r = await raw(line.hub.meshAddress, 'mesh', memberTls(line.trainer), [
    handshakeFrame({ kind: 'hello', purpose: 'link', meshId: s.mesh_id, nodeId: 'worker', name: 'worker', address: '' }),
  ]);
  assert.equal(rejectOf(r)?.code, ErrorCode.PermissionDenied);
  assert.match(rejectOf(r)?.message ?? '', /did not present the key/);
  // A stranger's self-made certificate cannot even open /mesh (HTTP 403 before the upgrade).
  const before = await metric(line.hub.metricsUrl, 'meshd_handshake_failures_total{code="ERR_UNAUTHENTICATED"}');
  const stranger = await raw(line.hub.meshAddress, 'mesh', await strangerTls(), []);
  assert.equal(stranger.code, -403);
  // Counted on the main thread when the data-plane worker's event arrives (asynchronously).
  await waitFor(async () => await metric(line.hub.metricsUrl, 'meshd_handshake_failures_total{code="ERR_UNAUTHENTICATED"}') > before, 'refusal counted');
  // On /join a stranger may not claim a member link.
  const viaJoin = await raw(line.hub.meshAddress, 'join', await strangerTls(), [
    handshakeFrame({ kind: 'hello', purpose: 'link', meshId: s.mesh_id, nodeId: 'worker', name: 'worker', address: '' }),
  ]);
  assert.equal(rejectOf(viaJoin)?.code, ErrorCode.PermissionDenied);
  // The real worker is still linked.
  assert.ok((await line.h.status()).links.some((l) => l.peer === 'worker'));
});

test('an evicted node\'s key is refused at once', async () => {
  const n = new LocalNode(nodeSpec('evictee', join(line.dir, 'evictee')));
  await n.start();
  try {
    await line.client(n).join(line.hub.meshAddress, line.key, line.fingerprint);
    const creds = memberTls(n);
    await waitFor(async () => (await line.h.status()).links.some((l) => l.peer === 'evictee'), 'evictee linked');
    await line.h.evict('evictee', 'test');
    const r = await raw(line.hub.meshAddress, 'mesh', creds, []);
    assert.equal(r.code, -403);
  } finally {
    await n.stop();
  }
});

test('1,000 wrong join keys from one address are delayed and counted; the right key joins afterwards', async (t) => {
  const stranger = await strangerTls('guesser');
  const kx = (generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' }) as { x: string }).x;
  const hello = handshakeFrame({ kind: 'hello', purpose: 'join', meshId: '', nodeId: 'guesser', name: 'guesser', address: '', kx });
  const proof = handshakeFrame({ kind: 'proof', proof: Buffer.alloc(32, 7) });
  const limitedBefore = await metric(line.worker.metricsUrl, 'meshd_handshake_failures_total{code="ERR_RATE_LIMITED"}');
  const codes = new Map<string, number>();
  const attempts = 1000;
  for (let i = 0; i < attempts; i += 100) {
    const batch = await Promise.all(Array.from({ length: 100 }, () => raw(line.worker.meshAddress, 'join', stranger, [hello, proof]).catch(() => ({ code: 0, received: [] }))));
    for (const r of batch) {
      const c = rejectOf(r)?.code ?? 'none';
      codes.set(c, (codes.get(c) ?? 0) + 1);
    }
  }
  t.diagnostic(`join attempts: ${JSON.stringify(Object.fromEntries(codes))}`);
  const limited = codes.get(ErrorCode.RateLimited) ?? 0;
  const denied = codes.get(ErrorCode.PermissionDenied) ?? 0;
  assert.equal(limited + denied, attempts, `every attempt refused: ${JSON.stringify([...codes])}`);
  assert.ok(denied < 50, `only a few guesses were checked (${denied}); the rest were rate limited`);
  assert.ok(await metric(line.worker.metricsUrl, 'meshd_handshake_failures_total{code="ERR_RATE_LIMITED"}') >= limitedBefore + limited);
  // (The member count may still shrink from the previous test's eviction: check the guesser only.)
  assert.ok(!(await line.w.status()).consensus!.members.some((m) => m.node_id === 'guesser'), 'the guesser was admitted by no guess');
  // The right key joins (from the same address) within the documented delay.
  const n = new LocalNode(nodeSpec('patient', join(line.dir, 'patient')));
  await n.start();
  try {
    const t0 = Date.now();
    await waitFor(async () => (await line.client(n).join(line.worker.meshAddress, line.key, line.fingerprint)).mesh_id, 'join after the delay', JOIN_MAX_DELAY_MS + 15_000);
    t.diagnostic(`right key joined ${Date.now() - t0} ms after the last guess`);
    assert.ok(Date.now() - t0 < JOIN_MAX_DELAY_MS + 15_000);
  } finally {
    await n.stop();
  }
});

test('500 unauthenticated connections sending partial frames keep a node under 300 MB', async (t) => {
  const pid = line.worker.pid!;
  const stranger = await strangerTls('flooder');
  const partial = Buffer.alloc(60 * 1024, 1); // under the 64 KiB pre-handshake cap, never a whole frame
  const { WebSocket } = await import('ws');
  const conns: InstanceType<typeof WebSocket>[] = [];
  for (let i = 0; i < 500; i++) {
    const path = i % 2 ? 'join' : 'mesh';
    const ws = new WebSocket(`wss://${line.worker.meshAddress}/${path}`, { key: stranger.key, cert: stranger.cert, rejectUnauthorized: false });
    ws.on('error', () => {});
    ws.on('unexpected-response', () => ws.terminate());
    ws.on('open', () => ws.send(partial));
    conns.push(ws);
  }
  let peak = 0;
  const end = Date.now() + 4000;
  while (Date.now() < end) {
    peak = Math.max(peak, rssBytes(pid));
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const ws of conns) ws.terminate();
  t.diagnostic(`peak RSS under 500 unauthenticated connections: ${Math.round(peak / 1048576)} MB`);
  assert.ok(peak < 300 * 1024 * 1024, `peak RSS ${Math.round(peak / 1048576)} MB`);
  assert.ok(line.worker.running);
  assert.ok((await line.w.status()).links.some((l) => l.peer === 'hub'));
});

test('a listener that sends data before its welcome is held to the initial credit window: past it the dialer refuses the link, counts and keeps running', async () => {
  // A listener holding a member's stolen key, which a node is told to dial; it never sends a
  // welcome, only 64 data frames of 64 KiB (4 MiB, twice the credit a listener has before the
  // dialer's first window update).
  const tls = memberTls(line.trainer);
  const server = createHttpsServer({ key: tls.key, cert: tls.cert });
  const wss = new WebSocketServer({ server, path: '/mesh' });
  let closedWith: number | undefined;
  wss.on('connection', (ws) => {
    ws.on('close', (code) => { closedWith = code; });
    const frame = encodeFrame({ type: FrameType.Data, ttl: 8, src: 1n, dst: 2n, streamId: '01JCZ00000000000000000000A', seq: 1, payload: Buffer.alloc(64 * 1024) });
    for (let i = 0; i < 64; i++) ws.send(frame);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const name = 'meshd_frames_dropped_total{reason="unauthenticated"}';
    const before = await metric(line.hub.metricsUrl, name);
    const dialed = line.h.addLink(`127.0.0.1:${(server.address() as { port: number }).port}`, 5000).catch((err: unknown) => err);
    await waitFor(() => closedWith !== undefined, 'the dialer to close the flooding link', 15_000);
    assert.equal(closedWith, CloseCode.Invalid);
    await waitFor(async () => (await metric(line.hub.metricsUrl, name)) > before, 'the refusal counted', 10_000);
    assert.ok((await dialed) instanceof MeshError, 'AddLink reports the failure');
    assert.ok((await line.h.status()).links.length > 0, 'the hub still runs and keeps its links');
  } finally {
    wss.close();
    await new Promise((r) => server.close(r));
  }
});

test('data dirs are 0700 and key files 0600', () => {
  for (const n of [line.hub, line.worker, line.trainer]) {
    const id = join(n.spec.dataDir, 'identity');
    assert.equal(statSync(n.spec.dataDir).mode & 0o777, 0o700);
    assert.equal(statSync(id).mode & 0o777, 0o700);
    for (const f of readdirSync(id).filter((x) => x.endsWith('.key'))) assert.equal(statSync(join(id, f)).mode & 0o777, 0o600, f);
  }
});

test('a node rotates its key through the control group: the old key is refused, the new one carries links, frames and LSAs', async () => {
  const s = await line.h.status();
  const old = memberTls(line.worker);
  // A tenant key only the worker holds must survive the switch (its copy is wrapped again).
  assert.equal(await line.w.rotateTenantKey('tenant-solo'), 1);
  const r = await line.w.rotateNodeKey();
  assert.match(r.key, /^sha256:[0-9a-f]{64}$/);
  // Everywhere, once applied: the old key cannot open /mesh.
  for (const n of [line.hub, line.trainer]) {
    await waitFor(async () => (await raw(n.meshAddress, 'mesh', old, [])).code === -403, `old key refused at ${n.spec.id}`);
  }
  // The new key passes TLS (the handshake then refuses a claim to another id).
  const fresh = memberTls(line.worker);
  assert.notEqual(fresh.key, old.key);
  const claim = await raw(line.hub.meshAddress, 'mesh', fresh, [
    handshakeFrame({ kind: 'hello', purpose: 'link', meshId: s.mesh_id, nodeId: 'trainer', name: 'trainer', address: '' }),
  ]);
  assert.equal(rejectOf(claim)?.code, ErrorCode.PermissionDenied);
  // Pair keys with the new X25519 key: a stream to the worker delivers, and its LSAs (now signed
  // with the new key) keep the hub's route to the trainer through it.
  const streamId = await line.h.openStream('tenant-rot', ['worker']);
  await line.h.publish(streamId, payloads(0, 50), 'TARGETS_STORED');
  // Tokens the worker signed with its old key are void; its admin token file was written again.
  await assert.rejects(line.w.status(), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.Unauthenticated);
  const w = line.client(line.worker);
  assert.equal((await collect(w, streamId, 'tenant-rot', 50)).length, 50);
  await waitFor(async () => (await line.h.tenantKeys('tenant-solo'))[0]?.epochs[0]?.wrapped_for.includes('worker'), 'the worker wraps its own copy again');
  const solo = await line.h.openStream('tenant-solo', ['worker']);
  await line.h.publish(solo, payloads(0, 20), 'TARGETS_STORED'); // the hub's copy comes from the worker's new key
  assert.deepEqual(await collect(w, solo, 'tenant-solo', 20), Array.from({ length: 20 }, (_, i) => `msg-${i}`));
  await new Promise((res) => setTimeout(res, 6000)); // past one LSA refresh signed with the new key
  assert.ok((await line.h.status()).routes.some((x) => x.destination === 'trainer' && x.next_hop === 'worker'));
});
