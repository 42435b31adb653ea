/**
 * Fast reroute at the source (node/reroute.ts): which targets get their frames in flight resent
 * when a neighbor's link dies or the routes move.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FastReroute } from '../../src/main/node/reroute.js';
import type { Route } from '../../src/main/topology/index.js';

const route = (destination: string, nextHop: string): [string, Route] => [destination, { destination, nextHop, cost: 1, hops: 2 }];

function harness(striping: Map<string, string[]>) {
  const resent: string[][] = [];
  const r = new FastReroute(
    { resendInFlight: (t) => resent.push([...t].sort()) },
    (peer) => [...striping].filter(([, hs]) => hs.includes(peer)).map(([d]) => d),
    (dest) => striping.get(dest) ?? [],
  );
  const usable = (dest: string, hop: string) => striping.get(dest)?.includes(hop) ?? false;
  return { r, resent, usable };
}

test('a dead link resends the targets routed or striped over it', () => {
  const striping = new Map([['d', ['c', 'b']]]);
  const { r, resent, usable } = harness(striping);
  r.routesChanged(new Map([route('d', 'c'), route('b', 'b')]), usable);
  r.linkLost('b', Date.now());
  assert.deepEqual(resent, [['b', 'd']]);
});

test('a striping hop that the routes drop (the cut seen first in an LSA) resends its target; a cheaper path alone does not', () => {
  const striping = new Map([['d', ['c', 'b']]]);
  const { r, resent, usable } = harness(striping);
  r.routesChanged(new Map([route('d', 'c')]), usable);
  assert.deepEqual(resent, []);
  // b is no longer a usable first hop toward d, while d's primary next hop stays c.
  striping.set('d', ['c']);
  r.routesChanged(new Map([route('d', 'c')]), usable);
  assert.deepEqual(resent, [['d']]);
  // The link to b then dies: within the hold time d is not resent twice.
  r.linkLost('b', Date.now());
  assert.deepEqual(resent, [['d'], ['b']]);
  // A move to a cheaper path, the old one still usable: nothing resent.
  striping.set('e', ['x', 'y']);
  r.routesChanged(new Map([route('d', 'c'), route('e', 'x')]), usable);
  r.routesChanged(new Map([route('d', 'c'), route('e', 'y')]), usable);
  assert.equal(resent.length, 2);
});
