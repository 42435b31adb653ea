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
import type { NetnsDiamond, NetnsPath } from './netns-diamond.js';

/** A running diamond. */
export interface Diamond {
  a: LocalNode;
  b: LocalNode;
  c: LocalNode;
  d: LocalNode;
  /** The a-b and a-c links: relays on loopback, veth pairs with `tc` in network namespaces. */
  ab: Relay | NetnsPath;
  ac: Relay | NetnsPath;
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
  /**
   * Run each node in its own network namespace of this built diamond (test/helpers/netns-diamond.ts;
   * the rates are then its `tc` shaping, and `rateAB`/`rateAC` are not used).
   */
  netns?: NetnsDiamond;
}

/** Starts the diamond and waits until a and d route to each other over both paths. */
export async function startDiamond(o: DiamondOptions = {}): Promise<Diamond> {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-diamond-'));
  const nn = o.netns;
  const spec = (id: 'a' | 'b' | 'c' | 'd') => ({
    ...nodeSpec(id, join(dir, id)), workers: o.workers, extraArgs: o.extraArgs,
    ...(nn ? { netns: { wrap: nn.wrap(id), listenHost: '0.0.0.0', host: nn.apiHost(id) } } : {}),
  });
  const [a, b, c, d] = (['a', 'b', 'c', 'd'] as const).map((id) => new LocalNode(spec(id)));
  await startAll([a]);
  let ab: Relay | NetnsPath;
  let ac: Relay | NetnsPath;
  let viaAB: string;
  let viaAC: string;
  if (nn) {
    [ab, ac] = [nn.ab, nn.ac];
    viaAB = `${nn.linkHost('b', 'a')}:${a.spec.meshPort}`;
    viaAC = `${nn.linkHost('c', 'a')}:${a.spec.meshPort}`;
  } else {
    const rab = new Relay(a.spec.meshPort, o.rateAB ?? 0);
    const rac = new Relay(a.spec.meshPort, o.rateAC ?? 0);
    [ab, ac] = [rab, rac];
    viaAB = await rab.listen();
    viaAC = await rac.listen();
  }
  b.spec.peers = [viaAB];
  c.spec.peers = [viaAC];
  await startAll([b, c]);
  d.spec.peers = nn ? [`${nn.linkHost('d', 'b')}:${b.spec.meshPort}`, `${nn.linkHost('d', 'c')}:${c.spec.meshPort}`] : [b.meshAddress, c.meshAddress];
  await startAll([d]);
  const clients = [a, b, c, d].map((n) => n.client());
  const [ca, cb, cc, cd] = clients;
  const stop = async () => {
    for (const x of clients) x.close();
    await Promise.all([a, b, c, d].map((n) => n.stop()));
    if (ab instanceof Relay) await ab.stop();
    if (ac instanceof Relay) await ac.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const key = 'diamond-key';
    const { fingerprint } = await ca.seed('diamond', 'KEY_REQUIRED', key);
    await cb.join(viaAB, key, fingerprint);
    await cc.join(viaAC, key, fingerprint);
    await cd.join(d.spec.peers[0], key, fingerprint);
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
