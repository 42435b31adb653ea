/**
 * Five real meshd processes, fully linked through TCP proxies on 127.0.0.1 that the test can cut
 * and restore (a network partition without touching the nodes). Node j dials node i < j through
 * the proxy of that pair; n1 seeds, the others join through their proxy to n1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MeshClient } from '../../src/main/api/grpc/client.js';
import { LocalNode, nodeSpec } from '../../src/main/cli/local-mesh.js';
import { waitFor } from './cluster.js';

/** A TCP forwarder that can drop every connection and refuse new ones. */
export class Proxy {
  private server: Server;
  private sockets = new Set<Socket>();
  blocked = false;
  port = 0;

  constructor(private readonly target: () => number) {
    this.server = createServer((client) => {
      if (this.blocked) {
        client.destroy();
        return;
      }
      const upstream = connect(this.target(), '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => { client.destroy(); upstream.destroy(); });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Cuts every connection and refuses new ones. */
  block(): void {
    this.blocked = true;
    for (const s of this.sockets) s.destroy();
  }

  unblock(): void {
    this.blocked = false;
  }

  async close(): Promise<void> {
    this.block();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** The five-node mesh. */
export interface Five {
  dir: string;
  nodes: LocalNode[];
  clients: MeshClient[];
  /** Proxy of the pair (i, j), 0-based, i < j. */
  proxy(i: number, j: number): Proxy;
  /** Cuts every pair across the two sides (0-based indexes). */
  partition(a: number[], b: number[]): void;
  heal(): void;
  stop(): Promise<void>;
}

const KEY = 'five-node-key';

/** Starts five nodes (`--raft-tick-ms` 50), seeds n1 and joins the others; resolves when the group has five voters. */
export async function startFive(): Promise<Five> {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-five-'));
  const nodes: LocalNode[] = [];
  const clients: MeshClient[] = [];
  const proxies = new Map<string, Proxy>();
  const stop = async () => {
    for (const c of clients) c.close();
    await Promise.all(nodes.map((n) => n.stop()));
    for (const p of proxies.values()) await p.close();
    rmSync(dir, { recursive: true, force: true });
  };
  let fingerprint = '';
  try {
    for (let j = 0; j < 5; j++) {
      const peers: string[] = [];
      for (let i = 0; i < j; i++) {
        const target = nodes[i];
        const p = new Proxy(() => target.spec.meshPort);
        await p.listen();
        proxies.set(`${i}/${j}`, p);
        peers.push(p.address);
      }
      const n = new LocalNode({ ...nodeSpec(`n${j + 1}`, join(dir, `n${j + 1}`), peers.slice(1)), extraArgs: ['--raft-tick-ms', '50'] });
      await n.start();
      nodes.push(n);
      const c = n.client();
      clients.push(c);
      if (j === 0) fingerprint = (await c.seed('five', 'KEY_REQUIRED', KEY)).fingerprint;
      else await c.join(peers[0], KEY, fingerprint);
    }
    await waitFor(async () => {
      const s = await clients[0].status();
      return s.consensus?.members.filter((m) => m.role === 'voter').length === 5;
    }, 'five voters', 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  const proxy = (i: number, j: number) => proxies.get(`${Math.min(i, j)}/${Math.max(i, j)}`)!;
  return {
    dir, nodes, clients, proxy,
    partition(a, b) {
      for (const i of a) for (const j of b) proxy(i, j).block();
    },
    heal() {
      for (const p of proxies.values()) p.unblock();
    },
    stop,
  };
}

/** Reads every mesh update a node has applied, in log order (index, payload text). */
export async function meshUpdates(c: MeshClient, until: (seen: Array<[number, string]>) => boolean, timeoutMs = 30_000): Promise<Array<[number, string]>> {
  const seen: Array<[number, string]> = [];
  const sub = c.subscribeUpdates('mesh', { onUpdates: (u) => { for (const x of u) seen.push([x.index, Buffer.from(x.payload).toString()]); } });
  sub.done.catch(() => {});
  try {
    await waitFor(() => until(seen), 'mesh updates', timeoutMs);
    return seen;
  } finally {
    sub.close();
  }
}
