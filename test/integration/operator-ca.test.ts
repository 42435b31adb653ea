/**
 * Operator-supplied certificates (issue: trust, item 2): nodes started with an operator's CA and
 * SPIFFE-shaped certificates form a mesh whose fingerprint is the operator CA's; a node without a
 * certificate from that CA, or claiming another node id than its certificate names, cannot join;
 * files that do not fit are refused at start-up with ERR_CONFIG_INVALID.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ErrorCode, MeshError } from '../../src/shared/errors.js';
import { LocalNode, nodeSpec } from '../../src/main/cli/local-mesh.js';
import { spkiFingerprint } from '../../src/main/security/index.js';
import { sleep, waitFor } from '../helpers/cluster.js';
import { handshakeFrame, raw } from '../helpers/raw-link.js';
import { HandshakeSchema, decodeBatch, decodeBody } from '../../src/shared/wire/index.js';
import { operatorPki, type OperatorNodeFiles } from '../helpers/operator-pki.js';

const MESHD = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), 'dist', 'src', 'main', 'cli', 'meshd.js');
let dir: string;
let pki: Record<string, OperatorNodeFiles>;
const nodes: LocalNode[] = [];
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meshd-opca-'));
  pki = await operatorPki(dir, 'example.org', ['a', 'b']);
});
after(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  rmSync(dir, { recursive: true, force: true });
});

function start(id: string, files?: OperatorNodeFiles): Promise<LocalNode> {
  const args = files ? ['--ca-cert', files.caCert, '--cert', files.cert, '--key', files.key] : [];
  const n = new LocalNode({ ...nodeSpec(id, join(dir, id)), extraArgs: args });
  nodes.push(n);
  return n.start().then(() => n);
}

test('a mesh on an operator CA: its fingerprint is the CA\'s; only nodes with its certificates for their own id join', async () => {
  const a = await start('a', pki.a);
  const b = await start('b', pki.b);
  const seeded = await a.client().seed('opca', 'OPEN');
  assert.equal(seeded.fingerprint, spkiFingerprint(readFileSync(pki.a.caCert, 'utf8')));
  // meshd's own identity: refused (no certificate from the operator CA).
  const plain = await start('plain');
  await assert.rejects(plain.client().join(a.meshAddress, '', seeded.fingerprint), (e: unknown) => e instanceof MeshError && e.code === ErrorCode.PermissionDenied);
  await sleep(400); // a refused join blocks the source address for 250 ms
  // b's operator certificate claiming another node id: refused.
  const kx = (generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' }) as { x: string }).x;
  const tls = { key: readFileSync(pki.b.key, 'utf8'), cert: `${readFileSync(pki.b.cert, 'utf8').trim()}\n${readFileSync(pki.b.caCert, 'utf8').trim()}\n` };
  const r = await raw(a.meshAddress, 'join', tls, [
    handshakeFrame({ kind: 'hello', purpose: 'join', meshId: '', nodeId: 'mallory', name: 'mallory', address: '', kx }),
    handshakeFrame({ kind: 'proof', proof: Buffer.alloc(0) }),
  ]);
  const reject = r.received.flatMap((m) => decodeBatch(m)).map((f) => decodeBody(HandshakeSchema, f.payload)).find((x) => x.kind === 'reject');
  assert.equal(reject?.kind === 'reject' && reject.code, ErrorCode.PermissionDenied);
  assert.match(reject?.kind === 'reject' ? reject.message : '', /node\/mallory/);
  await sleep(800); // the second refusal blocks for 500 ms
  // b, with its own certificate: joins and links.
  await b.client().join(a.meshAddress, '', seeded.fingerprint);
  await waitFor(async () => (await a.client().status()).links.some((l) => l.peer === 'b' && l.up), 'b linked');
  assert.deepEqual((await a.client().status()).consensus!.members.map((m) => m.node_id).sort(), ['a', 'b']);
});

test('operator files that do not fit are refused at start-up with ERR_CONFIG_INVALID', async () => {
  const run = (args: string[]) => promisify(execFile)(process.execPath, [MESHD, '--node-id', 'x', '--data-dir', join(dir, 'x'), '--host', '127.0.0.1', '--mesh-port', '0', '--grpc-port', '0', '--metrics-port', '0', ...args]);
  const refused = (e: { code?: number; stderr?: string }) => e.code === 2 && /ERR_CONFIG_INVALID/.test(e.stderr ?? '');
  await assert.rejects(run(['--ca-cert', pki.a.caCert, '--cert', pki.a.cert, '--key', pki.b.key]), refused, 'key of another certificate');
  await assert.rejects(run(['--ca-cert', pki.a.caCert, '--cert', pki.a.cert, '--key', pki.a.key]), refused, 'certificate for node a, started as x');
  await assert.rejects(run(['--ca-cert', pki.a.caCert, '--cert', pki.a.cert]), refused, 'without its key');
});
