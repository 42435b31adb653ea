import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SWIM, Swim, detectionBoundMs, suspicionTimeoutMs, retransmitLimit, type SwimMessage } from '../../src/main/membership/index.js';
import { quantile, runSwimSim } from './swim-sim.js';

const SEED = Number(process.env.SWIM_SEED ?? 1);

test('SWIM, 200 members, 5 % loss, one member stalling 500 ms every 2 s: no live member declared dead; a crash is detected by all within the bound', () => {
  const crashAt = 10_000;
  const bound = detectionBoundMs(DEFAULT_SWIM, 200);
  const r = runSwimSim({
    seed: SEED, members: 200, options: DEFAULT_SWIM, loss: 0.05, latencyMs: [1, 10],
    stalled: [7], stallMs: 500, stallEveryMs: 2000, crashes: [{ member: 3, atMs: crashAt }], durationMs: crashAt + bound + 1000,
  });
  assert.equal(r.falsePositives, 0, `live members declared dead (seed ${SEED})`);
  const d = r.detections[0].perObserverMs;
  assert.equal(d.length, 199);
  const worst = Math.max(...d);
  assert.ok(worst <= bound, `crash detected by all after ${worst} ms, bound ${bound} ms (seed ${SEED})`);
  process.stdout.write(`# swim 200: detect p50 ${quantile(d, 0.5)} ms, max ${worst} ms (bound ${Math.round(bound)}), false suspicions ${r.falseSuspicions}, messages ${r.messages}\n`);
});

function pair() {
  const o = { ...DEFAULT_SWIM, tickMs: 10 };
  const a = new Swim('a', o, () => 0.5);
  const b = new Swim('b', o, () => 0.5);
  const c = new Swim('c', o, () => 0.5);
  for (const s of [a, b, c]) s.setMembers(['a', 'b', 'c'], 0);
  return { a, b, c, o };
}

test('a suspected member refutes with a higher incarnation; the refutation clears the suspicion', () => {
  const { a, b } = pair();
  a.receive({ k: 'gossip', from: 'c', gossip: [{ t: 'suspect', node: 'b', inc: 0, from: 'c' }] }, 0);
  assert.equal(a.status('b'), 'suspect');
  b.receive({ k: 'gossip', from: 'a', gossip: [{ t: 'suspect', node: 'b', inc: 0, from: 'c' }] }, 0);
  assert.equal(b.incarnation, 1);
  assert.equal(b.localHealth, 1, 'being suspected raises the local health multiplier');
  b.tick(0);
  const out = b.drain().sends.flatMap((s) => s.msg.gossip);
  const alive = out.find((g) => g.t === 'alive' && g.node === 'b');
  assert.ok(alive);
  a.receive({ k: 'gossip', from: 'b', gossip: [alive] }, 5);
  assert.equal(a.status('b'), 'alive');
  // An old suspicion (incarnation 0) no longer applies.
  a.receive({ k: 'gossip', from: 'c', gossip: [{ t: 'suspect', node: 'b', inc: 0, from: 'c' }] }, 6);
  assert.equal(a.status('b'), 'alive');
  // Dead needs the current incarnation; a dead member returns only with a higher one.
  a.receive({ k: 'gossip', from: 'c', gossip: [{ t: 'dead', node: 'b', inc: 1, from: 'c' }] }, 7);
  assert.equal(a.status('b'), 'dead');
  a.receive({ k: 'gossip', from: 'c', gossip: [{ t: 'alive', node: 'b', inc: 1 }] }, 8);
  assert.equal(a.status('b'), 'dead');
  a.receive({ k: 'gossip', from: 'c', gossip: [{ t: 'alive', node: 'b', inc: 2, meta: { capabilities: ['gpu'], load: 0.5, version: '1' } }] }, 9);
  assert.equal(a.status('b'), 'alive');
  assert.deepEqual(a.view().find((m) => m.node === 'b')?.meta?.capabilities, ['gpu']);
});

test('gossip from a non-member, or about one, is ignored', () => {
  const { a } = pair();
  a.receive({ k: 'gossip', from: 'zz', gossip: [{ t: 'dead', node: 'b', inc: 5, from: 'zz' }] }, 0);
  assert.equal(a.status('b'), 'alive');
  a.receive({ k: 'gossip', from: 'c', gossip: [{ t: 'alive', node: 'zz', inc: 5 }] }, 0);
  assert.equal(a.status('zz'), undefined);
});

test('a silent member: indirect probes, nacks keep local health, suspicion then dead after the timeout', () => {
  const { a, o } = pair();
  let t = 0;
  const sent: SwimMessage[] = [];
  let dead = -1;
  // b never answers; c answers ping-req with a nack (it cannot reach b either).
  for (; t < 60_000 && dead < 0; t += o.tickMs) {
    a.tick(t);
    const out = a.drain();
    for (const s of out.sends) {
      sent.push(s.msg);
      if (s.to === 'c' && s.msg.k === 'ping-req') a.receive({ k: 'nack', seq: s.msg.seq, from: 'c', gossip: [] }, t);
      if (s.to === 'c' && s.msg.k === 'ping') a.receive({ k: 'ack', seq: s.msg.seq, from: 'c', gossip: [] }, t);
    }
    if (out.events.some((e) => e.node === 'b' && e.status === 'dead')) dead = t;
  }
  assert.ok(sent.some((m) => m.k === 'ping-req' && m.target === 'b'), 'indirect probe through c');
  assert.ok(dead > 0, 'b declared dead');
  assert.equal(a.localHealth, 0, 'nacks showed this node is healthy');
  // Three members, nobody to confirm: the minimum timeout (4 s at n = 3) applies.
  assert.ok(dead < 4000 + 3 * o.probeIntervalMs, `dead after ${dead} ms`);
});

