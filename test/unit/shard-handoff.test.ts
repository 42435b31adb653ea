/**
 * Chunks for this node on a node with several shards (dataplane/inbound.ts, shard-rings.ts): each
 * goes to the one shard that reassembles its stream; one that shard's ring cannot take is dropped
 * and counted, never reassembled by the shard it arrived on (where its message would stay partial
 * until the source's retransmission). The shard ring's queue bounds per hand-off class.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newUlid } from '../../src/shared/ids.js';
import { decodeBatch, encodeFrame, FrameType, type Frame } from '../../src/shared/wire/index.js';
import type { DataPlaneStats, InboundMessage } from '../../src/workers/dataplane/index.js';
import { Inbound } from '../../src/workers/dataplane/inbound.js';
import { Reassembler, encodeMessage } from '../../src/workers/dataplane/reassembly.js';
import { streamHashOf } from '../../src/workers/dataplane/lanes.js';
import { MAX_QUEUED_CHUNK_RECORDS, MAX_QUEUED_RECORDS, ShardLinks, createShardRings } from '../../src/workers/dataplane/shard-rings.js';
import type { HandOffClass } from '../../src/workers/dataplane/virtual-link.js';
import type { Outbound } from '../../src/workers/dataplane/outbound.js';
import type { PairKeys } from '../../src/workers/dataplane/pair-keys.js';
import type { Link } from '../../src/workers/dataplane/link.js';

/** The chunks of a 200 KiB message from node 1 to node 4 on a stream whose reassembling shard (of 2) is 1. */
function chunksOwnedByShard1(): Frame[] {
  for (;;) {
    const frames = encodeMessage(
      { dst: 4n, streamId: newUlid(), tenant: 9n, seq: 1, messageId: newUlid(), priority: 0, payload: new Uint8Array(200 * 1024).fill(7) }, 1n, 64 * 1024,
    ).map((b) => decodeBatch(b)[0]);
    if (streamHashOf(frames[0].raw) % 2 === 1) return frames;
  }
}

/** Shard 0's inbound path of a node with two shards; `accept` decides whether shard 1's ring takes a hand-off. */
function shard0(accept: (n: number) => boolean) {
  const handed: Array<{ to: number; cls: HandOffClass }> = [];
  const reassembler = new Reassembler();
  const counters = { shardHandoffs: 0, sacks: 0, dropped: { congested: 0 } } as unknown as DataPlaneStats;
  const inb = new Inbound({
    counters, reassembler, tracer: null, localTag: () => 4n, emit: () => {}, deliverRaw: () => null,
    out: {} as unknown as Outbound,
    pairKeys: { seal: () => true, check: () => 'ok' } as unknown as PairKeys,
    liveness: () => { throw new Error('unused'); },
    crossShard: () => (to, _frame, cls) => { handed.push({ to, cls }); return accept(handed.length); },
    shardIndex: () => 0, shardCount: () => 2,
  });
  return { inb, handed, reassembler, counters };
}

const link = { id: 1, peerTag: 3n } as unknown as Link;

test('shard hand-off: a chunk for this node goes to the shard that reassembles its stream, as a chunk', () => {
  const { inb, handed, reassembler, counters } = shard0(() => true);
  const delivered: InboundMessage[] = [];
  const chunks = chunksOwnedByShard1();
  for (const f of chunks) inb.dispatch(link, f, delivered);
  assert.deepEqual(handed, chunks.map(() => ({ to: 1, cls: 'chunk' })));
  assert.equal(counters.shardHandoffs, chunks.length);
  assert.equal(delivered.length, 0);
  assert.equal(reassembler.bufferedBytes, 0, 'nothing reassembled here');
});

test('shard hand-off: a chunk the owning shard cannot take is dropped as congested, never reassembled here', () => {
  // Every other hand-off refused: before, the refused chunks were reassembled by shard 0, so the
  // message sat partial in both shards.
  const { inb, handed, reassembler, counters } = shard0((n) => n % 2 === 1);
  const delivered: InboundMessage[] = [];
  const chunks = chunksOwnedByShard1();
  for (const f of chunks) inb.dispatch(link, f, delivered);
  assert.equal(handed.length, chunks.length);
  const refused = Math.floor(chunks.length / 2);
  assert.equal(counters.dropped.congested, refused);
  assert.equal(counters.shardHandoffs, chunks.length - refused);
  assert.equal(delivered.length, 0);
  assert.equal(reassembler.bufferedBytes, 0, 'no partial message left in this shard');
  // All refused: still nothing here (a whole message would have been delivered by the wrong shard before).
  const none = shard0(() => false);
  for (const f of chunksOwnedByShard1()) none.inb.dispatch(link, f, delivered);
  assert.equal(delivered.length, 0);
  assert.equal(none.reassembler.bufferedBytes, 0);
});

test('shard ring: a backed-up ring refuses transit data first, chunks later, control never', () => {
  // Shard 0's ends only: nothing reads the ring to shard 1, so what does not fit queues.
  const rings = createShardRings(2);
  const links = new ShardLinks(0, rings, () => {}, () => {});
  try {
    const frame = encodeFrame({ type: FrameType.Data, ttl: 8, src: 1n, dst: 4n, payload: new Uint8Array(1024 * 1024 - 16) }); // a record of its own: at least 1 MiB with its header
    let data = 0;
    while (links.send(1, frame, 'data')) if (++data > 10_000) assert.fail('transit data never refused');
    // Each frame of 1 MiB fills a record of its own once the 16 MiB ring is full.
    assert.ok(data >= MAX_QUEUED_RECORDS && data <= MAX_QUEUED_RECORDS + 32, `transit data refused after ${data} frames`);
    let chunks = 0;
    while (links.send(1, frame, 'chunk')) if (++chunks > 10_000) assert.fail('chunks never refused');
    assert.equal(data + chunks, MAX_QUEUED_CHUNK_RECORDS + (data - MAX_QUEUED_RECORDS), 'chunks queue up to their own bound');
    assert.equal(links.send(1, frame, 'data'), false);
    assert.equal(links.send(1, frame, 'control'), true, 'control frames always queue');
    assert.equal(links.send(7, frame, 'control'), false, 'no such shard');
  } finally {
    links.close();
  }
});
