import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { RingConsumer, RingProducer, createRingBuffer } from '../../src/shared/ring/index.js';

test('records round-trip in order, wrapping around the end of the buffer', () => {
  const sab = createRingBuffer(64);
  const p = new RingProducer(sab);
  const c = new RingConsumer(sab);
  for (let i = 0; i < 1000; i++) {
    const rec = Uint8Array.from({ length: (i % 23) + 1 }, (_, j) => (i + j) & 0xff);
    assert.ok(p.tryWrite(rec));
    assert.deepEqual(c.read(), rec);
  }
  assert.equal(c.read(), null);
});

test('full and empty: a write that does not fit is refused until the consumer reads', () => {
  const sab = createRingBuffer(64);
  const p = new RingProducer(sab);
  const c = new RingConsumer(sab);
  assert.equal(c.read(), null);
  assert.ok(p.tryWrite(new Uint8Array(28)));
  assert.ok(p.tryWrite(new Uint8Array(28)));
  assert.equal(p.used, 64);
  assert.equal(p.tryWrite(new Uint8Array(1)), false);
  assert.equal(c.read()?.length, 28);
  assert.ok(p.tryWrite(new Uint8Array(20)));
  assert.throws(() => p.tryWrite(new Uint8Array(61)), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.PayloadTooLarge);
});

test('property: parts at any offset of their buffers, large enough to go through the bounce buffer, wrap and read back intact (fast-check)', () => {
  fc.assert(fc.property(
    fc.array(fc.record({ sizes: fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 3 }), skew: fc.integer({ min: 0, max: 15 }), read: fc.boolean() }), { maxLength: 60 }),
    fc.constantFrom(4096, 8192),
    (ops, cap) => {
      const sab = createRingBuffer(cap);
      const p = new RingProducer(sab);
      const c = new RingConsumer(sab);
      const model: Uint8Array[] = [];
      let k = 0;
      for (const op of ops) {
        // Each part is a view `skew` bytes into a larger buffer, so its offset rarely matches its slot.
        const parts = op.sizes.map((n) => {
          const whole = Uint8Array.from({ length: n + op.skew }, () => (k++ * 131 + 7) & 0xff);
          return whole.subarray(op.skew);
        });
        const n = parts.reduce((a, x) => a + x.length, 0);
        if (n + 4 <= p.maxRecord && p.tryWriteParts(parts)) {
          const rec = new Uint8Array(n);
          let at = 0;
          for (const x of parts) { rec.set(x, at); at += x.length; }
          model.push(rec);
        }
        if (op.read) assert.deepEqual(c.read(), model.shift() ?? null);
      }
      for (const want of model) assert.deepEqual(c.read(), want);
      assert.equal(c.read(), null);
    },
  ), { numRuns: 300 });
});

test('a second producer or consumer is refused', () => {
  const sab = createRingBuffer(64);
  new RingProducer(sab, 7);
  new RingConsumer(sab, 9);
  assert.throws(() => new RingProducer(sab, 8), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.FailedPrecondition);
  assert.throws(() => new RingConsumer(sab, 8), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.FailedPrecondition);
  assert.doesNotThrow(() => new RingProducer(sab, 7), 'the same owner may attach again');
});

test('property: any interleaving of writes and reads preserves order and content (fast-check)', () => {
  fc.assert(fc.property(
    fc.array(fc.oneof(fc.uint8Array({ maxLength: 100 }), fc.constant(null)), { maxLength: 300 }),
    fc.constantFrom(128, 256, 1024),
    (ops, cap) => {
      const sab = createRingBuffer(cap);
      const p = new RingProducer(sab);
      const c = new RingConsumer(sab);
      const model: Uint8Array[] = [];
      for (const op of ops) {
        if (op === null) {
          const got = c.read();
          assert.deepEqual(got, model.shift() ?? null);
        } else if (p.tryWrite(op)) {
          model.push(op);
        } else {
          assert.ok(cap - p.used < op.length + 4, 'refused only when it does not fit');
        }
      }
      for (const want of model) assert.deepEqual(c.read(), want);
      assert.equal(c.read(), null);
    },
  ), { numRuns: 500 });
});

