import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { LaneManager, newPeerLanes, scaleDecision, wantedLanes, type LaneReport, type LaneSettings } from '../../src/main/node/lane-manager.js';
import type { Neighbor } from '../../src/main/node/links.js';
import type { DataPlaneCommand, DataPlanePort } from '../../src/workers/dataplane/index.js';

const S: LaneSettings = { max: 4, bulkMin: 1, scaleUpBacklogBytes: 1 << 20, scaleUpAfterMs: 1000, idleMs: 5000, cooldownMs: 2000 };
const busy: LaneReport = { inFlightBytes: 4 << 20, currentRttMs: 45, bytesIn: 0, bytesOut: 0 };
const calm: LaneReport = { inFlightBytes: 0, currentRttMs: 1, bytesIn: 0, bytesOut: 0 };

test('a VirtualLink wants control, priority and bulkMin bulk lanes; one lane in collapsible mode; never past the cap', () => {
  const p = newPeerLanes(S, 0);
  assert.deepEqual(wantedLanes(p, S), [0, 1, 2]);
  assert.deepEqual(wantedLanes(newPeerLanes({ ...S, max: 1 }, 0), { ...S, max: 1 }), [0]);
  p.bulk = 5;
  assert.deepEqual(wantedLanes(p, S), [0, 1, 2, 3]);
  p.cap = 1;
  assert.deepEqual(wantedLanes(p, S), [0]);
});

test('scale up only after every bulk lane stayed backlogged with an inflated RTT, past the cool-down, below the cap', () => {
  const p = newPeerLanes(S, 0);
  p.reports.set(0, calm).set(2, busy);
  assert.equal(scaleDecision(p, [0, 1, 2], S, 1500), null, 'cool-down since the VirtualLink came up');
  assert.equal(scaleDecision(p, [0, 1, 2], S, 2100), null, 'pressure not yet sustained');
  assert.deepEqual(scaleDecision(p, [0, 1, 2], S, 2600), { kind: 'up' });
  p.bulk = 2;
  p.lastChangeMs = 3200;
  p.reports.set(3, busy);
  assert.equal(scaleDecision(p, [0, 1, 2, 3], S, 9000), null, 'at the cap of 4 lanes');
  const q = newPeerLanes(S, 0);
  q.reports.set(0, { ...calm, currentRttMs: 30 }).set(2, busy);
  scaleDecision(q, [0, 1, 2], S, 2100);
  assert.equal(scaleDecision(q, [0, 1, 2], S, 5000), null, 'a bulk RTT no higher than the control lane\'s (the hosts are slow) is not congestion');
  q.reports.set(2, { ...busy, inFlightBytes: 1000 });
  q.reports.set(0, calm);
  scaleDecision(q, [0, 1, 2], S, 5100);
  assert.equal(scaleDecision(q, [0, 1, 2], S, 9000), null, 'an inflated RTT with little in flight is not this lane\'s queue');
});

test('scale down closes the highest extra bulk lane after it stayed idle, never below bulkMin', () => {
  const p = newPeerLanes(S, 0);
  p.bulk = 2;
  p.reports.set(2, calm).set(3, calm);
  p.active.set(3, { atMs: 1000, bytes: 0 });
  assert.equal(scaleDecision(p, [0, 1, 2, 3], S, 4000), null, 'not idle long enough');
  assert.deepEqual(scaleDecision(p, [0, 1, 2, 3], S, 6500), { kind: 'down', lane: 3 });
  p.bulk = 1;
  p.active.set(2, { atMs: 0, bytes: 0 });
  assert.equal(scaleDecision(p, [0, 1, 2], S, 60_000), null, 'bulkMin stays');
});

function neighbor(lanes: Array<[number, number]>): Neighbor {
  return { linkId: lanes[0][1], outbound: true, address: 'peer:1', lanes: new Map(lanes), laneMetrics: new Map(), rttMs: 0, bwMbps: 0, loss: 0, util: 0 };
}

test('the manager dials missing lanes, stops at a lane the peer refuses, and closes an idle extra lane', async () => {
  let now = 0;
  const n = neighbor([[0, 10]]);
  const neighbors = new Map([['p', n]]);
  const dials: number[] = [];
  const closed: DataPlaneCommand[] = [];
  const events: string[] = [];
  const m = new LaneManager({
    settings: S, neighbors: () => neighbors, log: pino({ level: 'silent' }), now: () => now, onEvent: (e) => events.push(e),
    dp: { execute: (c: DataPlaneCommand) => closed.push(c) } as unknown as DataPlanePort,
    connect: async (_a, _s, lane) => {
      dials.push(lane);
      if (lane === 2) throw new MeshError(ErrorCode.RateLimited, 'over the cap');
      n.lanes.set(lane, 100 + lane);
      return 100 + lane;
    },
  });
  m.tick();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(dials.sort(), [1, 2]);
  assert.deepEqual(events, ['refused']);
  now = 60_000;
  m.tick();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(dials.sort(), [1, 2], 'a refused lane is not dialed again');
  assert.equal(m.state('p')!.cap, 2);

  // An extra bulk lane that went idle is closed by the manager.
  const n2 = neighbor([[0, 20], [1, 21], [2, 22], [3, 23]]);
  neighbors.set('q', n2);
  m.tick();
  const st = m.state('q') as { bulk: number };
  st.bulk = 2;
  m.measured('q', 3, calm);
  now += 5000;
  m.tick();
  assert.deepEqual(closed.map((c) => c.type === 'close-link' && c.linkId), [23]);
  assert.ok(events.includes('scale_down'));
  m.stop();
});
