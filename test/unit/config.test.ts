import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { loadConfig } from '../../src/shared/config/index.js';

const dir = mkdtempSync(join(tmpdir(), 'meshd-config-'));

test('YAML config with defaults, env overrides and services-file peers', () => {
  writeFileSync(join(dir, 'services.json'), JSON.stringify({ services: [
    { id: 'hub', endpoint: '10.0.0.1:9001', grpcEndpoint: '10.0.0.1:9101' },
    { id: 'worker', endpoint: '10.0.0.2:9002', grpcEndpoint: '10.0.0.2:9102', peers: ['hub'] },
  ] }));
  writeFileSync(join(dir, 'worker.yaml'), `node:\n  id: worker\nservicesFile: ${join(dir, 'services.json')}\n`);
  const c = loadConfig({ file: join(dir, 'worker.yaml'), env: { MESH_METRICS_PORT: '9999', MESH_LOG_LEVEL: 'warn' } });
  assert.equal(c.node.name, 'worker');
  assert.equal(c.mesh.port, 9002);
  assert.equal(c.grpc.port, 9102);
  assert.equal(c.metrics.port, 9999);
  assert.equal(c.log.level, 'warn');
  assert.deepEqual(c.peers, ['10.0.0.1:9001']);
  assert.equal(c.dataDir, join('data', 'worker'));
});

function refused(fn: () => unknown, field: string): void {
  assert.throws(fn, (e: unknown) => e instanceof MeshError && e.code === ErrorCode.ConfigInvalid && e.message.includes(`"${field}"`));
}

test('a bad config is refused with a message naming the field', () => {
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ node: { id: 'a' }, mesh: { port: 70000 } }));
  refused(() => loadConfig({ file: join(dir, 'bad.json') }), 'mesh.port');
  refused(() => loadConfig({ env: { MESH_NODE_ID: 'has space' } }), 'node.id');
  refused(() => loadConfig({ env: { MESH_NODE_ID: 'a', MESH_GRPC_PORT: 'x' } }), 'grpc.port');
  refused(() => loadConfig({ env: { MESH_NODE_ID: 'a', MESH_PEERS: 'nohost' } }), 'peers');
  refused(() => loadConfig({}), 'node.id');
  assert.throws(() => loadConfig({}), /"node.id" is required: set it with --node-id or MESH_NODE_ID/);
  writeFileSync(join(dir, 'typo.json'), JSON.stringify({ node: { id: 'a' }, mesh: { prot: 9000 }, lgo: {} }));
  assert.throws(() => loadConfig({ file: join(dir, 'typo.json') }), /unknown setting "mesh.prot"/, 'a misspelt key is an error naming it');
  writeFileSync(join(dir, 'typo2.json'), JSON.stringify({ node: { id: 'a' }, lgo: {} }));
  refused(() => loadConfig({ file: join(dir, 'typo2.json') }), 'lgo');
  writeFileSync(join(dir, 'backlog.json'), JSON.stringify({ node: { id: 'a' }, streams: { outboxHighWaterBytes: 1000 } }));
  refused(() => loadConfig({ file: join(dir, 'backlog.json') }), 'streams.outboxHighWaterBytes');
  for (const [name, v] of [['w1.json', 1000], ['w2.json', 64 * 1024 * 1024], ['w3.json', 'big']] as const) {
    writeFileSync(join(dir, name), JSON.stringify({ node: { id: 'a' }, streams: { minWindowBytes: v } }));
    refused(() => loadConfig({ file: join(dir, name) }), 'streams.minWindowBytes');
  }
  writeFileSync(join(dir, 'w4.json'), JSON.stringify({ node: { id: 'a' }, streams: { minWindowBytes: 1024 * 1024 } }));
  assert.equal(loadConfig({ file: join(dir, 'w4.json') }).streams.minWindowBytes, 1024 * 1024);
  assert.equal(loadConfig({ env: { MESH_NODE_ID: 'a' } }).streams.minWindowBytes, 8 * 1024 * 1024, 'the default');
});

test('routing and membership settings: defaults, env overrides, and typos or bad values refused', () => {
  const c = loadConfig({ env: { MESH_NODE_ID: 'a', MESH_SCHEDULER: 'wrr', MESH_HEARTBEAT_MS: '50', MESH_DEAD_AFTER_MS: '250' } });
  assert.equal(c.routing.scheduler, 'wrr');
  assert.equal(c.dataPlane.heartbeatMs, 50);
  assert.equal(c.dataPlane.deadAfterMs, 250);
  assert.equal(c.routing.k, 4);
  assert.equal(c.membership.probeIntervalMs, 1000);
  const file = (name: string, body: object) => {
    writeFileSync(join(dir, name), JSON.stringify({ node: { id: 'a' }, ...body }));
    return join(dir, name);
  };
  refused(() => loadConfig({ env: { MESH_NODE_ID: 'a', MESH_SCHEDULER: 'fastest' } }), 'routing.scheduler');
  refused(() => loadConfig({ file: file('r1.json', { routing: { costs: { bulkk: { a: 1, b: 1, c: 1, d: 1, e: 1 } } } }) }), 'routing.costs.bulkk');
  refused(() => loadConfig({ file: file('r2.json', { routing: { costs: { bulk: { a: -1, b: 1, c: 1, d: 1, e: 1 } } } }) }), 'routing.costs.bulk.a');
  refused(() => loadConfig({ file: file('r3.json', { routing: { linkWeights: { b: 0.5 } } }) }), 'routing.linkWeights.b');
  refused(() => loadConfig({ file: file('m1.json', { membership: { probeIntervalMs: 500, probeTimeoutMs: 500 } }) }), 'membership');
  refused(() => loadConfig({ file: file('m2.json', { membership: { capabilities: ['x'.repeat(65)] } }) }), 'membership.capabilities.0');
});

