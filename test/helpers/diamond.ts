/**
 * A diamond of real meshd processes for multipath and fast-reroute tests and benchmarks:
 * a - b - d and a - c - d, the a-b and a-c links through {@link Relay}s (which can cut or slow
 * them), b-d and c-d direct. Seeded on a, joined b and c through their relays, d through b.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MeshClient } from '../../src/main/api/grpc/client.js';
import { LocalNode, nodeSpec, startAll, waitRoute } from '../../src/main/cli/local-mesh.js';
import { Relay } from './relay.js';

/** A running diamond. */
export interface Diamond {
  a: LocalNode;
  b: LocalNode;
  c: LocalNode;
  d: LocalNode;
  ab: Relay;
  ac: Relay;
  ca: MeshClient;
  cd: MeshClient;
  stop(): Promise<void>;
}

/** Options: per-relay rates (bytes/s, 0 unlimited), node command-line flags, shards. */
export interface DiamondOptions {
  rateAB?: number;
  rateAC?: number;
  extraArgs?: string[];
  workers?: number;
}

/** Starts the diamond and waits until a and d route to each other over both paths. */
export async function startDiamond(o: DiamondOptions = {}): Promise<Diamond> {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-diamond-'));
  const spec = (id: string) => ({ ...nodeSpec(id, join(dir, id)), workers: o.workers, extraArgs: o.extraArgs });
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => new LocalNode(spec(id)));
  await startAll([a]);
  const ab = new Relay(a.spec.meshPort, o.rateAB ?? 0);
  const ac = new Relay(a.spec.meshPort, o.rateAC ?? 0);
  const viaAB = await ab.listen();
  const viaAC = await ac.listen();
  b.spec.peers = [viaAB];
  c.spec.peers = [viaAC];
  await startAll([b, c]);
  d.spec.peers = [b.meshAddress, c.meshAddress];
  await startAll([d]);
  const clients = [a, b, c, d].map((n) => n.client());
  const [ca, cb, cc, cd] = clients;
  const stop = async () => {
    for (const x of clients) x.close();
    await Promise.all([a, b, c, d].map((n) => n.stop()));
    await ab.stop();
    await ac.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const key = 'diamond-key';
    const { fingerprint } = await ca.seed('diamond', 'KEY_REQUIRED', key);
    await cb.join(viaAB, key, fingerprint);
    await cc.join(viaAC, key, fingerprint);
    await cd.join(b.meshAddress, key, fingerprint);
    await waitRoute(ca, 'd', 30_000);
    await waitRoute(cd, 'a', 30_000);
    // All four links up (b and c each linked to a and d), then a second for their LSAs to reach a.
    const end = Date.now() + 30_000;
    const linked = async (c: MeshClient) => {
      const st = await c.status();
      return st.links.some((l) => l.peer === 'd') && st.links.some((l) => l.peer === 'a');
    };
    while (Date.now() < end && !((await linked(cb)) && (await linked(cc)))) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1000));
  } catch (err) {
    await stop();
    throw err;
  }
  return { a, b, c, d, ab, ac, ca, cd, stop };
}
