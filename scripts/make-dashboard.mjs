// Writes deploy/grafana/meshd.json, the Grafana dashboard of a meshd mesh, from the panel list
// below (run `node scripts/make-dashboard.mjs` after changing it). Every query must return series
// against a running mesh: test/integration/prometheus.test.ts checks that with Debian's prometheus.
import { writeFileSync } from 'node:fs';

const rows = [
  ['Health', [
    ['Health (0 healthy, 1 degraded, 2 critical)', ['meshd_health']],
    ['Ready (/readyz, grpc.health.v1)', ['meshd_ready']],
    ['Members by SWIM status', ['sum by (node, status) (meshd_members)']],
    ['Lifeguard local health', ['meshd_local_health']],
  ]],
  ['Links', [
    ['Link RTT (ms)', ['meshd_link_rtt_ms']],
    ['Link loss (unanswered heartbeats)', ['meshd_link_loss_ratio']],
    ['Link bandwidth estimate (Mbit/s)', ['meshd_link_bandwidth_mbps']],
    ['Link utilization', ['meshd_link_utilization_ratio']],
    ['Lane send queue (bytes)', ['meshd_link_queue_bytes']],
    ['Links up', ['meshd_links_up']],
  ]],
  ['Paths', [
    ['Frames per second', ['rate(meshd_frames_out_total[1m])', 'rate(meshd_frames_in_total[1m])', 'rate(meshd_frames_forwarded_total[1m])']],
    ['Rerouted and striped frames per second', ['rate(meshd_frames_rerouted_total[1m])', 'rate(meshd_chunks_striped_total[1m])']],
    ['Fast reroute time, p99 (s)', ['histogram_quantile(0.99, sum by (node, le) (rate(meshd_reroute_seconds_bucket[5m])))']],
    ['Frames dropped per second, by reason', ['sum by (node, reason) (rate(meshd_frames_dropped_total[1m])) or sum by (node) (rate(meshd_frames_in_total[1m])) * 0']],
  ]],
  ['Streams', [
    ['Deliveries per second', ['rate(meshd_deliveries_total[1m])']],
    ['Retransmissions per second', ['rate(meshd_retransmissions_total[1m])']],
    ['Stream lag (messages; admin scrape)', ['meshd_stream_lag_messages']],
    ['Stored data (bytes)', ['meshd_storage_used_bytes']],
    ['Published and per-stream messages per second', ['rate(meshd_published_total[1m])', 'sum by (node, stream, role) (rate(meshd_stream_messages_total[1m]))']],
    ['Latency since publish, p99 (s)', ['histogram_quantile(0.99, sum by (node, stage, le) (rate(meshd_stream_latency_seconds_bucket[5m])))']],
    ['Publishes refused by QoS policy per second', ['sum by (node, reason) (rate(meshd_admission_refused_total[1m])) or sum by (node) (rate(meshd_published_total[1m])) * 0']],
  ]],
  ['Consensus', [
    ['Raft term', ['meshd_raft_term']],
    ['Commit and applied index', ['meshd_raft_commit_index', 'meshd_raft_applied_index']],
    ['Leader', ['meshd_raft_leader']],
    ['Follower lag on the leader (entries)', ['meshd_raft_follower_lag_entries']],
    ['Durable writes (outbox, inbox, Raft log), p99 (s)', ['histogram_quantile(0.99, sum by (node, log, le) (rate(meshd_wal_write_seconds_bucket[5m])))']],
  ]],
];

let id = 1;
let y = 0;
const panels = [];
for (const [title, list] of rows) {
  panels.push({ id: id++, type: 'row', title, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y: y++ }, panels: [] });
  list.forEach(([ptitle, exprs], i) => {
    panels.push({
      id: id++, type: 'timeseries', title: ptitle, datasource: { type: 'prometheus', uid: '${datasource}' },
      gridPos: { h: 8, w: 6, x: (i % 4) * 6, y: y + Math.floor(i / 4) * 8 },
      targets: exprs.map((expr, k) => ({ refId: String.fromCharCode(65 + k), expr, legendFormat: '{{node}} {{peer}} {{lane}} {{status}} {{reason}} {{member}} {{stream}} {{role}} {{stage}} {{log}}'.replace(/\s+/g, ' ') })),
      fieldConfig: { defaults: {}, overrides: [] }, options: { legend: { displayMode: 'list', placement: 'bottom' } },
    });
  });
  y += Math.ceil(list.length / 4) * 8;
}
const dashboard = {
  title: 'meshd', uid: 'meshd', schemaVersion: 38, version: 1, editable: true, refresh: '10s', time: { from: 'now-15m', to: 'now' },
  tags: ['meshd'],
  templating: { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Prometheus' }] },
  panels,
};
writeFileSync(new URL('../deploy/grafana/meshd.json', import.meta.url), JSON.stringify(dashboard, null, 2) + '\n');
