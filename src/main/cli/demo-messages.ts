/**
 * The demo's message check: publishes N messages of 256 bytes on a stream and checks at the
 * subscriber that each arrived exactly once and in order, with per-message latency. Each payload
 * starts with its index (float64) and its publish time (float64, ms since epoch).
 */
import { performance } from 'node:perf_hooks';
import type { MeshClient } from '../api/grpc/client.js';

/** Size of each demo message (bytes). */
export const MESSAGE_BYTES = 256;
/** Messages per publish request. */
const BATCH = 1000;
/** Publish requests in flight. */
const IN_FLIGHT = 16;

/** What the message check found. */
export interface MessageResult {
  count: number;
  inOrder: boolean;
  duplicates: number;
  msgsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
}

function now(): number {
  return performance.timeOrigin + performance.now();
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** Runs the check from `src` (publisher side) to `dst` (subscriber side). */
export async function runMessages(src: MeshClient, dst: MeshClient, target: string, tenantId: string, n: number): Promise<MessageResult> {
  const streamId = await src.openStream(tenantId, [target]);
  const latencies = new Float64Array(n);
  const seen = new Uint8Array(n);
  let received = 0;
  let duplicates = 0;
  let inOrder = true;
  let lastSeq = 0;
  let t0 = 0;
  let tEnd = 0;
  const done = new Promise<void>((resolve, reject) => {
    const sub = dst.subscribe({
      streamId, tenantId, credits: 8192,
      onMessages: (msgs) => {
        const t = now();
        for (const m of msgs) {
          const idx = m.payload.readDoubleBE(0);
          if (m.seq !== lastSeq + 1 || idx !== m.seq - 1) inOrder = false;
          lastSeq = Math.max(lastSeq, m.seq);
          if (idx < 0 || idx >= n || seen[idx]) {
            duplicates++;
            continue;
          }
          seen[idx] = 1;
          latencies[received++] = t - m.payload.readDoubleBE(8);
        }
        if (received >= n) {
          tEnd = now();
          sub.close();
          resolve();
        }
      },
    });
    sub.done.catch(reject);
  });
  const pub = src.publisher(streamId);
  const inflight: Promise<unknown>[] = [];
  t0 = now();
  for (let i = 0; i < n; i += BATCH) {
    const batch: Buffer[] = [];
    const ts = now();
    for (let j = i; j < Math.min(n, i + BATCH); j++) {
      const b = Buffer.alloc(MESSAGE_BYTES, 0x6d);
      b.writeDoubleBE(j, 0);
      b.writeDoubleBE(ts, 8);
      batch.push(b);
    }
    inflight.push(pub.publish(batch));
    if (inflight.length >= IN_FLIGHT) await inflight.shift();
  }
  await Promise.all(inflight);
  await pub.end();
  await done;
  const sorted = latencies.subarray(0, received).sort();
  return {
    count: received, inOrder, duplicates, msgsPerSec: Math.round(received / ((tEnd - t0) / 1000)),
    p50Ms: Math.round(percentile(sorted, 0.5) * 100) / 100, p99Ms: Math.round(percentile(sorted, 0.99) * 100) / 100,
    p999Ms: Math.round(percentile(sorted, 0.999) * 100) / 100,
  };
}
