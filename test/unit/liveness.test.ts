import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { Liveness, LONE_LANE_FACTOR, VERDICTS_PER_HEARTBEAT } from '../../src/workers/dataplane/liveness.js';
import type { Link } from '../../src/workers/dataplane/link.js';

/** A bound lane stand-in silent for `silentMs` (the test is about the verdicts, not sockets). */
function lane(peerTag: bigint, lane: number, silentMs: number) {
  return { bound: true, peerTag, lane, lastRxMs: Date.now() - silentMs, openedAtMs: 0, terminated: false, terminate() { this.terminated = true; }, send() {}, meter: { onPing() {} }, bytesOut: 0, lastMeteredBytes: 0, measure() {} };
}

function round(links: Array<ReturnType<typeof lane>>): Array<ReturnType<typeof lane>> {
  let dead: Link[] = [];
  const lv = new Liveness({ heartbeatMs: 50, deadAfterMs: 250, links: () => links as unknown as Link[], localTag: () => 1n, onMeasured: () => {}, onDead: (l) => { dead = l; }, onRound: () => {}, onSuspect: () => {}, onHeardAgain: () => {} });
  (lv as unknown as { check(now: number, round: boolean): void }).check(Date.now(), true);
  lv.stop();
  return dead as unknown as Array<ReturnType<typeof lane>>;
}

test('a path cut is one verdict: a silent lane and its siblings silent for half as long die in the same round', () => {
  const [l0, l1, l2, other] = [lane(7n, 0, 300), lane(7n, 1, 200), lane(7n, 2, 200), lane(9n, 0, 10)];
  assert.deepEqual(round([l0, l1, l2, other]).map((l) => l.lane).sort(), [0, 1, 2]);
  assert.ok(l0.terminated && l1.terminated && l2.terminated && !other.terminated);
});

test('a quiet lane whose siblings still hear the peer gets longer before it is declared dead, but is declared dead', () => {
  assert.deepEqual(round([lane(7n, 0, 300), lane(7n, 2, 20)]), [], 'the peer is alive on lane 2: a busy peer, not a cut');
  const lone = lane(7n, 2, 250 * LONE_LANE_FACTOR + 50);
  assert.deepEqual(round([lane(7n, 0, 20), lone]), [lone], 'a lane cut on its own is still found');
  const single = lane(8n, 0, 300);
  assert.deepEqual(round([single]), [single], 'one lane (collapsible mode): the plain deadline');
});

test('after this thread stalls past the deadline, frames that arrived meanwhile are read before any verdict', async () => {
  // A real socket pair: the peer's bytes reach the kernel while this thread is blocked; the lane
  // stand-in hears them only when the event loop reads the socket.
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const accepted = new Promise<Socket>((r) => server.once('connection', r));
  const peer = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await new Promise<void>((r) => peer.once('connect', () => r()));
  const local = await accepted;
  const l = lane(7n, 0, 0);
  local.on('data', () => { l.lastRxMs = Date.now(); });
  let dead: Link[] = [];
  const lv = new Liveness({ heartbeatMs: 20, deadAfterMs: 100, links: () => [l] as unknown as Link[], localTag: () => 1n, onMeasured: () => {}, onDead: (d) => { dead = d; }, onRound: () => {}, onSuspect: () => {}, onHeardAgain: () => {} });
  try {
    for (let i = 0; i < 5; i++) {
      peer.write('x');
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.deepEqual(dead, [], 'a lane that hears its peer is alive');
    peer.write('y'); // sent now, read only after the stall
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300); // this thread blocked for 3x the deadline
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(dead, [], 'the peer was heard: the stall was this thread\'s, not the link\'s');
    assert.ok(!l.terminated);
  } finally {
    lv.stop();
    peer.destroy();
    local.destroy();
    server.close();
  }
});

test('a lane that stays silent after such a stall is still declared dead', async () => {
  const l = lane(7n, 0, 0);
  let dead: Link[] = [];
  const lv = new Liveness({ heartbeatMs: 20, deadAfterMs: 100, links: () => [l] as unknown as Link[], localTag: () => 1n, onMeasured: () => {}, onDead: (d) => { dead = d; }, onRound: () => {}, onSuspect: () => {}, onHeardAgain: () => {} });
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(dead.length, 1);
    assert.ok(l.terminated);
  } finally {
    lv.stop();
  }
});

test('a silent link is declared dead between heartbeat rounds, not at the next round', (t) => {
  t.mock.timers.enable({ apis: ['setInterval', 'setImmediate', 'Date'], now: 1_000_000 });
  // Heartbeats every 500 ms, dead after 100 ms: verdicts come every 500 / VERDICTS_PER_HEARTBEAT ms,
  // so the lane is declared dead at about 200 ms, before the first round (which is when it was found before).
  const l = lane(7n, 0, 0);
  const events: string[] = [];
  const lv = new Liveness({ heartbeatMs: 500, deadAfterMs: 100, links: () => [l].filter((x) => !x.terminated) as unknown as Link[], localTag: () => 1n, onMeasured: () => {}, onDead: () => events.push(`dead at ${Date.now() - 1_000_000}`), onRound: () => events.push('round'), onSuspect: () => {}, onHeardAgain: () => {} });
  try {
    for (let ms = 0; ms < 100 + 2 * (500 / VERDICTS_PER_HEARTBEAT); ms += 10) t.mock.timers.tick(10);
    assert.deepEqual(events, ['dead at 200']);
    assert.ok(l.terminated);
  } finally {
    lv.stop();
  }
});
