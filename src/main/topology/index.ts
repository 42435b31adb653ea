/** Public face of topology: the LSDB and shortest paths. */
export { Lsdb, HOP_COST_MS, type LsaEntry } from './lsdb.js';
export { shortestPaths, type Graph, type Route } from './dijkstra.js';
export { LinkState, LSA_REFRESH_MS, MAX_LSA_SEQ_AHEAD_MS, type LinkStateDeps } from './link-state.js';
