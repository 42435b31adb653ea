/**
 * Configuration reload on a running meshd: SIGHUP and --watch-config apply the live settings, name
 * the ones that need a restart, and refuse a configuration that no longer validates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalNode, nodeSpec, startAll } from '../../src/main/cli/local-mesh.js';
import { waitFor } from '../helpers/cluster.js';

test('SIGHUP and --watch-config reload the configuration: live settings applied, restart-only ones named, a bad file refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-reload-'));
  const file = join(dir, 'meshd.json');
  const write = (body: object) => writeFileSync(file, JSON.stringify({ node: { id: 'r1' }, ...body }));
  write({ streams: { windowMessages: 100 } });
  const n = new LocalNode({ ...nodeSpec('r1', join(dir, 'r1')), extraArgs: ['--config', file, '--watch-config'] });
  try {
    await startAll([n]);
    const lines = (msg: string) => n.logs().split('\n').filter((l) => l.includes(msg)).map((l) => JSON.parse(l) as { applied?: string[]; needRestart?: string[]; code?: string });
    write({ streams: { windowMessages: 50, rtoMaxMs: 4000 }, dataPlane: { heartbeatMs: 500, batchBytes: 131072 }, lanes: { dataWindowBytes: 8388608, idleMs: 20000 } });
    process.kill(n.pid!, 'SIGHUP');
    const [r] = (await waitFor(() => { const l = lines('configuration reloaded'); return l.length ? l : null; }, 'a reload logged', 10_000).catch((e: Error) => { throw new Error(e.message + '\n' + n.logs()); }))!;
    assert.deepEqual([...r.applied!].sort(), ['dataPlane.batchBytes', 'lanes.dataWindowBytes', 'lanes.idleMs', 'streams.rtoMaxMs', 'streams.windowMessages']);
    assert.deepEqual(r.needRestart, ['dataPlane.heartbeatMs']);
    const ops = n.ops();
    const cfg = JSON.parse((await ops.config()).json) as { dataPlane: { batchBytes: number; heartbeatMs: number }; lanes: { dataWindowBytes: number } };
    ops.close();
    assert.deepEqual([cfg.dataPlane.batchBytes, cfg.lanes.dataWindowBytes, cfg.dataPlane.heartbeatMs !== 500], [131072, 8388608, true], 'in force, except what needs a restart');
    write({ mesh: { prot: 1 } });
    process.kill(n.pid!, 'SIGHUP');
    const [bad] = (await waitFor(() => { const l = lines('configuration reload refused'); return l.length ? l : null; }, 'a refused reload logged', 10_000))!;
    assert.equal(bad.code, 'ERR_CONFIG_INVALID');
    assert.ok(n.running, 'a bad file does not stop the node');
    // The file watch, without a signal.
    const before = lines('configuration reloaded').length;
    await new Promise((r2) => setTimeout(r2, 1100));
    write({ streams: { windowMessages: 60 } });
    const watched = await waitFor(() => { const l = lines('configuration reloaded'); return l.length > before ? l[l.length - 1] : null; }, 'a reload on the file change', 15_000);
    assert.ok(watched!.applied!.includes('streams.windowMessages'));
  } finally {
    await n.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
