/**
 * Suspected neighbors (workers/dataplane/liveness.ts): a peer whose lanes in a shard all went
 * silent for half the dead-link time is suspected; its frames take alternates, what its lanes may
 * have lost is reported once, and it is trusted again as soon as it is heard.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Liveness, type LivenessDeps } from '../../src/workers/dataplane/liveness.js';
import type { Link } from '../../src/workers/dataplane/link.js';
import { Outbound } from '../../src/workers/dataplane/outbound.js';
import { DropReason, SentLog, type DataPlaneStats, type LostMessage } from '../../src/workers/dataplane/index.js';
import { FrameType, encodeFrame } from '../../src/shared/wire/index.js';
import { NodeDispatch, type DispatchDeps } from '../../src/main/node/dispatch.js';
import { FastReroute } from '../../src/main/node/reroute.js';

const STREAM = '01JCZ00000000000000000000A';
const data = (dst: bigint, seq: number) => encodeFrame({ type: FrameType.Data, ttl: 8, src: 1n, dst, streamId: STREAM, seq, chunkSeq: 0, totalChunks: 1, payload: new Uint8Array(64) });

/** A bound lane stand-in (these tests are about verdicts and routing, not sockets). */
function lane(peerTag: bigint, laneNo: number, silentMs: number) {
  const sent: Uint8Array[] = [];
  return {
    bound: true, peerTag, peerId: `n${peerTag}`, lane: laneNo, lastRxMs: Date.now() - silentMs, openedAtMs: 0, terminated: false, sent, congested: false, pathBacklog: 0,
    terminate() { this.terminated = true; }, send(f: Uint8Array) { sent.push(f); }, bytesOut: 0, lastMeteredBytes: 0, measure() {},
    meter: { onPing() {}, minRttMs: 1, rttMs: 1, queueMs: () => 0, schedulerCapacity: () => 100, deliveredFloor: () => 0 },
  };
}
type Lane = ReturnType<typeof lane>;

function liveness(links: Lane[], events: string[]): { check(now: number): void; stop(): void; isSuspected(tag: bigint): boolean } {
  const deps: LivenessDeps = {
    heartbeatMs: 50, deadAfterMs: 250, links: () => links.filter((l) => !l.terminated) as unknown as Link[], localTag: () => 1n,
    onMeasured: () => {}, onRound: () => {},
    onDead: (d) => events.push(`dead ${d.map((l) => `${l.peerTag}/${l.lane}`).join(',')}`),
    onSuspect: (tag, l, silentMs) => events.push(`suspect ${tag} lanes ${l.map((x) => x.lane).join(',')} silent>125 ${silentMs > 125}`),
    onHeardAgain: (tag) => events.push(`heard ${tag}`),
  };
  const lv = new Liveness(deps);
  return { check: (now) => (lv as unknown as { check(now: number, round: boolean): void }).check(now, false), stop: () => lv.stop(), isSuspected: (tag) => lv.isSuspected(tag) };
}

test('a peer whose lanes all went quiet for half the dead time is suspected once, trusted again when heard, and declared dead if it stays silent', () => {
  const [b0, b2, c0] = [lane(7n, 0, 130), lane(7n, 2, 140), lane(9n, 0, 10)];
  const events: string[] = [];
  const lv = liveness([b0, b2, c0], events);
  try {
    lv.check(Date.now());
    assert.deepEqual(events, ['suspect 7 lanes 0,2 silent>125 true'], 'c was heard; b is only suspected, not dead');
    assert.ok(lv.isSuspected(7n) && !lv.isSuspected(9n));
    lv.check(Date.now());
    assert.equal(events.length, 1, 'one suspicion per silence');
    b2.lastRxMs = Date.now();
    lv.check(Date.now());
    assert.deepEqual(events.slice(1), ['heard 7']);
    assert.ok(!lv.isSuspected(7n), 'heard again: trusted');
    b0.lastRxMs = b2.lastRxMs = Date.now() - 130;
    lv.check(Date.now());
    c0.lastRxMs = Date.now() + 200;
    lv.check(Date.now() + 200);
    assert.deepEqual(events.slice(2), ['suspect 7 lanes 0,2 silent>125 true', 'dead 7/0,7/2']);
    assert.ok(!lv.isSuspected(7n), 'its lanes are dead: no longer a suspect');
    assert.ok(!c0.terminated);
  } finally {
    lv.stop();
  }
});

