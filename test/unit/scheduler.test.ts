import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { newWrrState, schedule, type PathState, type SchedulerPolicy } from '../../src/workers/dataplane/scheduler.js';
import * as scheduler from '../../src/workers/dataplane/scheduler.js';
import { DEFAULT_HIGH_WATER_BYTES as MAX_LINK_BUFFER_BYTES } from '../../src/shared/config/defaults.js';

const CHUNK = 64 * 1024;

/**
 * A fluid model of a sender striping `total` bytes in chunks over paths of the given speeds: each
 * path's queue drains at its bandwidth; the sender hands a chunk to the chosen path while that
 * path's queue is under `cap` (a socket buffer), else waits 1 ms. Returns ms until the last byte
 * arrived and the bytes each path carried.
 */
function run(policy: SchedulerPolicy, bwMbps: number[], rttMs: number[], total: number, cap = MAX_LINK_BUFFER_BYTES): { ms: number; carried: number[] } {
  const paths: PathState[] = bwMbps.map((bw, i) => ({ cost: 1000 / bw + rttMs[i], rttMs: rttMs[i], bwMbps: bw, backlogBytes: 0, up: true }));
  const carried = bwMbps.map(() => 0);
  const state = newWrrState();
  let sent = 0;
  let lastArrival = 0;
  for (let t = 0; t < 10_000_000; t++) {
    while (sent < total) {
      const i = schedule(CHUNK, 'bulk', paths, policy, state);
      if (paths[i].backlogBytes >= cap) break; // the chosen path's buffer is full: wait for it
      paths[i].backlogBytes += CHUNK;
      carried[i] += CHUNK;
      sent += CHUNK;
      lastArrival = Math.max(lastArrival, t + paths[i].backlogBytes / ((bwMbps[i] * 1000) / 8) + rttMs[i] / 2);
    }
    for (let i = 0; i < paths.length; i++) paths[i].backlogBytes = Math.max(0, paths[i].backlogBytes - (bwMbps[i] * 1000) / 8);
    if (sent >= total && paths.every((p) => p.backlogBytes === 0)) break;
  }
  return { ms: lastArrival, carried };
}

const TOTAL = 256 * 1024 * 1024;

test('two equal paths: both policies share the bytes and nearly halve the time', () => {
  const single = run('ecf', [800], [2], TOTAL).ms;
  for (const policy of ['ecf', 'wrr'] as const) {
    const r = run(policy, [800, 800], [2, 2], TOTAL);
    const share = r.carried[0] / TOTAL;
    assert.ok(share > 0.45 && share < 0.55, `${policy}: share ${share}`);
    assert.ok(single / r.ms >= 1.9, `${policy}: speed-up ${single / r.ms}`);
  }
});

test('unequal paths (4:1, same RTT): ecf is never slower than the best path alone and beats wrr, whose 1/cost share overloads the slow path', () => {
  const best = run('ecf', [800], [2], TOTAL).ms;
  const ecf = run('ecf', [800, 200], [2, 2], TOTAL);
  const wrr = run('wrr', [800, 200], [2, 2], TOTAL);
  assert.ok(ecf.ms <= best * 1.001, `ecf ${ecf.ms} ms against ${best} ms on the best path`);
  assert.ok(ecf.ms <= wrr.ms, `ecf ${ecf.ms} ms, wrr ${wrr.ms} ms`);
});

test('property: ecf over random paths is never slower than the best single path', () => {
  fc.assert(fc.property(
    fc.array(fc.tuple(fc.integer({ min: 10, max: 2000 }), fc.integer({ min: 1, max: 100 })), { minLength: 2, maxLength: 4 }),
    (ps) => {
      const total = 16 * 1024 * 1024;
      const bestSingle = Math.min(...ps.map(([bw, rtt]) => run('ecf', [bw], [rtt], total).ms));
      const multi = run('ecf', ps.map((p) => p[0]), ps.map((p) => p[1]), total).ms;
      assert.ok(multi <= bestSingle * 1.01 + 1, `multi ${multi} best ${bestSingle} for ${JSON.stringify(ps)}`);
    },
  ), { numRuns: 60 });
});