test('across threads: a worker producer and a waiting consumer exchange 20,000 records in order', async () => {
  const sab = createRingBuffer(4096);
  const src = `
    const { workerData } = require('node:worker_threads');
    const ctrl = new Int32Array(workerData.sab, 0, 16);
    const data = new Uint8Array(workerData.sab, 64);
    const cap = data.length, mask = cap - 1;
    let i = 0;
    while (i < 20000) {
      const head = Atomics.load(ctrl, 0) >>> 0, tail = Atomics.load(ctrl, 1) >>> 0;
      if (cap - ((head - tail) >>> 0) < 8) continue;
      const rec = [4, 0, 0, 0, i & 255, (i >> 8) & 255, (i >> 16) & 255, 0];
      for (let k = 0; k < 8; k++) data[(head + k) & mask] = rec[k];
      Atomics.store(ctrl, 0, (head + 8) | 0);
      Atomics.add(ctrl, 4, 1); Atomics.notify(ctrl, 4);
      i++;
    }`;
  const w = new Worker(src, { eval: true, workerData: { sab } });
  const c = new RingConsumer(sab);
  let next = 0;
  while (next < 20000) {
    const r = c.read();
    if (!r) { await c.wait(1000); continue; }
    assert.equal(r[0] | (r[1] << 8) | (r[2] << 16), next);
    next++;
  }
  await w.terminate();
});

test('a record written in parts reads back as one; thread records keep their order with payloads copied straight in', async () => {
  const { encodeMixed, decodeMixed } = await import('../../src/workers/dataplane/thread-protocol.js');
  const { FrameType, encodeFrame } = await import('../../src/shared/wire/index.js');
  const ring = createRingBuffer(1 << 16);
  const p = new RingProducer(ring);
  const c = new RingConsumer(ring);
  const big = Buffer.alloc(5000, 9);
  const msg = (seq: number) => ({ dst: 2n, streamId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', tenant: 3n, seq, messageId: '01ARZ3NDEKTSV4RRFFQ69G5FAW', priority: 0, payload: big });
  const frame = encodeFrame({ type: FrameType.Data, ttl: 4, src: 1n, dst: 2n, seq: 9, payload: Buffer.from('f') });
  const batch = [
    { k: 'cmd', cmd: { type: 'send-message', msg: msg(1) } }, { k: 'cmd', cmd: { type: 'send-message', msg: msg(2) } },
    { k: 'cmd', cmd: { type: 'set-local', nodeTag: 5n } }, frame,
    { k: 'ev', ev: { type: 'messages', messages: [{ src: 1n, streamId: 's', tenant: 3n, seq: 7, messageId: 'm', payload: Buffer.from('hello') }] } },
  ];
  assert.ok(p.tryWriteParts(encodeMixed(batch as never[])));
  const out = [...decodeMixed<Record<string, unknown>>(c.read()!)] as Array<Record<string, unknown>>;
  assert.deepEqual(out.map((x) => (x.k === 'cmd' ? (x.cmd as { type: string }).type : x.k)), ['send-message', 'send-message', 'set-local', 'frames', 'ev']);
  const sent = out[1] as { cmd: { msg: { seq: number; payload: Uint8Array; tenant: bigint } } };
  assert.equal(sent.cmd.msg.seq, 2);
  assert.equal(sent.cmd.msg.tenant, 3n);
  assert.deepEqual(Buffer.from(sent.cmd.msg.payload), big);
  const ev = out[4] as { ev: { messages: Array<{ payload: Uint8Array; seq: number }> } };
  assert.equal(Buffer.from(ev.ev.messages[0].payload).toString(), 'hello');
  assert.equal(ev.ev.messages[0].seq, 7);
});

test('a ring reader yields to the event loop after MAX_TURN_BYTES of records, so a burst does not hold back timers', async () => {
  const { MAX_TURN_BYTES, RingReceiver } = await import('../../src/workers/dataplane/thread-protocol.js');
  const ring = createRingBuffer(32 << 20);
  const p = new RingProducer(ring);
  const record = Buffer.alloc(1 << 20, 1);
  const records = 12; // well under the 64-record limit, three times MAX_TURN_BYTES
  for (let i = 0; i < records; i++) assert.ok(p.tryWriteParts([record]));
  const seen: number[] = [];
  let atTimer = -1;
  const r = new RingReceiver(new RingConsumer(ring), (x: number) => { seen.push(x); }, (rec: Uint8Array) => [rec.length]);
  setImmediate(() => { atTimer = seen.length; });
  void r.run(); // waits on the ring with Atomics.waitAsync, which holds no event-loop handle
  await new Promise((res) => setTimeout(res, 50));
  r.stop();
  assert.equal(seen.length, records, 'every record read in the end, in order');
  assert.ok(atTimer >= 1 && atTimer < records && atTimer <= MAX_TURN_BYTES / record.length, `the event loop ran after ${atTimer} of ${records} records`);
});
