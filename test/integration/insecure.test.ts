/**
 * `--insecure-dev-only` (issue: trust, item 6): refused unless every listener is on loopback;
 * on loopback a mesh runs with frame tags unchecked and payloads unsealed (what the security
 * benchmark compares against), and the plaintext is then visible in the stores.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startLineMesh } from '../../src/main/cli/local-mesh.js';
import { collect, payloads } from '../helpers/cluster.js';

const MESHD = join(import.meta.dirname, '..', '..', 'src', 'main', 'cli', 'meshd.js');

test('meshd refuses --insecure-dev-only with a listener off loopback: exit 2, a message naming it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-insecure-'));
  try {
    await assert.rejects(
      promisify(execFile)(process.execPath, [MESHD, '--node-id', 'x', '--data-dir', dir, '--host', '0.0.0.0', '--mesh-port', '0', '--grpc-port', '0', '--metrics-port', '0', '--insecure-dev-only']),
      (e: { code?: number; stderr?: string }) => e.code === 2 && /ERR_CONFIG_INVALID.*insecure-dev-only needs every listener on loopback; mesh.host is "0.0.0.0"/.test(e.stderr ?? ''),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('on loopback an insecure mesh delivers, with payloads in clear in the stores', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-insecure-'));
  const mesh = await startLineMesh(dir, ['a', 'b', 'c'], { extraArgs: ['--insecure-dev-only'] });
  try {
    const [a, , c] = mesh.clients;
    const streamId = await a.openStream('dev', ['c']);
    await a.publish(streamId, payloads(0, 100), 'TARGETS_STORED');
    assert.deepEqual(await collect(c, streamId, 'dev', 100), Array.from({ length: 100 }, (_, i) => `msg-${i}`));
    await a.publish(streamId, payloads(100, 5), 'TARGETS_STORED'); // stays in c's inbox (not consumed)
    const lmdb = readdirSync(join(dir, 'c')).filter((f) => f.endsWith('.lmdb')).map((f) => readFileSync(join(dir, 'c', f)));
    assert.ok(lmdb.some((b) => b.includes('msg-102')), 'unsealed: the inbox holds plaintext');
    assert.deepEqual((await c.tenantKeys('dev')), [], 'no tenant key was made');
  } finally {
    await mesh.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
