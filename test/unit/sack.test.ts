/**
 * Selective acks (shared/wire/sack.ts): the body codec and what it refuses; the target's data
 * plane acknowledging a resend selectively at once (dataplane/inbound.ts), and nothing else; the source
 * timing a reroute's first delivery by it (streams/target-sender.ts); a malformed body dropped
 * with a counter and a log line (node/dispatch.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { newUlid } from '../../src/shared/ids.js';
import {
  FrameType, MAX_SACK_BLOCKS, decodeBatch, decodeSack, encodeFrame, encodeSack, type Frame, type SackBlock,
} from '../../src/shared/wire/index.js';
import type { DataPlanePort, DataPlaneStats, InboundMessage } from '../../src/workers/dataplane/index.js';
import { Inbound } from '../../src/workers/dataplane/inbound.js';
import { Reassembler, encodeMessage } from '../../src/workers/dataplane/reassembly.js';
import type { Outbound } from '../../src/workers/dataplane/outbound.js';
import type { PairKeys } from '../../src/workers/dataplane/pair-keys.js';
import type { Link } from '../../src/workers/dataplane/link.js';
import { TargetSender, type SenderStream } from '../../src/main/streams/target-sender.js';
import { NodeDispatch, type DispatchDeps } from '../../src/main/node/dispatch.js';

const malformed = (err: unknown) => err instanceof MeshError && err.code === ErrorCode.BodyMalformed;

test('sack codec: up to MAX_SACK_BLOCKS valid blocks round-trip', () => {
  // Blocks from (gap, length) pairs: each starts at least 2 past the one before (not touching), the first above the ack.
  const gaps = fc.array(fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 1000 })), { maxLength: MAX_SACK_BLOCKS });
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 40 }), gaps, (ack, pairs) => {
    const blocks: SackBlock[] = [];
    let next = ack + 1;
    for (const [gap, len] of pairs) {
      const start = next + gap - 1;
      blocks.push({ start, end: start + len });
      next = start + len + 2;
    }
    assert.deepEqual(decodeSack(encodeSack(blocks), ack), blocks);
  }));
  assert.deepEqual(decodeSack(new Uint8Array(0), 5), [], 'an empty body is a plain cumulative ack');
});

test('sack codec: a malformed body is refused with ERR_BODY_MALFORMED', () => {
  const body = (...pairs: Array<[number, number]>) => encodeSack(pairs.map(([start, end]) => ({ start, end })));
  assert.throws(() => decodeSack(new Uint8Array(15), 0), malformed, 'not whole blocks');
  assert.throws(() => decodeSack(new Uint8Array(16 * (MAX_SACK_BLOCKS + 1)), 0), malformed, 'too many blocks');
  assert.throws(() => decodeSack(body([5, 6]), 5), malformed, 'not above the cumulative ack');
  assert.throws(() => decodeSack(body([8, 7]), 5), malformed, 'empty block');
  assert.throws(() => decodeSack(body([10, 12], [7, 8]), 5), malformed, 'out of order');
  assert.throws(() => decodeSack(body([7, 9], [9, 12]), 5), malformed, 'overlapping');
  assert.throws(() => decodeSack(body([7, 9], [10, 12]), 5), malformed, 'touching: one block');
  const huge = Buffer.alloc(16);
  huge.writeUInt32BE(0xffffffff, 0);
  huge.writeUInt32BE(0xffffffff, 8);
  assert.throws(() => decodeSack(huge, 0), malformed, 'a seq of 2^53 or more');
  assert.throws(() => encodeSack([1, 3, 5, 7, 9].map((q) => ({ start: q, end: q }))), /at most/);
});

/** An inbound path whose outbound side records the acks it routes (the component under test is the inbound path). */
function inbound(deliverRaw: ((frame: Uint8Array) => void) | null = null) {
  const routed: Array<{ dst: bigint; frame: Frame }> = [];
  const counters = { sacks: 0, dropped: {} } as unknown as DataPlaneStats;
  const inb = new Inbound({
    counters, reassembler: new Reassembler(), tracer: null, localTag: () => 4n, emit: () => {}, deliverRaw: () => deliverRaw,
    out: { routeAck: (dst: bigint, frame: Uint8Array) => { routed.push({ dst, frame: decodeBatch(Buffer.from(frame))[0] }); return true; } } as unknown as Outbound,
    pairKeys: { seal: () => true, check: () => 'ok' } as unknown as PairKeys,
    liveness: () => { throw new Error('unused'); }, crossShard: () => null, shardIndex: () => 0, shardCount: () => 1,
  });
  return { inb, routed, counters };
}

const message = (seq: number, bytes: number, resend: boolean) => encodeMessage(
  { dst: 4n, streamId: '01JCZ00000000000000000000A', tenant: 9n, seq, messageId: newUlid(), priority: 0, payload: new Uint8Array(bytes).fill(seq), resend }, 1n, 64 * 1024,
).map((b) => decodeBatch(b)[0]);

