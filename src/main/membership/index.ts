/** Public face of membership: the SWIM + Lifeguard failure detector and its formulas. */
export { Swim, type MemberEvent, type MemberView, type SwimOutput } from './swim.js';
export {
  DEFAULT_SWIM, detectionBoundMs, lagThresholdMs, retransmitLimit, suspicionMinMs, suspicionTimeoutMs,
  type Gossip, type MemberStatus, type NodeMeta, type SwimMessage, type SwimOptions,
} from './types.js';
export { encodeSwim, decodeSwim, MAX_GOSSIP_PER_MESSAGE } from './codec.js';