test('a peer heard on one lane is not suspected, however quiet its other lanes', () => {
  const events: string[] = [];
  const lv = liveness([lane(7n, 0, 200), lane(7n, 2, 20)], events);
  try {
    lv.check(Date.now());
    assert.deepEqual(events, []);
  } finally {
    lv.stop();
  }
});

test('sent log: what a suspicion reported is left out of the cut that follows, unless the peer was heard in between', () => {
  const log = new SentLog();
  let end = 0;
  for (const seq of [1, 2]) { const f = data(9n, seq); log.record(f, (end += f.length)); }
  assert.deepEqual(log.lost(1n, [], true).map((m) => m.seq), [1, 2]);
  const f3 = data(9n, 3);
  log.record(f3, (end += f3.length));
  assert.deepEqual(log.lost(1n, [data(9n, 4)]).map((m) => m.seq), [3, 4], 'the dead verdict reports only the rest');
  log.forgetReported();
  assert.deepEqual(log.lost(1n, []).map((m) => m.seq), [1, 2, 3], 'heard again: a later cut reports everything');
  assert.deepEqual(log.lost(1n, [data(9n, 4)], true, f3.length + 1).map((m) => m.seq), [1, 2], 'a cap: only the oldest, and only those remembered');
  assert.deepEqual(log.lost(1n, [data(9n, 4)]).map((m) => m.seq), [3, 4]);
});

function outbound(): { out: Outbound; counters: DataPlaneStats; b: Lane; c: Lane; suspects: Set<bigint> } {
  const counters: DataPlaneStats = {
    framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0, forwarded: 0, shardHandoffs: 0, rerouted: 0, striped: 0, suspected: 0, suspicionsCleared: 0, ackCopies: 0, sacks: 0, uturns: 0,
    dropped: Object.fromEntries(Object.values(DropReason).map((r) => [r, 0])) as DataPlaneStats['dropped'],
  };
  // The shard's suspicions, as its Liveness would hold them.
  const suspects = new Set<bigint>();
  const out = new Outbound(counters, () => null, () => 0, (hop) => suspects.has(hop));
  const [b, c] = [lane(2n, 0, 0), lane(3n, 0, 0)];
  out.lanes.add(b as unknown as Link);
  out.lanes.add(c as unknown as Link);
  out.routes = new Map([[4n, 2n], [2n, 2n], [3n, 3n]]);
  out.multipath.set('ecf', [[4n, { hops: [2n, 3n], costs: [1, 1], rttMs: [1, 1], bwMbps: [100, 100] }]]);
  return { out, counters, b, c, suspects };
}

test('frames for a destination routed over a suspected neighbor take the alternate; with none, the suspected neighbor still carries them', () => {
  const { out, counters, b, c, suspects } = outbound();
  suspects.add(2n);
  assert.ok(out.route(4n, data(4n, 1), false));
  assert.equal(c.sent.length, 1);
  assert.equal(counters.rerouted, 1);
  assert.ok(out.route(2n, data(2n, 1), false), 'frames for the suspected neighbor itself: no alternate here, so to it');
  assert.equal(b.sent.length, 1);
  suspects.delete(2n);
  assert.ok(out.route(4n, data(4n, 2), false));
  assert.equal(b.sent.length, 2, 'trusted again: the primary');
  assert.equal(counters.dropped[DropReason.NoRoute], 0);
});

test('striped chunks skip a suspected hop, and use it when every hop is suspected', () => {
  const { out, b, c, suspects } = outbound();
  const msg = { dst: 4n, streamId: STREAM, tenant: 5n, seq: 1, messageId: STREAM, priority: 0, payload: new Uint8Array(64 * 1024) };
  suspects.add(2n);
  out.sendMessage(msg, 1n, 4096, undefined);
  assert.equal(b.sent.length, 0);
  assert.equal(c.sent.length, 16);
  suspects.add(3n);
  out.sendMessage({ ...msg, seq: 2 }, 1n, 4096, undefined);
  assert.equal(b.sent.length + c.sent.length, 32, 'nothing dropped');
  assert.ok(b.sent.length > 0, 'both suspected: both used');
});

