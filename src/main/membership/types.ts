/**
 * Messages, options and formulas of SWIM membership with the Lifeguard refinements.
 *
 * - SWIM: A. Das, I. Gupta, A. Motivala, "SWIM: Scalable Weakly-consistent Infection-style
 *   Process Group Membership Protocol", DSN 2002. Random (round-robin over a shuffled list)
 *   probing, indirect probes through k members, suspicion with incarnation numbers and
 *   refutation, dissemination piggybacked on probes.
 * - Lifeguard: A. Dadgar, J. Phillips, J. Currey, "Lifeguard: Local Health Awareness for More
 *   Accurate Failure Detection", arXiv 1707.00788, 2018. Local health multiplier (LHM) that
 *   stretches this node's probe interval and timeouts when it is itself the slow one, nacks from
 *   indirect probers, and suspicion timeouts that shrink with independent confirmations.
 *
 * Defaults are memberlist's LAN profile (hashicorp/memberlist `DefaultLANConfig`): probe every
 * 1 s with a 500 ms timeout, 3 indirect checks, suspicion multiplier 4 (max 6x), retransmit
 * multiplier 4, gossip to 3 members every 200 ms, LHM up to 8.
 */
import { DEFAULT_SWIM as CONFIG_DEFAULT_SWIM } from '../../shared/config/defaults.js';

/** A member's liveness as this node believes it. */
export type MemberStatus = 'alive' | 'suspect' | 'dead';

/** What a member says about itself, carried with its `alive` gossip. */
export interface NodeMeta {
  /** Capabilities (e.g. `gpu`, `inference`). */
  capabilities: string[];
  /** Load, 0..1 (the node's own measure). */
  load: number;
  /** Software version. */
  version: string;
}

/** One piece of membership gossip (SWIM sec. 4.2). `inc` is the member's incarnation number. */
export type Gossip =
  | { t: 'alive'; node: string; inc: number; meta?: NodeMeta }
  | { t: 'suspect'; node: string; inc: number; from: string }
  | { t: 'dead'; node: string; inc: number; from: string };

/**
 * A SWIM message; `from` is the sender, which the transport authenticates (a routed frame under
 * the sender's pair key) and checks before the core sees it.
 * - `ping` probe -> `ack`;
 * - `ping-req` asks the receiver to probe `target` for the sender: it answers `ack` when the
 *   target did, `nack` when it did not within its probe timeout (Lifeguard);
 * - `gossip` carries gossip only.
 */
export type SwimMessage =
  | { k: 'ping'; seq: number; from: string; gossip: Gossip[] }
  | { k: 'ping-req'; seq: number; from: string; target: string; gossip: Gossip[] }
  | { k: 'ack'; seq: number; from: string; gossip: Gossip[] }
  | { k: 'nack'; seq: number; from: string; gossip: Gossip[] }
  | { k: 'gossip'; from: string; gossip: Gossip[] };

/** Settings of the failure detector (config `membership.*`). */
export interface SwimOptions {
  /** Time between two probes of this node (ms), before the LHM stretch. */
  probeIntervalMs: number;
  /** Wait for a direct ack before indirect probes (ms), before the LHM stretch. */
  probeTimeoutMs: number;
  /** Members asked to probe indirectly (SWIM's k). */
  indirectChecks: number;
  /** Suspicion timeout = suspicionMult * max(1, log10(n)) * probeInterval (minimum). */
  suspicionMult: number;
  /** The suspicion timeout starts at this multiple of the minimum and shrinks with confirmations. */
  suspicionMaxTimeoutMult: number;
  /** A piece of gossip is sent retransmitMult * ceil(log10(n + 1)) times. */
  retransmitMult: number;
  /** Time between two gossip rounds (ms). */
  gossipIntervalMs: number;
  /** Members sent each gossip round. */
  gossipNodes: number;
  /** Most pieces of gossip on one message. */
  maxPiggyback: number;
  /** Highest local health multiplier (probe interval and timeouts are multiplied by LHM + 1). */
  awarenessMaxMultiplier: number;
  /** How often the driver calls tick (ms); a tick later than this by {@link lagThresholdMs} is a stall of this node. */
  tickMs: number;
}

/** memberlist's LAN defaults, with a 50 ms tick (the config defaults, src/shared/config/defaults.ts). */
export const DEFAULT_SWIM: SwimOptions = { ...CONFIG_DEFAULT_SWIM };

/** A tick this much later than due means this node stalled (ms): a quarter of the probe timeout. */
export function lagThresholdMs(o: SwimOptions): number {
  return Math.max(o.tickMs * 2, o.probeTimeoutMs / 4);
}

/**
 * Minimum suspicion timeout for `n` members (ms): `suspicionMult * max(1, log10(n)) *
 * probeInterval` (memberlist `suspicionTimeout`).
 */
export function suspicionMinMs(o: SwimOptions, n: number): number {
  return o.suspicionMult * Math.max(1, Math.log10(Math.max(1, n))) * o.probeIntervalMs;
}

/**
 * Lifeguard's suspicion timeout after `c` independent confirmations of `k` expected:
 * `max(min, max - (max - min) * log(c + 1) / log(k + 1))`; `min` when k < 1.
 */
export function suspicionTimeoutMs(minMs: number, maxMs: number, k: number, c: number): number {
  if (k < 1) return minMs;
  const frac = Math.log(c + 1) / Math.log(k + 1);
  return Math.max(minMs, Math.floor(maxMs - frac * (maxMs - minMs)));
}

/** Times one piece of gossip is sent among `n` members: `retransmitMult * ceil(log10(n + 1))`. */
export function retransmitLimit(o: SwimOptions, n: number): number {
  return o.retransmitMult * Math.ceil(Math.log10(n + 1));
}

/**
 * The time within which every member learns that a crashed member is dead, with no loss and no
 * stalls (ms): it is probed within two probe intervals, found silent one interval later, suspected
 * for at most the maximum suspicion timeout, and the news spreads within `2 * ceil(log10(n + 1))`
 * gossip rounds of fan-out {@link SwimOptions.gossipNodes} and probe intervals. The simulator checks
 * detection against it with 5 % loss.
 */
export function detectionBoundMs(o: SwimOptions, n: number): number {
  const min = suspicionMinMs(o, n);
  const spread = 2 * Math.ceil(Math.log10(n + 1)) * Math.max(o.gossipIntervalMs, o.probeIntervalMs);
  return 3 * o.probeIntervalMs + o.suspicionMaxTimeoutMult * min + spread;
}

/** A membership change this node observed. */
export interface MemberEvent {
  node: string;
  status: MemberStatus;
  inc: number;
  meta?: NodeMeta;
  /** For `suspect` and `dead`: the member that first reported it. */
  from?: string;
}

/** One member as this node sees it. */
export interface MemberView {
  node: string;
  status: MemberStatus;
  inc: number;
  meta?: NodeMeta;
  /** Since when (ms, the driver's clock). */
  sinceMs: number;
}

/** What `Swim.drain` (swim.ts) returns. */
export interface SwimOutput {
  sends: Array<{ to: string; msg: SwimMessage }>;
  events: MemberEvent[];
}
