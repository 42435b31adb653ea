/**
 * Heap tuning (cli/heap.ts): its argument checks and an operator's own flag winning. Its effect on
 * bulk throughput is measured by `npm run bench:bulk`, not asserted here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEAP_GROWING_PERCENT, tuneHeap } from '../../src/main/cli/heap.js';

test('tuneHeap refuses a percent outside 1..10000 or not an integer', () => {
  for (const bad of [0, -5, 10_001, 2.5, Number.NaN]) assert.throws(() => tuneHeap(bad, []), RangeError);
});

test('an operator\'s own --heap-growing-percent wins', () => {
  assert.equal(tuneHeap(HEAP_GROWING_PERCENT, ['--heap-growing-percent=50']), null);
  assert.equal(tuneHeap(HEAP_GROWING_PERCENT, ['--heap_growing_percent', '50']), null);
});