test('an ack this node originates goes over its route and a copy over the next hop of the set; one path, or the other suspected: no copy', () => {
  const { out, counters, b, c, suspects } = outbound();
  const ack = encodeFrame({ type: FrameType.Ack, ttl: 8, src: 1n, dst: 4n, streamId: STREAM, ack: 3 });
  assert.ok(out.routeAck(4n, ack));
  assert.equal(b.sent.length, 1, 'the route');
  assert.equal(c.sent.length, 1, 'the copy');
  assert.equal(counters.ackCopies, 1);
  suspects.add(3n);
  assert.ok(out.routeAck(4n, ack));
  assert.equal(c.sent.length, 1, 'no copy to a suspected neighbor');
  suspects.delete(3n);
  suspects.add(2n);
  assert.ok(out.routeAck(4n, ack));
  assert.deepEqual([b.sent.length, c.sent.length], [2, 2], 'the route moved to c; b is suspected: no copy');
  assert.ok(out.routeAck(3n, ack), 'no set for c: the route only');
  assert.equal(counters.ackCopies, 1);
  assert.ok(!out.routeAck(8n, ack), 'no route: dropped and counted');
  assert.equal(counters.dropped[DropReason.NoRoute], 1);
});

test('a transit frame that comes back from the next hop (a U-turn) goes to the alternate; other transit frames follow the routes', () => {
  const { out, counters, b, c, suspects } = outbound();
  const ack = encodeFrame({ type: FrameType.Ack, ttl: 8, src: 1n, dst: 4n, streamId: STREAM, ack: 3 });
  assert.ok(out.forward(4n, ack, true, 3n), 'from c, routed to b: the route');
  assert.deepEqual([b.sent.length, c.sent.length, counters.uturns], [1, 0, 0]);
  assert.ok(out.forward(4n, ack, true, 2n), 'from b, routed back to b: a U-turn');
  assert.deepEqual([b.sent.length, c.sent.length, counters.uturns], [1, 1, 1], 'sent to the alternate c');
  suspects.add(3n);
  assert.ok(out.forward(4n, ack, true, 2n), 'the alternate suspected: back where the routes say');
  assert.deepEqual([b.sent.length, c.sent.length, counters.uturns], [2, 1, 1]);
  suspects.delete(3n);
  assert.ok(out.forward(2n, ack, true, 2n), 'no set for b: the route');
  assert.equal(b.sent.length, 3);
  assert.ok(out.forward(4n, ack, true, null), 'unknown neighbor: the route');
  assert.equal(b.sent.length, 4);
});

test('a lane table forgets a suspicion when the neighbor\'s last lane here goes', () => {
  const { out, b, suspects } = outbound();
  suspects.add(2n);
  out.lanes.remove(b as unknown as Link);
  assert.ok(!out.lanes.isSuspected(2n));
  suspects.add(8n);
  assert.ok(!out.lanes.isSuspected(8n), 'a neighbor with no lane here is not marked');
});

test('a suspicion event resends what the lanes may have lost, dated from the last frame heard as the shard saw it; trust and the dead verdict reach the source', () => {
  const resent: Array<{ lost: readonly LostMessage[]; atMs: number; suspect?: string }> = [];
  const verdicts: string[] = [];
  const reroute = new FastReroute({
    resendInFlight: () => assert.fail('nothing resent whole'), resendLost: (lost, atMs, suspect) => resent.push({ lost, atMs, suspect }),
    confirmSuspect: (p) => verdicts.push(`dead ${p}`), clearSuspect: (p) => verdicts.push(`trusted ${p}`),
  });
  const logged: string[] = [];
  const d = new NodeDispatch({ heartbeatMs: 50, active: () => true, reroute, log: { info: (_o: object, m: string) => logged.push(m) } } as unknown as DispatchDeps);
  const t0 = Date.now();
  // The shard saw the silence 40 ms before this thread got to the event: the cut is dated from the shard's clock.
  d.event({ type: 'link-suspect', peerId: 'b', atMs: t0 - 40, silentMs: 130, lost: [{ dst: 4n, streamId: STREAM, seq: 3 }] });
  d.event({ type: 'link-suspect', peerId: 'b', atMs: Date.now(), silentMs: 140, lost: [] });
  assert.equal(resent.length, 1, 'nothing lost, nothing resent');
  assert.deepEqual(resent[0].lost.map((m) => m.seq), [3]);
  assert.equal(resent[0].suspect, 'b', 'resent as a suspicion: timed only if confirmed');
  assert.equal(resent[0].atMs, t0 - 40 - 130);
  assert.equal(logged.length, 2);
  d.event({ type: 'link-trusted', peerId: 'b' });
  assert.deepEqual(verdicts, ['trusted b']);
  reroute.linkLost('c', Date.now(), []);
  assert.deepEqual(verdicts, ['trusted b', 'dead c']);
});