test('target data plane: a resend that arrives whole is acknowledged selectively at once; ordinary messages and partial ones are not', () => {
  const { inb, routed, counters } = inbound();
  const delivered: InboundMessage[] = [];
  for (const f of message(7, 200 * 1024, false)) inb.reassemble(null, f, delivered);
  assert.equal(routed.length, 0, 'an ordinary message: its ack is the cumulative one, from the control plane');
  const chunks = message(6, 200 * 1024, true);
  for (const f of chunks.slice(0, -1)) inb.reassemble(null, f, delivered);
  assert.equal(routed.length, 0, 'not before the message is whole (and its digest checked)');
  inb.reassemble(null, chunks[chunks.length - 1], delivered);
  assert.equal(delivered.length, 2);
  assert.equal(routed.length, 1);
  const { dst, frame } = routed[0];
  assert.equal(dst, 1n, 'to the source');
  assert.equal(frame.type, FrameType.Ack);
  assert.equal(frame.src, 4n);
  assert.equal(frame.streamId, '01JCZ00000000000000000000A');
  assert.equal(frame.ack, 0, 'no cumulative ack: the control plane has not stored anything yet');
  assert.equal(frame.seq, 0, 'no credit limit either');
  assert.deepEqual(decodeSack(frame.payload, frame.ack), [{ start: 6, end: 6 }]);
  assert.equal(counters.sacks, 1);
});

test('target data plane: a message completed by its first chunks, after a resend of others arrived, is acknowledged selectively', () => {
  const { inb, routed } = inbound();
  const delivered: InboundMessage[] = [];
  const first = message(9, 200 * 1024, false);
  const again = message(9, 200 * 1024, true);
  inb.reassemble(null, first[0], delivered);
  inb.reassemble(null, again[0], delivered); // a duplicate chunk, but it came over the new path
  for (const f of again.slice(1, -1)) inb.reassemble(null, f, delivered);
  assert.equal(routed.length, 0);
  inb.reassemble(null, first[first.length - 1], delivered); // the original's last chunk completes it
  assert.equal(delivered.length, 1);
  assert.equal(routed.length, 1);
  assert.deepEqual(decodeSack(routed[0].frame.payload, 0), [{ start: 9, end: 9 }]);
  for (const f of message(10, 200 * 1024, false)) inb.reassemble(null, f, delivered);
  assert.equal(routed.length, 1, 'the next ordinary message: nothing');
});

test('target data plane: a single-frame resend handed over raw (a shard) is acknowledged selectively too', () => {
  const raw: Uint8Array[] = [];
  const { inb, routed } = inbound((f) => raw.push(f));
  const link = { id: 1, peerTag: 3n } as unknown as Link;
  inb.dispatch(link, message(3, 100, false)[0], []);
  inb.dispatch(link, message(5, 100, true)[0], []);
  assert.equal(raw.length, 2);
  assert.equal(routed.length, 1);
  assert.deepEqual(decodeSack(routed[0].frame.payload, 0), [{ start: 5, end: 5 }]);
});

test('source data plane: an ack for this node goes to the control plane with the time it was read', () => {
  const events: Array<{ type: string; atMs?: number }> = [];
  const inb = new Inbound({
    counters: { dropped: {} } as unknown as DataPlaneStats, reassembler: new Reassembler(), tracer: null, localTag: () => 1n,
    emit: (ev) => events.push(ev as { type: string; atMs?: number }), deliverRaw: () => null, out: {} as unknown as Outbound,
    pairKeys: { check: () => 'ok' } as unknown as PairKeys,
    liveness: () => { throw new Error('unused'); }, crossShard: () => null, shardIndex: () => 0, shardCount: () => 1,
  });
  const before = Date.now();
  const ack = decodeBatch(encodeFrame({ type: FrameType.Ack, ttl: 4, src: 4n, dst: 1n, streamId: newUlid(), ack: 3, seq: 9, payload: new Uint8Array(0) }))[0];
  inb.dispatch({ id: 1, peerTag: 3n } as unknown as Link, ack, []);
  assert.equal(events.length, 1);
  assert.equal(events[0].type, 'control');
  assert.ok(events[0].atMs! >= before && events[0].atMs! <= Date.now());
});

function sender() {
  const reported: Array<[string, number]> = [];
  const dp = { execute: () => {} } as unknown as DataPlanePort; // the sender's sends are not what this test is about
  const s = new TargetSender({
    dp, cfg: { windowMessages: 1000, rtoMinMs: 50, rtoMaxMs: 1000, minWindowBytes: 1 << 22 } as never, hasRoute: () => true,
    read: (_rt, from, n) => Array.from({ length: n }, (_, i) => ({ seq: from + i, messageId: `m${from + i}`, publishedAtMs: 0, payload: new Uint8Array(1024) })).filter((m) => m.seq <= 16),
    onGap: () => {}, onRetransmit: () => {}, onRerouted: (p, ms) => { reported.push([p, ms]); },
  });
  const rt = { meta: { streamId: newUlid(), priority: 0 }, tenantTag: 1n, durableSeq: 16 } as unknown as SenderStream;
  const t = s.target('d', 2n, 0);
  s.pump(rt, t);
  return { s, rt, t, reported };
}

