import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebSocket } from 'ws';
import { FrameType, decodeBatch, encodeBody, encodeFrame, INITIAL_CREDIT_BYTES } from '../../src/shared/wire/index.js';
import { Link } from '../../src/workers/dataplane/link.js';

/** A socket stand-in (the test is about the link's queues, not the network). */
function fakeSocket() {
  const sent: Buffer[] = [];
  const ws = { bufferedAmount: 0, send: (m: Buffer) => sent.push(Buffer.from(m)), close: () => {}, terminate: () => {} };
  return { ws: ws as unknown as WebSocket, sent, fake: ws };
}

const data = (seq: number, bytes = 256 * 1024) => encodeFrame({ type: FrameType.Data, ttl: 4, src: 1n, dst: 2n, seq, payload: Buffer.alloc(bytes) });
const ack = (seq: number) => encodeFrame({ type: FrameType.Ack, ttl: 4, src: 1n, dst: 2n, ack: seq });
const ping = () => encodeFrame({ type: FrameType.Heartbeat, ttl: 1, src: 1n, dst: 0n, payload: encodeBody({ kind: 'ping', t: 1 }) });

function sentFrames(sent: Buffer[]) {
  return sent.flatMap((m) => decodeBatch(m));
}

test('a lane without credit queues credited frames in order, lets heartbeats through, and drains control first on a window update', () => {
  const { ws, sent } = fakeSocket();
  const link = new Link(1, ws, true, 'x', 1 << 20, 2000, 0, { highWaterBytes: 64 << 20, lowWaterBytes: 16 << 20 });
  const n = Math.ceil(INITIAL_CREDIT_BYTES / (256 * 1024)) + 4;
  for (let i = 1; i <= n; i++) link.send(data(i), false);
  link.flush();
  const first = sentFrames(sent).map((f) => f.seq);
  assert.equal(first.length, Math.ceil(INITIAL_CREDIT_BYTES / (256 * 1024 + 96)), 'sent up to the initial credit (one frame may overshoot)');
  assert.ok(link.waiting > 0);
  link.send(ping(), true);
  link.send(ack(7), true);
  link.flush();
  const afterPing = sentFrames(sent);
  assert.equal(afterPing[afterPing.length - 1].type, FrameType.Heartbeat, 'the heartbeat is not held by credit');
  assert.ok(!afterPing.some((f) => f.type === FrameType.Ack), 'the ack (credited) waits');
  link.onCredit(INITIAL_CREDIT_BYTES * 4);
  link.flush();
  const all = sentFrames(sent);
  const after = all.slice(afterPing.length);
  assert.equal(after[0].type, FrameType.Ack, 'waiting control frames go first');
  assert.deepEqual(all.filter((f) => f.type === FrameType.Data).map((f) => f.seq), Array.from({ length: n }, (_, i) => i + 1), 'data in order, none lost or doubled');
  assert.equal(link.waiting, 0);
  link.onCredit(1);
  assert.equal(link.credit.granted, INITIAL_CREDIT_BYTES * 4, 'a stale update is ignored');
});

test('the send queue refuses data past the high water mark until it drains below the low one', () => {
  const { ws, fake } = fakeSocket();
  const link = new Link(1, ws, true, 'x', 1 << 20, 2000, 0, { highWaterBytes: 8 << 20, lowWaterBytes: 2 << 20 });
  assert.equal(link.congested, false);
  fake.bufferedAmount = 9 << 20;
  assert.equal(link.congested, true);
  fake.bufferedAmount = 5 << 20;
  assert.equal(link.congested, true, 'still above the low water mark');
  fake.bufferedAmount = 1 << 20;
  assert.equal(link.congested, false);
  assert.equal(link.congestedEpisodes, 1);
});

test('a flush sends runs of small frames as one message and every large frame alone, uncopied, in queue order with control first', () => {
  const { ws, sent } = fakeSocket();
  const raw: Uint8Array[] = [];
  (ws as unknown as { send: (m: Uint8Array) => void }).send = (m) => raw.push(m);
  const link = new Link(1, ws, true, 'x', 8 << 20, 2000, 0, { highWaterBytes: 64 << 20, lowWaterBytes: 16 << 20 });
  const big = [data(1, 64 * 1024), data(2, 64 * 1024)];
  link.send(data(10, 100), false);
  link.send(big[0], false);
  link.send(data(11, 100), false);
  link.send(data(12, 100), false);
  link.send(big[1], false);
  link.send(ack(3), true);
  link.flush();
  const messages = raw.map((m) => decodeBatch(Buffer.from(m)).map((f) => f.type === FrameType.Ack ? 'ack' : f.seq));
  assert.deepEqual(messages, [['ack', 10], [1], [11, 12], [2]]);
  assert.equal(raw[1], big[0], 'a large frame is sent as the queued buffer itself');
  assert.equal(raw[3], big[1]);
  assert.equal(sent.length, 0);
});

test('a live reload retunes a link: its batch size at once, its largest credit window once it is bound as a lane', () => {
  const { ws, sent } = fakeSocket();
  const link = new Link(1, ws, true, 'x', 1 << 20, 2000, 0, { highWaterBytes: 64 << 20, lowWaterBytes: 16 << 20 });
  link.retune(1024, 64 << 20);
  assert.equal(link.credit.maxWindowBytes, INITIAL_CREDIT_BYTES, 'not bound yet: the window waits for setLane');
  // A batch now flushes at 1 KiB: a 4 KiB frame goes out without an explicit flush.
  link.onCredit(INITIAL_CREDIT_BYTES * 4);
  link.send(data(1, 4096), false);
  assert.equal(sentFrames(sent).length, 1);
  (link as unknown as { peerTag: bigint }).peerTag = 2n;
  link.setLane(2, 16 << 20);
  link.retune(1024, 32 << 20);
  assert.equal(link.credit.maxWindowBytes, 32 << 20);
});
