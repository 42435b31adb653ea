import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newUlid } from '../../src/shared/ids.js';
import type { StoredMessage } from '../../src/main/storage/index.js';
import { MessageCache } from '../../src/main/streams/message-cache.js';

const msg = (seq: number, bytes: number): StoredMessage => ({ seq, messageId: newUlid(), publishedAtMs: 0, payload: Buffer.alloc(bytes, seq & 0xff) });

test('reads consecutive cached messages from a seq, stopping at a gap; null when the seq is not cached', () => {
  const c = new MessageCache(1000, 10_000);
  c.add('s', [msg(1, 10), msg(2, 10), msg(3, 10)]);
  c.add('s', [msg(5, 10)]);
  assert.deepEqual(c.read('s', 1, 10)?.map((m) => m.seq), [1, 2, 3]);
  assert.deepEqual(c.read('s', 2, 1)?.map((m) => m.seq), [2]);
  assert.equal(c.read('s', 4, 10), null);
  assert.equal(c.read('other', 1, 10), null);
  assert.equal(c.bytes, 40);
});

test('keeps within its per-stream and total bounds: what does not fit is not cached (the oldest stay)', () => {
  const c = new MessageCache(100, 150);
  c.add('a', [msg(1, 60), msg(2, 60)]);
  assert.deepEqual(c.read('a', 1, 10)?.map((m) => m.seq), [1], 'the second would pass the per-stream bound');
  c.add('b', [msg(1, 80), msg(2, 10)]);
  assert.deepEqual(c.read('b', 1, 10)?.map((m) => m.seq), [1, 2]);
  c.add('c', [msg(1, 1)]);
  assert.equal(c.read('c', 1, 1), null, 'the node-wide bound is reached');
  assert.ok(c.bytes <= 150);
});

test('forget drops entries through a seq and frees their bytes; MAX_SAFE_INTEGER forgets the stream', () => {
  const c = new MessageCache(1000, 1000);
  c.add('s', [msg(1, 100), msg(2, 100), msg(3, 100)]);
  c.forget('s', 2);
  assert.equal(c.read('s', 1, 10), null);
  assert.deepEqual(c.read('s', 3, 10)?.map((m) => m.seq), [3]);
  assert.equal(c.bytes, 100);
  c.add('s', [msg(4, 900)]);
  assert.deepEqual(c.read('s', 3, 10)?.map((m) => m.seq), [3, 4], 'freed room is used again');
  c.forget('s', Number.MAX_SAFE_INTEGER);
  assert.equal(c.bytes, 0);
  assert.equal(c.read('s', 4, 1), null);
});
