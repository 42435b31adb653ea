/** Public face of topology: the LSDB, shortest and k-shortest paths, path costs. */
export { Lsdb, HOP_COST_MS, type LsaEntry } from './lsdb.js';
export { shortestPaths, shortestPath, type Graph, type Route } from './dijkstra.js';
export { kShortestPaths, pathCost, comparePaths, type Path } from './yen.js';
export { edgeCost, DEFAULT_COSTS, TRAFFIC_CLASSES, UNMEASURED_BW_MBPS, type CostCoefficients, type EdgeMetrics, type TrafficClass } from './path-cost.js';
export { PathTable, costGraph, type MetricGraph, type PathSet, type PathTableOptions, type PathTableUpdate } from './path-table.js';
export { LinkState, DEFAULT_ROUTING, LSA_MIN_INTERVAL_MS, LSA_PERSIST_MS, LSA_REFRESH_MS, MAX_LSA_SEQ_AHEAD_MS, type LinkStateDeps, type RoutingOptions } from './link-state.js';
export { DAMPING, advertise, significant, type MeasuredLink } from './damping.js';
export { loopFreeNeighbors, multipathHops, neighborTrees, type MultipathHop } from './multipath.js';
export { routingTableView, schedulerWeights, topologyView, type RouteView, type RoutingState, type TopologyEdgeView, type TopologyNodeView, type WeightedHop } from './views.js';
