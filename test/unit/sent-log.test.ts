/**
 * A lane's sent log (workers/dataplane/sent-log.ts): which messages a cut lane may have lost.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SentLog } from '../../src/workers/dataplane/index.js';
import { FrameType, encodeFrame } from '../../src/shared/wire/index.js';

const STREAM = '01JCZ00000000000000000000A';
const OTHER = '01JCZ00000000000000000000B';
const data = (src: bigint, dst: bigint, streamId: string, seq: number, chunkSeq = 0) =>
  encodeFrame({ type: FrameType.Data, ttl: 8, src, dst, streamId, seq, chunkSeq, totalChunks: 2, payload: new Uint8Array(100) });

test('sent log: frames the peer has not consumed and frames waiting for credit are lost, once per message, this source only', () => {
  const log = new SentLog();
  let end = 0;
  const send = (f: Uint8Array) => log.record(f, (end += f.length));
  send(data(1n, 9n, STREAM, 1, 0));
  const consumedAfterFirst = end;
  send(data(1n, 9n, STREAM, 1, 1));
  send(data(1n, 9n, STREAM, 2, 0));
  send(data(5n, 9n, STREAM, 7)); // forwarded for another source: its source recovers it
  send(encodeFrame({ type: FrameType.Ack, ttl: 8, src: 1n, dst: 9n, streamId: STREAM, ack: 3 })); // not data
  send(data(1n, 8n, OTHER, 2 ** 40)); // a seq past 32 bits
  assert.equal(log.size, 5, 'the ack is not kept');
  log.confirm(consumedAfterFirst);
  assert.equal(log.size, 4);
  const waiting = [data(1n, 9n, STREAM, 3), encodeFrame({ type: FrameType.Credit, ttl: 1, src: 1n, dst: 0n })];
  assert.deepEqual(log.lost(1n, waiting), [
    { dst: 9n, streamId: STREAM, seq: 1 }, // its second chunk was not consumed
    { dst: 9n, streamId: STREAM, seq: 2 },
    { dst: 8n, streamId: OTHER, seq: 2 ** 40 },
    { dst: 9n, streamId: STREAM, seq: 3 },
  ]);
  // Everything consumed: nothing lost but what never left.
  log.confirm(end);
  assert.equal(log.size, 0);
  assert.deepEqual(log.lost(1n, []), []);
});

test('sent log: a long run of confirmations compacts the log and keeps the order', () => {
  const log = new SentLog();
  let end = 0;
  for (let i = 1; i <= 5000; i++) log.record(data(1n, 9n, STREAM, i), (end += 1000));
  log.confirm(4990 * 1000);
  assert.equal(log.size, 10);
  assert.deepEqual(log.lost(1n, []).map((l) => l.seq), [4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999, 5000]);
  // A lower consumed total (a replayed or reordered update) changes nothing.
  log.confirm(10);
  assert.equal(log.size, 10);
});