test('a stall of this node moves its deadlines and raises its local health multiplier', () => {
  const { a, o } = pair();
  a.tick(0);
  const ping = a.drain().sends.find((s) => s.msg.k === 'ping')!;
  a.tick(700); // a 700 ms stall: the ack is queued behind the timers
  assert.equal(a.localHealth, 1);
  assert.ok(!a.drain().sends.some((s) => s.msg.k === 'ping-req'), 'no indirect probe fired by the stall');
  a.receive({ k: 'ack', seq: (ping.msg as { seq: number }).seq, from: ping.to, gossip: [] }, 700);
  for (let t = 700; t < 3000; t += o.tickMs) a.tick(t);
  assert.equal(a.status(ping.to), 'alive');
});

test('suspicion timeout shrinks with confirmations (Lifeguard); retransmit limit grows with log n', () => {
  assert.equal(suspicionTimeoutMs(1000, 6000, 2, 0), 6000);
  assert.ok(suspicionTimeoutMs(1000, 6000, 2, 1) < 6000);
  assert.equal(suspicionTimeoutMs(1000, 6000, 2, 2), 1000);
  assert.equal(suspicionTimeoutMs(1000, 6000, 0, 0), 1000);
  assert.equal(retransmitLimit(DEFAULT_SWIM, 9), 4);
  assert.equal(retransmitLimit(DEFAULT_SWIM, 200), 12);
});

test('a member declared dead that speaks again is told, refutes, and is alive again; a non-member ping is answered', () => {
  const { a, b } = pair();
  a.receive({ k: 'gossip', from: 'c', gossip: [{ t: 'dead', node: 'b', inc: 0, from: 'c' }] }, 0);
  assert.equal(a.status('b'), 'dead');
  a.drain();
  // b, unaware (the gossip about it stopped long ago), probes a.
  a.receive({ k: 'ping', seq: 1, from: 'b', gossip: [] }, 10_000);
  const told = a.drain().sends.find((s) => s.to === 'b' && s.msg.k === 'gossip')!;
  assert.deepEqual(told.msg.gossip, [{ t: 'dead', node: 'b', inc: 0, from: 'a' }]);
  b.receive(told.msg, 10_001);
  assert.equal(b.incarnation, 1, 'b refutes');
  b.tick(10_002);
  const alive = b.drain().sends.flatMap((s) => s.msg.gossip).find((g) => g.t === 'alive' && g.node === 'b')!;
  a.receive({ k: 'gossip', from: 'b', gossip: [alive] }, 10_003);
  assert.equal(a.status('b'), 'alive');
  // Told at most once per probe interval.
  a.receive({ k: 'gossip', from: 'c', gossip: [{ t: 'dead', node: 'b', inc: 1, from: 'c' }] }, 10_004);
  a.receive({ k: 'ping', seq: 2, from: 'b', gossip: [] }, 10_005);
  assert.equal(a.drain().sends.filter((s) => s.to === 'b' && s.msg.k === 'gossip').length, 0, 'told 5 ms ago');
  a.receive({ k: 'ping', seq: 3, from: 'b', gossip: [] }, 11_001);
  a.receive({ k: 'ping', seq: 4, from: 'b', gossip: [] }, 11_002);
  assert.equal(a.drain().sends.filter((s) => s.to === 'b' && s.msg.k === 'gossip').length, 1);
  // A node not (yet) in a's membership gets its ping answered.
  a.receive({ k: 'ping', seq: 5, from: 'newcomer', gossip: [] }, 11_003);
  assert.ok(a.drain().sends.some((s) => s.to === 'newcomer' && s.msg.k === 'ack'));
});

test('a restarted member that knows no members yet is told it was declared dead and revives', () => {
  const { a, o } = pair();
  const b = new Swim('b', o, () => 0.5); // restarted: its membership not rebuilt yet
  a.receive({ k: 'gossip', from: 'c', gossip: [{ t: 'dead', node: 'b', inc: 3, from: 'c' }] }, 0);
  a.drain();
  a.tick(6000);
  const told = a.drain().sends.find((s) => s.to === 'b' && s.msg.gossip.some((g) => g.node === 'b' && g.t === 'dead'));
  assert.ok(told, 'the dead member is told');
  b.receive(told.msg, 6001);
  const reply = b.drain().sends.find((s) => s.to === 'a')!;
  assert.ok(reply.msg.gossip.some((g) => g.t === 'alive' && g.node === 'b' && g.inc === 4), 'it refutes to the teller directly');
  a.receive(reply.msg, 6002);
  assert.equal(a.status('b'), 'alive');
});
