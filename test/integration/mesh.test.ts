import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { MeshError, ErrorCode } from '../../src/shared/errors.js';
import { LocalNode, nodeSpec } from '../../src/main/cli/local-mesh.js';
import { payloads, startLine, waitFor, type Line } from '../helpers/cluster.js';

let line: Line;
before(async () => { line = await startLine(); });
after(async () => { await line?.stop(); });

test('seed + join build the line topology; hub reaches trainer in two hops without a direct link', async () => {
  const s = await line.h.status();
  assert.ok(s.mesh_id.length === 26);
  assert.equal(s.join_policy, 'KEY_REQUIRED');
  assert.deepEqual(s.links.filter((l) => l.lane === 0).map((l) => l.peer), ['worker']);
  // The worker dialed the hub: its VirtualLink gets lane 0 (control), 1 (priority) and one bulk lane.
  await waitFor(async () => (await line.h.status()).links.filter((l) => l.peer === 'worker' && l.up).map((l) => l.lane).sort().join() === '0,1,2', 'three lanes');
  const r = s.routes.find((x) => x.destination === 'trainer');
  assert.equal(r?.next_hop, 'worker');
  assert.equal(r?.hops, 2);
  assert.deepEqual(s.nodes.map((n) => [n.node_id, n.online]), [['trainer', true], ['worker', true]]);
  assert.equal((await line.t.status()).mesh_id, s.mesh_id);
});

test('a wrong join key is refused with PERMISSION_DENIED and leaves no trace on either side', async () => {
  const intruder = new LocalNode(nodeSpec('intruder', join(line.dir, 'intruder')));
  await intruder.start();
  const c = line.client(intruder);
  try {
    await assert.rejects(c.join(line.hub.meshAddress, 'not-the-key', line.fingerprint), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.PermissionDenied);
    assert.equal((await c.status()).mesh_id, '');
    const hub = await line.h.status();
    assert.ok(!hub.nodes.some((n) => n.node_id === 'intruder'));
    assert.ok(!hub.links.some((l) => l.peer === 'intruder'));
    const metrics = await (await fetch(`${line.hub.metricsUrl}/metrics`)).text();
    assert.match(metrics, /meshd_handshake_failures_total\{code="ERR_PERMISSION_DENIED"\} [1-9]/);
    // The same node joins with the right key once the failure's delay (250 ms) is over: the
    // refusal left nothing behind.
    await waitFor(async () => {
      await c.join(line.hub.meshAddress, line.key, line.fingerprint);
      return true;
    }, 'join with the right key');
    await waitFor(async () => (await line.h.status()).nodes.some((n) => n.node_id === 'intruder' && n.online), 'intruder online');
  } finally {
    await intruder.stop();
  }
});

test('a CLOSED mesh refuses joins', async () => {
  const a = new LocalNode(nodeSpec('closed-a', join(line.dir, 'closed-a')));
  const b = new LocalNode(nodeSpec('closed-b', join(line.dir, 'closed-b')));
  await Promise.all([a.start(), b.start()]);
  try {
    const { fingerprint } = await line.client(a).seed('closed', 'CLOSED');
    await assert.rejects(line.client(b).join(a.meshAddress, '', fingerprint), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.PermissionDenied);
    assert.equal((await line.client(b).status()).mesh_id, '');
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

async function deliver(from: Line['h'], to: Line['h'], target: string, n: number): Promise<number[]> {
  const streamId = await from.openStream('tenant-a', [target]);
  const seqs: number[] = [];
  const texts: string[] = [];
  const done = new Promise<void>((resolve, reject) => {
    const sub = to.subscribe({
      streamId, tenantId: 'tenant-a', credits: 1000,
      onMessages: (msgs) => {
        for (const m of msgs) { seqs.push(m.seq); texts.push(m.payload.toString().replace(/\.+$/, '')); }
        if (seqs.length >= n) { sub.close(); resolve(); }
      },
    });
    sub.done.catch(reject);
  });
  for (let i = 0; i < n; i += 250) await from.publish(streamId, payloads(i, Math.min(250, n - i)));
  await done;
  assert.deepEqual(texts, Array.from({ length: n }, (_, i) => `msg-${i}`));
  return seqs;
}

test('multi-hop delivery hub -> trainer: every message once, in order', async () => {
  const seqs = await deliver(line.h, line.t, 'trainer', 3000);
  assert.deepEqual(seqs, Array.from({ length: 3000 }, (_, i) => i + 1));
});

test('links carry traffic both ways: trainer (which only dialed out) -> hub', async () => {
  const seqs = await deliver(line.t, line.h, 'hub', 500);
  assert.equal(seqs.length, 500);
  // The ack travels back over two hops after the hub stored the messages.
  await waitFor(async () => (await line.t.status()).streams.some((s) => s.role === 'source' && s.targets[0]?.acked_seq === 500), 'ack of 500 at trainer');
});

test('chunked message larger than a frame arrives intact (BLAKE3-checked reassembly)', async () => {
  const streamId = await line.h.openStream('tenant-a', ['trainer']);
  const big = Buffer.alloc(3 * 1024 * 1024 + 17);
  for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
  const r = await line.h.publish(streamId, [big], 'TARGETS_STORED');
  assert.equal(r.count, 1);
  const got = await new Promise<Buffer>((resolve, reject) => {
    const sub = line.t.subscribe({ streamId, tenantId: 'tenant-a', onMessages: (m) => { sub.close(); resolve(m[0].payload); } });
    sub.done.catch(reject);
  });
  assert.ok(got.equals(big));
});

test('StopMesh withdraws a node and StartMesh brings it back; data and membership stay', async () => {
  await line.w.stop();
  const w = await line.w.status();
  assert.equal(w.active, false);
  assert.equal(w.mesh_id, (await line.h.status()).mesh_id, 'membership kept');
  await waitFor(async () => !(await line.h.status()).routes.some((r) => r.destination === 'trainer'), 'hub loses its route to trainer');
  await waitFor(async () => (await line.h.status()).nodes.some((n) => n.node_id === 'worker' && !n.online), 'worker offline at hub');
  const started = await line.w.start();
  assert.ok(started.dialing.includes(line.hub.meshAddress));
  await waitFor(async () => (await line.h.status()).routes.some((r) => r.destination === 'trainer'), 'route back after StartMesh');
  assert.equal((await line.w.status()).active, true);
});
