/**
 * The stream sender's resends (streams/target-sender.ts): on a fast reroute the oldest
 * RTO_RESEND_BYTES of what was in flight go out flagged as resends (the priority lane at every
 * hop), the rest as ordinary bulk; a retransmission timeout's resends are flagged too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIN_WINDOW_BYTES, MIN_WINDOW_MESSAGES, RESEND_READ_BATCH, RTO_RESEND_BYTES, TargetSender, type SenderStream } from '../../src/main/streams/target-sender.js';
import type { DataPlaneCommand, DataPlanePort, OutboundMessage } from '../../src/workers/dataplane/index.js';
import type { StoredMessage } from '../../src/main/storage/index.js';

const MSG_BYTES = 256 * 1024;
/** The window these tests run with: 16 messages of MSG_BYTES in flight, four times RTO_RESEND_BYTES. */
const TEST_MIN_WINDOW_BYTES = 4 * 1024 * 1024;

function harness(messages: number, msgBytes = MSG_BYTES) {
  const sent: OutboundMessage[] = [];
  const reads = { messages: 0 };
  const outbox: StoredMessage[] = Array.from({ length: messages }, (_, i) => ({ seq: i + 1, messageId: `m${i + 1}`, publishedAtMs: 0, payload: new Uint8Array(msgBytes) }));
  // Only execute() is used by the sender; the rest of the port is not part of this test.
  const dp = { execute: (c: DataPlaneCommand) => { if (c.type === 'send-message') sent.push(c.msg); } } as unknown as DataPlanePort;
  const sender = new TargetSender({
    dp, cfg: { windowMessages: 1000, rtoMinMs: 50, rtoMaxMs: 1000, minWindowBytes: TEST_MIN_WINDOW_BYTES } as never, hasRoute: () => true,
    read: (_rt, from, n) => {
      const out = outbox.slice(from - 1, from - 1 + n);
      reads.messages += out.length;
      return out;
    },
    onGap: () => {}, onRetransmit: () => {},
  });
  const rt = { meta: { streamId: '01JCZ00000000000000000000A', priority: 0 }, tenantTag: 1n, durableSeq: messages } as unknown as SenderStream;
  const t = sender.target('d', 2n, 0);
  return { sender, rt, t, sent, reads };
}

