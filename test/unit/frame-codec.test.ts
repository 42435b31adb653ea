import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MeshError, ErrorCode } from '../../src/shared/errors.js';
import { newUlid } from '../../src/shared/ids.js';
import { randomBytes } from 'node:crypto';
import {
  FrameDecoder, FrameFlag, FrameType, HEADER_BYTES, MAX_FRAME_PAYLOAD, Off, TAG_BYTES, WASM_TAG_MAX_BYTES, decodeBatch, encodeFrame, frameCrc,
  parseFrame, prepareTagKey, sealFrame, verifyFrameTag, type FrameInit,
} from '../../src/shared/wire/index.js';

function sample(i: number, payloadLen: number): FrameInit {
  return {
    type: FrameType.Data, flags: i % 2, priority: i % 8, ttl: 16, hopCount: i % 3, pathId: i, src: 0x0102030405060708n, dst: 0xfffffffffffffff0n,
    streamId: newUlid(), tenant: BigInt(i) * 7919n, seq: 2 ** 40 + i, ack: i, chunkSeq: i % 5, totalChunks: 5, messageId: newUlid(),
    payload: Buffer.alloc(payloadLen, i & 0xff),
  };
}

function same(a: FrameInit, b: ReturnType<typeof decodeBatch>[number]): void {
  assert.equal(b.flags, a.flags! | FrameFlag.Auth, 'flags (routed frames always carry a tag)');
  for (const k of ['type', 'priority', 'ttl', 'hopCount', 'pathId', 'src', 'dst', 'streamId', 'tenant', 'seq', 'ack', 'chunkSeq', 'totalChunks', 'messageId'] as const) {
    assert.equal(b[k], a[k], k);
  }
  assert.deepEqual(Buffer.from(b.payload), Buffer.from(a.payload!));
}

test('frames round-trip through encode and decode', () => {
  const frames = [sample(1, 0), sample(2, 1), sample(3, 300), sample(4, 70_000)];
  const decoded = decodeBatch(Buffer.concat(frames.map(encodeFrame)));
  assert.equal(decoded.length, frames.length);
  frames.forEach((f, i) => same(f, decoded[i]));
});

test('a batch split at every position, down to single bytes, decodes the same', () => {
  const frames = [sample(1, 5), sample(2, 0), sample(3, 200)];
  const batch = Buffer.concat(frames.map(encodeFrame));
  for (let cut = 1; cut < batch.length; cut++) {
    const d = new FrameDecoder();
    const out = [...d.write(batch.subarray(0, cut)), ...d.write(batch.subarray(cut))];
    assert.equal(out.length, 3, `cut ${cut}`);
    out.forEach((f, i) => same(frames[i], f));
    d.end();
  }
  const d = new FrameDecoder();
  const bytewise: ReturnType<typeof decodeBatch> = [];
  for (const b of batch) bytewise.push(...d.write(Uint8Array.of(b)));
  assert.equal(bytewise.length, 3);
  frames.forEach((f, i) => same(f, bytewise[i]));
});

test('ttl and hop_count can change in transit without breaking the CRC', () => {
  const raw = encodeFrame(sample(9, 10));
  raw[Off.ttl] = 3;
  raw[Off.hopCount] = 7;
  const [f] = decodeBatch(raw);
  assert.equal(f.ttl, 3);
  assert.equal(f.hopCount, 7);
});

function expectCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof MeshError && e.code === code);
}

test('corruption, truncation and oversize give typed errors', () => {
  const good = encodeFrame(sample(1, 64));
  const flipped = Buffer.from(good);
  flipped[HEADER_BYTES + 3] ^= 0x40;
  expectCode(() => decodeBatch(flipped), ErrorCode.FrameBadCrc);
  expectCode(() => decodeBatch(good.subarray(0, good.length - 1)), ErrorCode.FrameTruncated);
  const badVersion = Buffer.from(good);
  badVersion[0] = 9;
  expectCode(() => decodeBatch(badVersion), ErrorCode.FrameBadVersion);
  const badType = Buffer.from(good);
  badType[1] = 200;
  expectCode(() => decodeBatch(badType), ErrorCode.FrameBadType);
  const huge = Buffer.from(good);
  huge.writeUInt32BE(MAX_FRAME_PAYLOAD + 1, Off.length);
  expectCode(() => new FrameDecoder().write(huge.subarray(0, HEADER_BYTES)), ErrorCode.FrameTooLarge);
  expectCode(() => encodeFrame({ ...sample(1, 0), payload: Buffer.alloc(MAX_FRAME_PAYLOAD + 1) }), ErrorCode.FrameTooLarge);
});

