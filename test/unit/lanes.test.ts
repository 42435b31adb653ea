import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { newUlid } from '../../src/shared/ids.js';
import { FrameFlag, FrameType, encodeFrame } from '../../src/shared/wire/index.js';
import { CONTROL_FRAME_MAX_BYTES, laneClassOf, laneKeyOf, pickLane, streamHash, type LaneClass } from '../../src/workers/dataplane/lanes.js';
import { INITIAL_CREDIT_BYTES, LaneCredit } from '../../src/workers/dataplane/lane-credit.js';

test('each class rides its own lane; with one lane (collapsible mode) everything rides lane 0', () => {
  const all = [0, 1, 2, 3];
  assert.equal(pickLane(all, 'control'), 0);
  assert.equal(pickLane(all, 'priority'), 1);
  assert.ok([2, 3].includes(pickLane(all, 'bulk', 7)!));
  for (const cls of ['control', 'priority', 'bulk'] as LaneClass[]) assert.equal(pickLane([0], cls, 99), 0);
  assert.equal(pickLane([], 'control'), undefined);
});

test('a failed lane\'s traffic moves within the class rules, and a data lane is promoted when the control lane fails', () => {
  assert.equal(pickLane([1, 2, 3], 'control'), 1, 'control promoted to the priority lane');
  assert.equal(pickLane([2, 3], 'control'), 2, 'then to a bulk lane');
  assert.equal(pickLane([0, 2], 'priority'), 0, 'priority falls back to control');
  assert.equal(pickLane([2, 3], 'priority'), 2, 'then to a bulk lane');
  assert.equal(pickLane([0, 1], 'bulk', 5), 1, 'bulk falls back to priority');
  assert.equal(pickLane([0], 'bulk', 5), 0, 'then to control');
  assert.equal(pickLane([0, 1, 3], 'bulk', 4), 3, 'the remaining bulk lane takes the failed one\'s streams');
});

test('pickLane always names a lane that is up, and keeps control traffic off bulk lanes while lane 0 or 1 is up', () => {
  fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 8 }), fc.constantFrom<LaneClass>('control', 'priority', 'bulk'), fc.nat(), (lanes, cls, key) => {
    const up = [...lanes].sort((a, b) => a - b);
    const l = pickLane(up, cls, key)!;
    assert.ok(up.includes(l));
    if (cls !== 'bulk' && (up.includes(0) || up.includes(1))) assert.ok(l <= 1);
    if (cls === 'bulk' && up.some((x) => x >= 2)) assert.ok(l >= 2);
  }), { numRuns: 500 });
});

test('frames are classed by type and size: data is bulk, large Raft messages are priority, the rest control', () => {
  const f = (type: number, bytes: number) => encodeFrame({ type: type as FrameType, ttl: 4, src: 1n, dst: 2n, payload: Buffer.alloc(bytes) });
  assert.equal(laneClassOf(f(FrameType.Data, 10)), 'bulk');
  assert.equal(laneClassOf(f(FrameType.Raft, 100)), 'control');
  assert.equal(laneClassOf(f(FrameType.Raft, CONTROL_FRAME_MAX_BYTES)), 'priority');
  for (const t of [FrameType.Ack, FrameType.Swim, FrameType.Heartbeat, FrameType.Lsa, FrameType.Credit]) assert.equal(laneClassOf(f(t, 10)), 'control');
});

test('a data frame sent again to fill a hole (Resend flag) rides the priority lane, past the bulk backlog', () => {
  const resent = encodeFrame({ type: FrameType.Data, flags: FrameFlag.Resend, ttl: 4, src: 1n, dst: 2n, streamId: newUlid(), seq: 3, payload: Buffer.alloc(64 * 1024) });
  assert.equal(laneClassOf(resent), 'priority');
  assert.equal(pickLane([0, 1, 2, 3], laneClassOf(resent)), 1);
  // Without a priority lane it stays within the class rules (control, as large Raft messages do).
  assert.equal(pickLane([0, 2], laneClassOf(resent)), 0);
  assert.equal(pickLane([0], laneClassOf(resent)), 0);
});

