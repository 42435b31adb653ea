/**
 * `meshd repair` (issue: faults, item 3): a member whose stores were lost is rebuilt from its
 * peers and takes part again; a target whose acknowledged messages were damaged keeps every sound
 * record, lists what was lost and stops that stream; a node without its identity cannot be
 * rebuilt (exit 3).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open } from 'lmdb';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { collect, payloads, startLine, waitFor, type Line } from '../helpers/cluster.js';

const MESHD = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'main', 'cli', 'meshd.js');

let line: Line;
before(async () => { line = await startLine(); });
after(async () => { await line?.stop(); });

function repair(dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    execFile(process.execPath, [MESHD, 'repair', '--data-dir', dataDir, '--json'], { timeout: 60_000 }, (err, stdout, stderr) => {
      res({ code: err ? (err as { code?: number }).code ?? 1 : 0, stdout, stderr });
    });
  });
}

test('a member that lost both stores is rebuilt by meshd repair: it catches up from the leader and the mesh goes on', async () => {
  const streamId = await line.h.openStream('tenant-rep', ['trainer']);
  await line.h.publish(streamId, payloads(0, 50), 'TARGETS_STORED');
  for (let i = 0; i < 3; i++) await line.h.sendMeshUpdate(`before-${i}`, Buffer.from(`u${i}`));
  await line.worker.stop();
  const dir = line.worker.spec.dataDir;
  rmSync(join(dir, 'meshd.lmdb'), { force: true });
  rmSync(join(dir, 'meshd.lmdb-lock'), { force: true });
  rmSync(join(dir, 'mcg'), { recursive: true, force: true });
  const r = await repair(dir);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout.trim()) as { streams: { state: string }; mcg: { state: string; action: string }; lost: string[] };
  assert.equal(report.streams.state, 'missing');
  assert.deepEqual([report.mcg.state, report.mcg.action], ['missing', 'rebuilt']);
  await line.worker.start();
  const w = line.client(line.worker);
  const commit = (await line.h.status()).consensus!.commit_index;
  await waitFor(async () => {
    const c = (await w.status()).consensus;
    return c && !c.recovering && c.applied_index >= commit;
  }, 'the repaired member caught up', 30_000);
  // The mesh goes on through it (it is the transit node) and with it (its vote counts again).
  await line.h.publish(streamId, payloads(50, 50), 'TARGETS_STORED');
  const got = await collect(line.t, streamId, 'tenant-rep', 100);
  assert.deepEqual(got, payloads(0, 100).map((p) => p.toString().replace(/\.+$/, '')), 'every message once, in order');
  const after = await line.h.sendMeshUpdate('after', Buffer.from('x'));
  await waitFor(async () => (await w.status()).consensus!.applied_index >= Number(after.index), 'the repaired member applies new updates');
});

test('damaged acknowledged messages at a target: repair keeps the sound records, lists the lost seqs and stops that stream', async () => {
  const damagedStream = await line.h.openStream('tenant-rep2', ['trainer']);
  const soundStream = await line.h.openStream('tenant-rep2', ['trainer']);
  await line.h.publish(damagedStream, payloads(0, 10), 'TARGETS_STORED');
  await line.h.publish(soundStream, payloads(0, 10), 'TARGETS_STORED');
  await line.trainer.stop();
  const dir = line.trainer.spec.dataDir;
  const raw = open({ path: join(dir, 'meshd.lmdb'), compression: false });
  const inbox = raw.openDB<Buffer, [string, number]>({ name: 'inbox', encoding: 'binary' });
  const v = Buffer.from(inbox.get([damagedStream, 5])!);
  v[v.length - 2] ^= 0x08;
  await inbox.put([damagedStream, 5], v);
  await raw.close();
  const r = await repair(dir);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout.trim()) as { streams: { state: string; salvage: { inboxMessages: number } }; mcg: { action: string }; lost: string[] };
  assert.equal(report.mcg.action, 'kept', 'a sound Raft log is kept');
  assert.ok(report.lost.some((l) => l.includes(damagedStream) && /inbox seqs 5\b/.test(l)), report.lost.join('\n'));
  assert.ok(!report.lost.some((l) => l.includes(soundStream)));
  await line.trainer.start();
  const t = line.client(line.trainer);
  await waitFor(async () => (await t.status()).health === 'HEALTHY', 'trainer healthy after the repair');
  assert.deepEqual(await collect(t, soundStream, 'tenant-rep2', 10), payloads(0, 10).map((p) => p.toString().replace(/\.+$/, '')));
  const err = await new Promise<unknown>((res) => {
    const sub = t.subscribe({ streamId: damagedStream, tenantId: 'tenant-rep2', credits: 10, onMessages: () => undefined });
    sub.done.then(() => res(null), res);
  });
  assert.ok(err instanceof MeshError && err.code === ErrorCode.Storage, `got ${String(err)}`);
  assert.match((err as MeshError).message, /lost in a repair/);
});

test('a node whose identity is gone cannot be repaired: exit 3 with the evict-and-rejoin remedy', async () => {
  const dir = join(line.dir, 'no-identity');
  const r = await repair(dir);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /ERR_STORAGE: .*identity is gone.*EvictNode/);
});
