/**
 * backpressure: a subscriber that processes 1,000 msgs/s while the publisher pushes 256 B
 * messages as fast as it can for S seconds (default 60). Reports the publisher's rate in the
 * last quarter of the run (it must be slowed toward the consumer's rate, never failed) and the
 * peak RSS of every node (sampled from /metrics).
 * `node dist/bench/backpressure.js [--seconds S] [--high-water N]`
 */
import { performance } from 'node:perf_hooks';
import { machine, runIfMain, startChain } from './common.js';

const CONSUMER_RATE = 1000;

async function rss(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('meshd_process_resident_memory_bytes '));
  return line ? Number(line.split(' ')[1]) : 0;
}

/** Runs the scenario; `highWater` is informational (the nodes use their configured default). */
export async function run(o = { seconds: 60 }): Promise<object> {
  const chain = await startChain(1);
  try {
    const streamId = await chain.src.openStream('bp', [chain.target]);
    let consumed = 0;
    const sub = chain.dst.subscribe({
      streamId, tenantId: 'bp', credits: 100,
      onMessages: async (msgs) => {
        consumed += msgs.length;
        await new Promise((r) => setTimeout(r, (msgs.length / CONSUMER_RATE) * 1000));
      },
    });
    const peak = new Map<string, number>();
    const sampler = setInterval(() => {
      for (const n of chain.nodes) void rss(n.metricsUrl).then((v) => peak.set(n.spec.id, Math.max(peak.get(n.spec.id) ?? 0, v)), () => {});
    }, 1000);
    const pub = chain.src.publisher(streamId);
    const t0 = performance.now();
    const lastQuarter = t0 + o.seconds * 750;
    let published = 0;
    let publishedLastQuarter = 0;
    let failures = 0;
    const payload = Array.from({ length: 100 }, () => Buffer.alloc(256, 0x62));
    const inflight: Promise<unknown>[] = [];
    let over = false;
    const deadline = new Promise<void>((r) => setTimeout(() => { over = true; r(); }, o.seconds * 1000));
    while (!over) {
      inflight.push(pub.publish(payload).then(() => {
        if (over) return;
        published += payload.length;
        if (performance.now() >= lastQuarter) publishedLastQuarter += payload.length;
      }, () => { if (!over) failures++; }));
      if (inflight.length >= 16) await Promise.race([inflight.shift(), deadline]);
    }
    pub.cancel(); // publishes still held by backpressure are abandoned, not failures
    clearInterval(sampler);
    sub.close();
    const mb = (b: number) => Math.round(b / 1e6);
    return {
      bench: 'backpressure', seconds: o.seconds, consumerRatePerSec: CONSUMER_RATE, published, consumed, publishFailures: failures,
      publisherRateLastQuarterPerSec: Math.round(publishedLastQuarter / (o.seconds / 4)),
      peakRssMB: Object.fromEntries([...peak].map(([k, v]) => [k, mb(v)])), machine: machine(),
    };
  } finally {
    await chain.stop();
  }
}

const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
runIfMain(import.meta.url, () => run({ seconds: arg('--seconds', 60) }));
