/**
 * Reroute timing (streams/reroute-timing.ts): a suspicion's resend is timed only once the dead
 * verdict confirms it; a false suspicion (the neighbor heard again) records nothing and does not
 * date a real cut that follows it. A selective ack of the oldest lost message (its resend reached
 * the target) is the first delivery; the cumulative ack that covers it is the in-order one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TENTATIVE_MAX_MS, clearSuspect, confirmSuspect, noteReroute, rerouteAcked, rerouteSacked, type ReroutePhase, type Timed } from '../../src/main/streams/reroute-timing.js';

function recorder() {
  const got: Array<[string, number]> = [];
  return { got, report: (phase: ReroutePhase, ms: number) => { got.push([phase, ms]); } };
}

test('a confirmed cut reports its first delivery and its completion from the cut', () => {
  const t: Timed = { sent: 20 };
  const { got, report } = recorder();
  noteReroute(t, 1000, 11);
  rerouteAcked(t, 10, 1050, report);
  assert.deepEqual(got, [], 'an ack short of the oldest lost message says nothing');
  rerouteAcked(t, 11, 1100, report);
  rerouteAcked(t, 20, 1300, report);
  assert.deepEqual(got, [['first', 100], ['inOrder', 100], ['complete', 300]]);
  assert.equal(t.reroute, undefined);
});

test('a false suspicion records nothing: its times are held, then dropped when the neighbor is heard again', () => {
  const t: Timed = { sent: 20 };
  const { got, report } = recorder();
  noteReroute(t, 1000, 11, { suspect: 'b' });
  rerouteAcked(t, 11, 1040, report);
  rerouteAcked(t, 20, 1060, report);
  assert.deepEqual(got, [], 'held while only suspected');
  clearSuspect(t, 'b');
  assert.equal(t.reroute, undefined);
  confirmSuspect(t, 'b', report);
  assert.deepEqual(got, [], 'nothing left to confirm');
});

test('a suspicion the dead verdict confirms reports the times it held, from the silence', () => {
  const t: Timed = { sent: 20 };
  const { got, report } = recorder();
  noteReroute(t, 1000, 11, { suspect: 'b' });
  rerouteAcked(t, 11, 1200, report);
  assert.deepEqual(got, []);
  confirmSuspect(t, 'b', report);
  assert.deepEqual(got, [['first', 200], ['inOrder', 200]]);
  // The dead verdict resends the rest: merged into the now confirmed timing.
  t.sent = 30;
  noteReroute(t, 1100, 15);
  rerouteAcked(t, 30, 1500, report);
  assert.deepEqual(got, [['first', 200], ['inOrder', 200], ['complete', 500]], 'the rest is newer than the oldest lost message: completion only, from the first silence');
});

test('a confirmation after the held completion reports both', () => {
  const t: Timed = { sent: 20 };
  const { got, report } = recorder();
  noteReroute(t, 1000, 11, { suspect: 'b' });
  rerouteAcked(t, 20, 1150, report);
  confirmSuspect(t, 'c', report);
  assert.deepEqual(got, [], 'another neighbor\'s verdict confirms nothing');
  confirmSuspect(t, 'b', report);
  assert.deepEqual(got, [['first', 150], ['inOrder', 150], ['complete', 150]]);
  assert.equal(t.reroute, undefined);
});

test('a real cut after a false suspicion is timed from its own cut, not the suspicion\'s silence', () => {
  const t: Timed = { sent: 20 };
  const { got, report } = recorder();
  noteReroute(t, 1000, 11, { suspect: 'c' });
  noteReroute(t, 1500, 14);
  clearSuspect(t, 'c');
  assert.ok(t.reroute, 'the real cut\'s timing stays');
  rerouteAcked(t, 14, 1580, report);
  assert.deepEqual(got, [['first', 80], ['inOrder', 80]]);
});

test('a suspicion adds nothing to a confirmed reroute being timed', () => {
  const t: Timed = { sent: 20 };
  const { got, report } = recorder();
  noteReroute(t, 1000, 15);
  noteReroute(t, 900, 11, { suspect: 'c' });
  rerouteAcked(t, 15, 1100, report);
  assert.deepEqual(got, [['first', 100], ['inOrder', 100]], 'neither dated from the suspicion nor waiting for its older seq');
});

test('a tentative timing neither confirmed nor cleared is dropped after TENTATIVE_MAX_MS', () => {
  const t: Timed = { sent: 20 };
  const { got, report } = recorder();
  noteReroute(t, 1000, 11, { suspect: 'b' });
  rerouteAcked(t, 5, 1000 + TENTATIVE_MAX_MS + 1, report);
  assert.equal(t.reroute, undefined);
  confirmSuspect(t, 'b', report);
  assert.deepEqual(got, []);
});

test('two suspects: the timing stays tentative until both are heard again', () => {
  const t: Timed = { sent: 20 };
  noteReroute(t, 1000, 11, { suspect: 'b' });
  noteReroute(t, 1010, 12, { suspect: 'c' });
  clearSuspect(t, 'b');
  assert.ok(t.reroute?.suspects?.has('c'));
  clearSuspect(t, 'c');
  assert.equal(t.reroute, undefined);
});

test('an estimated reroute (routes moved on an LSA) holds its first delivery until it completes', () => {
  const t: Timed = { sent: 20 };
  const { got, report } = recorder();
  noteReroute(t, 1000, 11, { estimated: true });
  rerouteAcked(t, 11, 1001, report);
  assert.deepEqual(got, [], 'the oldest unacknowledged message was likely never lost: not reported yet');
  rerouteAcked(t, 20, 1400, report);
  assert.deepEqual(got, [['first', 1], ['inOrder', 1], ['complete', 400]], 'a cut nothing else explained: both, at completion');
  assert.equal(t.reroute, undefined);
});

test('the link\'s own verdict makes an estimated reroute exact: its lost messages are timed from the earlier cut, the estimate dropped', () => {
  const t: Timed = { sent: 20 };
  const { got, report } = recorder();
  // The far end's LSA moved the routes at 1200; its ack of 11 came at once (11 went the other way).
  noteReroute(t, 1200, 11, { estimated: true });
  rerouteAcked(t, 11, 1201, report);
  // This node's own dead verdict: the blackholed lanes went silent at 1000 and may have lost 14.
  noteReroute(t, 1000, 14);
  rerouteAcked(t, 13, 1250, report);
  assert.deepEqual(got, [], 'no 1 ms reroute: the estimate is dropped, and 14 is not covered yet');
  rerouteAcked(t, 14, 1300, report);
  rerouteAcked(t, 20, 1500, report);
  assert.deepEqual(got, [['first', 300], ['inOrder', 300], ['complete', 500]]);
});

test('an estimate merged into an exact reroute keeps the exact oldest lost message', () => {
  const t: Timed = { sent: 20 };
  const { got, report } = recorder();
  noteReroute(t, 1000, 14);
  t.sent = 25;
  noteReroute(t, 1100, 11, { estimated: true });
  rerouteAcked(t, 11, 1110, report);
  assert.deepEqual(got, [], 'an ack of 11 does not cover 14');
  rerouteAcked(t, 14, 1200, report);
  assert.deepEqual(got, [['first', 200], ['inOrder', 200]], 'reported at once: exact');
  rerouteAcked(t, 20, 1300, report);
  assert.equal(got.length, 2, 'the estimate extended what must complete to 25');
  rerouteAcked(t, 25, 1400, report);
  assert.deepEqual(got, [['first', 200], ['inOrder', 200], ['complete', 400]]);
});

test('a selective ack of the resent oldest lost message is the first delivery; the cumulative ack that covers it the in-order one', () => {
  const t: Timed = { sent: 20 };
  const { got, report } = recorder();
  noteReroute(t, 1000, 14);
  rerouteSacked(t, [{ start: 15, end: 16 }], 1010, report);
  assert.deepEqual(got, [], 'a block without the oldest lost message says nothing');
  rerouteSacked(t, [{ start: 12, end: 12 }, { start: 14, end: 16 }], 1030, report);
  assert.deepEqual(got, [['first', 30]]);
  rerouteSacked(t, [{ start: 14, end: 14 }], 1040, report);
  rerouteAcked(t, 13, 1300, report);
  assert.deepEqual(got, [['first', 30]], 'reported once; the cumulative ack short of 14 is not in order yet');
  rerouteAcked(t, 14, 1400, report);
  rerouteAcked(t, 20, 1500, report);
  assert.deepEqual(got, [['first', 30], ['inOrder', 400], ['complete', 500]]);
});

test('a suspicion holds its selective first delivery like the rest, and a false one drops it', () => {
  const t: Timed = { sent: 20 };
  const { got, report } = recorder();
  noteReroute(t, 1000, 11, { suspect: 'b' });
  rerouteSacked(t, [{ start: 11, end: 11 }], 1020, report);
  assert.deepEqual(got, []);
  confirmSuspect(t, 'b', report);
  assert.deepEqual(got, [['first', 20]]);
  rerouteAcked(t, 11, 1200, report);
  assert.deepEqual(got, [['first', 20], ['inOrder', 200]]);
  const u: Timed = { sent: 20 };
  noteReroute(u, 1000, 11, { suspect: 'b' });
  rerouteSacked(u, [{ start: 11, end: 11 }], 1020, report);
  clearSuspect(u, 'b');
  assert.equal(u.reroute, undefined);
  assert.equal(got.length, 2, 'nothing from the false suspicion');
});

test('an older lost message merged in restarts both first deliveries', () => {
  const t: Timed = { sent: 20 };
  const { got, report } = recorder();
  noteReroute(t, 1000, 14, { estimated: true });
  rerouteSacked(t, [{ start: 14, end: 14 }], 1010, report);
  noteReroute(t, 990, 12);
  rerouteSacked(t, [{ start: 14, end: 14 }], 1020, report);
  assert.deepEqual(got, [], 'the estimate is dropped; 12 is not covered yet');
  rerouteSacked(t, [{ start: 12, end: 13 }], 1050, report);
  rerouteAcked(t, 20, 1100, report);
  assert.deepEqual(got, [['first', 60], ['inOrder', 110], ['complete', 110]]);
});
