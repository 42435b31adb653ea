/**
 * Authentication and authorization of every MeshService call (docs/SECURITY.md "API"): the
 * `authorization: Bearer <JWT>` metadata is verified before a handler runs (UNAUTHENTICATED
 * otherwise), then the method's rule checks the principal's rights (PERMISSION_DENIED). Each
 * refusal is counted in `meshd_api_errors_total{code}` and logged.
 */
import type { Metadata, ServerDuplexStream, ServerUnaryCall, ServerWritableStream, handleBidiStreamingCall, handleServerStreamingCall, handleUnaryCall, sendUnaryData } from '@grpc/grpc-js';
import { ErrorCode, MeshError, toRecord } from '../../../shared/errors.js';
import type { MeshNode, Principal } from '../../node/index.js';
import type { Logger } from '../../observability/logger.js';
import { toServiceError } from './status.js';
import { assertDecoded } from './undecodable.js';

const principals = new WeakMap<object, Principal>();

/** The principal a guarded call was authenticated as. @throws MeshError ERR_INTERNAL for an unguarded call (a bug). */
export function principalOf(call: object): Principal {
  const p = principals.get(call);
  if (!p) throw new MeshError(ErrorCode.Internal, 'call was not authenticated');
  return p;
}

/** The bearer token of a call's metadata ('' when there is none). */
export function bearerOf(md: Metadata): string {
  const v = md.get('authorization')[0];
  const s = typeof v === 'string' ? v : v instanceof Buffer ? v.toString() : '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(s);
  return m ? m[1] : '';
}

/** Authenticates a call from its metadata. @throws MeshError ERR_UNAUTHENTICATED. */
export async function authenticate(node: MeshNode, md: Metadata): Promise<Principal> {
  const token = bearerOf(md);
  if (!token) throw new MeshError(ErrorCode.Unauthenticated, 'missing "authorization: Bearer <token>" metadata');
  return node.access.authenticate(token);
}

/** Counts and logs a refused call. */
export function noteRefusal(node: MeshNode, log: Logger, method: string, err: unknown): void {
  const rec = toRecord(err);
  node.metrics.apiErrors.inc({ code: rec.code });
  log.info({ method, code: rec.code, message: rec.message }, 'API call refused');
}

/** Authenticates a unary call, then hands it on with its principal recorded. */
export function guardUnary<Req, Res>(node: MeshNode, log: Logger, method: string, handler: handleUnaryCall<Req, Res>): handleUnaryCall<Req, Res> {
  return (call: ServerUnaryCall<Req, Res>, cb: sendUnaryData<Res>) => {
    authenticate(node, call.metadata).then((p) => {
      assertDecoded(call.request);
      principals.set(call, p);
      handler(call, cb);
    }).catch((err: unknown) => {
      noteRefusal(node, log, method, err);
      cb(toServiceError(err), null);
    });
  };
}

/** A streaming call as the guards see it: metadata, and `error` to end it with a status. */
type GuardedCall = { metadata: Metadata; emit(event: 'error', err: unknown): boolean };

/** Authenticates `call`, applies `check` and `rule`, records the principal, then runs `handler`; refusals end the call. */
function guardCall<C extends GuardedCall>(node: MeshNode, log: Logger, method: string, call: C, handler: (call: C) => void, check: () => void, rule?: (p: Principal) => void): void {
  authenticate(node, call.metadata).then((p) => {
    check();
    rule?.(p);
    principals.set(call, p);
    handler(call);
  }).catch((err: unknown) => {
    noteRefusal(node, log, method, err);
    call.emit('error', toServiceError(err));
  });
}

/**
 * Authenticates a bidirectional call before its handler attaches (its messages wait meanwhile);
 * `rule` may refuse the principal for the whole call.
 */
export function guardStream<Req, Res>(node: MeshNode, log: Logger, method: string, handler: handleBidiStreamingCall<Req, Res>, rule?: (p: Principal) => void): handleBidiStreamingCall<Req, Res> {
  return (call: ServerDuplexStream<Req, Res>) => guardCall(node, log, method, call, handler, () => undefined, rule);
}

/** Authenticates a server-streaming call, checks its request and `rule`, then hands it on with its principal recorded. */
export function guardServerStream<Req, Res>(node: MeshNode, log: Logger, method: string, handler: handleServerStreamingCall<Req, Res>, rule?: (p: Principal) => void): handleServerStreamingCall<Req, Res> {
  return (call: ServerWritableStream<Req, Res>) => guardCall(node, log, method, call, handler, () => assertDecoded(call.request), rule);
}

/**
 * May `p` publish on `streamId` (a stream whose source is this node)? Unknown streams are refused
 * the same way as others' streams, so a caller cannot probe which ids exist; an admin goes on
 * (and gets NOT_FOUND from the publish).
 * @throws MeshError ERR_PERMISSION_DENIED.
 */
export function requirePublish(node: MeshNode, p: Principal, streamId: string): void {
  if (p.admin) return;
  const tenant = node.streamTenant(streamId);
  if (tenant === undefined) throw new MeshError(ErrorCode.PermissionDenied, `${p.claims.sub} may not publish to stream ${streamId}`);
  p.require('publisher', tenant, streamId);
}
