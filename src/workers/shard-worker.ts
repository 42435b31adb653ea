/**
 * Entry point of a data-plane worker thread (one shard): runs an {@link InThreadDataPlane} and
 * talks to the main thread only through two SharedArrayBuffer rings (workerData.down: commands
 * and requests; workerData.up: events and replies), and to the other shards through the shard
 * rings (transit frames whose next hop's link another shard owns).
 */
import { workerData } from 'node:worker_threads';
import { ErrorCode, toRecord } from '../shared/errors.js';
import { RingConsumer, RingProducer } from '../shared/ring/index.js';
import { InThreadDataPlane, type DataPlaneOptions } from './dataplane/index.js';
import {
  MIXED_ENCODING, RingReceiver, RingSender, decodeMixed, splitEvent, type FrameRun, type FromWorker, type Request, type ToWorker,
} from './dataplane/thread-protocol.js';
import { ShardLinks, type ShardRings } from './dataplane/shard-rings.js';

/** What the main thread passes to a worker. */
export interface ShardWorkerData {
  opts: DataPlaneOptions;
  down: SharedArrayBuffer;
  up: SharedArrayBuffer;
  firstLinkId: number;
  /** This worker's shard index. */
  shard: number;
  /** Rings between shards (see shard-rings.ts). */
  shardRings: ShardRings;
}

const { opts, down, up, firstLinkId, shard, shardRings } = workerData as ShardWorkerData;
const WORKER_TOKEN = 2;
const out = new RingSender<FromWorker | Uint8Array>(new RingProducer(up, WORKER_TOKEN), MIXED_ENCODING);
const dp = new InThreadDataPlane(opts, firstLinkId);
dp.onEvent = (ev) => {
  for (const part of splitEvent(ev)) out.send({ k: 'ev', ev: part });
};
dp.deliverRaw = (frame) => out.send(frame);
const shards = new ShardLinks(shard, shardRings, (f) => dp.fromShard(f), (err) => {
  out.send({ k: 'ev', ev: { type: 'frame-error', linkId: 0, code: ErrorCode.FrameBadHeader, message: `shard ring record: ${String(err)}` } });
});
dp.shardIndex = shard;
dp.shardCount = shardRings.length;
if (shardRings.length > 1) dp.crossShard = (to, frame, cls) => shards.send(to, frame, cls);

// Atomics.waitAsync does not keep a thread alive, and a shard without a listener or links has
// nothing else pending: hold the thread open until the main thread stops it.
const keepAlive = setInterval(() => {}, 60_000);

async function answer(req: Request): Promise<unknown> {
  switch (req.op) {
    case 'listen': return dp.listen(req.host, req.port);
    case 'dial': return dp.dial(req.address, undefined, req.path);
    case 'stats': return dp.stats();
    case 'links': return dp.links();
    case 'stop': return dp.stop();
  }
}

const receiver = new RingReceiver<ToWorker | FrameRun>(new RingConsumer(down, WORKER_TOKEN), (msg) => {
  if (msg.k === 'frames') {
    dp.sendFrames(msg.frames);
    return;
  }
  if (msg.k === 'cmd') {
    dp.execute(msg.cmd);
    return;
  }
  answer(msg.req).then(
    (value) => out.send({ k: 'rep', id: msg.id, ok: true, value: value ?? null }),
    (err: unknown) => out.send({ k: 'rep', id: msg.id, ok: false, error: toRecord(err) }),
  );
  if (msg.req.op === 'stop') {
    receiver.stop();
    shards.close();
    clearInterval(keepAlive);
  }
}, decodeMixed<ToWorker>);
void receiver.run();
