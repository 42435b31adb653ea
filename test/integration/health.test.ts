/**
 * Honest health: /readyz, grpc.health.v1 and the health gauges follow readiness (a member, not
 * CRITICAL, a known leader); server reflection serves MeshService's schema. The gRPC clients here
 * use only the standard health and reflection protos, none of meshd's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as http2Connect } from 'node:http2';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Metadata, credentials, loadPackageDefinition, makeGenericClientConstructor, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { service as healthService } from 'grpc-health-check';
import { LocalNode, nodeSpec, startAll } from '../../src/main/cli/local-mesh.js';
import { FLOW_CONTROL_WINDOW_BYTES } from '../../src/main/api/grpc/flow-window.js';
import { metric, waitFor } from '../helpers/cluster.js';

type Unary = (req: object, cb: (err: ServiceError | null, res: { status: string }) => void) => void;

function tlsTo(n: LocalNode) {
  const ca = readFileSync(n.files!.caFile);
  return [n.grpcAddress, credentials.createSsl(ca, null, null, { checkServerIdentity: () => undefined }), { 'grpc.ssl_target_name_override': 'localhost' }] as const;
}

function healthCheck(n: LocalNode, service = ''): Promise<string> {
  const Health = makeGenericClientConstructor(healthService, 'Health');
  const c = new Health(...tlsTo(n)) as unknown as Client & { check: Unary };
  return new Promise((resolve, reject) => c.check({ service }, (err, res) => { c.close(); return err ? reject(err) : resolve(res.status); }));
}

/** The HTTP/2 receive windows a node's API grants a client: per stream and per connection (bytes). */
async function apiWindows(n: LocalNode): Promise<{ stream: number; connection: number }> {
  const session = http2Connect(`https://${n.grpcAddress}`, { ca: readFileSync(n.files!.caFile), servername: 'localhost', checkServerIdentity: () => undefined });
  try {
    const settings = await new Promise<{ initialWindowSize?: number }>((resolve, reject) => { session.once('remoteSettings', resolve); session.once('error', reject); });
    await waitFor(() => (session.state.remoteWindowSize ?? 0) > 65_535, 'connection WINDOW_UPDATE', 5_000).catch(() => undefined);
    return { stream: settings.initialWindowSize ?? 65_535, connection: session.state.remoteWindowSize ?? 0 };
  } finally {
    session.destroy();
  }
}

/** Lists services and fetches the descriptor file holding `symbol` through reflection v1. */
function reflect(n: LocalNode, symbol: string): Promise<{ services: string[]; file: Buffer }> {
  const req = createRequire(import.meta.url);
  const protoFile = join(dirname(req.resolve('@grpc/reflection/package.json')), 'build', 'proto', 'grpc', 'reflection', 'v1', 'reflection.proto');
  const pkg = loadPackageDefinition(loadSync(protoFile, { keepCase: true })) as unknown as { grpc: { reflection: { v1: { ServerReflection: new (...a: unknown[]) => Client & { ServerReflectionInfo(): NodeJS.ReadWriteStream & { write(m: object): boolean; end(): void } } } } } };
  const c = new pkg.grpc.reflection.v1.ServerReflection(...tlsTo(n));
  return new Promise((resolve, reject) => {
    const call = c.ServerReflectionInfo();
    const answers: Array<{ list_services_response?: { service: Array<{ name: string }> }; file_descriptor_response?: { file_descriptor_proto: Buffer[] }; error_response?: unknown }> = [];
    call.on('data', (m: (typeof answers)[number]) => {
      answers.push(m);
      if (answers.length === 2) call.end();
    });
    call.on('error', reject);
    call.on('end', () => {
      c.close();
      const services = answers[0]?.list_services_response?.service.map((s) => s.name) ?? [];
      const file = Buffer.concat(answers[1]?.file_descriptor_response?.file_descriptor_proto ?? []);
      resolve({ services, file });
    });
    call.write({ list_services: '' });
    call.write({ file_containing_symbol: symbol });
  });
}

async function readyz(n: LocalNode): Promise<{ code: number; body: { ready: boolean; reasons: string[] } }> {
  const r = await fetch(`${n.metricsUrl}/readyz`);
  return { code: r.status, body: (await r.json()) as { ready: boolean; reasons: string[] } };
}