test('a stream is pinned to one bulk lane; the chunks of a large message are striped over the bulk lanes', () => {
  const streamId = newUlid();
  const frame = (seq: number, chunkSeq: number, totalChunks: number) =>
    encodeFrame({ type: FrameType.Data, ttl: 4, src: 1n, dst: 2n, streamId, seq, chunkSeq, totalChunks, payload: Buffer.from('x') });
  const up = [0, 1, 2, 3, 4];
  const pinned = new Set(Array.from({ length: 50 }, (_, i) => pickLane(up, 'bulk', laneKeyOf(frame(i + 1, 0, 1)))));
  assert.equal(pinned.size, 1);
  const striped = new Set(Array.from({ length: 6 }, (_, c) => pickLane(up, 'bulk', laneKeyOf(frame(1, c, 6)))));
  assert.deepEqual([...striped].sort(), [2, 3, 4]);
  assert.equal(laneKeyOf(encodeFrame({ type: FrameType.Ack, ttl: 4, src: 1n, dst: 2n, streamId })), 0);
  assert.equal(streamHash(streamId), laneKeyOf(frame(1, 0, 1)), 'the worker pool picks the shard of the lane the shards pick');
});

test('lane credit: the sender stops at the granted limit; the receiver grants a window ahead of what it consumed, once a quarter window is due', () => {
  const tx = new LaneCredit(8 << 20);
  assert.ok(tx.open);
  tx.sent = INITIAL_CREDIT_BYTES;
  assert.ok(!tx.open, 'blocked at the initial credit');
  assert.ok(tx.grant(INITIAL_CREDIT_BYTES + 1000));
  assert.ok(tx.open);
  assert.ok(!tx.grant(INITIAL_CREDIT_BYTES), 'a lower (replayed or reordered) limit changes nothing');
  assert.equal(tx.granted, INITIAL_CREDIT_BYTES + 1000);

  const rx = new LaneCredit(8 << 20);
  assert.equal(rx.consume(1000), null, 'not yet an update step above the initial credit');
  assert.equal(rx.consume(512 * 1024), 1000 + 512 * 1024 + INITIAL_CREDIT_BYTES, 'the window starts at the initial credit');
  assert.equal(rx.consume(1000), null, 'not yet an update step more');
});

test('lane credit auto-tuning: the window doubles up to the configured most while the window limits the lane, and stays while the receiver does', () => {
  const step = 1024 * 1024;
  // Fast receiver: each window's worth is consumed within one 10 ms RTT.
  const fast = new LaneCredit(16 << 20);
  let now = 0;
  for (let i = 0; i < 200; i++) fast.consume(step, (now += 1), 10);
  assert.equal(fast.windowBytes, 16 << 20, 'grown to the configured most, never beyond');
  // Slow receiver: a window takes far longer than 4 RTTs to consume.
  const slow = new LaneCredit(16 << 20);
  now = 0;
  for (let i = 0; i < 200; i++) slow.consume(step, (now += 100), 1);
  assert.equal(slow.windowBytes, INITIAL_CREDIT_BYTES, 'a lane limited by its receiver keeps the initial window');
  // No RTT measured yet: no tuning.
  const unknown = new LaneCredit(16 << 20);
  for (let i = 0; i < 50; i++) unknown.consume(step, i, 0);
  assert.equal(unknown.windowBytes, INITIAL_CREDIT_BYTES);
  // Advertised limits only grow.
  let last = 0;
  const rx = new LaneCredit(16 << 20);
  now = 0;
  for (let i = 0; i < 100; i++) {
    const l = rx.consume(300 * 1024, (now += i % 7 === 0 ? 500 : 1), 5);
    if (l !== null) { assert.ok(l > last); last = l; }
  }
});
