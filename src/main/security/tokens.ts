/**
 * API bearer tokens (docs/SECURITY.md "API"): JWTs (RFC 7519) signed ES256 (RFC 7518 sec. 3.4)
 * with the issuing node's key, the key the Mesh Control Group records for it, so no token secret
 * is ever distributed. Built and checked with `jose`.
 *
 * Header `{alg: ES256, typ: JWT, kid: <issuing node id>}`; claims:
 * - `iss` the issuing node id (= `kid`), `sub` the principal, `aud` the node ids the token is
 *   valid at (a node accepts a token only with its own id in `aud`, or `*`),
 * - `role`: `admin` | `publisher` | `subscriber`, `tenant` (publisher and subscriber), optional
 *   `streams` (stream ids the role is narrowed to),
 * - `jti` (ULID, the id `meshctl token revoke` names), `iat`, `exp` (seconds).
 * A node checks the signature against the issuer's recorded key (its own key for tokens it issued
 * before it belonged to a mesh), the audience, the expiry (30 s leeway) and the revocation list.
 */
import { SignJWT, errors, jwtVerify, type JWTPayload } from 'jose';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { randomUlid } from '../../shared/ids.js';

/** Roles a token (or an ACL entry) grants. */
export const RoleSchema = z.enum(['admin', 'publisher', 'subscriber']);
/** See {@link RoleSchema}. */
export type Role = z.infer<typeof RoleSchema>;

/** Longest token lifetime (ms): one year. */
export const MAX_TOKEN_TTL_MS = 365 * 24 * 3600_000;
/** Clock skew tolerated on `exp`, `iat` and `nbf` (seconds). */
export const TOKEN_LEEWAY_S = 30;
/** Largest token accepted (characters); longer ones are refused before parsing. */
export const MAX_TOKEN_CHARS = 8192;

const ClaimsSchema = z.object({
  iss: z.string().min(1).max(63),
  sub: z.string().min(1).max(200),
  aud: z.union([z.string(), z.array(z.string()).max(1000)]),
  role: RoleSchema,
  tenant: z.string().min(1).max(200).optional(),
  streams: z.array(z.string().max(26)).max(1000).optional(),
  jti: z.string().min(1).max(64),
  iat: z.number(),
  exp: z.number(),
});

/** A verified token's claims. */
export type TokenClaims = z.infer<typeof ClaimsSchema>;

/** What a token is issued for. */
export interface TokenRequest {
  subject: string;
  role: Role;
  tenant?: string;
  streams?: string[];
  /** Node ids it is valid at; `['*']` for every member. */
  audience: string[];
  ttlMs: number;
}

/**
 * Signs a token with `key` (the issuing node's ECDSA P-256 private key) as node `issuer`.
 * @throws MeshError ERR_INVALID_ARGUMENT (ttl, role without tenant, empty audience).
 */
export async function issueToken(key: KeyObject, issuer: string, r: TokenRequest, nowMs = Date.now()): Promise<{ token: string; claims: TokenClaims }> {
  if (!(r.ttlMs > 0 && r.ttlMs <= MAX_TOKEN_TTL_MS)) throw new MeshError(ErrorCode.InvalidArgument, `ttl must be between 1 ms and ${MAX_TOKEN_TTL_MS} ms`);
  if (r.role !== 'admin' && !r.tenant) throw new MeshError(ErrorCode.InvalidArgument, `role ${r.role} needs a tenant`);
  if (!r.audience.length) throw new MeshError(ErrorCode.InvalidArgument, 'a token needs an audience (node ids, or *)');
  const iat = Math.floor(nowMs / 1000);
  const claims: TokenClaims = {
    iss: issuer, sub: r.subject, aud: r.audience, role: r.role, ...(r.tenant ? { tenant: r.tenant } : {}),
    ...(r.streams?.length ? { streams: r.streams } : {}), jti: randomUlid(), iat, exp: iat + Math.ceil(r.ttlMs / 1000),
  };
  const token = await new SignJWT(claims as unknown as JWTPayload).setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: issuer }).sign(key);
  return { token, claims };
}

/** What verification needs from the node. */
export interface TokenVerifyContext {
  /** This node's id: it must be in the token's audience (or the audience is `*`). */
  selfId: string;
  /** The recorded signing key (SPKI DER, base64) of node `kid`, if it is a member or this node. */
  keyOf(kid: string): string | undefined;
  /** True when the token id was revoked. */
  isRevoked(jti: string): boolean;
}

const keyCache = new Map<string, KeyObject>();
function publicKeyOf(spki: string): KeyObject {
  let k = keyCache.get(spki);
  if (!k) {
    if (keyCache.size > 10_000) keyCache.clear();
    k = createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
    keyCache.set(spki, k);
  }
  return k;
}

/**
 * Verifies a bearer token.
 * @throws MeshError ERR_UNAUTHENTICATED with the reason (malformed, unknown issuer, bad signature,
 *   wrong audience, expired, revoked).
 */
export async function verifyToken(token: string, ctx: TokenVerifyContext, nowMs = Date.now()): Promise<TokenClaims> {
  const fail = (why: string, cause?: unknown): never => { throw new MeshError(ErrorCode.Unauthenticated, `token refused: ${why}`, { cause }); };
  if (!token || token.length > MAX_TOKEN_CHARS) fail('missing or too long');
  let payload: JWTPayload;
  let kid: unknown;
  try {
    ({ payload, protectedHeader: { kid } } = await jwtVerify(token, (header) => {
      const spki = typeof header.kid === 'string' ? ctx.keyOf(header.kid) : undefined;
      if (!spki) throw new MeshError(ErrorCode.Unauthenticated, `token refused: issuer ${String(header.kid)} is not a member`);
      return publicKeyOf(spki);
    }, { algorithms: ['ES256'], clockTolerance: TOKEN_LEEWAY_S, currentDate: new Date(nowMs), requiredClaims: ['exp', 'iat', 'jti', 'sub', 'aud'] }));
  } catch (err) {
    if (err instanceof MeshError) throw err;
    if (err instanceof errors.JWTExpired) return fail('expired', err);
    if (err instanceof errors.JWSSignatureVerificationFailed) return fail('bad signature', err);
    return fail((err as Error).message, err);
  }
  const r = ClaimsSchema.safeParse(payload);
  if (!r.success) return fail(`claims invalid: ${r.error.issues[0]?.message ?? ''}`);
  const c = r.data;
  if (kid !== c.iss) fail('kid and iss differ');
  const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
  if (!aud.includes(ctx.selfId) && !aud.includes('*')) fail(`not issued for node ${ctx.selfId}`);
  if (ctx.isRevoked(c.jti)) fail(`revoked (${c.jti})`);
  if (c.role !== 'admin' && !c.tenant) fail(`role ${c.role} without a tenant`);
  return c;
}
