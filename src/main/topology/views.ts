/**
 * Operator views of routing (MeshControl.GetRoutingTable, GetTopology): the routing table with
 * each destination's k shortest paths per traffic class and the multipath scheduler's paths and
 * weights, and the whole graph the LSDB describes. Pure functions of the link-state engine's
 * state, so they show exactly what forwarding uses.
 */
import { UNKNOWN_BW_MBPS, type SchedulerPolicy } from '../../workers/dataplane/index.js';
import type { Route } from './dijkstra.js';
import type { LsaEntry } from './lsdb.js';
import type { MultipathHop } from './multipath.js';
import { TRAFFIC_CLASSES, type TrafficClass } from './path-cost.js';
import type { Path } from './yen.js';

/** One scheduler path with the share of bulk chunks it gets when every path is idle. */
export interface WeightedHop extends MultipathHop {
  /**
   * 0..1, summing to 1 per destination: `wrr` gives a path 1/cost of the total (nginx's smooth
   * weighted round robin, scheduler.ts); `ecf` sends a chunk where it completes first, which on
   * idle paths splits bytes in proportion to bandwidth (an unmeasured path counts as
   * {@link UNKNOWN_BW_MBPS} until measured).
   */
  weight: number;
}

/** One destination of {@link routingTableView}. */
export interface RouteView extends Route {
  classes: Array<{ cls: TrafficClass; paths: Path[] }>;
  multipath: WeightedHop[];
}

/** The scheduler's idle-path shares of `hops` under `policy`; see {@link WeightedHop.weight}. */
export function schedulerWeights(hops: readonly MultipathHop[], policy: SchedulerPolicy): WeightedHop[] {
  const raw = hops.map((h) => (policy === 'wrr' ? 1 / Math.max(h.cost, 1e-9) : h.bwMbps > 0 ? h.bwMbps : UNKNOWN_BW_MBPS));
  const total = raw.reduce((a, b) => a + b, 0);
  return hops.map((h, i) => ({ ...h, weight: total > 0 ? raw[i] / total : 0 }));
}

/** Inputs of {@link routingTableView}: the link-state engine's current state. */
export interface RoutingState {
  routes: ReadonlyMap<string, Route>;
  paths(destination: string, cls: TrafficClass): Path[];
  multipath: ReadonlyMap<string, MultipathHop[]>;
  policy: SchedulerPolicy;
}

/** Every destination, sorted by id, with its route, k paths per class and weighted scheduler paths. */
export function routingTableView(s: RoutingState): RouteView[] {
  return [...s.routes.values()].sort((a, b) => a.destination.localeCompare(b.destination)).map((r) => ({
    ...r,
    classes: TRAFFIC_CLASSES.map((cls) => ({ cls, paths: s.paths(r.destination, cls) })),
    multipath: schedulerWeights(s.multipath.get(r.destination) ?? [], s.policy),
  }));
}

/** A node of {@link topologyView}. */
export interface TopologyNodeView {
  nodeId: string;
  name: string;
  address: string;
  lsaSeq: number;
  /** Since this node accepted the LSA (ms). */
  lsaAgeMs: number;
  reachable: boolean;
  gone: boolean;
  self: boolean;
}

/** An advertised edge of {@link topologyView}: what `from`'s LSA says of its link to `to`. */
export interface TopologyEdgeView {
  from: string;
  to: string;
  rttMs: number;
  bwMbps: number;
  loss: number;
  util: number;
  weight: number;
}

/**
 * The graph the LSDB describes: every origin's last LSA as a node and every adjacency it
 * advertises as an edge (one per direction; a withdrawn origin keeps its node, without edges).
 */
export function topologyView(entries: readonly LsaEntry[], selfId: string, reachable: (id: string) => boolean, nowMs = Date.now()): { nodes: TopologyNodeView[]; edges: TopologyEdgeView[] } {
  const sorted = [...entries].sort((a, b) => a.lsa.origin.localeCompare(b.lsa.origin));
  const nodes = sorted.map(({ lsa, receivedAtMs }) => ({
    nodeId: lsa.origin, name: lsa.name, address: lsa.address, lsaSeq: lsa.seq, lsaAgeMs: Math.max(0, nowMs - receivedAtMs),
    reachable: lsa.origin === selfId || reachable(lsa.origin), gone: lsa.gone, self: lsa.origin === selfId,
  }));
  const edges = sorted.filter((e) => !e.lsa.gone).flatMap(({ lsa }) => lsa.adj.map((a) => ({
    from: lsa.origin, to: a.peer, rttMs: a.rttMs, bwMbps: a.bwMbps ?? 0, loss: a.loss ?? 0, util: a.util ?? 0, weight: a.weight ?? 1,
  })));
  return { nodes, edges };
}
