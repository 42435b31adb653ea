/**
 * Bodies of control frames (handshake, heartbeat, credit, LSA, bye), encoded with msgpackr and validated
 * with zod on receipt, so a malformed body from the network is a typed error, never a crash.
 */
import { Packr } from 'msgpackr';
import { z } from 'zod';
import { ErrorCode, MeshError } from '../errors.js';
import { MAX_LANES } from './constants.js';

const packr = new Packr({ useRecords: false, mapsAsObjects: true });

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, "expected bytes");
const nodeId = z.string().min(1).max(63);
const address = z.string().max(300);

/** Join policy of a mesh (seed names). */
export const JoinPolicySchema = z.enum(['OPEN', 'KEY_REQUIRED', 'CLOSED']);
/** Join policy of a mesh: OPEN (anyone), KEY_REQUIRED (join key proof), CLOSED (no joins). */
export type JoinPolicy = z.infer<typeof JoinPolicySchema>;

/** A member as announced in a welcome: node id, name and the address it listens on ('' if none). */
export const MemberSchema = z.object({ nodeId, name: z.string().max(200), address });
/** See {@link MemberSchema}. */
export type Member = z.infer<typeof MemberSchema>;

/**
 * Handshake messages. Every link runs over mutually authenticated TLS 1.3 (see
 * `src/workers/dataplane/transport.ts`); the handshake binds the TLS keys to node ids.
 * - `link` (endpoint `/mesh`): dialer `hello` -> listener `welcome` | `reject`. Each side accepts
 *   the other only if the Mesh Control Group records the claimed node id with the key the peer
 *   presented in TLS.
 * - `join` (endpoint `/join`): the joiner first checks the listener's certificate against the mesh
 *   fingerprint, then `hello` -> listener `challenge` (with the key salt under KEY_REQUIRED) ->
 *   joiner `proof` (bound to the TLS channel, see `src/main/security/join-key.ts`) -> listener
 *   `welcome` (with the mesh CA and every member's keys, after the membership and keys are
 *   committed) | `reject`. The joiner's `hello` carries its X25519 key (`kx`), recorded with its
 *   membership; its signing key is the one it presented in TLS.
 */
/** A member's keys as a join's welcome lists them (see the MCG member record). */
export const MemberKeysSchema = z.object({
  nodeId, key: z.string().regex(/^sha256:[0-9a-f]{64}$/), spki: z.string().max(512), kx: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

export const HandshakeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('hello'), purpose: z.enum(['join', 'link']), meshId: z.string().max(26), nodeId, name: z.string().max(200), address,
    kx: z.string().regex(/^[A-Za-z0-9_-]{43}$/).optional(),
    /** Link hellos: which lane of the dialer's VirtualLink this connection is (0 when absent). */
    lane: z.number().int().min(0).max(MAX_LANES - 1).optional(),
  }),
  z.object({ kind: z.literal('challenge'), meshId: z.string().max(26), nodeId, name: z.string().max(200), keySalt: bytes.optional() }),
  z.object({ kind: z.literal('proof'), proof: bytes }),
  z.object({
    kind: z.literal('welcome'), meshId: z.string().max(26), meshName: z.string().max(200), nodeId, name: z.string().max(200),
    members: z.array(MemberSchema).max(100_000), ca: z.object({ key: z.string().max(8192), cert: z.string().max(8192) }).optional(),
    keys: z.array(MemberKeysSchema).max(10_000).optional(),
  }),
  z.object({ kind: z.literal('reject'), code: z.string().max(64), message: z.string().max(1000) }),
]);
/** A handshake message; see {@link HandshakeSchema}. */
export type Handshake = z.infer<typeof HandshakeSchema>;

/**
 * A lane's window update (frame type `Credit`): `granted` is the absolute count of credited bytes
 * the sender may have sent on this lane since it opened (QUIC's MAX_DATA, RFC 9000 sec. 4.1 and
 * 19.9); `consumed` the count the receiver has handed on, so the sender knows how much of what it
 * sent is still in buffers or on the wire. Both only grow, so a replayed or reordered update
 * changes nothing.
 */
export const CreditSchema = z.object({
  granted: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  consumed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
/** See {@link CreditSchema}. */
export type Credit = z.infer<typeof CreditSchema>;

/** Heartbeat: `ping` carries the sender's monotonic time (ms); `pong` echoes it back. */
export const HeartbeatSchema = z.object({ kind: z.enum(['ping', 'pong']), t: z.number() });
/** See {@link HeartbeatSchema}. */
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

/**
 * One adjacency of an LSA, as its origin measures the link: RTT (ms), its sending bandwidth
 * estimate (Mbit/s, 0 = not measured yet), heartbeat loss and sending utilization (0..1), and the
 * administrative weight configured for it (1 when absent). The measured fields are optional so
 * LSAs of older nodes (RTT only) still decode.
 */
export const AdjacencySchema = z.object({
  peer: nodeId,
  rttMs: z.number().nonnegative().max(3_600_000),
  bwMbps: z.number().nonnegative().max(10_000_000).optional(),
  loss: z.number().min(0).max(1).optional(),
  util: z.number().min(0).max(1).optional(),
  weight: z.number().min(1).max(1_000_000).optional(),
});
/** See {@link AdjacencySchema}. */
export type Adjacency = z.infer<typeof AdjacencySchema>;

/**
 * Link-state advertisement (after OSPF, RFC 2328 sec. 12): the origin's adjacencies with their
 * measured metrics, versioned by `seq` (newer wins). `gone` withdraws the origin (orderly stop).
 */
export const LsaSchema = z.object({
  origin: nodeId,
  seq: z.number().int().nonnegative(),
  name: z.string().max(200),
  address,
  gone: z.boolean(),
  adj: z.array(AdjacencySchema).max(10_000),
});
/** See {@link LsaSchema}. */
export type Lsa = z.infer<typeof LsaSchema>;

/** Bye: the sender is stopping its mesh membership activity (StopMesh). */
export const ByeSchema = z.object({ reason: z.string().max(200) });
/** See {@link ByeSchema}. */
export type Bye = z.infer<typeof ByeSchema>;

/** Encodes a control body with msgpackr. */
export function encodeBody(body: unknown): Buffer {
  return packr.pack(body);
}

/**
 * Decodes and validates a msgpack body (`what` names it in errors: "control body", "SWIM body").
 * @throws MeshError ERR_BODY_MALFORMED when the bytes are not msgpack or do not fit the schema.
 */
export function decodeBody<T>(schema: z.ZodType<T>, payload: Uint8Array, what = 'control body'): T {
  let raw: unknown;
  try {
    raw = packr.unpack(payload);
  } catch (err) {
    throw new MeshError(ErrorCode.BodyMalformed, `${what} is not msgpack`, { cause: err });
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new MeshError(ErrorCode.BodyMalformed, `${what} invalid: ${r.error.issues[0]?.message ?? ''}`);
  return r.data;
}
