/**
 * Fast reroute at the source (node/reroute.ts): which targets get their frames in flight resent
 * when a neighbor's link dies or the routes move.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FastReroute } from '../../src/main/node/reroute.js';
import { NodeDispatch, laneCutAtMs, type DispatchDeps } from '../../src/main/node/dispatch.js';
import type { Route } from '../../src/main/topology/index.js';
import type { LostMessage } from '../../src/workers/dataplane/index.js';

const route = (destination: string, nextHop: string): [string, Route] => [destination, { destination, nextHop, cost: 1, hops: 2 }];

function harness(striping: Map<string, string[]>) {
  const resent: string[][] = [];
  const lostResent: LostMessage[][] = [];
  const r = new FastReroute(
    { resendInFlight: (t) => resent.push([...t].sort()), resendLost: (l) => lostResent.push([...l]), confirmSuspect: () => {}, clearSuspect: () => {} },
    (peer) => [...striping].filter(([, hs]) => hs.includes(peer)).map(([d]) => d),
    (dest) => striping.get(dest) ?? [],
  );
  const usable = (dest: string, hop: string) => striping.get(dest)?.includes(hop) ?? false;
  return { r, resent, lostResent, usable };
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

test('a lane that says what it may have lost gets exactly that resent; the route moves that follow from the cut resend nothing more', () => {
  const striping = new Map([['d', ['b', 'c']]]);
  const { r, resent, lostResent, usable } = harness(striping);
  r.routesChanged(new Map([route('d', 'b'), route('b', 'b'), route('c', 'c')]), usable);
  const lost: LostMessage[] = [{ dst: 7n, streamId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', seq: 41 }];
  r.linkLost('b', Date.now(), lost);
  assert.deepEqual(lostResent, [lost]);
  assert.deepEqual(resent, [], 'no whole-window resend');
  // The routes then move d off b; b is still reachable (through d), so it forwards what it
  // consumed: nothing more is resent.
  striping.set('d', ['c']);
  r.routesChanged(new Map([route('d', 'c'), route('b', 'c'), route('c', 'c')]), usable);
  assert.deepEqual(resent, []);
  // A lane that lost nothing resends nothing.
  r.linkLost('c', Date.now(), []);
  assert.equal(lostResent.length, 1);
});

test('a suspected neighbor has its oldest lost messages resent, and the route moves away from it (its LSA first) resend no whole window', () => {
  const striping = new Map([['d', ['b', 'c']]]);
  const { r, resent, lostResent, usable } = harness(striping);
  r.routesChanged(new Map([route('d', 'b'), route('b', 'b'), route('c', 'c')]), usable);
  const lost: LostMessage[] = [{ dst: 7n, streamId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', seq: 41 }];
  r.linkSuspect('b', Date.now() - 130, lost);
  assert.deepEqual(lostResent, [lost]);
  striping.set('d', ['c']);
  r.routesChanged(new Map([route('d', 'c'), route('b', 'c'), route('c', 'c')]), usable);
  assert.deepEqual(resent, [], 'b is reachable: it forwards what it consumed, and its dead lanes report the rest');
  // A suspected neighbor that then drops out of the routes (it crashed) gets its targets resent whole.
  r.linkSuspect('c', Date.now() - 130, []);
  r.routesChanged(new Map([route('d', 'b'), route('b', 'b')]), () => false);
  assert.deepEqual(resent, [['b', 'd']], 'both had been routed over c');
});

test('a neighbor that becomes unreachable after its lanes were resent selectively (it crashed) has its targets resent whole', () => {
  const striping = new Map([['d', ['b', 'c']]]);
  const { r, resent, usable } = harness(striping);
  r.routesChanged(new Map([route('d', 'b'), route('b', 'b'), route('c', 'c')]), usable);
  r.linkLost('b', Date.now(), []);
  striping.set('d', ['c']);
  // b is gone from the routes: what it consumed and had not forwarded is lost with it.
  r.routesChanged(new Map([route('d', 'c'), route('c', 'c')]), usable);
  assert.deepEqual(resent, [['d']]);
});

test('a lane that cannot say what it lost (a shard restarted) resends everything in flight', () => {
  const striping = new Map([['d', ['b', 'c']]]);
  const { r, resent, lostResent, usable } = harness(striping);
  r.routesChanged(new Map([route('d', 'b'), route('b', 'b')]), usable);
  r.linkLost('b', Date.now(), undefined);
  assert.deepEqual(resent, [['b', 'd']]);
  assert.equal(lostResent.length, 0);
});

test('a path cut reroutes once, from the latest lane estimate: a quiet lane does not backdate a close its siblings saw live', async () => {
  const calls: { peer: string; atMs: number; lost: number }[] = [];
  const deps = {
    heartbeatMs: 50, active: () => true,
    links: { isLane: () => true, closed: () => undefined },
    reroute: { linkLost: (peer: string, atMs: number, lost?: readonly LostMessage[]) => calls.push({ peer, atMs, lost: lost?.length ?? -1 }) },
  };
  const d = new NodeDispatch(deps as unknown as DispatchDeps);
  const msg = (seq: number): LostMessage => ({ streamId: 's', dst: 1n, seq });
  const before = Date.now();
  // Two lanes of b close in one turn: the control lane had been quiet for 400 ms, a bulk lane received just now.
  d.event({ type: 'link-closed', linkId: 1, peerId: 'b', lane: 0, reason: 'closed', silentMs: 400, lost: [] });
  d.event({ type: 'link-closed', linkId: 2, peerId: 'b', lane: 2, reason: 'closed', silentMs: 3, lost: [msg(7), msg(8)] });
  await new Promise((r) => setImmediate(r));
  assert.equal(calls.length, 1);
  assert.equal(calls[0].peer, 'b');
  assert.equal(calls[0].lost, 2);
  assert.ok(calls[0].atMs >= before, `cut ${before - calls[0].atMs} ms before the close`);
  // Every lane silent (a blackhole the peer closed): the cut is the latest frame received on any.
  calls.length = 0;
  const t0 = Date.now();
  d.event({ type: 'link-closed', linkId: 3, peerId: 'b', lane: 0, reason: 'closed', silentMs: 400 });
  d.event({ type: 'link-closed', linkId: 4, peerId: 'b', lane: 2, reason: 'closed', silentMs: 300 });
  await new Promise((r) => setImmediate(r));
  assert.equal(calls.length, 1);
  assert.ok(calls[0].atMs <= Date.now() - 300 && calls[0].atMs >= t0 - 300, `cut ${t0 - calls[0].atMs} ms before the close`);
  assert.equal(laneCutAtMs(1000, 100, 50), 1000);
  assert.equal(laneCutAtMs(1000, 101, 50), 899);
});

test('a target that dropped out of the routes gets everything in flight resent when it is back, timed from the drop', async () => {
  const calls: Array<{ targets: string[]; cutAtMs: number }> = [];
  const r = new FastReroute({ resendInFlight: (t, cutAtMs) => calls.push({ targets: [...t].sort(), cutAtMs }), resendLost: () => {}, confirmSuspect: () => {}, clearSuspect: () => {} });
  const usable = () => true;
  r.routesChanged(new Map([route('b', 'b'), route('c', 'c'), route('d', 'c')]), usable);
  const droppedAt = Date.now();
  // Every path to d cut at once (its links declared dead while it stalled): its neighbors drop what they held for it.
  r.routesChanged(new Map([route('b', 'b'), route('c', 'c')]), usable);
  assert.equal(calls.length, 0, 'nothing to resend to while it is unreachable');
  await new Promise((res) => setTimeout(res, 20));
  r.routesChanged(new Map([route('b', 'b'), route('c', 'c'), route('d', 'b')]), usable);
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0].targets, ['d']);
  assert.ok(calls[0].cutAtMs >= droppedAt && calls[0].cutAtMs < Date.now() - 10, 'timed from the drop, not from its return');
  // Later route changes with d reachable throughout send nothing again.
  r.routesChanged(new Map([route('b', 'b'), route('c', 'c'), route('d', 'b')]), usable);
  assert.equal(calls.length, 1);
});
