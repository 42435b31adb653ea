/**
 * Trace context on the wire and in memory: a frame carries it in front of its payload, covered
 * by the CRC and the pair tag; malformed contexts record nothing; trace marks stay bounded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TraceFlags } from '@opentelemetry/api';
import { FrameFlag, FrameType, TRACE_CONTEXT_BYTES, encodeFrame, parseFrame, verifyFrameTag } from '../../src/shared/wire/index.js';
import { decodeTraceContext, encodeTraceContext } from '../../src/shared/tracing/index.js';
import { MAX_TRACE_MARKS, TraceMarks } from '../../src/main/streams/trace-marks.js';
import { newUlid } from '../../src/shared/ids.js';
import { frameCrc } from '../../src/shared/wire/frame.js';

const sc = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };

test('trace context: encoded only when sampled, decoded back, refused when malformed', () => {
  const ctx = encodeTraceContext(sc)!;
  assert.equal(ctx.length, TRACE_CONTEXT_BYTES);
  assert.deepEqual(decodeTraceContext(ctx), { ...sc, isRemote: true });
  assert.equal(encodeTraceContext({ ...sc, traceFlags: TraceFlags.NONE }), undefined);
  assert.equal(decodeTraceContext(new Uint8Array(TRACE_CONTEXT_BYTES)), undefined, 'all-zero ids are invalid');
  assert.equal(decodeTraceContext(ctx.subarray(0, 24)), undefined);
});

test('a data frame carries the trace context before its payload, under the CRC and the pair tag', () => {
  const key = new Uint8Array(32).fill(7);
  const ctx = encodeTraceContext(sc)!;
  const raw = encodeFrame({ type: FrameType.Data, ttl: 8, src: 1n, dst: 2n, streamId: newUlid(), seq: 5, messageId: newUlid(), payload: Buffer.from('hello'), trace: ctx, macKey: key });
  const f = parseFrame(raw);
  assert.ok(f.flags & FrameFlag.Trace);
  assert.equal(Buffer.from(f.payload).toString(), 'hello');
  assert.deepEqual(Buffer.from(f.trace), Buffer.from(ctx));
  assert.ok(verifyFrameTag(f, key));
  // A transit node cannot change the context: the tag no longer verifies.
  const forged = Buffer.from(raw);
  forged[93] ^= 0xff;
  assert.throws(() => parseFrame(forged), (e: { code?: string }) => e.code === 'ERR_FRAME_BAD_CRC');
  // Without a context: no flag, an empty trace.
  const plain = parseFrame(encodeFrame({ type: FrameType.Data, ttl: 8, src: 1n, dst: 2n, payload: Buffer.from('x') }));
  assert.equal(plain.trace.length, 0);
  assert.throws(() => encodeFrame({ type: FrameType.Data, ttl: 8, src: 1n, dst: 2n, trace: new Uint8Array(3) }), (e: { code?: string }) => e.code === 'ERR_INVALID_ARGUMENT');
});

test('a frame flagged as traced but too short for a context is refused', () => {
  const raw = Buffer.from(encodeFrame({ type: FrameType.Heartbeat, ttl: 1, src: 1n, dst: 0n, payload: Buffer.alloc(4) }));
  raw[2] |= FrameFlag.Trace;
  raw.writeUInt32BE(frameCrc(raw, raw.length - 96), 92);
  assert.throws(() => parseFrame(raw), (e: { code?: string }) => e.code === 'ERR_FRAME_BAD_HEADER');
});

test('trace marks: ranges found by seq, forgotten once acknowledged, bounded', () => {
  const m = new TraceMarks();
  const ctx = new Uint8Array(TRACE_CONTEXT_BYTES).fill(1);
  assert.ok(m.empty);
  m.add('s', 3, 5, ctx);
  assert.equal(m.get('s', 4), ctx);
  assert.equal(m.get('s', 6), undefined);
  m.forget('s', 5);
  assert.ok(m.empty);
  for (let i = 0; i < MAX_TRACE_MARKS + 10; i++) m.add(`s${i % 3}`, i, i, ctx);
  let kept = 0;
  for (let i = 0; i < MAX_TRACE_MARKS + 10; i++) if (m.get(`s${i % 3}`, i)) kept++;
  assert.equal(kept, MAX_TRACE_MARKS);
});
