import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLinearizable, type Op } from '../sim/linearizability.js';

let id = 0;
const put = (value: string, invoke: number, complete: number, key = 'x'): Op => ({ id: id++, key, kind: 'put', value, invoke, complete });
const get = (value: string | null, invoke: number, complete: number, key = 'x'): Op => ({ id: id++, key, kind: 'get', value, invoke, complete });

test('sequential and overlapping histories that have a legal order pass', () => {
  assert.ok(checkLinearizable([put('a', 1, 2), get('a', 3, 4), put('b', 5, 6), get('b', 7, 8)]).ok);
  // The read overlaps the write: either value is fine.
  assert.ok(checkLinearizable([put('a', 1, 2), put('b', 3, 6), get('a', 4, 5)]).ok);
  assert.ok(checkLinearizable([put('a', 1, 2), put('b', 3, 6), get('b', 4, 5)]).ok);
  assert.ok(checkLinearizable([get(null, 1, 2), put('a', 3, 4)]).ok);
});

test('a stale read after a completed write fails, and names its key', () => {
  const r = checkLinearizable([put('a', 1, 2, 'y'), put('b', 3, 4, 'y'), get('a', 5, 6, 'y'), put('z', 1, 2, 'other')]);
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.key, 'y');
  assert.equal(checkLinearizable([put('a', 1, 2), get('a', 3, 4), get(null, 5, 6)]).ok, false);
  // Two reads that see the writes in opposite orders.
  assert.equal(checkLinearizable([put('a', 1, 10), put('b', 1, 10), get('a', 2, 3), get('b', 4, 5), get('a', 6, 7)]).ok, false);
});

test('an operation with an unknown outcome may take effect late or never', () => {
  assert.ok(checkLinearizable([put('a', 1, Infinity), get(null, 2, 3), get('a', 4, 5)]).ok);
  assert.ok(checkLinearizable([put('a', 1, Infinity), get(null, 2, 3)]).ok);
  // ...but not before it was invoked.
  assert.equal(checkLinearizable([get('a', 1, 2), put('a', 3, Infinity)]).ok, false);
  // ...and not un-done once seen.
  assert.equal(checkLinearizable([put('a', 1, Infinity), get('a', 2, 3), get(null, 4, 5)]).ok, false);
});