test('random bytes yield frames or typed errors, never other throws (fast-check)', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
    try {
      decodeBatch(bytes);
    } catch (e) {
      assert.ok(e instanceof MeshError, String(e));
    }
  }), { numRuns: 2000 });
});

test('mutated valid batches yield frames or typed errors, never other throws (fast-check)', () => {
  const base = Buffer.concat([encodeFrame(sample(1, 40)), encodeFrame(sample(2, 0))]);
  fc.assert(fc.property(
    fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
    fc.nat(base.length),
    (muts, cut) => {
      const b = Buffer.from(base);
      for (const [i, v] of muts) b[i] = v;
      try {
        const d = new FrameDecoder();
        d.write(b.subarray(0, cut));
        d.write(b.subarray(cut));
        d.end();
      } catch (e) {
        assert.ok(e instanceof MeshError, String(e));
      }
    },
  ), { numRuns: 2000 });
});

test('a routed frame\'s pair tag detects any change but ttl and hop_count, and a wrong key', async () => {
  const key = randomBytes(32);
  for (const len of [0, 200, WASM_TAG_MAX_BYTES + 1, 70_000]) {
    for (const prepared of [false, true]) {
      const k = prepared ? Uint8Array.from(key) : key;
      if (prepared) {
        prepareTagKey(k);
        await new Promise((r) => setTimeout(r, 20));
      }
      const b = encodeFrame(sample(len % 1000, len));
      assert.ok(!verifyFrameTag(parseFrame(b), k), 'an unsealed frame fails');
      sealFrame(b, k);
      assert.ok(verifyFrameTag(parseFrame(b), k), `sealed (${len} bytes, ${prepared ? 'wasm' : 'native'})`);
      assert.ok(verifyFrameTag(parseFrame(encodeFrame({ ...sample(len % 1000, len), macKey: key })), k), 'sealed at encoding: the same tag');
      assert.ok(!verifyFrameTag(parseFrame(b), randomBytes(32)), 'wrong key');
      // Transit nodes change ttl and hop_count: still valid.
      b[Off.ttl] = 3;
      b[Off.hopCount] = 9;
      assert.ok(verifyFrameTag(parseFrame(b), k));
      // Any other byte (CRC fixed up, as an attacker would) fails.
      for (const off of [Off.type + 1, Off.pathId, Off.pathId + 1, Off.src, Off.dst + 7, Off.streamId, Off.seq + 7, Off.ack + 7, Off.chunkSeq, Off.messageId, HEADER_BYTES, b.length - 1]) {
        if (off >= b.length) continue;
        const t = Buffer.from(b);
        t[off] ^= 1;
        t.writeUInt32BE(frameCrc(t, t.length - HEADER_BYTES), Off.crc);
        let ok = false;
        try {
          ok = verifyFrameTag(parseFrame(t), k);
        } catch { /* a header change may make the frame unparsable: also a refusal */ }
        assert.ok(!ok, `byte ${off} changed`);
      }
    }
  }
});

test('a frame shorter than its trailer is refused', () => {
  const b = encodeFrame({ type: FrameType.Heartbeat, ttl: 1, src: 1n, dst: 0n, payload: Buffer.alloc(TAG_BYTES - 1) });
  b[Off.flags] = FrameFlag.Auth;
  b.writeUInt32BE(frameCrc(b, TAG_BYTES - 1), Off.crc);
  assert.throws(() => parseFrame(b), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.FrameBadHeader);
});
