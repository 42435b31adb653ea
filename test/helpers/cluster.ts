/**
 * Integration-test harness: a line topology of real meshd processes on 127.0.0.1
 * (hub <-> worker <-> trainer), seeded and joined through the gRPC API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MeshClient } from '../../src/main/api/grpc/client.js';
import { startLineMesh, type LocalNode } from '../../src/main/cli/local-mesh.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value; throws with `what` after `timeoutMs`. */
export async function waitFor<T>(fn: () => Promise<T> | T, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** The value of one Prometheus sample line starting with `name` at a node's metrics URL (0 when absent). */
export async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const l = text.split('\n').find((x) => x.startsWith(name));
  return l ? Number(l.split(' ').pop()) : 0;
}

/** A running line topology. */
export interface Line {
  dir: string;
  key: string;
  /** The mesh fingerprint (JoinMesh needs it). */
  fingerprint: string;
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
export async function startLine(opts: { workers?: number } = {}): Promise<Line> {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-it-'));
  const mesh = await startLineMesh(dir, ['hub', 'worker', 'trainer'], opts);
  const [hub, worker, trainer] = mesh.nodes;
  const [h, w, t] = mesh.clients;
  const extra: MeshClient[] = [];
  return {
    dir, key: mesh.key, fingerprint: mesh.fingerprint, hub, worker, trainer, h, w, t,
    client(n: LocalNode) {
      const c = n.client();
      extra.push(c);
      return c;
    },
    async stop() {
      for (const c of extra) c.close();
      await mesh.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Payloads of `n` messages starting at index `from`: each holds its index as text. */
export function payloads(from: number, n: number): Buffer[] {
  return Array.from({ length: n }, (_, i) => Buffer.from(`msg-${from + i}`.padEnd(64, '.')));
}

/**
 * Subscribes to `streamId` with `c` and resolves to the first `n` payloads as text (the padding
 * dots of {@link payloads} removed); rejects when the subscription fails first.
 */
export function collect(c: MeshClient, streamId: string, tenantId: string, n: number, credits = 1000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const out: string[] = [];
    const sub = c.subscribe({
      streamId, tenantId, credits,
      onMessages: (msgs) => {
        for (const m of msgs) out.push(m.payload.toString().replace(/\.+$/, ''));
        if (out.length >= n) { sub.close(); resolve(out); }
      },
    });
    sub.done.then(() => { if (out.length < n) reject(new Error(`subscription ended after ${out.length} of ${n}`)); }, reject);
  });
}
