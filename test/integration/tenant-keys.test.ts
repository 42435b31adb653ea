/**
 * Tenant encryption (issue: trust, item 5): key rotation in the middle of a 20,000-message stream
 * loses, duplicates and garbles nothing; keys are wrapped only for the nodes that serve the tenant
 * (never for a transit node), and a member admitted later gets every epoch once it serves it; system and internal-DB updates are sealed under the mesh key; no payload
 * or update plaintext reaches any file under the data dirs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SEAL_INLINE_MAX_BYTES } from '../../src/main/security/index.js';
import { LocalNode, nodeSpec } from '../../src/main/cli/local-mesh.js';
import { collect, payloads, startLine, waitFor, type Line } from '../helpers/cluster.js';

let line: Line;
before(async () => { line = await startLine(); });
after(async () => { await line?.stop(); });

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

test('tenant key rotation in the middle of a 20,000-message stream: every message once, in order, readable', async () => {
  const total = 20_000;
  const streamId = await line.h.openStream('tenant-r', ['trainer']);
  const done = collect(line.t, streamId, 'tenant-r', total, 2000);
  for (let i = 0; i < total; i += 500) {
    if (i === 8000) assert.equal(await line.h.rotateTenantKey('tenant-r'), 2);
    if (i === 14000) assert.equal(await line.t.rotateTenantKey('tenant-r'), 3); // from another node
    await line.h.publish(streamId, payloads(i, 500));
  }
  const texts = await done;
  assert.equal(texts.length, total);
  assert.deepEqual(texts, Array.from({ length: total }, (_, i) => `msg-${i}`));
  const [keys] = await line.w.tenantKeys('tenant-r');
  assert.equal(keys.current, 3);
  // Wrapped for the source and the target only: the transit node (worker) never holds the key.
  assert.deepEqual(keys.epochs.map((e) => [e.epoch, e.wrapped_for.join(',')]), [[1, 'hub,trainer'], [2, 'hub,trainer'], [3, 'hub,trainer']]);
});

test('a member admitted later holds no tenant key until it serves the tenant, then gets every epoch', async () => {
  const late = new LocalNode(nodeSpec('late', join(line.dir, 'late')));
  await late.start();
  const c = line.client(late);
  try {
    await c.join(line.trainer.meshAddress, line.key, line.fingerprint);
    await waitFor(async () => (await line.h.status()).routes.some((r) => r.destination === 'late'), 'route to late');
    const [before] = await line.h.tenantKeys('tenant-r');
    assert.ok(before.epochs.every((e) => !e.wrapped_for.includes('late')), 'a member that serves nothing gets no copy');
    const streamId = await line.h.openStream('tenant-r', ['late']);
    await line.h.publish(streamId, payloads(0, 10), 'TARGETS_STORED');
    // The subscriber at late makes it serve the tenant: the holder wraps every epoch for it.
    const got = await collect(c, streamId, 'tenant-r', 10);
    assert.deepEqual(got, Array.from({ length: 10 }, (_, i) => `msg-${i}`));
    const [k] = await line.h.tenantKeys('tenant-r');
    assert.deepEqual(k.epochs.map((e) => e.wrapped_for.join(',')), ['hub,late,trainer', 'hub,late,trainer', 'hub,late,trainer']);
  } finally {
    await late.stop();
  }
});

test('system and internal-DB updates are sealed under the mesh key and open for their subscribers', async () => {
  await line.h.sendMeshUpdate('release', Buffer.from('SYSTEM-UPDATE-PLAINTEXT-1'));
  await line.w.sendDbUpdate('config', 'k1', 'PUT', Buffer.from('DB-VALUE-PLAINTEXT-1'));
  const seen: string[] = [];
  const subs = [
    line.t.subscribeUpdates('mesh', { onUpdates: (u) => { for (const x of u) seen.push(Buffer.from(x.payload).toString()); } }),
    line.t.subscribeUpdates('db', { onUpdates: (u) => { for (const x of u) seen.push(Buffer.from(x.value).toString()); } }),
  ];
  try {
    await waitFor(() => seen.includes('SYSTEM-UPDATE-PLAINTEXT-1') && seen.includes('DB-VALUE-PLAINTEXT-1'), 'updates opened at the trainer');
  } finally {
    for (const x of subs) x.close();
  }
  const [mesh] = await line.h.tenantKeys('~mesh');
  assert.equal(mesh.current, 1);
});

test('payloads over the inline limit are sealed and opened on the pool, in order with small ones', async () => {
  const streamId = await line.h.openStream('tenant-big', ['trainer']);
  const big = [randomBytes(SEAL_INLINE_MAX_BYTES + 1), randomBytes(3 * 1024 * 1024)];
  const sent = [Buffer.from('small-0'), big[0], Buffer.from('small-2'), big[1], Buffer.from('small-4')];
  const pub = line.h.publisher(streamId); // one call: the requests reach the source in order
  await Promise.all(sent.map((p) => pub.publish([p])));
  await pub.end();
  const got: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const sub = line.t.subscribe({
      streamId, tenantId: 'tenant-big', credits: 10,
      onMessages: (msgs) => {
        for (const m of msgs) got.push(Buffer.from(m.payload));
        if (got.length >= sent.length) { sub.close(); resolve(); }
      },
    });
    sub.done.catch(reject);
  });
  assert.equal(got.length, sent.length);
  got.forEach((g, i) => assert.ok(g.equals(sent[i]), `message ${i} arrives whole and in order`));
});

test('no payload plaintext in any file under the data dirs', () => {
  const needles = ['msg-12345.', 'msg-19999.', 'msg-7.....', 'SYSTEM-UPDATE-PLAINTEXT', 'DB-VALUE-PLAINTEXT'].map((s) => Buffer.from(s));
  const all = files(line.dir).filter((f) => statSync(f).size > 0);
  assert.ok(all.some((f) => f.endsWith('.lmdb') || f.includes('mcg')), 'the stores are there');
  const hits = all.filter((f) => {
    const b = readFileSync(f);
    return needles.some((n) => b.includes(n));
  });
  assert.deepEqual(hits, []);
});
