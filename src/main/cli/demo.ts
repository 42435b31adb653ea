/**
 * `npm start`: a local mesh of three meshd processes from `config/mesh-services.json` in a line
 * topology (hub <-> worker <-> trainer; hub has no link to trainer), data under ./data/<node>
 * (LMDB). The worker's link to the hub has lanes (control, priority, bulk); the trainer runs in
 * collapsible mode (`--lanes 1`, one connection per peer). Through the gRPC API it replicates a file hub -> trainer over two hops and checks its
 * BLAKE3, publishes N messages hub -> trainer and checks exactly-once in-order delivery, prints
 * a summary and keeps the mesh running until Ctrl-C. `--once` exits instead, with code 0 only if
 * both checks passed; its last line is one JSON object with the figures.
 */
import { Command } from 'commander';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadServicesFile } from '../../shared/config/index.js';
import { runMessages, type MessageResult } from './demo-messages.js';
import { receiveFile, sendFile, type FileResult } from './file-transfer.js';
import { LocalNode, startAll, waitRoute, type LocalNodeSpec } from './local-mesh.js';
import type { MeshClient } from '../api/grpc/client.js';

const program = new Command('demo')
  .option('--once', 'run the checks once and exit')
  .option('--file <path>', 'file to replicate hub -> trainer', process.execPath)
  .option('--messages <n>', 'messages to publish', '100000')
  .option('--services <file>', 'services file', 'config/mesh-services.json')
  .option('--data <dir>', 'data directory', 'data')
  .option('--free-ports', 'let each node pick free ports instead of the services file\'s');

const portOf = (a?: string) => Number(a?.slice(a.lastIndexOf(':') + 1));

function specs(o: { services: string; data: string; freePorts?: boolean }): LocalNodeSpec[] {
  const file = loadServicesFile(o.services);
  return file.services.map((s) => ({
    id: s.id, dataDir: join(o.data, s.id), peers: s.peers, logLevel: 'warn',
    meshPort: o.freePorts ? 0 : portOf(s.endpoint),
    grpcPort: o.freePorts ? 0 : portOf(s.grpcEndpoint),
    metricsPort: o.freePorts ? 0 : portOf(s.metricsEndpoint),
    extraArgs: s.id === 'trainer' ? ['--lanes', '1'] : undefined,
  }));
}

/** Resolves a node's peers (service ids) to the mesh addresses of nodes started before it. */
function resolvePeers(n: LocalNode, nodes: Map<string, LocalNode>): void {
  n.spec.peers = n.spec.peers.map((p) => nodes.get(p)?.meshAddress ?? p);
}

/** The lanes of each node's links to the nodes it dialed, once the worker's link to the hub has three (at most 10 s). */
async function laneView(clients: Array<[string, MeshClient]>): Promise<string> {
  const view = async () => Promise.all(clients.map(async ([id, c]) => {
    const byPeer = new Map<string, number[]>();
    for (const l of (await c.status()).links) if (l.up && l.outbound) byPeer.set(l.peer, [...(byPeer.get(l.peer) ?? []), l.lane].sort());
    return [...byPeer].map(([peer, lanes]) => `${id} -> ${peer}: ${lanes.length} lane${lanes.length > 1 ? 's' : ''} (${lanes.join(',')})`);
  }));
  let lines: string[][] = [];
  for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
    lines = await view();
    if (lines.flat().some((l) => l.includes('3 lanes'))) break;
  }
  return lines.flat().join(', ');
}

/** What each node's SWIM sees (meshd_members), once all three see each other alive (at most 10 s). */
async function swimView(nodes: LocalNode[]): Promise<string> {
  const alive = async (n: LocalNode) => {
    const text = await (await fetch(`${n.metricsUrl}/metrics`)).text();
    return Number(/^meshd_members\{status="alive"\} (\d+)/m.exec(text)?.[1] ?? 0);
  };
  let seen: number[] = [];
  for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
    seen = await Promise.all(nodes.map(alive));
    if (seen.every((x) => x === nodes.length)) break;
  }
  return nodes.map((n, i) => `${n.spec.id} sees ${seen[i]} of ${nodes.length} alive`).join(', ');
}

