/**
 * The API's authentication and authorization (issue: trust, item 4): every RPC refuses a caller
 * without a token; tenants cannot reach each other's streams; roles, stream narrowing, ACL grants
 * and revocation hold at every node; /status and /metrics disclose stream and tenant ids only to
 * an admin.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { credentials, status, type Client, type ServiceError } from '@grpc/grpc-js';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { loadMeshProto } from '../../src/main/api/grpc/proto.js';
import type { MeshClient } from '../../src/main/api/grpc/client.js';
import { collect, payloads, startLine, waitFor, type Line } from '../helpers/cluster.js';

let line: Line;
before(async () => { line = await startLine(); });
after(async () => { await line?.stop(); });

const is = (code: ErrorCode) => (e: unknown) => e instanceof MeshError && e.code === code;

/** A client of `n` with `token`, closed when the suite ends. */
function withToken(n: Line['hub'], token: string): MeshClient {
  const c = n.client(token);
  clients.push(c);
  return c;
}
const clients: MeshClient[] = [];
after(() => { for (const c of clients) c.close(); });

async function token(c: MeshClient, r: Parameters<MeshClient['createToken']>[0]): Promise<string> {
  return (await c.createToken(r)).token;
}

test('every RPC of every service without a token, or with a bad one, is UNAUTHENTICATED', async () => {
  const pkg = loadMeshProto().mesh.v1;
  const tls = credentials.createSsl(Buffer.from(line.hub.credentials().ca), null, null, { checkServerIdentity: () => undefined });
  const codes: Array<[string, number]> = [];
  for (const Ctor of [pkg.MeshService, pkg.MeshDataService, pkg.MeshControl, pkg.SupervisorControl]) {
    const raw = new Ctor(line.hub.grpcAddress, tls) as unknown as Client & Record<string, (...a: unknown[]) => unknown>;
    const methods = Object.entries(Ctor.service);
    codes.push(...await Promise.all(methods.map(([name, def]) => new Promise<[string, number]>((resolve) => {
      if (def.requestStream) {
        const call = raw[name]() as NodeJS.EventEmitter & { write(m: unknown): void };
        call.on('error', (e: ServiceError) => resolve([name, e.code]));
        call.on('data', () => {});
        call.write({});
      } else if (def.responseStream) {
        const call = raw[name]({}) as NodeJS.EventEmitter;
        call.on('error', (e: ServiceError) => resolve([name, e.code]));
        call.on('data', () => {});
      } else {
        raw[name]({}, (e: ServiceError | null) => resolve([name, e ? e.code : status.OK]));
      }
    }))));
    raw.close();
  }
  assert.ok(codes.length >= 53, `all ${codes.length} methods`);
  assert.deepEqual(codes.filter(([, c]) => c !== status.UNAUTHENTICATED), [], 'methods that did not answer UNAUTHENTICATED');
  for (const bad of ['garbage', 'a.b.c', `${line.hub.credentials().token.slice(0, -4)}AAAA`]) {
    await assert.rejects(withToken(line.hub, bad).status(), is(ErrorCode.Unauthenticated), bad);
  }
  // The hub's admin token is issued for the hub only.
  await assert.rejects(withToken(line.trainer, line.hub.credentials().token).status(), is(ErrorCode.Unauthenticated));
});

