import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InFlight, MIN_RTT_WINDOW_MS, MIN_WINDOW_MESSAGES, PROBE_RTT_BYTES, PROBE_RTT_MS } from '../../src/main/streams/in-flight.js';

/**
 * A clock and an InFlight fed one message of `size` bytes at a time: `step(rtt)` sends the next one
 * and acknowledges it `rtt` ms later; `wait(ms)` lets time pass.
 */
function oneAtATime(size: number) {
  const f = new InFlight();
  let seq = 1;
  let now = 0;
  return {
    f,
    get now() { return now; },
    step(rtt: number) {
      f.push(seq++, size, now);
      now += rtt;
      f.ack(1, now);
    },
    wait(ms: number) { now += ms; },
  };
}

test('RTO follows RFC 6298: the first sample sets SRTT and RTTVAR, a deep queue raises the timeout, clamped', () => {
  const f = new InFlight();
  assert.equal(f.rto(300, 5000), 1000, 'no sample yet: 1 s');
  f.push(1, 100, 0);
  f.ack(1, 1000);
  assert.equal(f.srttMs, 1000);
  assert.equal(f.rttvarMs, 500);
  assert.equal(f.rto(300, 5000), 3000);
  assert.equal(f.rto(300, 2000), 2000, 'clamped to the maximum');
  assert.equal(f.bytes, 0);
});

test("Karn's algorithm: messages sent again give no sample; byte accounting follows pushes, acks and resets", () => {
  const f = new InFlight();
  f.push(1, 10, 0);
  f.push(2, 20, 0);
  assert.equal(f.bytes, 30);
  f.reset(2); // both will be sent again
  assert.equal(f.bytes, 0);
  f.push(1, 10, 5000);
  f.push(2, 20, 5000);
  f.ack(2, 5010);
  assert.equal(f.srttMs, 0, 'no sample from a retransmitted message');
  f.push(3, 5, 6000);
  f.ack(1, 6040);
  assert.equal(f.srttMs, 40);
  f.ack(5, 7000); // more than in flight: clamps
  assert.equal(f.bytes, 0);
});

test('the byte window follows twice the measured bandwidth-delay product, within its bounds', () => {
  const f = new InFlight();
  assert.equal(f.windowBytes(4_000_000, 32_000_000), 4_000_000, 'nothing measured: the lower bound');
  // 1 MB every 100 ms acknowledged 20 ms after sending: 10 MB/s x 20 ms = 200 kB BDP
  let seq = 1;
  for (let t = 0; t <= 1000; t += 100) {
    f.push(seq, 1_000_000, t);
    f.ack(1, t + 20);
    seq++;
  }
  assert.equal(f.windowBytes(100_000, 32_000_000), 2 * 10_000 * 20);
  assert.equal(f.windowBytes(4_000_000, 32_000_000), 4_000_000);
  assert.equal(f.windowBytes(1, 300_000), 300_000);
});

test('the delivery rate is measured over each message\'s round trip, so a stall and its catch-up read as the steady rate', () => {
  // 100 kB sent every 10 ms (10 kB/ms), acknowledged 50 ms later; from 2,000 ms the target stalls
  // and acknowledges the next 300 ms of messages at once, then catches up. Counting the bytes acked
  // per 100 ms read the catch-up as a path several times faster than it is.
  const f = new InFlight();
  const acks = new Map<number, number>();
  for (let k = 0; k < 300; k++) {
    const sentAt = 10 * k;
    f.push(k + 1, 100_000, sentAt);
    acks.set(k + 1, sentAt >= 2000 && sentAt < 2300 ? 2350 : sentAt + 50);
  }
  const bySeq = [...acks.entries()].sort((x, y) => x[1] - y[1] || x[0] - y[0]);
  // The acks in time order (a cumulative ack covers every seq below it).
  const events: Array<{ at: number; through: number }> = [];
  let through = 0;
  for (const [seq, at] of bySeq) if (seq > through) { through = seq; events.push({ at, through }); }
  let acked = 0;
  const ordered = events.sort((x, y) => x.at - y.at);
  const rebuilt = new InFlight();
  let seq = 1;
  for (let k = 0, e = 0; k < 300 || e < ordered.length;) {
    const sendAt = k < 300 ? 10 * k : Infinity;
    if (e < ordered.length && ordered[e].at <= sendAt) {
      const ev = ordered[e++];
      if (ev.through > acked) { rebuilt.ack(ev.through - acked, ev.at); acked = ev.through; }
    } else { rebuilt.push(seq++, 100_000, sendAt); k++; }
  }
  const w = rebuilt.windowBytes(1, 1e12);
  assert.ok(w >= 2 * 10_000 * 50 * 0.9 && w <= 2 * 10_000 * 50 * 1.5, `window ${w} bytes, steady 2 x BDP is ${2 * 10_000 * 50}`);
  assert.equal(f.bytes, 300 * 100_000);
});

