/**
 * The SharedArrayBuffer ring across two threads (the main <-> data-plane worker path):
 * - one-way: the main thread writes 256-byte records as fast as the ring takes them, a worker
 *   reads them; records/s;
 * - ping-pong: the main thread writes one record and waits for the worker's echo on a second
 *   ring before the next; round trips/s and the mean round trip (us).
 * Both ends wait with Atomics.waitAsync, as the data plane does. Part of `npm run bench:micro`.
 */
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { RingConsumer, RingProducer, createRingBuffer } from '../src/shared/ring/index.js';

const ECHO_URL = new URL('./ring-echo.js', import.meta.url);
const RECORD = Buffer.alloc(256, 7);

/** Runs both measurements; resolves to their figures. */
export async function runRingThreads(opts: { oneWay?: number; pingPong?: number } = {}): Promise<object> {
  const oneWayN = opts.oneWay ?? 1_000_000;
  const pingN = opts.pingPong ?? 20_000;
  const down = createRingBuffer(1 << 20);
  const up = createRingBuffer(1 << 20);
  const out = new RingProducer(down);
  const back = new RingConsumer(up);
  const worker = new Worker(ECHO_URL, { workerData: { down, up } });
  // Atomics.waitAsync alone does not keep a thread alive.
  const keepAlive = setInterval(() => {}, 1000);
  try {
    // one-way: the worker counts records and answers once with the count.
    out.tryWrite(Buffer.from(JSON.stringify({ mode: 'count', n: oneWayN })));
    let t = performance.now();
    for (let i = 0; i < oneWayN;) {
      if (out.tryWrite(RECORD)) i++;
      else await new Promise((r) => setImmediate(r));
    }
    await takeOne(back);
    const oneWaySecs = (performance.now() - t) / 1000;
    out.tryWrite(Buffer.from(JSON.stringify({ mode: 'echo', n: pingN })));
    t = performance.now();
    for (let i = 0; i < pingN; i++) {
      out.tryWrite(RECORD);
      await takeOne(back);
    }
    const pingSecs = (performance.now() - t) / 1000;
    return {
      ringOneWayRecordsPerSec: Math.round(oneWayN / oneWaySecs),
      ringPingPongPerSec: Math.round(pingN / pingSecs),
      ringPingPongRoundTripUs: Math.round((pingSecs / pingN) * 1e6 * 10) / 10,
    };
  } finally {
    clearInterval(keepAlive);
    await worker.terminate();
  }
}

async function takeOne(c: RingConsumer): Promise<Uint8Array> {
  for (;;) {
    const r = c.read();
    if (r) return r;
    await c.wait(1000);
  }
}
