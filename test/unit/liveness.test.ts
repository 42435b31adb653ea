import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Liveness, LONE_LANE_FACTOR } from '../../src/workers/dataplane/liveness.js';
import type { Link } from '../../src/workers/dataplane/link.js';

/** A bound lane stand-in silent for `silentMs` (the test is about the verdicts, not sockets). */
function lane(peerTag: bigint, lane: number, silentMs: number) {
  return { bound: true, peerTag, lane, lastRxMs: Date.now() - silentMs, openedAtMs: 0, terminated: false, terminate() { this.terminated = true; }, send() {}, meter: { onPing() {} } };
}

function round(links: Array<ReturnType<typeof lane>>): Array<ReturnType<typeof lane>> {
  let dead: Link[] = [];
  const lv = new Liveness({ heartbeatMs: 50, deadAfterMs: 250, links: () => links as unknown as Link[], localTag: () => 1n, onMeasured: () => {}, onDead: (l) => { dead = l; }, onRound: () => {} });
  (lv as unknown as { round(): void }).round();
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