async function checks(nodes: Map<string, LocalNode>, o: { file: string; messages: string }) {
  const [hub, worker, trainer] = ['hub', 'worker', 'trainer'].map((id) => {
    const n = nodes.get(id);
    if (!n) throw new Error(`services file has no "${id}"`);
    return n;
  });
  const [h, w, t] = [hub, worker, trainer].map((n) => n.client());
  const key = randomBytes(12).toString('hex');
  const seeded = await h.seed('meshd-demo', 'KEY_REQUIRED', key);
  await w.join(hub.meshAddress, key, seeded.fingerprint);
  await t.join(worker.meshAddress, key, seeded.fingerprint);
  await waitRoute(h, 'trainer');
  await waitRoute(t, 'hub');
  console.log(`mesh ${seeded.mesh_id}: hub <-> worker <-> trainer (hub reaches trainer in 2 hops)`);
  console.log(`mesh fingerprint ${seeded.fingerprint} (links are mutual TLS; a node of your own joins with meshctl join ADDRESS --key KEY --fingerprint ${seeded.fingerprint})`);
  console.log(`membership (SWIM + Lifeguard): ${await swimView([hub, worker, trainer])}`);
  console.log(`lanes: ${await laneView([['worker', w], ['trainer', t]])} (the trainer runs --lanes 1, the collapsible mode)`);

  const streamId = await h.openStream('demo', ['trainer']);
  const [sent, got] = await Promise.all([
    sendFile(h, { to: 'trainer', path: o.file, tenantId: 'demo', streamId }),
    receiveFile(t, { streamId, tenantId: 'demo' }),
  ]);
  const fileOk = sent.blake3 === got.blake3 && sent.bytes === got.bytes;
  console.log(`file  ${o.file}: ${sent.bytes} bytes, ${sent.mbPerSec.toFixed(1)} MB/s, blake3 ${got.blake3} ${fileOk ? 'matches' : 'DIFFERS'}`);

  const n = Number(o.messages);
  const msgs = await runMessages(h, t, 'trainer', 'demo', n);
  const msgOk = msgs.count === n && msgs.inOrder && msgs.duplicates === 0;
  console.log(`msgs  ${msgs.count}/${n} x 256 B hub -> trainer: ${msgs.msgsPerSec} msgs/s, p50 ${msgs.p50Ms} ms, p99 ${msgs.p99Ms} ms, ` +
    `in order: ${msgs.inOrder}, duplicates: ${msgs.duplicates}`);
  for (const c of [h, w, t]) c.close();
  return { ok: fileOk && msgOk, file: sent, msgs, join: { key, fingerprint: seeded.fingerprint, address: hub.meshAddress } };
}

/** How to add a node of one's own to the running demo mesh (printed at the end). */
function joinHint(j: { key: string; fingerprint: string; address: string }, dataRoot: string): string[] {
  const dir = `${dataRoot}/mynode`;
  return [
    'Add a node of your own (in another terminal):',
    `  npm run meshd -- --node-id mynode --data-dir ${dir} --mesh-port 9004 --grpc-port 9104 --metrics-port 9204`,
    `  MESHCTL_NODE=127.0.0.1:9104 MESHCTL_CA_FILE=${dir}/identity/api.crt MESHCTL_TOKEN_FILE=${dir}/admin.token \\`,
    `    npm run -s meshctl -- join ${j.address} --key ${j.key} --fingerprint ${j.fingerprint}`,
  ];
}

function summary(ok: boolean, file: FileResult, msgs: MessageResult): string {
  return JSON.stringify({
    ok, file: { bytes: file.bytes, blake3: file.blake3, mbPerSec: Math.round(file.mbPerSec * 10) / 10 },
    messages: { count: msgs.count, inOrder: msgs.inOrder, duplicates: msgs.duplicates, msgsPerSec: msgs.msgsPerSec, p50Ms: msgs.p50Ms, p99Ms: msgs.p99Ms },
  });
}

async function main(): Promise<void> {
  program.parse();
  const o = program.opts<{ once?: boolean; file: string; messages: string; services: string; data: string; freePorts?: boolean }>();
  const list = specs(o);
  const nodes = new Map(list.map((s) => [s.id, new LocalNode(s)]));
  const stopAll = () => Promise.all([...nodes.values()].map((n) => n.stop()));
  for (const s of list) rmSync(s.dataDir, { recursive: true, force: true });
  try {
    await startAll([...nodes.values()], (n) => resolvePeers(n, nodes));
    console.log(`started ${list.map((s) => `${s.id} (mesh ${s.meshPort}, grpc ${s.grpcPort}, metrics ${s.metricsPort})`).join(', ')}`);
    console.log(`each node's API is TLS with a bearer token: certificate <data>/<node>/identity/api.crt, admin token <data>/<node>/admin.token`);
    const r = await checks(nodes, o);
    if (o.once) {
      await stopAll();
      console.log(summary(r.ok, r.file, r.msgs));
      process.exit(r.ok ? 0 : 1);
    }
    const hub = nodes.get(list[0].id)!;
    console.log(`checks ${r.ok ? 'passed' : 'FAILED'}; the mesh keeps running. Ctrl-C stops it. Point meshctl at ${hub.spec.id} with:`);
    console.log(`  export MESHCTL_NODE=${hub.grpcAddress} MESHCTL_CA_FILE=${hub.files!.caFile} MESHCTL_TOKEN_FILE=${hub.files!.tokenFile}`);
    console.log('  npm run -s meshctl -- status');
    console.log(`status page: ${hub.metricsUrl}/ui (it asks for the admin token in ${hub.files!.tokenFile}); Prometheus: prometheus --config.file=deploy/prometheus/prometheus.yml`);
    for (const l of joinHint(r.join, o.data)) console.log(l);
    const stop = () => { void stopAll().then(() => process.exit(0)); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    console.error(`demo failed: ${(err as Error).message}`);
    for (const n of nodes.values()) console.error(`--- ${n.spec.id} log tail ---\n${n.logs().split('\n').slice(-15).join('\n')}`);
    await stopAll();
    console.log(JSON.stringify({ ok: false, error: (err as Error).message }));
    process.exit(1);
  }
}

void main();
