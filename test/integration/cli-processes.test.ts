/**
 * The operator's commands as whole processes: `npm start -- --once` (the demo, with a byte scan of
 * what its nodes wrote) and signals to `npm run meshd`. Apart from cli.test.ts, which shares one
 * mesh among its meshctl tests, so neither file runs long enough to meet the per-file timeout.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let tmp: string;
before(() => { tmp = mkdtempSync(join(tmpdir(), 'meshd-cli-processes-')); });
after(() => { rmSync(tmp, { recursive: true, force: true }); });

test('npm start -- --once: the demo passes with a small file and prints the JSON summary last', async () => {
  const file = join(tmp, 'demo.bin');
  writeFileSync(file, randomBytes(2 * 1024 * 1024));
  const demo = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main', 'cli', 'demo.js'), '--once', '--file', file, '--messages', '5000', '--free-ports', '--data', join(tmp, 'data')], { cwd: ROOT });
  let stdout = '';
  demo.stdout.on('data', (d) => { stdout += String(d); });
  demo.stderr.on('data', (d) => { stdout += String(d); });
  const code = await new Promise<number | null>((r) => demo.on('exit', r));
  assert.equal(code, 0, stdout);
  const last = JSON.parse(stdout.trim().split('\n').pop()!) as { ok: boolean; file: { bytes: number }; messages: { count: number; inOrder: boolean; duplicates: number } };
  assert.equal(last.ok, true);
  assert.equal(last.file.bytes, 2 * 1024 * 1024);
  assert.deepEqual([last.messages.count, last.messages.inOrder, last.messages.duplicates], [5000, true, 0]);
  // Byte scan of every file the demo's nodes wrote: no payload plaintext (the demo's messages are
  // 256 bytes of 'm' after two doubles; the file is random), and private keys only in key files.
  const filler = Buffer.alloc(64, 0x6d);
  const content = readFileSync(file);
  const slices = [filler, content.subarray(1 << 20, (1 << 20) + 64), content.subarray(100, 164)];
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  const all = walk(join(tmp, 'data'));
  assert.ok(all.length > 10);
  for (const f of all) {
    const b = readFileSync(f);
    assert.ok(!slices.some((x) => b.includes(x)), `plaintext in ${f}`);
    if (b.includes('PRIVATE KEY')) assert.match(f, /identity\/(node|node-kx|mesh-ca|api)\.key$/);
    assert.equal(statSync(f).mode & 0o077, 0, `${f} is private`);
  }
});

test('SIGTERM or SIGINT to `npm run meshd` reaches meshd: no node process is left running', async () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const dataDir = join(tmp, `npm-${signal}`);
    const npm = spawn('npm', ['run', '-s', 'meshd', '--', '--node-id', 'npmnode', '--data-dir', dataDir, '--host', '127.0.0.1', '--mesh-port', '0', '--grpc-port', '0', '--metrics-port', '0'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    npm.stdout.on('data', (d: Buffer) => { out += String(d); });
    npm.stderr.resume();
    try {
      const end = Date.now() + 60_000;
      while (!out.includes('"event":"ready"') && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      assert.ok(out.includes('"event":"ready"'), 'meshd started under npm');
      const children = readFileSync(`/proc/${npm.pid}/task/${npm.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
      assert.equal(children.length, 1, 'npm runs meshd itself, no shell in between');
      npm.kill(signal);
      const gone = Date.now() + 20_000;
      const alive = () => { try { process.kill(children[0], 0); return true; } catch { return false; } };
      while (alive() && Date.now() < gone) await new Promise((r) => setTimeout(r, 100));
      assert.ok(!alive(), `meshd (pid ${children[0]}) stopped after ${signal} to npm`);
    } finally {
      npm.kill('SIGKILL');
    }
  }
});

test('a process that started a local mesh and then dies of an uncaught error takes its meshd processes with it', async () => {
  const localMesh = join(ROOT, 'dist', 'src', 'main', 'cli', 'local-mesh.js');
  const script = `
    import { LocalNode, nodeSpec } from ${JSON.stringify(localMesh)};
    const n = new LocalNode(nodeSpec('orphan', ${JSON.stringify(join(tmp, 'orphan'))}));
    await n.start();
    console.log(n.pid);
    throw new Error('the harness failed');`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
  let stdout = '';
  child.stdout.on('data', (d) => { stdout += String(d); });
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  assert.notEqual(code, 0, 'the harness failed');
  const pid = Number(stdout.trim().split('\n')[0]);
  assert.ok(pid > 0, `meshd started: ${stdout}`);
  const alive = () => { try { process.kill(pid, 0); return true; } catch { return false; } };
  for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(alive(), false, `meshd ${pid} still runs after its harness died`);
});