test('grpc.health.v1, reflection, /readyz and the health gauges: a fresh node is not ready, a seeded one is, a CRITICAL one is not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-health-'));
  const a = new LocalNode(nodeSpec('a', join(dir, 'a')));
  const b = new LocalNode(nodeSpec('b', join(dir, 'b')));
  try {
    await startAll([a, b]);
    // A node that is no mesh member yet.
    const fresh = await readyz(a);
    assert.equal(fresh.code, 503);
    assert.deepEqual(fresh.body.reasons, ['not a mesh member']);
    // A distant client's uploads are not held to 64 KiB per round trip.
    assert.deepEqual(await apiWindows(a), { stream: FLOW_CONTROL_WINDOW_BYTES, connection: FLOW_CONTROL_WINDOW_BYTES });
    assert.equal((await fetch(`${a.metricsUrl}/healthz`)).status, 200, 'liveness is separate');
    assert.equal(await healthCheck(a), 'NOT_SERVING');
    assert.equal(await healthCheck(a, 'mesh.v1.MeshService'), 'NOT_SERVING');
    await assert.rejects(healthCheck(a, 'no.such.Service'), (e: ServiceError) => e.code === 5, 'an unknown service name is NOT_FOUND');

    // Reflection, without meshd's protos and without a token.
    const r = await reflect(a, 'mesh.v1.MeshService');
    assert.ok(r.services.includes('mesh.v1.MeshService'), `services: ${r.services.join(', ')}`);
    assert.ok(r.services.includes('grpc.health.v1.Health'));
    assert.ok(r.services.includes('mesh.v1.MeshDataService'));
    assert.ok(r.file.includes('PublishClientDataStream') && r.file.includes('SeedMesh'), 'the descriptor names MeshService methods');
    for (const svc of ['mesh.v1.MeshControl', 'mesh.v1.SupervisorControl']) assert.ok(r.services.includes(svc), `${svc} listed`);
    const control = await reflect(a, 'mesh.v1.MeshControl');
    assert.ok(control.file.includes('TriggerConsensusCheck') && control.file.includes('SetPolicy'), 'control.proto served by reflection');
    const sup = await reflect(a, 'mesh.v1.SupervisorControl');
    assert.ok(sup.file.includes('Logs') && sup.file.includes('SupervisorHealthRequest'), 'supervisor.proto served by reflection');

    // Seeded and joined: both ready.
    const ca = a.client();
    const cb = b.client();
    const fp = (await ca.seed('health', 'KEY_REQUIRED', 'k')).fingerprint;
    await cb.join(a.meshAddress, 'k', fp);
    assert.equal((await ca.status()).self?.address, a.meshAddress, 'a mesh port the OS chose is advertised as bound, not as 0');
    await waitFor(async () => (await cb.status()).nodes.find((n) => n.node_id === 'a')?.address === a.meshAddress, 'b knows a at its bound port', 10_000);
    for (const n of [a, b]) {
      await waitFor(async () => (await readyz(n)).code === 200, `${n.spec.id} ready`, 30_000);
      await waitFor(async () => (await healthCheck(n)) === 'SERVING', `${n.spec.id} SERVING`, 10_000);
    }
    assert.equal(await metric(a.metricsUrl, 'meshd_ready'), 1);
    for (const svc of ['mesh.v1.MeshDataService', 'mesh.v1.MeshControl', 'mesh.v1.SupervisorControl']) assert.equal(await healthCheck(a, svc), 'SERVING');
    // MeshDataService serves the subscriptions under the seed's service name.
    await ca.sendMeshUpdate('via-data-service', Buffer.from('x'));
    const { loadMeshProto } = await import('../../src/main/api/grpc/proto.js');
    const Data = loadMeshProto().mesh.v1.MeshDataService as unknown as new (...args: unknown[]) => Client & { SubscribeMeshUpdates(md: Metadata): NodeJS.ReadWriteStream & { write(m: object): boolean; cancel(): void } };
    const md = new Metadata();
    md.set('authorization', `Bearer ${a.credentials().token}`);
    const dc = new Data(...tlsTo(a));
    const call = dc.SubscribeMeshUpdates(md);
    const topics = await new Promise<string[]>((resolve, reject) => {
      call.on('data', (r: { updates: Array<{ topic: string }> }) => resolve(r.updates.map((u) => u.topic)));
      call.on('error', reject);
      call.write({ start: { from_index: 0, subscriber_id: '', window: 0 } });
    });
    call.cancel();
    dc.close();
    assert.ok(topics.includes('via-data-service'), topics.join(','));
    // A restart re-applies the control group's log: old members are not announced as joining again.
    assert.match(b.logs(), /member joined \(control group\)/);
    await b.stop();
    await b.start();
    await waitFor(async () => (await readyz(b)).code === 200, 'b ready again', 30_000);
    const sinceRestart = b.logs().split('[process exited').pop()!;
    assert.doesNotMatch(sinceRestart, /member joined/, 'no "member joined" for old members after a restart');
    assert.equal(await metric(a.metricsUrl, 'meshd_health '), 0);
    assert.ok((await metric(a.metricsUrl, 'meshd_raft_term')) >= 1);
    assert.ok((await metric(a.metricsUrl, 'meshd_raft_commit_index')) >= 1);
    ca.close();
    cb.close();

    // b gone: one of two nodes unreachable is CRITICAL at a.
    await b.stop();
    const down = await waitFor(async () => { const x = await readyz(a); return x.code === 503 ? x : null; }, 'a not ready', 30_000);
    assert.ok(down!.body.reasons.includes('health is CRITICAL'), down!.body.reasons.join('; '));
    await waitFor(async () => (await healthCheck(a)) === 'NOT_SERVING', 'a NOT_SERVING', 10_000);
    assert.equal(await metric(a.metricsUrl, 'meshd_health '), 2);
    assert.equal(await metric(a.metricsUrl, 'meshd_ready'), 0);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
});
