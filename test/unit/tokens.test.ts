import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { MAX_TOKEN_CHARS, TOKEN_LEEWAY_S, issueToken, verifyToken, type TokenVerifyContext } from '../../src/main/security/index.js';

const a = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const b = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spki = (k: typeof a) => k.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const ctx = (over: Partial<TokenVerifyContext> = {}): TokenVerifyContext => ({
  selfId: 'n1', keyOf: (kid) => ({ n1: spki(a), n2: spki(b) } as Record<string, string>)[kid], isRevoked: () => false, ...over,
});
const unauth = (why: RegExp) => (e: unknown) => e instanceof MeshError && e.code === ErrorCode.Unauthenticated && why.test(e.message);
const req = { subject: 'app', role: 'publisher' as const, tenant: 't', audience: ['n1'], ttlMs: 60_000 };

test('a token verifies at its audience with its issuer\'s recorded key', async () => {
  const { token, claims } = await issueToken(a.privateKey, 'n1', req);
  const c = await verifyToken(token, ctx());
  assert.deepEqual(c, claims);
  const star = await issueToken(b.privateKey, 'n2', { ...req, audience: ['*'] });
  assert.equal((await verifyToken(star.token, ctx())).iss, 'n2');
});

test('forged, tampered, expired, misaddressed, revoked and oversized tokens are refused', async () => {
  const { token, claims } = await issueToken(a.privateKey, 'n1', req);
  const [h, p, s] = token.split('.');
  // Claims changed (role admin) under the original signature.
  const admin = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
  await assert.rejects(verifyToken(`${h}.${admin}.${s}`, ctx()), unauth(/signature/));
  // alg none.
  const none = Buffer.from(JSON.stringify({ alg: 'none', kid: 'n1' })).toString('base64url');
  await assert.rejects(verifyToken(`${none}.${p}.`, ctx()), unauth(/./));
  // Signed by n2's key but naming n1 as issuer (kid n1): the signature does not match n1's key.
  const forged = await issueToken(b.privateKey, 'n1', req);
  await assert.rejects(verifyToken(forged.token, ctx()), unauth(/signature/));
  // Signed by n2 as n2, but a kid that is not a member.
  await assert.rejects(verifyToken((await issueToken(b.privateKey, 'n3', req)).token, ctx()), unauth(/not a member/));
  // Expired (beyond the leeway), not yet for this node, revoked, too long.
  const later = Date.now() + 60_000 + (TOKEN_LEEWAY_S + 1) * 1000;
  await assert.rejects(verifyToken(token, ctx(), later), unauth(/expired/));
  await assert.rejects(verifyToken(token, ctx({ selfId: 'n2' })), unauth(/not issued for node n2/));
  await assert.rejects(verifyToken(token, ctx({ isRevoked: (j) => j === claims.jti })), unauth(/revoked/));
  await assert.rejects(verifyToken('x'.repeat(MAX_TOKEN_CHARS + 1), ctx()), unauth(/too long/));
  await assert.rejects(verifyToken('', ctx()), unauth(/missing/));
});

test('issuing checks role, tenant, audience and ttl', async () => {
  const bad = (e: unknown) => e instanceof MeshError && e.code === ErrorCode.InvalidArgument;
  await assert.rejects(issueToken(a.privateKey, 'n1', { ...req, tenant: undefined }), bad);
  await assert.rejects(issueToken(a.privateKey, 'n1', { ...req, audience: [] }), bad);
  await assert.rejects(issueToken(a.privateKey, 'n1', { ...req, ttlMs: 0 }), bad);
  await assert.rejects(issueToken(a.privateKey, 'n1', { ...req, ttlMs: 400 * 24 * 3600_000 }), bad);
});
