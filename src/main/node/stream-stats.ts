/** Per-stream figures for metrics, admission and the operator's views, from the stream runtimes. */
import type { Metrics } from '../observability/metrics.js';
import { ulidAgeSeconds } from '../observability/timing.js';
import type { SourceStreams, TargetStreams } from '../streams/index.js';

/** Counts messages stored or delivered here as a target and observes their latency since publish (their ULID time). */
export function streamDelivered(metrics: Metrics, stage: 'stored' | 'delivered', n: number, streamId: string, lastId: string): void {
  if (stage === 'delivered') metrics.deliveries.inc(n);
  metrics.streamMessages.inc({ stream: streamId, role: stage }, n);
  metrics.streamLatency.observe({ stage }, ulidAgeSeconds(lastId));
}

/** Messages of `tenant`'s streams at this source not yet acknowledged by every target. */
export function pendingOf(source: SourceStreams, tenant: string): number {
  let n = 0;
  for (const s of source.list()) if (s.meta.tenantId === tenant) n += s.lastSeq - Math.min(s.lastSeq, ...Object.values(s.acked));
  return n;
}

/** Each stream's lag: at its source, published and not yet acknowledged by every target; at a target, received and not yet consumed. */
export function streamLag(source: SourceStreams, target: TargetStreams): Array<{ streamId: string; role: string; lag: number }> {
  const out = source.list().map((s) => ({ streamId: s.meta.streamId, role: 'source', lag: s.lastSeq - Math.min(...Object.values(s.acked)) }));
  for (const t of target.list()) out.push({ streamId: t.streamId, role: 'target', lag: t.receivedOffset - t.consumerOffset });
  return out;
}
