import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InFlight } from '../../src/main/streams/in-flight.js';

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
