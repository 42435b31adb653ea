/**
 * Read-only operator views of one node (MeshControl.GetRoutingTable, GetTopology,
 * GetMessageMetrics, GetConsensusState), built from the live state of the link-state engine, the
 * control group and the metrics registry: what they show is what the node uses.
 */
import type { Config } from '../../shared/config/index.js';
import type { MeshControlGroup } from '../consensus/mcg/index.js';
import type { Metrics } from '../observability/metrics.js';
import { routingTableView, topologyView, type LinkState, type RouteView, type TopologyEdgeView, type TopologyNodeView } from '../topology/index.js';

/** Metric names GetMessageMetrics reports (counters of messages and frames). */
export const MESSAGE_METRICS = [
  'meshd_published_total', 'meshd_deliveries_total', 'meshd_retransmissions_total', 'meshd_stream_messages_dropped_total', 'meshd_duplicates_total',
  'meshd_frames_in_total', 'meshd_frames_out_total', 'meshd_frames_forwarded_total', 'meshd_frames_rerouted_total', 'meshd_chunks_striped_total',
  'meshd_frames_dropped_total', 'meshd_shard_handoffs_total', 'meshd_storage_damaged_records_total', 'meshd_admission_refused_total',
] as const;

/** One metric sample. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A member's replication progress (GetConsensusState). */
export interface MemberProgressView {
  nodeId: string;
  name: string;
  address: string;
  role: string;
  matchIndex: number;
  lagEntries: number;
  reachable: boolean;
}

/** What the views read. */
export interface OperatorViewsDeps {
  config: Config;
  linkState: () => LinkState;
  mcg: () => MeshControlGroup;
  metrics: () => Metrics;
  streamLag(): Array<{ streamId: string; role: string; lag: number }>;
  reachable(nodeId: string): boolean;
  selfId: string;
}

/** See the module comment. */
export class OperatorViews {
  constructor(private readonly d: OperatorViewsDeps) {}

  /** GetRoutingTable: see topology/views.ts. */
  routingTable(): { scheduler: string; k: number; routes: RouteView[] } {
    const ls = this.d.linkState();
    const policy = this.d.config.routing.scheduler;
    return { scheduler: policy, k: this.d.config.routing.k, routes: routingTableView({ routes: ls.table(), paths: (dest, cls) => ls.paths.paths(dest, cls), multipath: ls.multipath(), policy }) };
  }

  /** GetTopology: the whole graph of the LSDB. */
  topology(): { nodes: TopologyNodeView[]; edges: TopologyEdgeView[] } {
    const ls = this.d.linkState();
    return topologyView(ls.lsdb.entriesList(), this.d.selfId, (id) => ls.table().has(id));
  }

  /** GetMessageMetrics: the samples of {@link MESSAGE_METRICS} and each stream's lag. */
  async messageMetrics(): Promise<{ counters: Sample[]; streams: Array<{ streamId: string; role: string; lag: number }> }> {
    const wanted = new Set<string>(MESSAGE_METRICS);
    return { counters: (await samples(this.d.metrics(), '')).filter((s) => wanted.has(s.name)), streams: this.d.streamLag() };
  }

  /**
   * GetConsensusState: the group's status with each member's progress (match index and lag on the
   * leader), name and address, and the voters wanted; null when the group does not run here.
   */
  consensusState(): (NonNullable<ReturnType<MeshControlGroup['status']>> & { lastIndex: number; votersWanted: number; progress: MemberProgressView[] }) | null {
    const mcg = this.d.mcg();
    const s = mcg.status();
    if (!s) return null;
    const self = s.members.find((m) => m.nodeId === this.d.selfId);
    const progress = s.members.map((m) => {
      const rec = mcg.state.members.get(m.nodeId);
      return {
        nodeId: m.nodeId, name: rec?.name ?? '', address: rec?.address ?? '', role: m.role, matchIndex: m.matchIndex,
        lagEntries: s.role === 'leader' ? Math.max(0, s.commitIndex - m.matchIndex) : 0, reachable: m.nodeId === this.d.selfId || this.d.reachable(m.nodeId),
      };
    }).sort((a, b) => a.nodeId.localeCompare(b.nodeId));
    return { ...s, lastIndex: self?.matchIndex ?? s.commitIndex, votersWanted: this.d.config.consensus.voters, progress };
  }
}

/**
 * Every sample of the node's registries (Prometheus client) whose name starts with `prefix`; histogram buckets, sums and counts are samples of their own (`_bucket`, `_sum`, `_count`).
 */
export async function samples(metrics: Metrics, prefix: string): Promise<Sample[]> {
  const out: Sample[] = [];
  for (const reg of [metrics.registry, metrics.streamRegistry]) {
    for (const m of await reg.getMetricsAsJSON()) {
      if (!m.name.startsWith(prefix) && !prefix.startsWith(m.name)) continue;
      for (const v of m.values as Array<{ value: number; labels: Record<string, string | number>; metricName?: string }>) {
        const name = v.metricName ?? m.name;
        if (name.startsWith(prefix)) out.push({ name, labels: Object.fromEntries(Object.entries(v.labels).map(([k, x]) => [k, String(x)])), value: v.value });
      }
    }
  }
  return out;
}
