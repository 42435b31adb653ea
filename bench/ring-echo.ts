/**
 * Worker side of bench/ring-threads.ts: a control record `{mode, n}` then n records; in `count`
 * mode it answers once after n, in `echo` mode it sends every record back.
 */
import { workerData } from 'node:worker_threads';
import { RingConsumer, RingProducer } from '../src/shared/ring/index.js';

const { down, up } = workerData as { down: SharedArrayBuffer; up: SharedArrayBuffer };
const input = new RingConsumer(down);
const output = new RingProducer(up);
setInterval(() => {}, 60_000); // Atomics.waitAsync alone does not keep a thread alive; terminate() ends it

async function next(): Promise<Uint8Array> {
  for (;;) {
    const r = input.read();
    if (r) return r;
    await input.wait(1000);
  }
}

for (;;) {
  const ctl = JSON.parse(Buffer.from(await next()).toString()) as { mode: 'count' | 'echo'; n: number };
  for (let i = 0; i < ctl.n; i++) {
    const r = await next();
    if (ctl.mode === 'echo') output.tryWrite(r);
  }
  if (ctl.mode === 'count') output.tryWrite(Uint8Array.of(1));
}
