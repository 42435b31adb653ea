import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { newUlid } from '../../src/shared/ids.js';
import { FrameFlag, FrameType, decodeBatch, encodeFrame } from '../../src/shared/wire/index.js';
import { Reassembler, chunkMessage } from '../../src/workers/dataplane/index.js';

function frames(payload: Buffer, chunk: number) {
  const chunks = chunkMessage(payload, chunk);
  const streamId = newUlid();
  return chunks.map((c, i) => decodeBatch(encodeFrame({
    type: FrameType.Data, flags: i === chunks.length - 1 && chunks.length > 1 ? FrameFlag.Digest : 0, ttl: 8, src: 1n, dst: 2n,
    streamId, seq: 1, chunkSeq: i, totalChunks: chunks.length, payload: c,
  }))[0]);
}

test('chunks reassemble in any order and match the BLAKE3 digest', () => {
  const payload = randomBytes(10_000);
  const fs = frames(payload, 1024);
  assert.equal(fs.length, 10);
  const r = new Reassembler();
  const order = [3, 0, 9, 1, 1, 2, 8, 4, 5, 6];
  for (const i of order) assert.equal(r.add(fs[i]), null);
  const whole = r.add(fs[7]);
  assert.deepEqual(Buffer.from(whole as Uint8Array), payload);
  assert.equal(r.bufferedBytes, 0);
});

test('a single-chunk message passes through', () => {
  const payload = randomBytes(100);
  assert.deepEqual(Buffer.from(new Reassembler().add(frames(payload, 1024)[0]) as Uint8Array), payload);
});

test('a corrupted chunk is a digest mismatch, never a delivery', () => {
  const payload = randomBytes(5000);
  const fs = frames(payload, 1000);
  (fs[2].payload as Buffer)[10] ^= 1;
  const r = new Reassembler();
  for (let i = 0; i < fs.length - 1; i++) r.add(fs[i]);
  assert.throws(() => r.add(fs[fs.length - 1]), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.DigestMismatch);
});

test('the buffer bound refuses more partial bytes than allowed', () => {
  const r = new Reassembler(3000);
  const fs = frames(randomBytes(8000), 2000);
  r.add(fs[0]);
  assert.throws(() => { r.add(fs[1]); r.add(fs[2]); }, (e: unknown) => e instanceof MeshError && e.code === ErrorCode.PayloadTooLarge);
});

test('striped chunks arriving out of order are hashed once the gap fills; a corrupted one is caught', () => {
  const payload = randomBytes(200_000);
  const r = new Reassembler();
  const fs = frames(payload, 8192);
  // Reverse order: nothing can be hashed until chunk 0 arrives last but one.
  const order = [...fs.keys()].reverse();
  const last = order.pop()!;
  order.splice(order.length - 1, 0, last);
  const lastIdx = order.pop()!;
  for (const i of order) assert.equal(r.add(fs[i]), null);
  assert.deepEqual(Buffer.from(r.add(fs[lastIdx]) as Uint8Array), payload);

  const bad = frames(payload, 8192);
  (bad[5].payload as Buffer)[100] ^= 1;
  for (const f of [...bad].reverse().slice(0, -1)) assert.equal(r.add(f), null);
  assert.throws(() => r.add(bad[0]), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.DigestMismatch);
  assert.equal(r.bufferedBytes, 0);
});
