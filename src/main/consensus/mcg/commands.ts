/**
 * Commands of the Mesh Control Group's log (ARCHITECTURE.md "Consensus"): the mesh's creation,
 * membership (join, leave, evict) with each member's keys (SPKI fingerprint, the root of trust for
 * links; the signing key, which checks its LSAs; the X25519 key its pair keys come from;
 * `node-key` rotates them), the join policy and key, and the three kinds of updates that
 * reach every node in log order: mesh updates (system updates, mesh configuration), node updates
 * (addressed to one node), internal-DB updates (CDC of a replicated key-value table), and the
 * API's access records: issued and revoked tokens, ACL grants; and tenant keys by epoch, each
 * wrapped for every node that serves the tenant (`tenant-key` adds an epoch, `tenant-key-want`
 * records that a node serves the tenant, `tenant-key-wrap` adds that node's copy); and consistency
 * checks (`check`: every member digests its state and log at that entry and answers with a
 * `check-result`; neither changes the state), per-domain QoS policies (`qos-policy`,
 * `qos-policy-delete`) and mesh-wide live settings (`settings`: dotted path -> value, null
 * removes the mesh-wide value).
 * Encoded with msgpackr and validated with zod when applied.
 */
import { Packr } from 'msgpackr';
import { z } from 'zod';
import { ErrorCode, MeshError } from '../../../shared/errors.js';
import { JoinPolicySchema } from '../../../shared/wire/index.js';

const packr = new Packr({ useRecords: false, mapsAsObjects: true });
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes');
const nodeId = z.string().min(1).max(63);
/** SPKI fingerprint of a node key or of the mesh CA (`sha256:` + 64 hex digits). */
const fingerprint = z.string().regex(/^sha256:[0-9a-f]{64}$/);
/** A member's signing key (SPKI DER, base64) and X25519 exchange key (base64url, 32 bytes). */
const memberKeys = { key: fingerprint, spki: z.string().max(512).regex(/^[A-Za-z0-9+/]+=*$/), kx: z.string().regex(/^[A-Za-z0-9_-]{43}$/) };
/**
 * Request id of an update: the client's idempotency key, or an internal one (prefix
 * {@link INTERNAL_RID_PREFIX}); an update whose id was applied before is applied once.
 */
const rid = z.string().max(64).optional();

/** Prefix of the request ids a node gives updates that came without one (never shown to subscribers). */
export const INTERNAL_RID_PREFIX = '~';
const stamp = { origin: nodeId, at: z.number(), rid };

/** Largest topic, table or key (characters). */
export const MAX_NAME_CHARS = 256;
const label = z.string().min(1).max(MAX_NAME_CHARS);

/** A SHA-256 digest in hex (consensus checks). */
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const role = z.enum(['admin', 'publisher', 'subscriber']);
/** A wrapped data key: nonce (12) | key (32) | tag (16). */
const wrappedKey = z.custom<Uint8Array>((v) => v instanceof Uint8Array && v.length === 60, 'expected a 60-byte wrapped key');
const tenant = z.string().min(1).max(200);
/** An ACL grant: `subject` may act as `role` on `tenant` (one stream of it when `stream` is set). */
const aclEntry = { subject: z.string().min(1).max(200), tenant, role: z.enum(['publisher', 'subscriber']), stream: z.string().max(26).optional() };

/** The domain of a QoS policy: a tenant id, or `*` for every tenant without a policy of its own. */
const policyDomain = z.string().min(1).max(200);
/** A QoS policy's settings (node/admission.ts enforces them). */
const qosFields = {
  priorityWeight: z.number().int().min(1).max(100), maxPending: z.number().int().min(0).max(1e9), maxInFlight: z.number().int().min(0).max(1e6),
  breakerFailures: z.number().int().min(0).max(1e6), breakerOpenMs: z.number().int().min(100).max(3_600_000),
};

