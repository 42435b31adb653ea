import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { newUlid, tagOf } from '../../src/shared/ids.js';
import type { DataPlanePort, InboundMessage } from '../../src/workers/dataplane/index.js';
import { MemoryStorage } from '../../src/main/storage/index.js';
import { MAX_DELIVERY_BATCH_BYTES, TargetStreams, type SubscriberSink } from '../../src/main/streams/index.js';

const log = pino({ level: 'silent' });
const flush = () => new Promise((r) => setImmediate(r));
const dp: DataPlanePort = {
  onEvent: () => {}, execute: () => {}, listen: async () => 0, dial: async () => 0,
  stats: async () => { throw new Error('unused'); }, links: async () => [], stop: async () => {},
};

function target(store: MemoryStorage): TargetStreams {
  return new TargetStreams({ selfId: 'b', store, dp, log, windowMessages: 1000, inboxHighWater: 1000, nodeIdOf: () => 'a', onDelivered: () => {}, onDropped: () => {}, open: (_t, _s, m) => m, prepare: () => undefined, refusal: () => null, onDamaged: () => {} });
}

function messages(streamId: string, from: number, n: number, bytes: number): InboundMessage[] {
  return Array.from({ length: n }, (_, i) => ({ src: tagOf('a'), streamId, tenant: tagOf('t'), seq: from + i, messageId: newUlid(), payload: Buffer.alloc(bytes, from + i) }));
}

/** A sink that records each batch's seqs and payload bytes. */
function recorder(): SubscriberSink & { batches: { seqs: number[]; bytes: number }[] } {
  const batches: { seqs: number[]; bytes: number }[] = [];
  return {
    batches, onDrain: () => {}, close: () => {},
    write: (b) => { batches.push({ seqs: b.messages.map((m) => m.seq), bytes: b.messages.reduce((s, m) => s + m.payload.length, 0) }); return true; },
  };
}

test('delivery batches stay within MAX_DELIVERY_BATCH_BYTES, in order, with nothing lost or repeated', async () => {
  const store = new MemoryStorage();
  const t = target(store);
  const streamId = newUlid();
  t.receive(messages(streamId, 1, 40, 1024 * 1024));
  await flush();
  const sink = recorder();
  t.subscribe(streamId, 't', 1000, sink);
  assert.deepEqual(sink.batches.flatMap((b) => b.seqs), Array.from({ length: 40 }, (_, i) => i + 1));
  for (const b of sink.batches) assert.ok(b.bytes <= MAX_DELIVERY_BATCH_BYTES, `a batch of ${b.bytes} bytes`);
  assert.ok(sink.batches.length >= 10, `${sink.batches.length} batches`);
});

test('a message larger than MAX_DELIVERY_BATCH_BYTES is delivered alone', async () => {
  const store = new MemoryStorage();
  const t = target(store);
  const streamId = newUlid();
  t.receive([...messages(streamId, 1, 1, 10), ...messages(streamId, 2, 1, MAX_DELIVERY_BATCH_BYTES + 1), ...messages(streamId, 3, 2, 10)]);
  await flush();
  const sink = recorder();
  t.subscribe(streamId, 't', 1000, sink);
  assert.deepEqual(sink.batches.flatMap((b) => b.seqs), [1, 2, 3, 4]);
  assert.deepEqual(sink.batches.find((b) => b.seqs.includes(2))?.seqs, [2]);
});

test('committed messages are delivered from the inbox cache; a later subscriber reads the store', async () => {
  const store = new MemoryStorage();
  let reads = 0;
  const readInbox = store.readInbox.bind(store);
  store.readInbox = (id, from, n) => { reads++; return readInbox(id, from, n); };
  const t = target(store);
  const streamId = newUlid();
  const sink = recorder();
  const sub = t.subscribe(streamId, 't', 1000, sink);
  t.receive(messages(streamId, 1, 5, 100));
  await flush();
  t.receive(messages(streamId, 6, 5, 100));
  await flush();
  assert.deepEqual(sink.batches.flatMap((b) => b.seqs), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(reads, 0, 'nothing read back from the store');
  // Acknowledged through 4 only: a new subscriber gets 5-10 again, from the store (delivered
  // messages left the cache), with the same content.
  await sub.ack(4, 0);
  const again = recorder();
  const got: Buffer[] = [];
  const orig = again.write;
  again.write = (b) => { got.push(...b.messages.map((m) => Buffer.from(m.payload))); return orig(b); };
  t.subscribe(streamId, 't', 1000, again);
  assert.deepEqual(again.batches.flatMap((b) => b.seqs), [5, 6, 7, 8, 9, 10]);
  assert.ok(reads > 0, 'the store served the redelivery');
  assert.deepEqual(got.map((p) => p[0]), [5, 6, 7, 8, 9, 10]);
});
