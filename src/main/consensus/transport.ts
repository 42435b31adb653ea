/**
 * Consensus messages as mesh frames (FrameType.Raft): routed to the destination node over the
 * overlay, so a group works when its members are not directly linked. A body is a msgpack map,
 * validated with zod on receipt (a malformed body is counted and dropped, never a crash):
 * - `{g, k: 'raft', m}`: a Raft message of group `g`;
 * - `{g, k: 'fwd', id, data}`: a proposal forwarded from a follower to its leader;
 * - `{g, k: 'fwd-resp', id, index?, code?, message?}`: the leader's answer, once applied there;
 * - `{g, k: 'frag', id, part, parts, bytes}`: a piece of a body larger than {@link FRAGMENT_BYTES}
 *   (a snapshot, a large append), put back together by the receiver.
 */
import { Packr } from 'msgpackr';
import { z } from 'zod';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { tagOf } from '../../shared/ids.js';
import { DEFAULT_TTL, FrameType, encodeFrame } from '../../shared/wire/index.js';
import type { RaftMessage } from './types.js';

const packr = new Packr({ useRecords: false, mapsAsObjects: true });

/** Largest body sent in one frame; larger ones are fragmented (bytes). */
export const FRAGMENT_BYTES = 512 * 1024;

/** Largest body put back together from fragments (bytes). */
export const MAX_REASSEMBLED_BYTES = 64 * 1024 * 1024;

/** A fragmented body not completed within this time is dropped (ms). */
export const FRAGMENT_TIMEOUT_MS = 30_000;

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes');
const id = z.string().min(1).max(63);
const count = z.number().int().nonnegative();
const conf = z.object({ voters: z.array(id).max(1000), learners: z.array(id).max(100_000) });
const entry = z.object({ index: count, term: count, kind: z.enum(['data', 'noop', 'config']), data: bytes });
const head = { from: id, to: id, term: count };

const RaftMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('vote'), ...head, lastIndex: count, lastTerm: count, pre: z.boolean(), transfer: z.boolean().optional() }),
  z.object({ type: z.literal('vote-resp'), ...head, granted: z.boolean(), pre: z.boolean() }),
  z.object({ type: z.literal('append'), ...head, prevIndex: count, prevTerm: count, entries: z.array(entry).max(100_000), commit: count, read: count.optional() }),
  z.object({ type: z.literal('append-resp'), ...head, success: z.boolean(), match: count, read: count.optional(), lost: z.boolean().optional() }),
  z.object({ type: z.literal('snapshot'), ...head, snapshot: z.object({ index: count, term: count, conf, data: bytes }) }),
  z.object({ type: z.literal('timeout-now'), ...head }),
]);

/** A decoded consensus body; see the module comment. */
export const RaftBodySchema = z.discriminatedUnion('k', [
  z.object({ g: id, k: z.literal('raft'), m: RaftMessageSchema }),
  z.object({ g: id, k: z.literal('fwd'), id: count, data: bytes }),
  z.object({ g: id, k: z.literal('fwd-resp'), id: count, index: count.optional(), code: z.string().max(64).optional(), message: z.string().max(1000).optional() }),
  z.object({ g: id, k: z.literal('frag'), id: count, part: count, parts: z.number().int().min(2).max(MAX_REASSEMBLED_BYTES / FRAGMENT_BYTES), bytes }),
]);
/** See {@link RaftBodySchema}. */
export type RaftBody = z.infer<typeof RaftBodySchema>;

/** Decodes and validates a body. @throws MeshError ERR_BODY_MALFORMED. */
export function decodeRaftBody(payload: Uint8Array): RaftBody {
  let raw: unknown;
  try {
    raw = packr.unpack(payload);
  } catch (err) {
    throw new MeshError(ErrorCode.BodyMalformed, 'consensus body is not msgpack', { cause: err });
  }
  const r = RaftBodySchema.safeParse(raw);
  if (!r.success) throw new MeshError(ErrorCode.BodyMalformed, `consensus body invalid: ${r.error.issues[0]?.message ?? ''}`);
  return r.data as RaftBody;
}

/**
 * Encodes a body as one or more Raft frames from `src` to `dst` (node ids); bodies over
 * {@link FRAGMENT_BYTES} become `frag` pieces numbered by `fragId`.
 */
export function encodeRaftFrames(src: string, dst: string, body: RaftBody, fragId: number): Uint8Array[] {
  const payload = packr.pack(body);
  const frame = (p: Uint8Array) => encodeFrame({ type: FrameType.Raft, ttl: DEFAULT_TTL, src: tagOf(src), dst: tagOf(dst), payload: p });
  if (payload.length <= FRAGMENT_BYTES) return [frame(payload)];
  const parts = Math.ceil(payload.length / FRAGMENT_BYTES);
  const out: Uint8Array[] = [];
  for (let part = 0; part < parts; part++) {
    const slice = payload.subarray(part * FRAGMENT_BYTES, (part + 1) * FRAGMENT_BYTES);
    out.push(frame(packr.pack({ g: body.g, k: 'frag', id: fragId, part, parts, bytes: slice })));
  }
  return out;
}

interface PartialBody {
  parts: Uint8Array[];
  got: number;
  bytes: number;
  startedMs: number;
}

/** Puts fragmented bodies back together, per sender. */
export class Defragmenter {
  private pending = new Map<string, PartialBody>();

  /**
   * Adds a piece; returns the whole body once every piece arrived, else null.
   * @throws MeshError ERR_BODY_MALFORMED when the pieces disagree or the body is malformed;
   * ERR_PAYLOAD_TOO_LARGE past {@link MAX_REASSEMBLED_BYTES}.
   */
  add(src: bigint, f: Extract<RaftBody, { k: 'frag' }>, nowMs: number): RaftBody | null {
    this.expire(nowMs);
    const key = `${src}/${f.id}`;
    const p = this.pending.get(key) ?? { parts: new Array<Uint8Array>(f.parts), got: 0, bytes: 0, startedMs: nowMs };
    if (p.parts.length !== f.parts || f.part >= f.parts) throw new MeshError(ErrorCode.BodyMalformed, 'fragment numbering');
    if (!p.parts[f.part]) {
      p.parts[f.part] = f.bytes;
      p.got++;
      p.bytes += f.bytes.length;
    }
    if (p.bytes > MAX_REASSEMBLED_BYTES) {
      this.pending.delete(key);
      throw new MeshError(ErrorCode.PayloadTooLarge, 'reassembled consensus body too large');
    }
    this.pending.set(key, p);
    if (p.got < f.parts) return null;
    this.pending.delete(key);
    const whole = decodeRaftBody(Buffer.concat(p.parts));
    if (whole.k === 'frag') throw new MeshError(ErrorCode.BodyMalformed, 'nested fragment');
    return whole;
  }

  private expire(nowMs: number): void {
    for (const [k, p] of this.pending) if (nowMs - p.startedMs > FRAGMENT_TIMEOUT_MS) this.pending.delete(k);
  }
}

/** A Raft message wrapped for group `g`. */
export function raftBody(g: string, m: RaftMessage): RaftBody {
  return { g, k: 'raft', m } as RaftBody;
}