test('ProbeRTT: once the least round trip is MIN_RTT_WINDOW_MS old the window drains, and the drained round trip replaces a standing queue', () => {
  // One 100 kB message at a time, each acknowledged after `rtt` ms.
  const c = oneAtATime(100_000);
  const { f, step } = c;
  step(20);
  while (c.now + 500 - 20 <= MIN_RTT_WINDOW_MS) step(500); // then a standing queue of 480 ms
  assert.ok(!f.probingRtt, 'the 20 ms minimum is still fresh');
  step(500);
  assert.ok(f.probingRtt, 'the 20 ms minimum is too old: the drain began');
  assert.equal(f.windowBytes(1, 1e12), Math.max(PROBE_RTT_BYTES, MIN_WINDOW_MESSAGES * 100_000));
  assert.equal(f.windowBytes(1, 100_000), 100_000, 'never above the source bound');
  // Sent onto the drained window: 30 ms, acknowledged before PROBE_RTT_MS passed: the drain holds.
  step(30);
  assert.ok(f.probingRtt);
  c.wait(PROBE_RTT_MS);
  step(30);
  assert.ok(!f.probingRtt, 'a drained message acknowledged after PROBE_RTT_MS ends it');
  // The rate is about 100 kB per 30 ms; the window follows the drained 30 ms round trip. Taking the
  // next sample as the new minimum instead, as before, gave 500 ms and a window 16 times as large.
  const w = f.windowBytes(1, 1e12);
  assert.ok(w <= 2 * (100_000 / 30) * 30 * 1.01, `window ${w} bytes`);
  assert.ok(w > 0);
});

test('ProbeRTT ends within its bound when the window never drains (more than its messages always in flight)', () => {
  const f = new InFlight();
  f.push(1, 100, 0);
  f.ack(1, 10);
  f.windowBytes(1, 1e12);
  let seq = 2;
  let now = MIN_RTT_WINDOW_MS + 50;
  for (let i = 0; i <= MIN_WINDOW_MESSAGES + 1; i++) f.push(seq++, 1_000_000, now);
  now += 50;
  f.ack(1, now);
  assert.ok(f.probingRtt);
  const began = now;
  // Each ack is followed by another 1 MB send: always more than MIN_WINDOW_MESSAGES in flight.
  while (f.probingRtt && now - began < 10_000) {
    f.push(seq++, 1_000_000, now);
    now += 100;
    f.ack(1, now);
  }
  assert.ok(!f.probingRtt);
  assert.ok(now - began >= 2000 && now - began <= 2100, `ended after ${now - began} ms`);
});

test('no ProbeRTT drain while the least window holds anyway: the old minimum stays', () => {
  const c = oneAtATime(1_000);
  const { f, step } = c;
  step(20);
  assert.equal(f.windowBytes(4_000_000, 32_000_000), 4_000_000, 'twice the BDP is far below the least window');
  while (c.now <= MIN_RTT_WINDOW_MS + 100) step(500);
  assert.ok(!f.probingRtt, 'no drain');
  assert.equal(f.windowBytes(4_000_000, 32_000_000), 4_000_000);
  // About 1 kB per 520 ms: twice the BDP is about 77 bytes over 20 ms, about 1,900 over 500 ms.
  assert.ok(f.windowBytes(1, 1e12) < 200, 'the 20 ms minimum was kept, not a 500 ms sample');
});
