/** The byte count of a stream's outbox backlog (main/streams/backlog.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BacklogBytes } from '../../src/main/streams/backlog.js';

test('bytes follow what was numbered and not yet acknowledged; acks below the first counted seq change nothing', () => {
  const b = new BacklogBytes(11); // 10 messages from before a restart are not counted
  b.ackedThrough(5);
  assert.equal(b.bytes, 0);
  b.add(11, [100, 200]);
  b.add(13, [300]);
  assert.equal(b.bytes, 600);
  b.ackedThrough(10);
  assert.equal(b.bytes, 600);
  b.ackedThrough(12);
  assert.equal(b.bytes, 300);
  b.ackedThrough(20);
  assert.equal(b.bytes, 0);
  b.add(14, [50]); // already acknowledged through 20: counted, and gone with the next ack
  b.ackedThrough(20);
  assert.equal(b.bytes, 0);
});

test('property: bytes equal the sum of sizes above the acknowledged seq (fast-check)', () => {
  fc.assert(fc.property(fc.array(fc.oneof(fc.array(fc.integer({ min: 0, max: 1 << 20 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 8 })), { maxLength: 300 }), (ops) => {
    const b = new BacklogBytes(1);
    const sizes: number[] = [];
    let acked = 0;
    for (const op of ops) {
      if (Array.isArray(op)) {
        b.add(sizes.length + 1, op);
        sizes.push(...op);
      } else {
        acked = Math.min(sizes.length, acked + op);
        b.ackedThrough(acked);
      }
      assert.equal(b.bytes, sizes.slice(acked).reduce((x, y) => x + y, 0));
    }
  }), { numRuns: 300 });
});
