import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startLine, type Line } from '../helpers/cluster.js';
import type { LocalNode } from '../../src/main/cli/local-mesh.js';

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const MESHCTL = join(ROOT, 'dist', 'src', 'main', 'cli', 'meshctl.js');
let line: Line;
let tmp: string;
before(async () => { line = await startLine(); tmp = mkdtempSync(join(tmpdir(), 'meshd-cli-')); });
after(async () => { await line?.stop(); rmSync(tmp, { recursive: true, force: true }); });

async function meshctl(n: LocalNode, ...args: string[]): Promise<string> {
  return (await run(process.execPath, [MESHCTL, '--node', n.grpcAddress, '--ca-file', n.files!.caFile, '--token-file', n.files!.tokenFile, ...args])).stdout;
}

test('meshctl status --json, open, publish and subscribe', async () => {
  const st = JSON.parse(await meshctl(line.hub, '--json', 'status')) as { mesh_id: string; routes: Array<{ destination: string }> };
  assert.equal(st.mesh_id.length, 26);
  assert.ok(st.routes.some((r) => r.destination === 'trainer'));
  const text = await meshctl(line.hub, 'status');
  assert.match(text, /trainer\s+via worker/);
  assert.match(text, /^health HEALTHY$/m, 'plain status shows health');
  assert.match(text, /^control group: leader \S+ term [1-9]\d* role \S+ commit \d+ applied \d+$/m, 'and the control group');
  const streamId = (await meshctl(line.hub, 'open', '--tenant', 'cli', '--to', 'trainer')).trim();
  assert.match(await meshctl(line.hub, 'publish', '--stream', streamId, 'hello', 'world'), /published 2 message\(s\) from seq 1/);
  const out = await meshctl(line.trainer, '--json', 'subscribe', '--stream', streamId, '--tenant', 'cli', '--count', '2');
  const rows = out.trim().split('\n').map((l) => JSON.parse(l) as { seq: number; payload: string; source: string });
  assert.deepEqual(rows.map((r) => [r.seq, Buffer.from(r.payload, 'base64').toString(), r.source]), [[1, 'hello', 'hub'], [2, 'world', 'hub']]);
  // The same command with a producer and request id, run twice: published once.
  const idem = ['publish', '--stream', streamId, '--producer-id', 'script-1', '--request-id', '1', 'again'];
  assert.match(await meshctl(line.hub, ...idem), /published 1 message\(s\) from seq 3/);
  assert.match(await meshctl(line.hub, ...idem), /already published: 1 message\(s\) from seq 3 \(nothing published again\)/);
  await assert.rejects(meshctl(line.hub, 'publish', '--stream', streamId, '--producer-id', 'script-1', 'x'), (e: { stderr?: string }) => /go together/.test(e.stderr ?? ''));
});

test('meshctl send-file and receive-file move a file over two hops with matching BLAKE3', async () => {
  const src = join(tmp, 'in.bin');
  const dst = join(tmp, 'out.bin');
  writeFileSync(src, randomBytes(3 * 1024 * 1024 + 5));
  const sent = JSON.parse(await meshctl(line.hub, '--json', 'send-file', '--to', 'trainer', '--tenant', 'files', src)) as { streamId: string; bytes: number; blake3: string };
  assert.equal(sent.bytes, 3 * 1024 * 1024 + 5);
  const got = JSON.parse(await meshctl(line.trainer, '--json', 'receive-file', '--stream', sent.streamId, '--tenant', 'files', '--out', dst)) as { blake3: string };
  assert.equal(got.blake3, sent.blake3);
  assert.ok(readFileSync(dst).equals(readFileSync(src)));
});

test('meshctl reports API errors with their code and exit 1', async () => {
  await assert.rejects(meshctl(line.hub, 'open', '--tenant', 'bad tenant', '--to', 'trainer'), (e: { code?: number; stderr?: string }) =>
    e.code === 1 && /ERR_INVALID_ARGUMENT/.test(e.stderr ?? ''));
});

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

test('meshctl identity show, token create|list|revoke and acl grant|list|revoke', async () => {
  const id = JSON.parse(await meshctl(line.hub, '--json', 'identity', 'show', '--data-dir', line.hub.spec.dataDir)) as Record<string, string>;
  assert.equal(id.node, 'hub');
  assert.equal(id.mesh, line.fingerprint);
  assert.match(id.key, /^sha256:[0-9a-f]{64}$/);
  assert.match(id.spiffe, /^spiffe:\/\/[0-9A-Z]{26}\/node\/hub$/);
  assert.match(id.modes, /dir 0700 node\.key 0600 node-kx\.key 0600 api\.key 0600/);
  const created = JSON.parse(await meshctl(line.hub, '--json', 'token', 'create', '--role', 'subscriber', '--tenant', 'cli', '--subject', 'reader', '--ttl', '1h')) as { token: string; jti: string };
  const tokenFile = join(tmp, 'reader.token');
  writeFileSync(tokenFile, created.token);
  const asReader = (...args: string[]) => run(process.execPath, [MESHCTL, '--node', line.hub.grpcAddress, '--ca-file', line.hub.files!.caFile, '--token-file', tokenFile, ...args]);
  assert.match((await asReader('status')).stdout, /mesh [0-9A-Z]{26}/);
  await assert.rejects(asReader('open', '--tenant', 'cli', '--to', 'trainer'), (e: { stderr?: string }) => /ERR_PERMISSION_DENIED/.test(e.stderr ?? ''));
  assert.match(await meshctl(line.hub, 'token', 'list'), new RegExp(`${created.jti} reader subscriber tenant=cli`));
  await meshctl(line.hub, 'acl', 'grant', '--subject', 'reader', '--tenant', 'cli', '--role', 'publisher');
  assert.match(await meshctl(line.hub, 'acl', 'list'), /reader publisher cli/);
  assert.match((await asReader('open', '--tenant', 'cli', '--to', 'trainer')).stdout, /^[0-9A-Z]{26}\s*$/);
  await meshctl(line.hub, 'acl', 'revoke', '--subject', 'reader', '--tenant', 'cli', '--role', 'publisher');
  await meshctl(line.hub, 'token', 'revoke', created.jti);
  await assert.rejects(asReader('status'), (e: { stderr?: string }) => /ERR_UNAUTHENTICATED/.test(e.stderr ?? ''));
  // Tenant keys: tenant cli has epoch 1 from the first test; rotate adds epoch 2.
  assert.match(await meshctl(line.hub, 'tenant-key', 'rotate', 'cli'), /epoch 2/);
  const keys = JSON.parse(await meshctl(line.hub, '--json', 'tenant-key', 'status', 'cli')) as Array<{ current: number; epochs: Array<{ wrapped_for: string[] }> }>;
  assert.equal(keys[0].current, 2);
  // The first test's source (hub) and subscriber's node (trainer) serve tenant cli; the transit worker never gets its key.
  assert.deepEqual(keys[0].epochs.map((e) => e.wrapped_for.join(',')), ['hub,trainer', 'hub,trainer']);
  // No credentials at all: a clear error, exit 1.
  await assert.rejects(run(process.execPath, [MESHCTL, '--node', line.hub.grpcAddress, 'status'], { env: { ...process.env, MESHCTL_CA_FILE: '', MESHCTL_TOKEN_FILE: '' } }),
    (e: { stderr?: string; code?: number }) => e.code === 1 && /no CA file given/.test(e.stderr ?? ''));
});