test('a fast reroute resends the oldest RTO_RESEND_BYTES in flight as resends, the rest as bulk', () => {
  const { sender, rt, t, sent } = harness(16);
  sender.pump(rt, t);
  assert.equal(sent.length, 16);
  assert.ok(sent.every((m) => !m.resend), 'first sends are ordinary');
  sent.length = 0;
  sender.onAck(rt, t, 2, Number.MAX_SAFE_INTEGER);
  sender.resendInFlight(rt, t, Date.now());
  assert.deepEqual(sent.map((m) => m.seq), [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  const flagged = sent.filter((m) => m.resend).map((m) => m.seq);
  assert.deepEqual(flagged, [3, 4, 5, 6], `${RTO_RESEND_BYTES} bytes of ${MSG_BYTES}-byte messages`);
  // New messages after that are ordinary again.
  sent.length = 0;
  sender.onAck(rt, t, 16, Number.MAX_SAFE_INTEGER);
  (rt as { durableSeq: number }).durableSeq = 16;
  sender.pump(rt, t);
  assert.ok(sent.every((m) => !m.resend));
});

test('a retransmission timeout resends the oldest messages flagged as resends', () => {
  const { sender, rt, t, sent } = harness(8);
  sender.pump(rt, t);
  sent.length = 0;
  t.lastProgressMs = Date.now() - 10_000;
  sender.tick(rt, t, Date.now());
  const resent = sent.filter((m) => m.seq > 0); // seq 0: the stream's announcement (nothing acknowledged yet)
  assert.ok(resent.length >= 1);
  assert.ok(resent.every((m) => m.resend), `every message a timeout resends is flagged: ${JSON.stringify(resent.map((m) => [m.seq, m.resend]))}`);
  assert.equal(resent[0].seq, 1);
  assert.equal(resent.length, RTO_RESEND_BYTES / MSG_BYTES);
});

test('a cut lane\'s lost messages are resent alone, unacknowledged ones only, the oldest RTO_RESEND_BYTES flagged; the rest stays in flight', () => {
  const { sender, rt, t, sent } = harness(16);
  let rerouted = 0;
  (sender as unknown as { d: { onRerouted: () => void } }).d.onRerouted = () => { rerouted++; };
  sender.pump(rt, t);
  sent.length = 0;
  sender.onAck(rt, t, 4, Number.MAX_SAFE_INTEGER);
  // Lost: 2 (already acknowledged), 5-10 and 14, one twice, and 40 (never sent).
  sender.resendLost(rt, t, [14, 2, 5, 6, 7, 8, 9, 10, 6, 40], Date.now());
  assert.deepEqual(sent.map((m) => m.seq), [5, 6, 7, 8, 9, 10, 14]);
  assert.deepEqual(sent.filter((m) => m.resend).map((m) => m.seq), [5, 6, 7, 8]);
  assert.equal(t.sent, 16, 'nothing else is sent again: the window stays in flight');
  // The first ack after the cut is the reroute's first delivery, in order too (a cumulative ack).
  sender.onAck(rt, t, 6, Number.MAX_SAFE_INTEGER);
  assert.equal(rerouted, 2);
  // Nothing left to resend: no call.
  sent.length = 0;
  sender.resendLost(rt, t, [1, 3], Date.now());
  assert.equal(sent.length, 0);
});

test('a reroute\'s first delivery is the ack that covers the oldest lost message, not an earlier one', () => {
  const { sender, rt, t } = harness(16);
  const reported: Array<[string, number]> = [];
  (sender as unknown as { d: { onRerouted: (p: string, ms: number) => void } }).d.onRerouted = (p, ms) => { reported.push([p, ms]); };
  sender.pump(rt, t);
  sender.onAck(rt, t, 4, Number.MAX_SAFE_INTEGER);
  // The cut lane held 9, 10 and 14; 5-8 went over the other path.
  sender.resendLost(rt, t, [9, 10, 14], Date.now() - 30);
  sender.onAck(rt, t, 8, Number.MAX_SAFE_INTEGER); // what had arrived before the cut
  assert.deepEqual(reported, [], 'an ack short of seq 9 says nothing about the reroute');
  sender.onAck(rt, t, 9, Number.MAX_SAFE_INTEGER);
  assert.deepEqual(reported.map((r) => r[0]), ['first', 'inOrder']);
  assert.ok(reported[0][1] >= 30, `measured from the cut: ${reported[0][1]} ms`);
  sender.onAck(rt, t, 16, Number.MAX_SAFE_INTEGER);
  assert.deepEqual(reported.map((r) => r[0]), ['first', 'inOrder', 'complete']);
});

test('a cut reported late, after the routes moved on an LSA, is timed from its own earlier cut', () => {
  const { sender, rt, t } = harness(16);
  const reported: Array<[string, number]> = [];
  (sender as unknown as { d: { onRerouted: (p: string, ms: number) => void } }).d.onRerouted = (p, ms) => { reported.push([p, ms]); };
  sender.pump(rt, t);
  sender.onAck(rt, t, 4, Number.MAX_SAFE_INTEGER);
  // The routes moved first (the far end's LSA): everything in flight is resent, timed from now.
  sender.resendInFlight(rt, t, Date.now());
  // Then this node's own link is declared dead: silent since 300 ms ago, when it was cut.
  sender.resendLost(rt, t, [5, 6], Date.now() - 300);
  sender.onAck(rt, t, 5, Number.MAX_SAFE_INTEGER);
  assert.equal(reported.length, 2);
  assert.ok(reported[0][1] >= 300, `measured from the earlier cut: ${reported[0][1]} ms`);
  sender.onAck(rt, t, 16, Number.MAX_SAFE_INTEGER);
  assert.deepEqual(reported.map((r) => r[0]), ['first', 'inOrder', 'complete']);
  assert.ok(reported[2][1] >= 300);
});

test('a retransmission reads only a few messages past what it resends', () => {
  const { sender, rt, t, sent, reads } = harness(64);
  sender.pump(rt, t);
  sent.length = 0;
  reads.messages = 0;
  t.lastProgressMs = Date.now() - 10_000;
  sender.tick(rt, t, Date.now());
  assert.equal(sent.filter((m) => m.seq > 0).length, RTO_RESEND_BYTES / MSG_BYTES);
  assert.ok(reads.messages <= RESEND_READ_BATCH, `read ${reads.messages} messages for ${RTO_RESEND_BYTES / MSG_BYTES} resent (64 in flight)`);
  // The partial ack that stops right after them resends the next ones, reading as few again.
  reads.messages = 0;
  sent.length = 0;
  sender.onAck(rt, t, RTO_RESEND_BYTES / MSG_BYTES, Number.MAX_SAFE_INTEGER);
  assert.deepEqual(sent.map((m) => m.seq), [5, 6, 7, 8]);
  assert.ok(reads.messages <= RESEND_READ_BATCH);
});

test('large messages stay within the byte window, and a pump reads about what it sends', () => {
  const mib = 1024 * 1024;
  const { sender, rt, t, sent, reads } = harness(600, mib);
  sender.pump(rt, t);
  // Before any rate is measured the window is its least: 4 messages of 1 MiB, not a whole read
  // batch (once 128 MiB past a 6 MiB window).
  assert.equal(sent.length, TEST_MIN_WINDOW_BYTES / mib);
  assert.equal(t.flight.bytes, TEST_MIN_WINDOW_BYTES);
  assert.ok(reads.messages <= RESEND_READ_BATCH, `read ${reads.messages}`);
  sent.length = 0;
  reads.messages = 0;
  sender.onAck(rt, t, 2, Number.MAX_SAFE_INTEGER);
  sender.pump(rt, t);
  assert.deepEqual(sent.map((m) => m.seq), [5, 6], 'two acknowledged, two more sent');
  assert.equal(reads.messages, 2, 'only what the window has room for is read');
});

test('without streams.minWindowBytes the sender starts at MIN_WINDOW_BYTES', () => {
  const { sender, rt, t, sent } = harness(600, 64 * 1024);
  (sender as unknown as { d: { cfg: { minWindowBytes?: number } } }).d.cfg.minWindowBytes = undefined;
  sender.pump(rt, t);
  assert.equal(t.flight.bytes, MIN_WINDOW_BYTES);
  assert.equal(sent.length, MIN_WINDOW_BYTES / (64 * 1024));
});

test('messages larger than a quarter of the least window still get MIN_WINDOW_MESSAGES in flight', () => {
  const mib = 1024 * 1024;
  const { sender, rt, t, sent } = harness(64, 2 * mib);
  sender.pump(rt, t);
  assert.equal(t.flight.bytes, TEST_MIN_WINDOW_BYTES, 'before any message size is known: the byte floor (two of 2 MiB)');
  sent.length = 0;
  sender.onAck(rt, t, 1, Number.MAX_SAFE_INTEGER);
  sender.pump(rt, t);
  assert.equal(t.flight.bytes, MIN_WINDOW_MESSAGES * 2 * mib, 'then four messages of the newest size');
  assert.deepEqual(sent.map((m) => m.seq), [3, 4, 5]);
});

test('the window of the last send attempt, bytes in flight and the round trips are kept for the operator', () => {
  const { sender, rt, t } = harness(16);
  assert.equal(t.windowBytes, 0, 'nothing tried yet');
  sender.pump(rt, t);
  assert.equal(t.windowBytes, TEST_MIN_WINDOW_BYTES, 'no round trip measured: the least window');
  assert.equal(t.flight.bytes, 16 * MSG_BYTES);
  assert.equal(t.flight.minRttMs, 0, 'no sample yet');
  sender.onAck(rt, t, 4, Number.MAX_SAFE_INTEGER);
  assert.ok(t.flight.minRttMs >= 0 && t.flight.srttMs > 0, `a sample: srtt ${t.flight.srttMs}`);
  assert.equal(t.flight.bytes, 12 * MSG_BYTES);
});
