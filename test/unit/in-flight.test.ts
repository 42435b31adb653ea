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
