/**
 * SWIM messages on the wire: the body of a routed `FrameType.Swim` frame (sealed with the pair key
 * of sender and receiver like every routed frame, so its `from` is authenticated), a msgpack map
 * validated with zod on receipt. A malformed body is a typed error (ERR_BODY_MALFORMED) the node
 * counts and drops, never a crash.
 */
import { z } from 'zod';
import { decodeBody, encodeBody } from '../../shared/wire/index.js';
import type { SwimMessage } from './types.js';

/** Most gossip entries one message may carry. */
export const MAX_GOSSIP_PER_MESSAGE = 64;

const id = z.string().min(1).max(63);
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const meta = z.object({
  capabilities: z.array(z.string().max(64)).max(32), load: z.number().min(0).max(1_000_000), version: z.string().max(64),
}).strict();
const gossip = z.array(z.discriminatedUnion('t', [
  z.object({ t: z.literal('alive'), node: id, inc: count, meta: meta.optional() }).strict(),
  z.object({ t: z.literal('suspect'), node: id, inc: count, from: id }).strict(),
  z.object({ t: z.literal('dead'), node: id, inc: count, from: id }).strict(),
])).max(MAX_GOSSIP_PER_MESSAGE);

/** Schema of a SWIM body; see {@link SwimMessage}. */
export const SwimMessageSchema = z.discriminatedUnion('k', [
  z.object({ k: z.literal('ping'), seq: count, from: id, gossip }).strict(),
  z.object({ k: z.literal('ping-req'), seq: count, from: id, target: id, gossip }).strict(),
  z.object({ k: z.literal('ack'), seq: count, from: id, gossip }).strict(),
  z.object({ k: z.literal('nack'), seq: count, from: id, gossip }).strict(),
  z.object({ k: z.literal('gossip'), from: id, gossip }).strict(),
]);

/** Encodes a SWIM message. */
export function encodeSwim(m: SwimMessage): Buffer {
  return encodeBody(m);
}

/** Decodes and validates a SWIM body. @throws MeshError ERR_BODY_MALFORMED. */
export function decodeSwim(payload: Uint8Array): SwimMessage {
  return decodeBody(SwimMessageSchema, payload, 'SWIM body') as SwimMessage;
}
