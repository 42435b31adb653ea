/**
 * Micro benchmarks (tinybench): frame encode/decode, batch decode, CRC32C and BLAKE3 at 256 B
 * and 64 KiB, Dijkstra on a 1,000-node graph, SharedArrayBuffer ring write+read of 256 B in one
 * thread, and of 64 KiB records written as a 44-byte header and a payload at an offset of a larger
 * buffer that moves by 4,099 bytes per record (the data plane's case: records and payload views
 * start anywhere; ring.ts on word alignment); then the ring across two threads, one-way and ping-pong (bench/ring-threads.ts). Prints
 * one JSON line with ops/s per task, the cross-thread ring figures and the machine;
 * `node dist/bench/micro.js` (also part of `npm run bench`).
 */
import { Bench } from 'tinybench';
import { crc32c } from '@node-rs/crc32';
import { blake3 } from '@napi-rs/blake-hash';
import { newUlid } from '../src/shared/ids.js';
import { FrameType, decodeBatch, encodeFrame } from '../src/shared/wire/index.js';
import { shortestPaths, type Graph } from '../src/main/topology/index.js';
import { machine, runIfMain } from './common.js';
import { runRingThreads } from './ring-threads.js';
import { RingConsumer, RingProducer, createRingBuffer } from '../src/shared/ring/index.js';

const small = Buffer.alloc(256, 7);
const large = Buffer.alloc(64 * 1024, 7);
const frame = { type: FrameType.Data, ttl: 16, src: 1n, dst: 2n, streamId: newUlid(), seq: 1, messageId: newUlid(), payload: small };
const encoded = encodeFrame(frame);
const batch = Buffer.concat(Array.from({ length: 64 }, () => encoded));

function randomGraph(n: number, degree: number): Graph {
  const g: Graph = new Map();
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < n; i++) g.set(`n${i}`, new Map());
  for (let i = 0; i < n; i++) for (let k = 0; k < degree; k++) {
    const j = Math.floor(rnd() * n);
    if (j !== i) { g.get(`n${i}`)!.set(`n${j}`, 1 + rnd() * 20); g.get(`n${j}`)!.set(`n${i}`, 1 + rnd() * 20); }
  }
  return g;
}
const graph = randomGraph(1000, 4);
const ringSab = createRingBuffer(1 << 20);
const ringOut = new RingProducer(ringSab);
const ringIn = new RingConsumer(ringSab);
const bigSab = createRingBuffer(8 << 20);
const bigOut = new RingProducer(bigSab);
const bigIn = new RingConsumer(bigSab);
const header = Buffer.alloc(44, 3);
const source = Buffer.alloc(1 << 20, 5);
let sourceAt = 0;

/** Runs the micro benchmarks; resolves to ops/s per task and the machine. */
export async function run(): Promise<object> {
  const bench = new Bench({ time: 500 });
  bench
  .add('frame encode 256 B', () => { encodeFrame(frame); })
  .add('frame decode 256 B', () => { decodeBatch(encoded); })
  .add('batch decode 64 x 256 B', () => { decodeBatch(batch); })
  .add('crc32c 256 B', () => { crc32c(small); })
  .add('crc32c 64 KiB', () => { crc32c(large); })
  .add('blake3 256 B', () => { blake3(small); })
  .add('blake3 64 KiB', () => { blake3(large); })
  .add('dijkstra 1000 nodes', () => { shortestPaths(graph, 'n0'); })
  .add('ring write+read 256 B (one thread)', () => { ringOut.tryWrite(small); ringIn.read(); })
  .add('ring write+read 64 KiB at any offset (one thread)', () => {
    sourceAt = (sourceAt + 4099) % (source.length - large.length);
    bigOut.tryWriteParts([header, source.subarray(sourceAt, sourceAt + large.length)]);
    bigIn.read();
  });
  await bench.run();
  const results = Object.fromEntries(bench.tasks.map((t) => [t.name, Math.round(t.result && 'throughput' in t.result ? t.result.throughput.mean : (t.result as unknown as { hz: number })?.hz ?? 0)]));
  return { bench: 'micro', opsPerSec: results, ...(await runRingThreads()), machine: machine() };
}

runIfMain(import.meta.url, run);
