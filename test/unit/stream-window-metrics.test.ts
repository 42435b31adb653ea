/**
 * The per-stream send-window gauges (observability/metrics.ts): served from the stream registry
 * (admin scrapes only, like meshd_stream_lag_messages), one series per stream and target, reset
 * between scrapes so a closed stream's series go away.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Metrics, type MetricsSources } from '../../src/main/observability/metrics.js';

type Windows = ReturnType<NonNullable<MetricsSources['streamWindows']>>;

function metricsWith(windows: () => Windows): Metrics {
  // The data-plane sources are not what this test is about.
  return new Metrics({
    dataPlaneStats: async () => ({}) as never, links: async () => [], streamLag: () => [], streamWindows: windows,
  });
}

test('stream windows are exported per stream and target on the stream registry only, and go away with the stream', async () => {
  let windows: Windows = [
    { streamId: 's1', target: 'n2', windowBytes: 8 * 1024 * 1024, inFlightBytes: 3 * 1024 * 1024, srttMs: 42.5, minRttMs: 12, rtoMs: 200 },
    { streamId: 's1', target: 'n3', windowBytes: 16 * 1024 * 1024, inFlightBytes: 0, srttMs: 0, minRttMs: 0, rtoMs: 1000 },
  ];
  const m = metricsWith(() => windows);
  const text = await m.streamRegistry.metrics();
  assert.match(text, /meshd_stream_window_bytes\{stream="s1",target="n2"\} 8388608/);
  assert.match(text, /meshd_stream_window_bytes\{stream="s1",target="n3"\} 16777216/);
  assert.match(text, /meshd_stream_in_flight_bytes\{stream="s1",target="n2"\} 3145728/);
  assert.match(text, /meshd_stream_srtt_ms\{stream="s1",target="n2"\} 42.5/);
  assert.match(text, /meshd_stream_min_rtt_ms\{stream="s1",target="n2"\} 12/);
  assert.match(text, /meshd_stream_rto_ms\{stream="s1",target="n3"\} 1000/);
  assert.equal(m.registry.getSingleMetric('meshd_stream_window_bytes'), undefined, 'stream ids are not on the open registry');
  windows = [];
  assert.doesNotMatch(await m.streamRegistry.metrics(), /meshd_stream_window_bytes\{/, 'a closed stream leaves no series');
});