/** See the module comment. */
export const McgCommandSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('seed'), meshId: z.string().max(26), name: z.string().max(200), policy: JoinPolicySchema, keySalt: bytes, keyHash: bytes, nodeId,
    nodeName: z.string().max(200), address: z.string().max(300), ...memberKeys, caCert: z.string().max(8192),
  }),
  z.object({ t: z.literal('join'), nodeId, name: z.string().max(200), address: z.string().max(300), ...memberKeys }),
  z.object({ t: z.literal('node-key'), nodeId, ...memberKeys }),
  z.object({ t: z.literal('leave'), nodeId }),
  z.object({ t: z.literal('evict'), nodeId, reason: z.string().max(500) }),
  z.object({ t: z.literal('policy'), policy: JoinPolicySchema, keySalt: bytes, keyHash: bytes }),
  z.object({ t: z.literal('mesh-update'), topic: label, payload: bytes, ...stamp }),
  z.object({ t: z.literal('node-update'), nodeId, topic: label, payload: bytes, ...stamp }),
  z.object({ t: z.literal('db-update'), table: label, key: label, op: z.enum(['put', 'delete']), value: bytes, ...stamp }),
  z.object({
    t: z.literal('token-issue'), jti: z.string().min(1).max(64), sub: z.string().min(1).max(200), role, tenant: tenant.optional(),
    streams: z.array(z.string().max(26)).max(1000), aud: z.array(z.string().max(63)).max(1000), iss: nodeId, exp: z.number(), ...stamp,
  }),
  z.object({ t: z.literal('token-revoke'), jti: z.string().min(1).max(64), ...stamp }),
  z.object({ t: z.literal('acl-grant'), ...aclEntry, ...stamp }),
  z.object({
    t: z.literal('tenant-key'), tenant, epoch: z.number().int().min(1).max(2 ** 32 - 1), by: nodeId,
    wraps: z.array(z.tuple([nodeId, wrappedKey])).max(10_000), ...stamp,
  }),
  z.object({ t: z.literal('tenant-key-wrap'), tenant, epoch: z.number().int().min(1), by: nodeId, nodeId, wrapped: wrappedKey, ...stamp }),
  z.object({ t: z.literal('tenant-key-want'), tenant, nodeId, ...stamp }),
  z.object({ t: z.literal('acl-revoke'), ...aclEntry, ...stamp }),
  z.object({ t: z.literal('qos-policy'), domain: policyDomain, ...qosFields, ...stamp }),
  z.object({ t: z.literal('qos-policy-delete'), domain: policyDomain, ...stamp }),
  z.object({ t: z.literal('settings'), values: z.record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])), ...stamp }),
  z.object({ t: z.literal('check'), id: z.string().min(1).max(64), ...stamp }),
  z.object({
    t: z.literal('check-result'), id: z.string().min(1).max(64), nodeId, index: z.number().int().nonnegative(), state: sha256Hex,
    log: z.union([sha256Hex, z.literal('')]), logFrom: z.number().int().nonnegative(), ...stamp,
  }),
]);
/** One command; see {@link McgCommandSchema}. */
export type McgCommand = z.infer<typeof McgCommandSchema>;

/** The update kinds subscribers follow. */
export type UpdateKind = 'mesh' | 'node' | 'db';

/** Encodes a command as a log entry's data. */
export function encodeCommand(c: McgCommand): Uint8Array {
  return packr.pack(c);
}

/** Decodes a log entry's data. @throws MeshError ERR_BODY_MALFORMED. */
export function decodeCommand(data: Uint8Array): McgCommand {
  let raw: unknown;
  try {
    raw = packr.unpack(data);
  } catch (err) {
    throw new MeshError(ErrorCode.BodyMalformed, 'control-group entry is not msgpack', { cause: err });
  }
  const r = McgCommandSchema.safeParse(raw);
  if (!r.success) throw new MeshError(ErrorCode.BodyMalformed, `control-group entry invalid: ${r.error.issues[0]?.message ?? ''}`);
  return r.data as McgCommand;
}

/** The subscriber kind of a command, or null for membership and policy commands. */
export function kindOf(c: McgCommand): UpdateKind | null {
  return c.t === 'mesh-update' ? 'mesh' : c.t === 'node-update' ? 'node' : c.t === 'db-update' ? 'db' : null;
}

/** Encodes any msgpack value (snapshots). */
export function pack(v: unknown): Uint8Array {
  return packr.pack(v);
}

/** Decodes a msgpack value (snapshots). */
export function unpack(b: Uint8Array): unknown {
  return packr.unpack(b);
}
