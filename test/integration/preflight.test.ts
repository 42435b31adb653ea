/**
 * A damaged store is refused, never a crash (issue: faults, item 3 and defect 3): a truncated
 * stream store or Raft log, a foreign file in their place, garbage pages inside, or a damaged
 * mesh record makes meshd exit 3 with a message naming the file and the remedy (`meshd repair`),
 * instead of dying by SIGBUS or SIGSEGV.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { LocalNode, nodeSpec } from '../../src/main/cli/local-mesh.js';
import { LmdbStorage, checkLmdbFile } from '../../src/main/storage/index.js';

/** Overwrites every page after the meta pages with random bytes (damage the meta check cannot see). */
function garblePages(f: string): void {
  const { lastPage, pageSize } = checkLmdbFile(f, '');
  const fd = openSync(f, 'r+');
  for (let p = 2; p <= lastPage; p++) writeSync(fd, randomBytes(pageSize), 0, pageSize, p * pageSize);
  closeSync(fd);
}

const MESHD = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'main', 'cli', 'meshd.js');
const root = mkdtempSync(join(tmpdir(), 'meshd-preflight-'));
const source = join(root, 'solo');

before(async () => {
  const n = new LocalNode(nodeSpec('solo', source));
  await n.start();
  const c = n.client();
  await c.seed('solo', 'OPEN');
  for (let i = 0; i < 5; i++) await c.sendMeshUpdate(`t${i}`, Buffer.alloc(2000, i));
  c.close();
  await n.stop();
});
after(() => rmSync(root, { recursive: true, force: true }));

/** Runs meshd on a copy of the stopped node's data dir damaged by `damage`; resolves to its exit. */
function startDamaged(name: string, damage: (dir: string) => void): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  const dir = join(root, name);
  cpSync(source, dir, { recursive: true });
  damage(dir);
  return new Promise((res) => {
    execFile(process.execPath, [MESHD, '--node-id', 'solo', '--data-dir', dir, '--host', '127.0.0.1', '--mesh-port', '0', '--grpc-port', '0', '--metrics-port', '0'], { timeout: 30_000 },
      (err, _out, stderr) => res({ code: err ? (err as { code?: number }).code ?? null : 0, signal: err ? (err as { signal?: string }).signal ?? null : null, stderr }));
  });
}

for (const [name, file, damage, why] of [
  ['truncated stream store', 'meshd.lmdb', (f: string) => truncateSync(f, Math.floor(statSync(f).size / 2 / 4096) * 4096), /truncated/],
  ['truncated Raft log', join('mcg', 'data.mdb'), (f: string) => truncateSync(f, 8192), /truncated|shorter/],
  ['foreign stream store', 'meshd.lmdb', (f: string) => writeFileSync(f, randomBytes(64 * 1024)), /no LMDB meta page/],
  ['stream store cut to nothing', 'meshd.lmdb', (f: string) => truncateSync(f, 100), /shorter than LMDB's two meta pages/],
  ['garbage pages in the Raft log', 'mcg', (f: string) => garblePages(join(f, 'data.mdb')), /damaged inside/],
  ['garbage pages in the stream store', 'meshd.lmdb', garblePages, /damaged inside/],
] as const) {
  test(`${name}: meshd exits 3 naming the file and the remedy, not by a signal`, async () => {
    const r = await startDamaged(name.replace(/ /g, '-'), (dir) => damage(join(dir, file)));
    assert.equal(r.signal, null, `no signal (${r.signal})`);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /ERR_STORAGE/);
    assert.ok(r.stderr.includes(file), `names ${file}: ${r.stderr}`);
    assert.match(r.stderr, why);
    assert.match(r.stderr, /Remedy: .*meshd repair --data-dir/);
  });
}

test('a damaged mesh record: meshd exits 3 naming the record and the remedy', async () => {
  const r = await startDamaged('mesh-record', (dir) => {
    const s = new LmdbStorage(dir);
    const db = (s as unknown as { mesh: { getRaw(k: string): Buffer; putRaw(k: string, b: Buffer): Promise<boolean> } }).mesh;
    const v = Buffer.from(db.getRaw('mesh'));
    v[v.length - 1] ^= 0x20;
    void db.putRaw('mesh', v);
    void s.close();
  });
  assert.equal(r.signal, null);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /mesh-record record "mesh" fails its CRC32C/);
  assert.match(r.stderr, /meshd repair/);
});

test('an undamaged copy starts', async () => {
  const r = await new Promise<string>((res, rej) => {
    const dir = join(root, 'sound');
    cpSync(source, dir, { recursive: true });
    const n = new LocalNode(nodeSpec('solo', dir));
    n.start().then(async () => { await n.stop(); res('ok'); }, rej);
  });
  assert.equal(r, 'ok');
});
