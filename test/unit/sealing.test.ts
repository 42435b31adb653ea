import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import {
  NodeIdentity, SEAL_OVERHEAD, SealPool, openPayload, payloadAad, sealPayload, sealedEpoch, sealedPublisher, unwrapKey, wrapKey,
} from '../../src/main/security/index.js';

const decrypt = (e: unknown) => e instanceof MeshError && e.code === ErrorCode.Decrypt;

test('a sealed payload opens only with its key, tenant and stream, and unaltered', () => {
  const key = randomBytes(32);
  const aad = payloadAad('tenant-a', '01STREAM000000000000000000');
  const plain = Buffer.from('hello tenant a');
  const s = sealPayload(key, 7, aad, plain);
  assert.equal(s.length, plain.length + SEAL_OVERHEAD);
  assert.equal(sealedEpoch(s), 7);
  assert.ok(!s.includes(plain), 'no plaintext in the sealed bytes');
  assert.deepEqual(openPayload(key, aad, s), plain);
  assert.throws(() => openPayload(randomBytes(32), aad, s), decrypt);
  assert.throws(() => openPayload(key, payloadAad('tenant-b', '01STREAM000000000000000000'), s), decrypt);
  assert.throws(() => openPayload(key, payloadAad('tenant-a', '01OTHER0000000000000000000'), s), decrypt);
  for (const off of [0, 3, 8, s.length - 1, 20]) {
    const t = Buffer.from(s);
    t[off] ^= 1;
    assert.throws(() => openPayload(key, aad, t), decrypt, `byte ${off}`);
  }
  assert.throws(() => openPayload(key, aad, Buffer.from('short')), decrypt);
  // Two seals of the same plaintext differ (random nonce).
  assert.notDeepEqual(sealPayload(key, 7, aad, plain), s);
});

test('a wrapped key opens only at the node it was wrapped for', async () => {
  const root = mkdtempSync(join(tmpdir(), 'meshd-wrap-'));
  try {
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((id) => NodeIdentity.open(join(root, id), id)));
    const key = randomBytes(32);
    const w = wrapKey(a, 'MESH', 'tenant t#1', 'a', 'b', b.kx, key);
    assert.ok(!w.includes(key));
    assert.deepEqual(unwrapKey(b, 'MESH', 'tenant t#1', 'a', a.kx, 'b', w), key);
    assert.throws(() => unwrapKey(c, 'MESH', 'tenant t#1', 'a', a.kx, 'b', w), decrypt, 'a third node');
    assert.throws(() => unwrapKey(b, 'MESH', 'tenant t#2', 'a', a.kx, 'b', w), decrypt, 'another label');
    assert.throws(() => unwrapKey(b, 'OTHER', 'tenant t#1', 'a', a.kx, 'b', w), decrypt, 'another mesh');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the sealing pool seals and opens large payloads in the same format as inline sealing', async () => {
  const pool = new SealPool({ inlineMaxBytes: 1024, threads: 1 });
  try {
    const key = randomBytes(32);
    const aad = payloadAad('tenant-a', '01STREAM000000000000000000');
    const plain = randomBytes(300 * 1024);
    assert.ok(pool.offloads(plain.length) && !pool.offloads(1024));
    const s = await pool.seal(key, 3, 42n, aad, plain);
    assert.equal(s.length, plain.length + SEAL_OVERHEAD);
    assert.equal(sealedEpoch(s), 3);
    assert.equal(sealedPublisher(s), 42n);
    assert.deepEqual(openPayload(key, aad, s), plain, 'pool-sealed opens inline');
    assert.deepEqual(await pool.open(key, aad, sealPayload(key, 3, aad, plain, 42n)), plain, 'inline-sealed opens on the pool');
    const t = Buffer.from(s);
    t[t.length - 100] ^= 1;
    await assert.rejects(pool.open(key, aad, t), decrypt, 'altered');
    await assert.rejects(pool.open(randomBytes(32), aad, s), decrypt, 'another key');
    await assert.rejects(pool.open(key, payloadAad('tenant-b', '01STREAM000000000000000000'), s), decrypt, 'another tenant');
    const p13 = Buffer.from(s);
    p13.writeBigUInt64BE(7n, 5);
    assert.throws(() => openPayload(key, aad, p13), decrypt, 'a relabelled publisher does not open');
  } finally {
    await pool.close();
  }
});