test('control and priority classes are never striped; down paths are skipped; none up gives -1', () => {
  const paths: PathState[] = [
    { cost: 5, rttMs: 1, bwMbps: 100, backlogBytes: 10_000_000, up: true },
    { cost: 1, rttMs: 1, bwMbps: 1000, backlogBytes: 0, up: true },
  ];
  const st = newWrrState();
  for (const policy of ['ecf', 'wrr'] as const) {
    for (let i = 0; i < 20; i++) {
      assert.equal(schedule(100, 'control', paths, policy, st), 0);
      assert.equal(schedule(100, 'priority', paths, policy, st), 0);
    }
  }
  assert.equal(schedule(100, 'control', [{ ...paths[0], up: false }, paths[1]], 'ecf', st), 1, 'the first path that is up');
  assert.equal(schedule(CHUNK, 'bulk', [{ ...paths[0], up: false }, { ...paths[1], up: false }], 'ecf', st), -1);
  const picks = Array.from({ length: 6 }, () => schedule(CHUNK, 'bulk', [{ ...paths[0], backlogBytes: 0, cost: 2 }, { ...paths[1], cost: 1 }], 'wrr', st));
  assert.deepEqual(picks.filter((i) => i === 1).length, 4, 'wrr: weight 1/cost gives 2:1');
});

test('ecf counts a path\'s queued delay beyond the socket', () => {
  const st = newWrrState();
  const fast: PathState = { cost: 1, rttMs: 2, bwMbps: 800, backlogBytes: 0, up: true };
  const slow: PathState = { cost: 1, rttMs: 2, bwMbps: 800, backlogBytes: 0, up: true, queueMs: 500 };
  assert.equal(schedule(CHUNK, 'bulk', [slow, fast], 'ecf', st), 1, 'the path with 500 ms queued in the kernel and network is avoided');
});

test('ecf: a path of unknown bandwidth is filled only up to PROBE_BYTES while a measured path is up, and still used when it is the only one', () => {
  const { PROBE_BYTES } = scheduler;
  const measured = { cost: 1, rttMs: 1, bwMbps: 100, backlogBytes: 8 << 20, up: true };
  const unknown = { cost: 1, rttMs: 1, bwMbps: 0, backlogBytes: 0, up: true };
  assert.equal(scheduler.schedule(65536, 'bulk', [measured, unknown], 'ecf', scheduler.newWrrState()), 1, 'an idle unknown path is tried');
  assert.equal(scheduler.schedule(65536, 'bulk', [measured, { ...unknown, backlogBytes: PROBE_BYTES }], 'ecf', scheduler.newWrrState()), 0, 'not past the probe');
  assert.equal(scheduler.schedule(65536, 'bulk', [{ ...measured, up: false }, { ...unknown, backlogBytes: 64 << 20 }], 'ecf', scheduler.newWrrState()), 1, 'the only path up');
});

test('ecf: past the probe, an unknown path is judged by what it was seen to deliver', () => {
  const { PROBE_BYTES } = scheduler;
  // A 25 Mbit/s path with 1.3 MB and half a second queued, against a path never saturated (so
  // unknown) that delivered 60 Mbit/s lately: waiting for the second is sooner.
  const slow = { cost: 1, rttMs: 2, bwMbps: 25, backlogBytes: 1_300_000, queueMs: 550, up: true };
  const unknown = { cost: 1, rttMs: 1, bwMbps: 0, backlogBytes: PROBE_BYTES + 30_000, queueMs: 50, up: true };
  assert.equal(scheduler.schedule(65536, 'bulk', [unknown, slow], 'ecf', scheduler.newWrrState()), 1, 'nothing delivered yet: skipped');
  assert.equal(scheduler.schedule(65536, 'bulk', [{ ...unknown, floorMbps: 60 }, slow], 'ecf', scheduler.newWrrState()), 0, 'delivered 60 Mbit/s: used');
  // ... but only as far as that lower bound says it is sooner.
  assert.equal(scheduler.schedule(65536, 'bulk', [{ ...unknown, floorMbps: 60, backlogBytes: 16 << 20 }, slow], 'ecf', scheduler.newWrrState()), 1);
});
