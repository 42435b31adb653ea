/**
 * Open-loop fixed-rate load through meshd: publishes `rate` messages/s of `size` bytes for
 * `seconds` on a new stream from the node behind `src` to `target`, with a subscriber on the node
 * behind `dst`; measures end-to-end latency from the publish time written in each payload.
 * One warm-up message goes through first and is not counted: the stream's first publish and the
 * subscriber's first delivery wait for the tenant's key to be made and wrapped for the two nodes
 * through the control group (tens to hundreds of ms, once per tenant and node), which is not the
 * steady state this measures. Its latency is reported as `warmupMs`.
 */
import { performance } from 'node:perf_hooks';
import type { MeshClient } from '../src/main/api/grpc/client.js';

/** Outcome of a fixed-rate run; latencies in ms. */
export interface FixedRateResult {
  offeredPerSec: number;
  achievedPerSec: number;
  messages: number;
  size: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  /** Latency of the uncounted warm-up message (ms). */
  warmupMs: number;
}

const now = () => performance.timeOrigin + performance.now();
const TICK_MS = 5;

/** Percentile of a sorted array, rounded to 0.01 ms. */
export function pct(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 100) / 100;
}

/** Runs the load; resolves once every message reached the subscriber. */
export async function runFixedRate(src: MeshClient, dst: MeshClient, target: string, o: { tenant?: string; rate: number; seconds: number; size: number }): Promise<FixedRateResult> {
  const tenant = o.tenant ?? 'load';
  const total = Math.floor(o.rate * o.seconds);
  const size = Math.max(16, o.size);
  const streamId = await src.openStream(tenant, [target]);
  const lat = new Float64Array(total);
  let got = 0;
  let warmupMs = -1;
  let warmed: () => void = () => {};
  const warm = new Promise<void>((r) => { warmed = r; });
  const done = new Promise<void>((resolve, reject) => {
    const sub = dst.subscribe({
      streamId, tenantId: tenant, credits: 8192,
      onMessages: (msgs) => {
        const t = now();
        for (const m of msgs) {
          if (warmupMs < 0) {
            warmupMs = t - m.payload.readDoubleBE(0);
            warmed();
          } else if (got < total) lat[got++] = t - m.payload.readDoubleBE(0);
        }
        if (got >= total) { sub.close(); resolve(); }
      },
    });
    sub.done.catch(reject);
  });
  const pub = src.publisher(streamId);
  const first = Buffer.alloc(size, 0x61);
  first.writeDoubleBE(now(), 0);
  void pub.publish([first]);
  await warm;
  const t0 = now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((now() - t0) / 1000) * o.rate));
    if (due > sent) {
      const batch = Array.from({ length: due - sent }, () => { const b = Buffer.alloc(size, 0x61); b.writeDoubleBE(now(), 0); return b; });
      void pub.publish(batch);
      sent = due;
    }
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  await done;
  const seconds = (now() - t0) / 1000;
  await pub.end();
  const sorted = lat.sort();
  return { offeredPerSec: o.rate, achievedPerSec: Math.round(total / seconds), messages: total, size, p50Ms: pct(sorted, 0.5), p99Ms: pct(sorted, 0.99), p999Ms: pct(sorted, 0.999), warmupMs: Math.round(warmupMs * 100) / 100 };
}
