import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { tagOf, newUlid } from '../../src/shared/ids.js';
import { ConfigSchema } from '../../src/shared/config/index.js';
import { decodeBatch } from '../../src/shared/wire/index.js';
import type { DataPlaneCommand, DataPlanePort, InboundMessage } from '../../src/workers/dataplane/index.js';
import { MemoryStorage } from '../../src/main/storage/index.js';
import { SourceStreams, TargetStreams, type SubscriberSink } from '../../src/main/streams/index.js';

/** Tenant encryption is not what these tests are about: payloads pass as they are. */
const plain = { ready: () => true, prepare: async () => {}, seal: (_t: string, _s: string, p: Uint8Array[]) => p };

const log = pino({ level: 'silent' });

/** A data plane that records commands (the component under test is the stream logic). */
function recordingDataPlane(): DataPlanePort & { cmds: DataPlaneCommand[] } {
  const cmds: DataPlaneCommand[] = [];
  return {
    cmds, onEvent: () => {}, execute: (c) => { cmds.push(c); },
    listen: async () => 0, dial: async () => 0, stats: async () => { throw new Error('unused'); }, links: async () => [], stop: async () => {},
  };
}

const acks = (dp: { cmds: DataPlaneCommand[] }) => dp.cmds.flatMap((c) => (c.type === 'send-routed' ? [decodeBatch(c.frame)[0]] : []));
const flush = () => new Promise((r) => setImmediate(r));

test('target: messages beyond the credit limit are dropped and re-acknowledged; a consumer ack raises the limit', async () => {
  const dp = recordingDataPlane();
  const store = new MemoryStorage();
  const target = new TargetStreams({ selfId: 'b', store, dp, log, windowMessages: 100, inboxHighWater: 5, nodeIdOf: () => 'a', onDelivered: () => {}, onDropped: () => {}, open: (_t, _s, m) => m, prepare: () => undefined, refusal: () => null, onDamaged: () => {} });
  const streamId = newUlid();
  const msg = (seq: number): InboundMessage => ({ src: tagOf('a'), streamId, tenant: tagOf('t'), seq, messageId: newUlid(), payload: Buffer.from(`m${seq}`) });
  target.receive([1, 2, 3, 4, 5, 6, 7].map(msg));
  await flush();
  let last = acks(dp).at(-1)!;
  assert.equal(last.ack, 5, 'only seqs up to the limit are stored');
  assert.equal(last.seq, 5, 'the ack carries the credit limit');
  const delivered: number[] = [];
  const sink: SubscriberSink = { write: (b) => { delivered.push(...b.messages.map((m) => m.seq)); return true; }, onDrain: () => {}, close: () => {} };
  const sub = target.subscribe(streamId, 't', 100, sink);
  assert.deepEqual(delivered, [1, 2, 3, 4, 5]);
  await sub.ack(3, 3);
  last = acks(dp).at(-1)!;
  assert.equal(last.seq, 8, 'consumer offset 3 + high water 5');
  target.receive([6, 7].map(msg));
  await flush();
  assert.equal(acks(dp).at(-1)!.ack, 7);
});

test('target: when the route back to a source moves, its streams are acknowledged again over the new route', async () => {
  const dp = recordingDataPlane();
  const store = new MemoryStorage();
  const target = new TargetStreams({ selfId: 'd', store, dp, log, windowMessages: 100, inboxHighWater: 50, nodeIdOf: (tag) => (tag === tagOf('a') ? 'a' : 'x'), onDelivered: () => {}, onDropped: () => {}, open: (_t, _s, m) => m, prepare: () => undefined, refusal: () => null, onDamaged: () => {} });
  const fromA = newUlid();
  const fromX = newUlid();
  const msg = (streamId: string, src: string, seq: number): InboundMessage => ({ src: tagOf(src), streamId, tenant: tagOf('t'), seq, messageId: newUlid(), payload: Buffer.from(`m${seq}`) });
  target.routesChanged(new Map([['a', { nextHop: 'b' }], ['x', { nextHop: 'b' }]]));
  target.receive([1, 2, 3].map((q) => msg(fromA, 'a', q)));
  target.receive([1].map((q) => msg(fromX, 'x', q)));
  await flush();
  const before = acks(dp).length;
  target.routesChanged(new Map([['a', { nextHop: 'c' }], ['x', { nextHop: 'b' }]]));
  const again = acks(dp).slice(before);
  assert.equal(again.length, 1, 'only the stream whose source moved');
  assert.equal(again[0].streamId, fromA);
  assert.equal(again[0].ack, 3, 'the current cumulative ack');
  target.stop();
});

