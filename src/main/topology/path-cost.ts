/**
 * Path cost of the architecture seed (ARCHITECTURE.md "Routing"):
 * `cost = a*latency + b/bandwidth + c*utilization + d*loss + e*hops`, with coefficients per
 * traffic class.
 *
 * Choice made: the cost is evaluated per edge and summed along a path (each edge contributes
 * `a*latency + b/bandwidth + c*utilization + d*loss + e`), so the path cost is additive and
 * Dijkstra and Yen's algorithm find exact optima. Summing `b/bandwidth` and `d*loss` over the
 * edges approximates the bottleneck bandwidth and the compound loss of a path; both are upper
 * bounds that grow with every weak edge, which is the ordering wanted. Each edge's sum is
 * multiplied by its administrative weight (default 1) before `e` is added.
 */

/** Measured state of one directed edge, as the LSDB combines both ends' reports. */
export interface EdgeMetrics {
  /** Round-trip time (ms). */
  rttMs: number;
  /** Estimated bandwidth (Mbit/s); 0 when not yet measured. */
  bwMbps: number;
  /** Fraction of heartbeats lost, 0..1. */
  loss: number;
  /** Fraction of the bandwidth estimate in use, 0..1. */
  util: number;
  /** Administrative weight (>= 1 normally; operators raise it to steer traffic away). */
  weight: number;
}

/** Coefficients of the seed's cost formula for one traffic class. */
export interface CostCoefficients {
  /** Per ms of RTT. */
  a: number;
  /** Per (1 / Gbit/s) of bandwidth: 1 Gbit/s adds `b`, 100 Mbit/s adds `10*b`. */
  b: number;
  /** Per unit of utilization (0..1). */
  c: number;
  /** Per unit of loss (0..1): with d = 1000, 1 % loss adds 10. */
  d: number;
  /** Per hop. */
  e: number;
}

/** Traffic classes that have their own coefficients (ARCHITECTURE.md "Planes and traffic classes"). */
export type TrafficClass = 'control' | 'priority' | 'bulk';

/** Every traffic class, in priority order. */
export const TRAFFIC_CLASSES: readonly TrafficClass[] = ['control', 'priority', 'bulk'];

/**
 * Default coefficients. Control and priority traffic (heartbeats, Raft, system and internal-DB
 * updates) are small frames: latency and loss matter, bandwidth barely. Bulk client data weighs
 * bandwidth and utilization, so a fast idle path wins over a slightly shorter busy one.
 */
export const DEFAULT_COSTS: Readonly<Record<TrafficClass, CostCoefficients>> = {
  control: { a: 1, b: 0, c: 2, d: 1000, e: 1 },
  priority: { a: 1, b: 1, c: 5, d: 500, e: 1 },
  bulk: { a: 0.5, b: 20, c: 20, d: 200, e: 1 },
};

/** Bandwidth assumed for an edge whose bandwidth is not measured yet (Mbit/s). */
export const UNMEASURED_BW_MBPS = 1000;

/**
 * Cost of one edge for one class (see the module comment). Always > 0 and finite for finite
 * inputs, so every path of more hops costs more than its prefix.
 */
export function edgeCost(m: EdgeMetrics, k: CostCoefficients): number {
  const bw = m.bwMbps > 0 ? m.bwMbps : UNMEASURED_BW_MBPS;
  const base = k.a * m.rttMs + (k.b * 1000) / bw + k.c * clamp01(m.util) + k.d * clamp01(m.loss);
  return Math.max(1, m.weight) * base + Math.max(k.e, 1e-3);
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