test('source: a selective ack of the oldest lost message is the reroute\'s first delivery; blocks past what was sent are ignored', () => {
  const { s, rt, t, reported } = sender();
  assert.equal(t.sent, 16);
  s.onAck(rt, t, 4, Number.MAX_SAFE_INTEGER);
  s.resendLost(rt, t, [9, 10, 14], Date.now() - 40);
  s.onAck(rt, t, 0, 0, [{ start: 9, end: 40 }]);
  assert.deepEqual(reported, [], 'a block claiming seqs never sent proves nothing');
  s.onAck(rt, t, 0, 0, [{ start: 10, end: 10 }]);
  assert.deepEqual(reported, [], 'nor one without the oldest lost message');
  s.onAck(rt, t, 0, 0, [{ start: 9, end: 9 }]);
  assert.deepEqual(reported.map((r) => r[0]), ['first']);
  assert.ok(reported[0][1] >= 40, `from the cut: ${reported[0][1]} ms`);
  assert.equal(t.acked, 4, 'a selective ack does not advance the cumulative one');
  assert.equal(t.limit, Number.MAX_SAFE_INTEGER, 'nor set the credit limit');
  s.onAck(rt, t, 9, Number.MAX_SAFE_INTEGER);
  s.onAck(rt, t, 16, Number.MAX_SAFE_INTEGER);
  assert.deepEqual(reported.map((r) => r[0]), ['first', 'inOrder', 'complete']);
});

test('source: a reroute is timed to when the ack reached the data plane, not to when this thread handled it', () => {
  const { s, rt, t, reported } = sender();
  s.onAck(rt, t, 4, Number.MAX_SAFE_INTEGER);
  const cut = Date.now() - 300;
  s.resendLost(rt, t, [6, 7], cut);
  t.reroute!.resentAtMs = cut + 10; // as if this thread had issued the resend 10 ms after the cut
  // The selective ack reached the data plane 100 ms after the cut and waited 200 ms for this thread.
  s.onAck(rt, t, 0, 0, [{ start: 6, end: 6 }], cut + 100);
  assert.deepEqual(reported, [['first', 100]]);
  // The cumulative one is dated the same way; an arrival time in the future counts as now.
  s.onAck(rt, t, 16, Number.MAX_SAFE_INTEGER, [], cut + 150);
  assert.deepEqual(reported, [['first', 100], ['inOrder', 150], ['complete', 150]]);
  const again = sender();
  again.s.resendLost(again.rt, again.t, [1], Date.now() - 50);
  again.s.onAck(again.rt, again.t, 16, Number.MAX_SAFE_INTEGER, [], Date.now() + 60_000);
  assert.ok(again.reported.every(([, ms]) => ms >= 50 && ms < 60_000), JSON.stringify(again.reported));
  // An ack that reached the data plane before the resend went out (it waited in the ring while
  // this thread issued the resend) says nothing about the new path: dated when handled, never
  // before the resend (in one bench run, dated by the data plane, such an ack timed a reroute at 0 ms).
  const early = sender();
  const cutAt = Date.now() - 80;
  early.s.resendLost(early.rt, early.t, [1], cutAt);
  early.s.onAck(early.rt, early.t, 16, Number.MAX_SAFE_INTEGER, [], cutAt - 5);
  assert.equal(early.reported.length, 3);
  assert.ok(early.reported.every(([, ms]) => ms >= 80), JSON.stringify(early.reported));
});

test('dispatch: an ack with a malformed SACK body is dropped, counted and logged; a good one reaches the source', () => {
  const drops: string[] = [];
  const warnings: string[] = [];
  const got: Array<{ ack: number; sack: unknown; atMs?: number }> = [];
  const deps = {
    metrics: { ackDrops: { inc: (l: { code: string }) => drops.push(l.code) } },
    log: { warn: (_o: unknown, m: string) => warnings.push(m) },
    nodeIdOf: () => 'd',
    source: { onAck: (_s: string, _f: bigint, ack: number, _l: number, sack: unknown, atMs?: number) => got.push({ ack, sack, atMs }) },
  };
  const d = new NodeDispatch(deps as unknown as DispatchDeps);
  const ack = (payload: Uint8Array) => decodeBatch(encodeFrame({ type: FrameType.Ack, ttl: 4, src: 2n, dst: 1n, streamId: newUlid(), ack: 5, seq: 100, payload }))[0];
  d.event({ type: 'control', linkId: 1, frame: ack(new Uint8Array(7)) });
  d.event({ type: 'control', linkId: 1, frame: ack(encodeSack([{ start: 3, end: 4 }])) });
  assert.deepEqual(drops, [ErrorCode.BodyMalformed, ErrorCode.BodyMalformed]);
  assert.equal(warnings.length, 2);
  assert.equal(got.length, 0);
  d.event({ type: 'control', linkId: 1, frame: ack(encodeSack([{ start: 7, end: 9 }])), atMs: 1234 });
  assert.deepEqual(got, [{ ack: 5, sack: [{ start: 7, end: 9 }], atMs: 1234 }], 'with the time the data plane read it');
});
