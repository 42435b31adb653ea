/**
 * Integration-test harness: a line topology of real meshd processes on 127.0.0.1
 * (hub <-> worker <-> trainer), seeded and joined through the gRPC API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MeshClient } from '../../src/main/api/grpc/client.js';
import { LocalNode, nodeSpec, startAll } from '../../src/main/cli/local-mesh.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value; throws with `what` after `timeoutMs`. */
export async function waitFor<T>(fn: () => Promise<T> | T, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** A running line topology. */
export interface Line {
  dir: string;
  key: string;
  hub: LocalNode;
  worker: LocalNode;
  trainer: LocalNode;
  h: MeshClient;
  w: MeshClient;
  t: MeshClient;
  client(n: LocalNode): MeshClient;
  stop(): Promise<void>;
}

/** Starts hub, worker (dials hub) and trainer (dials worker); seeds and joins; waits for 2-hop routes. */
export async function startLine(): Promise<Line> {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-it-'));
  const hub = new LocalNode(nodeSpec('hub', join(dir, 'hub')));
  const worker = new LocalNode(nodeSpec('worker', join(dir, 'worker'), ['hub']));
  const trainer = new LocalNode(nodeSpec('trainer', join(dir, 'trainer'), ['worker']));
  const nodes = [hub, worker, trainer];
  const byId = new Map(nodes.map((n) => [n.spec.id, n]));
  const clients: MeshClient[] = [];
  const client = (n: LocalNode) => {
    const c = new MeshClient(n.grpcAddress);
    clients.push(c);
    return c;
  };
  // Each node dials the one before it, so they start in order and learn its real port.
  await startAll(nodes, (n) => { n.spec.peers = n.spec.peers.map((p) => byId.get(p)?.meshAddress ?? p); });
  const [h, w, t] = nodes.map(client);
  const key = 'line-key';
  await h.seed('it', 'KEY_REQUIRED', key);
  await w.join(hub.meshAddress, key);
  await t.join(worker.meshAddress, key);
  await waitFor(async () => (await h.status()).routes.some((r) => r.destination === 'trainer'), 'hub -> trainer route');
  await waitFor(async () => (await t.status()).routes.some((r) => r.destination === 'hub'), 'trainer -> hub route');
  return {
    dir, key, hub, worker, trainer, h, w, t, client,
    async stop() {
      for (const c of clients) c.close();
      await Promise.all(nodes.map((n) => n.stop()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Payloads of `n` messages starting at index `from`: each holds its index as text. */
export function payloads(from: number, n: number): Buffer[] {
  return Array.from({ length: n }, (_, i) => Buffer.from(`msg-${from + i}`.padEnd(64, '.')));
}
