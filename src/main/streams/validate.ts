/**
 * Validation of client-data API arguments. Each failure is a MeshError with a stable code.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { isName, isUlid } from '../../shared/ids.js';

/** Most targets one stream may have. */
export const MAX_STREAM_TARGETS = 64;
/** Most messages in one publish request. */
export const MAX_PUBLISH_BATCH = 10_000;
/** Most bytes in one publish request (sum of payloads). */
export const MAX_PUBLISH_BATCH_BYTES = 64 * 1024 * 1024;
/** Lowest priority value (0 is highest). */
export const MAX_PRIORITY = 7;

/** @throws MeshError ERR_INVALID_ARGUMENT when `id` is not a valid tenant id. */
export function checkTenant(id: unknown): string {
  if (!isName(id)) throw new MeshError(ErrorCode.InvalidArgument, 'tenant_id must be 1-63 letters, digits, ".", "_" or "-"');
  return id;
}

/** @throws MeshError ERR_INVALID_ARGUMENT when `id` is not a stream id (ULID). */
export function checkStreamId(id: unknown): string {
  if (!isUlid(id)) throw new MeshError(ErrorCode.InvalidArgument, 'stream_id must be a ULID');
  return id;
}

/** @throws MeshError ERR_INVALID_ARGUMENT for empty, duplicate, malformed or self targets, or too many. */
export function checkTargets(targets: unknown[], selfId: string): string[] {
  if (targets.length === 0) throw new MeshError(ErrorCode.InvalidArgument, 'targets must not be empty');
  if (targets.length > MAX_STREAM_TARGETS) throw new MeshError(ErrorCode.InvalidArgument, `at most ${MAX_STREAM_TARGETS} targets`);
  const out = new Set<string>();
  for (const t of targets) {
    if (!isName(t)) throw new MeshError(ErrorCode.InvalidArgument, `target "${String(t)}" is not a node id`);
    if (t === selfId) throw new MeshError(ErrorCode.InvalidArgument, 'a stream cannot target its own source node');
    if (out.has(t)) throw new MeshError(ErrorCode.InvalidArgument, `target ${t} listed twice`);
    out.add(t);
  }
  return [...out];
}

/** @throws MeshError ERR_INVALID_ARGUMENT when priority is outside 0..7. */
export function checkPriority(p: number): number {
  if (!Number.isInteger(p) || p < 0 || p > MAX_PRIORITY) throw new MeshError(ErrorCode.InvalidArgument, `priority must be 0..${MAX_PRIORITY}`);
  return p;
}

/**
 * @throws MeshError ERR_INVALID_ARGUMENT for an empty or too long batch; ERR_PAYLOAD_TOO_LARGE
 *   when one payload exceeds `maxMessageBytes` or the batch exceeds {@link MAX_PUBLISH_BATCH_BYTES}.
 */
export function checkPayloads(payloads: Uint8Array[], maxMessageBytes: number): void {
  if (payloads.length === 0) throw new MeshError(ErrorCode.InvalidArgument, 'payloads must not be empty');
  if (payloads.length > MAX_PUBLISH_BATCH) throw new MeshError(ErrorCode.InvalidArgument, `at most ${MAX_PUBLISH_BATCH} payloads per request`);
  let total = 0;
  for (const p of payloads) {
    if (p.length > maxMessageBytes) throw new MeshError(ErrorCode.PayloadTooLarge, `payload of ${p.length} bytes exceeds ${maxMessageBytes}`);
    total += p.length;
  }
  if (total > MAX_PUBLISH_BATCH_BYTES) throw new MeshError(ErrorCode.PayloadTooLarge, `batch of ${total} bytes exceeds ${MAX_PUBLISH_BATCH_BYTES}`);
}