test('source: sends only up to the target\'s credit limit and resumes when it grows', async () => {
  const dp = recordingDataPlane();
  const store = new MemoryStorage();
  const cfg = { ...ConfigSchema.parse({ node: { id: 'a' } }).streams, windowMessages: 1000 };
  const source = new SourceStreams({ selfId: 'a', store, dp, cfg, log, hasRoute: () => true, isKnown: () => true, onRetransmit: () => {}, onDamaged: () => {}, sealer: plain });
  const s = await source.open('t', ['b'], 'EXACTLY_ONCE', 0);
  const sent = () => dp.cmds.flatMap((c) => (c.type === 'send-message' && c.msg.seq > 0 ? [c.msg.seq] : []));
  source.onAck(s.streamId, tagOf('b'), 0, 3);
  await source.publish(s.streamId, Array.from({ length: 10 }, () => Buffer.from('x')), 'SOURCE_DURABLE');
  assert.deepEqual(sent(), [1, 2, 3]);
  source.onAck(s.streamId, tagOf('b'), 3, 7);
  assert.deepEqual(sent(), [1, 2, 3, 4, 5, 6, 7]);
  source.onAck(s.streamId, tagOf('b'), 7, 100);
  assert.deepEqual(sent(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  source.stop();
});

test('source: publishers wait while the backlog holds streams.outboxHighWaterBytes, and go on once targets acknowledge', async () => {
  const dp = recordingDataPlane();
  const store = new MemoryStorage();
  const cfg = { ...ConfigSchema.parse({ node: { id: 'a' } }).streams, outboxHighWaterBytes: 1024 * 1024 };
  const source = new SourceStreams({ selfId: 'a', store, dp, cfg, log, hasRoute: () => true, isKnown: () => true, onRetransmit: () => {}, onDamaged: () => {}, sealer: plain });
  const s = await source.open('t', ['b'], 'EXACTLY_ONCE', 0);
  const half = Buffer.alloc(512 * 1024, 1);
  await source.publish(s.streamId, [half], 'SOURCE_DURABLE');
  await source.publish(s.streamId, [half], 'SOURCE_DURABLE'); // the backlog is at the mark now
  let third = false;
  const p3 = source.publish(s.streamId, [half], 'SOURCE_DURABLE').then(() => { third = true; });
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(third, false, 'held at 1 MiB of unacknowledged messages');
  source.onAck(s.streamId, tagOf('b'), 1, 100); // 512 KiB left: below 90 % of the mark
  await p3;
  assert.equal(third, true);
  // A message larger than the mark still goes when nothing waits for an ack.
  source.onAck(s.streamId, tagOf('b'), 3, 100);
  await source.publish(s.streamId, [Buffer.alloc(2 * 1024 * 1024, 2)], 'SOURCE_DURABLE');
  source.stop();
});

test('source: publishes keep their call order in seqs when large payloads are sealed off the thread', async () => {
  const dp = recordingDataPlane();
  const store = new MemoryStorage();
  const cfg = { ...ConfigSchema.parse({ node: { id: 'a' } }).streams, windowMessages: 1000 };
  // "Large" payloads (first byte 1) seal on a delay, as on the pool; small ones at once.
  const sealer = {
    ready: () => true, prepare: async () => {},
    seal: (_t: string, _s: string, p: Uint8Array[]) => (p.some((x) => x[0] === 1) ? new Promise<Uint8Array[]>((r) => setTimeout(() => r(p), 20)) : p),
  };
  const source = new SourceStreams({ selfId: 'a', store, dp, cfg, log, hasRoute: () => true, isKnown: () => true, onRetransmit: () => {}, onDamaged: () => {}, sealer });
  const s = await source.open('t', ['b'], 'EXACTLY_ONCE', 0);
  const calls = ['small-0', 'large-1', 'small-2', 'large-3', 'small-4'].map((name) => Buffer.from([name.startsWith('large') ? 1 : 0, ...Buffer.from(name)]));
  const results = await Promise.all(calls.map((p) => source.publish(s.streamId, [p], 'SOURCE_DURABLE')));
  assert.deepEqual(results.map((r) => r.firstSeq), [1, 2, 3, 4, 5]);
  const stored = store.readOutbox(s.streamId, 1, 10).map((m) => Buffer.from(m.payload).subarray(1).toString());
  assert.deepEqual(stored, ['small-0', 'large-1', 'small-2', 'large-3', 'small-4']);
  source.stop();
});

test('source: publishes keep their call order in seqs while the first waits for the tenant key', async () => {
  const dp = recordingDataPlane();
  const store = new MemoryStorage();
  const cfg = { ...ConfigSchema.parse({ node: { id: 'a' } }).streams, windowMessages: 1000 };
  // The key is created by the first publish's prepare and is "ready" at once for later calls,
  // while that first publish still waits to resume.
  let ready = false;
  const sealer = {
    ready: () => ready,
    prepare: async () => { ready = true; await new Promise((r) => setTimeout(r, 20)); },
    seal: (_t: string, _s: string, p: Uint8Array[]) => p,
  };
  const source = new SourceStreams({ selfId: 'a', store, dp, cfg, log, hasRoute: () => true, isKnown: () => true, onRetransmit: () => {}, onDamaged: () => {}, sealer });
  const s = await source.open('t', ['b'], 'EXACTLY_ONCE', 0);
  const results = await Promise.all(['m0', 'm1', 'm2'].map((p) => source.publish(s.streamId, [Buffer.from(p)], 'SOURCE_DURABLE')));
  assert.deepEqual(results.map((r) => r.firstSeq), [1, 2, 3]);
  assert.deepEqual(store.readOutbox(s.streamId, 1, 10).map((m) => Buffer.from(m.payload).toString()), ['m0', 'm1', 'm2']);
  source.stop();
});

test('source: an idempotent producer\'s retry returns the original seqs and publishes nothing; reuse and stale ids are refused', async () => {
  const dp = recordingDataPlane();
  const store = new MemoryStorage();
  const cfg = { ...ConfigSchema.parse({ node: { id: 'a' } }).streams, producerWindow: 3 };
  const source = new SourceStreams({ selfId: 'a', store, dp, cfg, log, hasRoute: () => true, isKnown: () => true, onRetransmit: () => {}, onDamaged: () => {}, sealer: plain });
  const s = await source.open('t', ['b'], 'EXACTLY_ONCE', 0);
  const batch = [Buffer.from('x'), Buffer.from('y')];
  const p = (requestId: number) => ({ producerId: 'p1', requestId });
  // The original and a retry sent while it is still in flight: one publish, the same answer.
  const [a, b] = await Promise.all([source.publish(s.streamId, batch, 'SOURCE_DURABLE', undefined, undefined, p(1)), source.publish(s.streamId, batch, 'SOURCE_DURABLE', undefined, undefined, p(1))]);
  assert.deepEqual([a.firstSeq, a.messageIds], [b.firstSeq, b.messageIds]);
  assert.equal(!!a.duplicate, false);
  assert.equal(b.duplicate, true);
  const later = await source.publish(s.streamId, batch, 'SOURCE_DURABLE', undefined, undefined, p(1));
  assert.deepEqual([later.firstSeq, later.messageIds, later.duplicate], [1, a.messageIds, true]);
  assert.equal(store.readOutbox(s.streamId, 1, 100).length, 2, 'published once');
  await assert.rejects(source.publish(s.streamId, [Buffer.from('other')], 'SOURCE_DURABLE', undefined, undefined, p(1)), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.InvalidArgument);
  // Past the window of 3, request 1 cannot be judged any more.
  for (const r of [2, 3, 4]) await source.publish(s.streamId, [Buffer.from(`r${r}`)], 'SOURCE_DURABLE', undefined, undefined, p(r));
  await assert.rejects(source.publish(s.streamId, batch, 'SOURCE_DURABLE', undefined, undefined, p(1)), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.FailedPrecondition);
  // Another producer with the same request id is its own publish; a restart keeps the windows.
  const other = await source.publish(s.streamId, batch, 'SOURCE_DURABLE', undefined, undefined, { producerId: 'p2', requestId: 1 });
  const p1 = store.listProduced().filter((r) => r.producerId === 'p1').map((r) => r.requestId).sort();
  assert.deepEqual(p1, [2, 3, 4], 'records outside the window are deleted (with the next append)');
  assert.equal(other.duplicate, undefined);
  source.stop();
  const again = new SourceStreams({ selfId: 'a', store, dp, cfg, log, hasRoute: () => true, isKnown: () => true, onRetransmit: () => {}, onDamaged: () => {}, sealer: plain });
  again.start();
  const retry = await again.publish(s.streamId, batch, 'SOURCE_DURABLE', undefined, undefined, { producerId: 'p2', requestId: 1 });
  assert.deepEqual([retry.firstSeq, retry.messageIds, retry.duplicate], [other.firstSeq, other.messageIds, true]);
  again.stop();
});

test('stream announcements: the source announces a new stream (seq 0, no payload) until acknowledged; the target stores it, acknowledges and delivers nothing; an unknown stream id is refused after the grace period', async (t) => {
  const dp = recordingDataPlane();
  const store = new MemoryStorage();
  const cfg = ConfigSchema.parse({ node: { id: 'a' } }).streams;
  const source = new SourceStreams({ selfId: 'a', store, dp, cfg, log, hasRoute: () => true, isKnown: () => true, onRetransmit: () => {}, onDamaged: () => {}, sealer: plain });
  source.start();
  const s = await source.open('t', ['b'], 'EXACTLY_ONCE', 0);
  const announcements = () => dp.cmds.filter((c) => c.type === 'send-message' && c.msg.seq === 0);
  assert.equal(announcements().length, 1, 'announced at open');
  const a0 = announcements()[0] as Extract<DataPlaneCommand, { type: 'send-message' }>;
  assert.equal(a0.msg.payload.length, 0);
  await new Promise((r) => setTimeout(r, 1100));
  assert.ok(announcements().length >= 2, 'announced again while not acknowledged');
  source.onAck(s.streamId, tagOf('b'), 0, 100);
  const n = announcements().length;
  await new Promise((r) => setTimeout(r, 1100));
  assert.equal(announcements().length, n, 'no more once acknowledged');
  source.stop();

  const tdp = recordingDataPlane();
  const tstore = new MemoryStorage();
  const delivered: number[] = [];
  const target = new TargetStreams({ selfId: 'b', store: tstore, dp: tdp, log, windowMessages: 100, inboxHighWater: 5, nodeIdOf: () => 'a', onDelivered: (c) => delivered.push(c), onDropped: () => {}, open: (_t, _s, m) => m, prepare: () => undefined, refusal: () => null, onDamaged: () => {} });
  target.receive([{ src: tagOf('a'), streamId: s.streamId, tenant: tagOf('t'), seq: 0, messageId: a0.msg.messageId, payload: new Uint8Array(0) }]);
  await flush();
  assert.equal(tstore.getTargetStream(s.streamId)?.receivedOffset, 0, 'the stream record is stored');
  assert.equal(acks(tdp).at(-1)?.ack, 0, 'acknowledged, nothing received');
  assert.deepEqual(delivered, []);
  // A known stream waits for messages; an unknown one is refused after the grace period.
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const closed: Array<string | undefined> = [];
  const sink = (): SubscriberSink => ({ write: () => true, onDrain: () => {}, close: (err) => closed.push(err?.code) });
  target.subscribe(s.streamId, 't', 10, sink());
  target.subscribe(newUlid(), 't', 10, sink());
  t.mock.timers.tick(5000);
  assert.deepEqual(closed, [ErrorCode.NotFound]);
});

test('a subscriber whose key epoch is not here yet waits for it instead of failing; another error still ends the subscription', async () => {
  const dp = recordingDataPlane();
  const store = new MemoryStorage();
  let missing = 3;
  const target = new TargetStreams({
    selfId: 'b', store, dp, log, windowMessages: 100, inboxHighWater: 100, nodeIdOf: () => 'a', onDelivered: () => {}, onDropped: () => {},
    open: (_t, _s, m) => {
      if (missing-- > 0) throw new MeshError(ErrorCode.Unavailable, 'the key of tenant t epoch 2 is not here yet: retry');
      return m;
    },
    prepare: () => undefined, refusal: () => null, onDamaged: () => {},
  });
  const streamId = newUlid();
  target.receive([1, 2].map((seq) => ({ src: tagOf('a'), streamId, tenant: tagOf('t'), seq, messageId: newUlid(), payload: Buffer.from(`m${seq}`) })));
  await flush();
  const delivered: number[] = [];
  let closed: MeshError | undefined | null = null;
  const sink: SubscriberSink = { write: (b) => { delivered.push(...b.messages.map((m) => m.seq)); return true; }, onDrain: () => {}, close: (e) => { closed = e; } };
  target.subscribe(streamId, 't', 100, sink);
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(delivered, [1, 2], 'delivered once the key came');
  assert.equal(closed, null);
  // A payload that does not open ends the subscription at once.
  const target2 = new TargetStreams({
    selfId: 'b', store: new MemoryStorage(), dp, log, windowMessages: 100, inboxHighWater: 100, nodeIdOf: () => 'a', onDelivered: () => {}, onDropped: () => {},
    open: () => { throw new MeshError(ErrorCode.Decrypt, 'bad'); }, prepare: () => undefined, refusal: () => null, onDamaged: () => {},
  });
  target2.receive([{ src: tagOf('a'), streamId, tenant: tagOf('t'), seq: 1, messageId: newUlid(), payload: Buffer.from('x') }]);
  await flush();
  let closed2: MeshError | undefined;
  target2.subscribe(streamId, 't', 100, { write: () => true, onDrain: () => {}, close: (e) => { closed2 = e; } });
  assert.equal((closed2 as MeshError | undefined)?.code, ErrorCode.Decrypt);
});