test('tenants, roles and narrowed tokens: each reaches only its own streams', async () => {
  const everywhere = ['*'];
  const pubA = withToken(line.hub, await token(line.h, { subject: 'app-a', role: 'publisher', tenant: 'tenant-a', audience: everywhere, ttlMs: 600_000 }));
  const subA = withToken(line.trainer, await token(line.h, { subject: 'app-a', role: 'subscriber', tenant: 'tenant-a', audience: everywhere, ttlMs: 600_000 }));
  const subAatHub = withToken(line.hub, await token(line.h, { subject: 'app-a', role: 'subscriber', tenant: 'tenant-a', audience: everywhere, ttlMs: 600_000 }));
  const subB = withToken(line.trainer, await token(line.h, { subject: 'app-b', role: 'subscriber', tenant: 'tenant-b', audience: everywhere, ttlMs: 600_000 }));
  const streamA = await pubA.openStream('tenant-a', ['trainer']);
  const streamB = await line.h.openStream('tenant-b', ['trainer']);
  await line.h.publish(streamB, payloads(0, 3), 'TARGETS_STORED');
  // Tenant A cannot open on, or publish to, tenant B; a subscriber cannot publish.
  await assert.rejects(pubA.openStream('tenant-b', ['trainer']), is(ErrorCode.PermissionDenied));
  await assert.rejects(pubA.publish(streamB, payloads(0, 1)), is(ErrorCode.PermissionDenied));
  await assert.rejects(subAatHub.publish(streamA, payloads(0, 1)), is(ErrorCode.PermissionDenied));
  await assert.rejects(subAatHub.openStream('tenant-a', ['trainer']), is(ErrorCode.PermissionDenied));
  // Admin calls are refused to tenant tokens.
  await assert.rejects(pubA.evict('worker', 'x'), is(ErrorCode.PermissionDenied));
  await assert.rejects(pubA.setJoinPolicy('OPEN'), is(ErrorCode.PermissionDenied));
  await assert.rejects(pubA.createToken({ subject: 'x', role: 'admin', ttlMs: 1000 }), is(ErrorCode.PermissionDenied));
  // Subscribing (and so acknowledging) another tenant's stream is refused, even naming its tenant.
  const denied = (c: MeshClient, streamId: string, tenantId: string) => new Promise<unknown>((resolve) => {
    const sub = c.subscribe({ streamId, tenantId, onMessages: () => { sub.close(); resolve('delivered'); } });
    sub.done.then(() => resolve('ended'), resolve);
  });
  assert.ok(is(ErrorCode.PermissionDenied)(await denied(subB, streamA, 'tenant-a')));
  assert.ok(is(ErrorCode.PermissionDenied)(await denied(subA, streamB, 'tenant-b')));
  // The right tokens work end to end.
  await pubA.publish(streamA, payloads(0, 5), 'TARGETS_STORED');
  assert.equal((await collect(subA, streamA, 'tenant-a', 5)).length, 5);
  // A token narrowed to one stream reaches only that stream.
  const streamA2 = await line.h.openStream('tenant-a', ['trainer']);
  const narrow = withToken(line.hub, await token(line.h, { subject: 'app-a1', role: 'publisher', tenant: 'tenant-a', streams: [streamA], ttlMs: 600_000 }));
  await narrow.publish(streamA, payloads(5, 1));
  await assert.rejects(narrow.publish(streamA2, payloads(0, 1)), is(ErrorCode.PermissionDenied));
  // A non-admin sees only its tenants' streams in GetMeshStatus.
  const seen = (await pubA.status()).streams.map((s) => s.tenant_id);
  assert.ok(seen.length > 0 && seen.every((t) => t === 'tenant-a'), JSON.stringify(seen));
});

test('revoked tokens are refused at every node; ACL grants add and remove rights', async () => {
  const t = await line.h.createToken({ subject: 'svc', role: 'subscriber', tenant: 'tenant-c', audience: ['*'], ttlMs: 600_000 });
  const atTrainer = withToken(line.trainer, t.token);
  await atTrainer.status();
  assert.ok((await line.t.listTokens()).some((x) => x.jti === t.jti && !x.revoked), 'recorded at every node');
  // A grant lets the subscriber subject publish on tenant-c.
  await assert.rejects(atTrainer.openStream('tenant-c', ['hub']), is(ErrorCode.PermissionDenied));
  await line.h.grantAcl({ subject: 'svc', tenant: 'tenant-c', role: 'publisher' });
  await waitFor(async () => (await line.t.listAcls()).some((a) => a.subject === 'svc'), 'grant applied at the trainer');
  const s = await atTrainer.openStream('tenant-c', ['hub']);
  await atTrainer.publish(s, payloads(0, 1));
  await line.h.revokeAcl({ subject: 'svc', tenant: 'tenant-c', role: 'publisher' });
  await waitFor(async () => (await line.t.listAcls()).length === 0, 'grant removed at the trainer');
  await assert.rejects(atTrainer.publish(s, payloads(1, 1)), is(ErrorCode.PermissionDenied));
  // Revocation at the hub holds at the trainer.
  await line.h.revokeToken(t.jti);
  await waitFor(async () => {
    try {
      await atTrainer.status();
      return false;
    } catch (e) {
      return is(ErrorCode.Unauthenticated)(e);
    }
  }, 'revoked token refused at the trainer');
  assert.ok((await line.h.listTokens()).some((x) => x.jti === t.jti && x.revoked));
});

test('/status and /metrics show stream and tenant ids to an admin only', async () => {
  const s = await line.h.openStream('tenant-secret', ['trainer']);
  await line.h.publish(s, payloads(0, 1));
  const get = async (path: string, token?: string) => {
    const r = await fetch(`${line.hub.metricsUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { code: r.status, text: await r.text() };
  };
  const anon = await get('/status');
  assert.equal(anon.code, 200);
  assert.ok(!anon.text.includes(s) && !anon.text.includes('tenant-secret'));
  const admin = await get('/status', line.hub.credentials().token);
  assert.ok(admin.text.includes(s) && admin.text.includes('tenant-secret'));
  const body = JSON.parse(admin.text) as { mesh_id: string; streams: Array<{ stream_id: string }> };
  assert.equal(body.mesh_id.length, 26, 'the same snake_case names as GetMeshStatus');
  assert.ok(body.streams.some((x) => x.stream_id === s));
  assert.equal((JSON.parse(anon.text) as { streams_redacted: boolean }).streams_redacted, true);
  assert.ok(!(await get('/metrics')).text.includes(s));
  assert.ok((await get('/metrics', line.hub.credentials().token)).text.includes(s));
  assert.equal((await get('/status', 'forged')).code, 401);
});
