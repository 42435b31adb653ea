/**
 * Mesh Control Group commit throughput and latency against etcd 3.4 in the same run: 256-byte
 * SendMeshUpdate calls on 3 local meshd nodes and 256-byte KV.Put calls on 3 local etcd members,
 * each by 1 and by 64 concurrent closed-loop clients spread over the three nodes (a follower
 * forwards to its leader in both systems). Prints one JSON line: puts/s, p50/p99 (ms), the ratio
 * meshd/etcd at each concurrency, and the machine.
 *
 * `node dist/bench/mcg-commit.js [--seconds 10]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MeshClient } from '../src/main/api/grpc/client.js';
import { LocalNode, nodeSpec, startAll } from '../src/main/cli/local-mesh.js';
import { pct } from '../load/fixed-rate.js';
import { machine, runIfMain } from './common.js';
import { EtcdKv, startEtcd } from './etcd-peer.js';

const PAYLOAD = Buffer.alloc(256, 0x61);
const CONCURRENCY = [1, 64];
/** gRPC channels per node for the client side (clients share them round robin). */
const CHANNELS_PER_NODE = 4;

interface Result { clients: number; putsPerSec: number; p50Ms: number; p99Ms: number; errors: number }

/** Runs `clients` closed loops of `op` for `seconds`; returns throughput and latency. */
async function drive(clients: number, seconds: number, op: (client: number, i: number) => Promise<unknown>): Promise<Result> {
  const lat: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; performance.now() < end; i++) {
      const s = performance.now();
      try {
        await op(c, i);
        lat.push(performance.now() - s);
      } catch {
        errors++;
      }
    }
  }));
  const elapsed = (performance.now() - t0) / 1000;
  const sorted = Float64Array.from(lat).sort();
  return { clients, putsPerSec: Math.round(lat.length / elapsed), p50Ms: round(pct(sorted, 0.5)), p99Ms: round(pct(sorted, 0.99)), errors };
}

const round = (x: number) => Math.round(x * 100) / 100;

async function meshdSide(seconds: number): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-mcg-bench-'));
  const nodes = ['m1', 'm2', 'm3'].map((id) => new LocalNode({ ...nodeSpec(id, join(dir, id), [], 'warn'), workers: 0 }));
  const admin: MeshClient[] = [];
  try {
    await startAll(nodes);
    admin.push(...nodes.map((n) => n.client()));
    const { fingerprint } = await admin[0].seed('bench', 'OPEN');
    await admin[1].join(nodes[0].meshAddress, '', fingerprint);
    await admin[2].join(nodes[0].meshAddress, '', fingerprint);
    const end = Date.now() + 30_000;
    while ((await admin[0].status()).consensus?.members.filter((m) => m.role === 'voter').length !== 3) {
      if (Date.now() > end) throw new Error('the control group did not reach 3 voters');
      await new Promise((r) => setTimeout(r, 100));
    }
    const channels = nodes.flatMap((n) => Array.from({ length: CHANNELS_PER_NODE }, () => n.client()));
    admin.push(...channels);
    const out: Result[] = [];
    for (const c of CONCURRENCY) {
      await drive(c, 1, (k) => channels[k % channels.length].sendMeshUpdate('bench', PAYLOAD)); // warm-up
      out.push(await drive(c, seconds, (k) => channels[k % channels.length].sendMeshUpdate('bench', PAYLOAD)));
    }
    return out;
  } finally {
    for (const c of admin) c.close();
    await Promise.all(nodes.map((n) => n.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function etcdSide(seconds: number): Promise<{ version: string; results: Result[] }> {
  const etcd = await startEtcd();
  const channels = etcd.endpoints.flatMap((e) => Array.from({ length: CHANNELS_PER_NODE }, () => new EtcdKv(e)));
  try {
    const out: Result[] = [];
    for (const c of CONCURRENCY) {
      const put = (k: number, i: number) => channels[k % channels.length].put(Buffer.from(`k-${k}-${i}`), PAYLOAD);
      await drive(c, 1, put);
      out.push(await drive(c, seconds, put));
    }
    return { version: etcd.version, results: out };
  } finally {
    for (const c of channels) c.close();
    await etcd.stop();
  }
}

/** Runs both sides one after the other and compares them. */
export async function mcgCommitBench(seconds = 10): Promise<object> {
  const meshd = await meshdSide(seconds);
  const etcd = await etcdSide(seconds);
  const ratio = Object.fromEntries(CONCURRENCY.map((c, i) => [`c${c}`, round(meshd[i].putsPerSec / Math.max(1, etcd.results[i].putsPerSec))]));
  return { bench: 'mcg-commit', payloadBytes: PAYLOAD.length, seconds, meshd, etcd: etcd.results, etcdVersion: etcd.version, ratio, machine: machine() };
}

runIfMain(import.meta.url, () => {
  const i = process.argv.indexOf('--seconds');
  return mcgCommitBench(i > 0 ? Number(process.argv[i + 1]) : 10);
});