test('lane settings: defaults, MESH_LANES, and bad values or typos refused', () => {
  const c = loadConfig({ env: { MESH_NODE_ID: 'a' } });
  assert.deepEqual(c.lanes, {
    max: 4, bulkMin: 1, controlWindowBytes: 4 << 20, dataWindowBytes: 16 << 20, highWaterBytes: 64 << 20, lowWaterBytes: 16 << 20,
    scaleUpBacklogBytes: 1 << 20, scaleUpAfterMs: 2000, idleMs: 30_000, cooldownMs: 10_000,
  });
  assert.equal(loadConfig({ env: { MESH_NODE_ID: 'a', MESH_LANES: '1' } }).lanes.max, 1);
  const file = (name: string, body: object) => {
    writeFileSync(join(dir, name), JSON.stringify({ node: { id: 'a' }, ...body }));
    return join(dir, name);
  };
  refused(() => loadConfig({ env: { MESH_NODE_ID: 'a', MESH_LANES: '9' } }), 'lanes.max');
  refused(() => loadConfig({ file: file('l1.json', { lanes: { lowWaterBytes: 64 << 20, highWaterBytes: 32 << 20 } }) }), 'lanes');
  refused(() => loadConfig({ file: file('l2.json', { lanes: { dataWindowBytes: 1024 } }) }), 'lanes.dataWindowBytes');
  refused(() => loadConfig({ file: file('l3.json', { lanes: { maxx: 2 } }) }), 'lanes.maxx');
});

test('the README configuration table names every setting of the schema', () => {
  const c = loadConfig({ env: { MESH_NODE_ID: 'a' } }) as unknown as Record<string, unknown>;
  const leaves: string[] = [];
  const walk = (o: Record<string, unknown>, p: string) => {
    for (const [k, v] of Object.entries(o)) {
      const q = p ? `${p}.${k}` : k;
      // Free-form maps are one setting each (their keys are node ids); cost classes are listed by class.
      if (v && typeof v === 'object' && !Array.isArray(v) && q !== 'routing.linkWeights') walk(v as Record<string, unknown>, q);
      else leaves.push(q);
    }
  };
  walk(c, '');
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const documented = new Set<string>();
  for (const row of readme.split('\n').filter((l) => l.startsWith('| '))) {
    const parts = row.split('|')[1].trim().split(' / ').map((x) => x.trim().replace(/`/g, ''));
    const parent = parts[0].includes('.') ? parts[0].slice(0, parts[0].lastIndexOf('.')) : '';
    for (const x of parts) documented.add(x.includes('.') || !parent ? x : `${parent}.${x}`);
  }
  const covered = (leaf: string) => documented.has(leaf) || [...documented].some((d) => leaf.startsWith(`${d}.`));
  assert.deepEqual(leaves.filter((l) => !covered(l)), [], 'settings missing from the README table');
});

test('config reload: changed settings found by path; live ones applied (the log level too), the rest named for a restart', async () => {
  const { changedSettings, reloadConfig } = await import('../../src/main/cli/config-reload.js');
  const current = loadConfig({ env: { MESH_NODE_ID: 'a' } });
  const next = loadConfig({ env: { MESH_NODE_ID: 'a', MESH_LOG_LEVEL: 'debug', MESH_HEARTBEAT_MS: '500' } });
  assert.deepEqual(changedSettings(current, next).sort(), ['dataPlane.heartbeatMs', 'log.level']);
  const logged: unknown[] = [];
  const log = { level: 'info', info: (o: unknown) => logged.push(o), error: (o: unknown) => logged.push(o), debug: () => undefined };
  const r = reloadConfig(current, () => next, log as never);
  assert.deepEqual(r, { applied: ['log.level'], needRestart: ['dataPlane.heartbeatMs'] });
  assert.equal(current.log.level, 'debug');
  assert.equal(log.level, 'debug');
  assert.equal(current.dataPlane.heartbeatMs, 1000, 'restart-only settings are not changed in place');
  assert.equal(reloadConfig(current, () => { throw new MeshError(ErrorCode.ConfigInvalid, 'bad'); }, log as never), null);
  assert.deepEqual(logged[logged.length - 1], { code: 'ERR_CONFIG_INVALID', message: 'bad' });
});
