import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startLine, waitFor, type Line } from '../helpers/cluster.js';
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
  // The file was acknowledged as a whole: nothing of it is left for a second receive.
  const st = JSON.parse(await meshctl(line.trainer, '--json', 'status')) as { streams: Array<{ stream_id: string; role: string; received_offset: number; consumer_offset: number }> };
  const target = st.streams.find((x) => x.stream_id === sent.streamId && x.role === 'target');
  assert.ok(target && target.received_offset > 2);
  assert.equal(target.consumer_offset, target.received_offset, 'header, content and trailer acknowledged');
});

test('meshctl reports API errors with their code and exit 1', async () => {
  await assert.rejects(meshctl(line.hub, 'open', '--tenant', 'bad tenant', '--to', 'trainer'), (e: { code?: number; stderr?: string }) =>
    e.code === 1 && /ERR_INVALID_ARGUMENT/.test(e.stderr ?? ''));
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

test('meshctl publish --stdin publishes lines as they arrive on an endless pipe, and more than 10,000 lines in all', async () => {
  const streamId = (await meshctl(line.hub, 'open', '--tenant', 'pipe', '--to', 'trainer')).trim();
  const n = line.hub;
  const child = spawn(process.execPath, [MESHCTL, '--node', n.grpcAddress, '--ca-file', n.files!.caFile, '--token-file', n.files!.tokenFile, '--json', 'publish', '--stream', streamId, '--stdin'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += String(d); });
  child.stderr.on('data', (d: Buffer) => { stderr += String(d); });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    // The pipe stays open: the first lines must be published (and readable at the target) before it ends.
    child.stdin.write('first\n\nthird\n');
    const early = await meshctl(line.trainer, '--json', 'subscribe', '--stream', streamId, '--tenant', 'pipe', '--count', '3');
    assert.deepEqual(early.trim().split('\n').map((l) => Buffer.from((JSON.parse(l) as { payload: string }).payload, 'base64').toString()), ['first', '', 'third'], 'an empty line is an empty message');
    assert.equal(child.exitCode, null, 'still reading the open pipe');
    const total = 12_345;
    const chunk: string[] = [];
    for (let i = 4; i <= total; i++) chunk.push(`line-${i}`);
    child.stdin.end(chunk.join('\n'));
    assert.equal(await exited, 0, stderr);
    const published = stdout.trim().split('\n').map((l) => JSON.parse(l) as { count: number; first_seq: number });
    assert.equal(published.reduce((a, r) => a + r.count, 0), total);
    const t = line.trainer;
    const rest = (await run(process.execPath, [MESHCTL, '--node', t.grpcAddress, '--ca-file', t.files!.caFile, '--token-file', t.files!.tokenFile, '--json', 'subscribe', '--stream', streamId, '--tenant', 'pipe', '--count', String(total - 3)], { maxBuffer: 64 << 20 })).stdout;
    const rows = rest.trim().split('\n').map((l) => JSON.parse(l) as { seq: number; payload: string });
    assert.equal(rows.length, total - 3);
    assert.deepEqual([rows[0].seq, Buffer.from(rows[0].payload, 'base64').toString()], [4, 'line-4']);
    assert.deepEqual([rows[rows.length - 1].seq, Buffer.from(rows[rows.length - 1].payload, 'base64').toString()], [total, `line-${total}`], 'in order, the last line without a newline included');
  } finally {
    child.kill();
  }
});

test('meshctl validates numbers, reports usage errors in its own format (with --json too) and prints its version', async () => {
  const args = (...a: string[]) => [MESHCTL, '--node', line.hub.grpcAddress, '--ca-file', line.hub.files!.caFile, '--token-file', line.hub.files!.tokenFile, ...a];
  await assert.rejects(run(process.execPath, args('open', '--tenant', 't', '--to', 'trainer', '--priority', 'abc')), (e: { code?: number; stderr?: string }) =>
    e.code === 1 && /ERR_INVALID_ARGUMENT: --priority abc: expected an integer/.test(e.stderr ?? ''));
  await assert.rejects(run(process.execPath, args('subscribe', '--stream', 'x', '--tenant', 't', '--count', '-1')), (e: { stderr?: string }) => /--count -1/.test(e.stderr ?? ''));
  await assert.rejects(run(process.execPath, args('--json', 'open', '--to', 'trainer')), (e: { code?: number; stderr?: string }) => {
    const err = JSON.parse(e.stderr ?? '{}') as { error?: { code: string; message: string } };
    return e.code === 2 && err.error?.code === 'ERR_INVALID_ARGUMENT' && /--tenant/.test(err.error.message);
  });
  await assert.rejects(run(process.execPath, args('no-such-command')), (e: { code?: number; stderr?: string }) => e.code === 2 && /^meshctl: ERR_INVALID_ARGUMENT: unknown command/.test(e.stderr ?? ''));
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.equal((await run(process.execPath, [MESHCTL, '--version'])).stdout.trim(), pkg.version);
});

test('meshctl control-group commands: updates sent and watched, the internal DB, the join policy, leave and evict', async () => {
  const sent = JSON.parse(await meshctl(line.hub, '--json', 'update', 'send', '--topic', 'cfg', 'v1')) as { index: number };
  assert.ok(sent.index > 0);
  const watched = (await meshctl(line.trainer, '--json', 'update', 'watch', '--kind', 'mesh', '--from', String(sent.index - 1), '--count', '1')).trim();
  const u = JSON.parse(watched) as { index: number; topic: string; payload: string; origin: string };
  assert.deepEqual([u.index, u.topic, Buffer.from(u.payload, 'base64').toString(), u.origin], [sent.index, 'cfg', 'v1', 'hub']);
  const toTrainer = JSON.parse(await meshctl(line.hub, '--json', 'update', 'send', '--topic', 'restart', '--to', 'trainer', 'now')) as { index: number };
  assert.match(await meshctl(line.trainer, 'update', 'watch', '--kind', 'node', '--from', String(toTrainer.index - 1), '--count', '1'), /\thub\ttrainer restart\tnow\n$/);
  const put = JSON.parse(await meshctl(line.worker, '--json', 'db', 'put', 'models', 'llama', '8b')) as { index: number };
  await meshctl(line.worker, 'db', 'delete', 'models', 'llama');
  const dbLines = (await meshctl(line.hub, 'update', 'watch', '--kind', 'db', '--from', String(put.index - 1), '--count', '2')).trim().split('\n');
  assert.match(dbLines[0], /\tworker\tPUT models\/llama\t8b$/);
  assert.match(dbLines[1], /\tworker\tDELETE models\/llama$/);
  await assert.rejects(meshctl(line.hub, 'update', 'send', '--topic', 't'), (e: { code?: number; stderr?: string }) => e.code === 1 && /payload is required/.test(e.stderr ?? ''));

  // The join policy, then a node of our own that joins, leaves, joins again and is evicted.
  assert.match(await meshctl(line.hub, 'join-policy', 'CLOSED'), /join policy CLOSED committed at index \d+/);
  const { LocalNode, nodeSpec, startAll } = await import('../../src/main/cli/local-mesh.js');
  const extra = new LocalNode(nodeSpec('extra', join(tmp, 'extra')));
  await startAll([extra]);
  try {
    const ce = extra.client();
    await assert.rejects(ce.join(line.hub.meshAddress, line.key, line.fingerprint), 'CLOSED refuses the join');
    await meshctl(line.hub, 'join-policy', 'KEY_REQUIRED', '--key', line.key);
    await ce.join(line.hub.meshAddress, line.key, line.fingerprint);
    assert.match(await meshctl(extra, 'leave'), /left the mesh/);
    assert.equal((await ce.status()).active, false);
    await ce.join(line.hub.meshAddress, line.key, line.fingerprint);
    assert.match(await meshctl(line.hub, 'evict', 'extra', '--reason', 'test'), /extra evicted at index \d+/);
    await waitFor(async () => !(await line.h.status()).consensus?.members.some((m) => m.node_id === 'extra'), 'extra out of the control group', 30_000);
    ce.close();
  } finally {
    await extra.stop();
  }
});

test('a stream is known at its targets from the moment it is opened: a mistyped stream id is refused with ERR_NOT_FOUND, a real one before any publish is not', async () => {
  const { newUlid } = await import('../../src/shared/ids.js');
  const t0 = Date.now();
  await assert.rejects(meshctl(line.trainer, 'subscribe', '--stream', newUlid(), '--tenant', 'cli', '--count', '1'), (e: { code?: number; stderr?: string }) =>
    e.code === 1 && /ERR_NOT_FOUND: stream \S+ is not known at trainer/.test(e.stderr ?? ''));
  assert.ok(Date.now() - t0 < 15_000, 'refused within the grace period, not at a deadline');
  const streamId = (await meshctl(line.hub, 'open', '--tenant', 'cli', '--to', 'trainer')).trim();
  await waitFor(async () => (await line.t.status()).streams.some((s) => s.stream_id === streamId && s.role === 'target'), 'the target knows the announced stream', 10_000);
  // Subscribed before anything is published: it waits, then gets the message.
  const got = new Promise<string>((resolve, reject) => {
    const sub = line.t.subscribe({ streamId, tenantId: 'cli', credits: 8, onMessages: (msgs) => { resolve(msgs[0].payload.toString()); setImmediate(() => sub.close()); } });
    sub.done.catch(reject);
  });
  await new Promise((r) => setTimeout(r, 6000)); // past the grace period
  await meshctl(line.hub, 'publish', '--stream', streamId, 'late');
  assert.equal(await got, 'late');
});

test('meshctl completion prints a bash script that completes commands and options from the command tree', async () => {
  const script = join(tmp, 'meshctl.bash');
  writeFileSync(script, (await run(process.execPath, [MESHCTL, 'completion'])).stdout);
  const complete = async (...words: string[]) => (await run('bash', ['-c', `source ${script}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _meshctl_complete; echo "\${COMPREPLY[@]}"`])).stdout.trim().split(' ');
  assert.deepEqual(await complete('meshctl', 'sub'), ['subscribe']);
  assert.deepEqual(await complete('meshctl', '--node', '127.0.0.1:9101', 'update', ''), ['send', 'watch']);
  assert.ok((await complete('meshctl', 'publish', '--st')).includes('--stdin'));
});
