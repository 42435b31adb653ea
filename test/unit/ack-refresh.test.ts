import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AckRefresh } from '../../src/main/streams/index.js';

const table = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([d, nextHop]) => [d, { nextHop }]));

test('a source whose next hop moved is acknowledged again at once and once more after the settle time', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const calls: string[][] = [];
  const r = new AckRefresh((s) => calls.push([...s].sort()), 100);
  r.routesChanged(table({ a: 'b', c: 'c' }));
  assert.deepEqual(calls, [], 'the first table moves nothing');
  r.routesChanged(table({ a: 'c', c: 'c' }));
  assert.deepEqual(calls, [['a']]);
  t.mock.timers.tick(99);
  assert.equal(calls.length, 1);
  t.mock.timers.tick(1);
  assert.deepEqual(calls, [['a'], ['a']], 'the second round after the settle time');
  r.routesChanged(table({ a: 'c', c: 'c' }));
  t.mock.timers.tick(200);
  assert.equal(calls.length, 2, 'an unchanged table sends nothing');
});

test('a source unreachable and then reachable again counts as moved; moves within the settle time share one second round', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const calls: string[][] = [];
  const r = new AckRefresh((s) => calls.push([...s].sort()), 100);
  r.routesChanged(table({ a: 'b', d: 'b' }));
  r.routesChanged(table({ d: 'b' }));
  assert.deepEqual(calls, [], 'dropping out of the table is no route to send on');
  r.routesChanged(table({ a: 'c', d: 'b' }));
  t.mock.timers.tick(50);
  r.routesChanged(table({ a: 'c', d: 'c' }));
  assert.deepEqual(calls, [['a'], ['d']]);
  t.mock.timers.tick(50);
  assert.deepEqual(calls, [['a'], ['d'], ['a', 'd']]);
});

test('stop cancels the pending second round', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const calls: string[][] = [];
  const r = new AckRefresh((s) => calls.push([...s]), 100);
  r.routesChanged(table({ a: 'b' }));
  r.routesChanged(table({ a: 'c' }));
  r.stop();
  t.mock.timers.tick(500);
  assert.deepEqual(calls, [['a']]);
});
