/**
 * Starts, kills (-9), restarts and stops real `meshd` processes on this machine: the `npm start`
 * demo and the integration tests use it. Each process prints its ready line on stdout; its
 * stderr (JSON logs) is kept in a bounded tail for failure reports, and appended to
 * `$MESHD_LOG_DIR/<id>-<pid>.log` when that variable is set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { MeshClient, credentialsFromFiles, type ClientCredentials } from '../api/grpc/client.js';
import { withMallocTunables } from './malloc.js';
import { OpsClient } from '../api/grpc/ops-client.js';

const MESHD = join(dirname(fileURLToPath(import.meta.url)), 'meshd.js');
/**
 * Longest wait for a ready line (ms). A start loads the code (~1 s on an idle 2-core machine),
 * reads every stored record (`stores checked`, 0.3-0.5 s for a small store) and binds its
 * listeners (~1.5 s more with a mesh to rejoin); a restart among four busy nodes on a loaded
 * 2-core CI machine once took over 20 s, so this leaves room for a machine three times slower.
 */
export const READY_TIMEOUT_MS = 60_000;

/**
 * meshd processes this process started and that still run. They are killed when this process
 * exits, however it exits (a benchmark that threw before stopping its mesh left its nodes running
 * and using the CPU of every run after it). A signal that kills this process outright still
 * orphans them.
 */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

/** One node of a local mesh. */
export interface LocalNodeSpec {
  id: string;
  dataDir: string;
  meshPort: number;
  grpcPort: number;
  metricsPort: number;
  peers: string[];
  logLevel?: string;
  /** Data-plane worker threads; default: $MESHD_WORKERS, else meshd's default. */
  workers?: number;
  /** More meshd flags (e.g. `--raft-tick-ms 50`). */
  extraArgs?: string[];
  /**
   * Where the node runs in its own network namespace (the multipath benchmark,
   * bench/netns-diamond.ts): the command meshd runs under (e.g. `['ip', 'netns', 'exec', 'ns-a']`),
   * the interface meshd listens on (`0.0.0.0`: every interface of the namespace) and the address
   * clients reach it at. Absent: loopback.
   */
  netns?: { wrap: string[]; listenHost: string; host: string };
}

/** A running or stopped meshd process. */
export class LocalNode {
  private proc: ChildProcess | null = null;
  private logTail: string[] = [];
  /**
   * Exits this class did not cause (no {@link kill} or {@link stop}): a crash, a refusal to start
   * (exit 3 on a damaged store) or a death by a signal.
   */
  readonly unexpectedExits: Array<{ code: number | null; signal: string | null }> = [];
  private stopping = false;
  /** The API certificate and admin token files the node reported (after its first start). */
  files: { caFile: string; tokenFile: string } | null = null;

  constructor(readonly spec: LocalNodeSpec) {}

  /** The address clients reach the node at (127.0.0.1 unless it runs in a network namespace). */
  get host(): string {
    return this.spec.netns?.host ?? '127.0.0.1';
  }
  get grpcAddress(): string {
    return `${this.host}:${this.spec.grpcPort}`;
  }
  get meshAddress(): string {
    return `${this.host}:${this.spec.meshPort}`;
  }
  get metricsUrl(): string {
    return `http://${this.host}:${this.spec.metricsPort}`;
  }
  /**
   * Admin credentials for this node's API (its pinned certificate and admin token), or the pinned
   * certificate with another `token`.
   * @throws Error before the node's first start.
   */
  credentials(token?: string): ClientCredentials {
    if (!this.files) throw new Error(`${this.spec.id} has not started yet`);
    const c = credentialsFromFiles(this.files.caFile, this.files.tokenFile);
    return token === undefined ? c : { ...c, token };
  }

  /** A client with admin credentials (see {@link credentials}). */
  client(token?: string): MeshClient {
    return new MeshClient(this.grpcAddress, this.credentials(token));
  }

  /** A MeshControl and SupervisorControl client with admin credentials (or `token`). */
  ops(token?: string): OpsClient {
    return new OpsClient(this.grpcAddress, this.credentials(token));
  }

  /** The process id while it runs. */
  get pid(): number | undefined {
    return this.proc?.pid;
  }
  get running(): boolean {
    return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** The last lines the process logged. */
  logs(): string {
    return this.logTail.join('\n');
  }

  /** Spawns meshd and resolves on its ready line. */
  start(): Promise<void> {
    const s = this.spec;
    const args = [MESHD, '--node-id', s.id, '--data-dir', s.dataDir, '--host', s.netns?.listenHost ?? '127.0.0.1', '--mesh-port', String(s.meshPort),
      '--grpc-port', String(s.grpcPort), '--metrics-port', String(s.metricsPort), '--log-level', s.logLevel ?? 'info'];
    if (s.peers.length) args.push('--peers', s.peers.join(','));
    const workers = s.workers ?? process.env.MESHD_WORKERS;
    if (workers !== undefined) args.push('--workers', String(workers));
    if (s.extraArgs) args.push(...s.extraArgs);
    // MESHD_NODE_ARGS: extra Node.js flags for the meshd processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const nodeArgs = (process.env.MESHD_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const wrap = s.netns?.wrap ?? [];
    const cmd = [...wrap, process.execPath, ...nodeArgs, ...args];
    const proc = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: withMallocTunables() });
    this.proc = proc;
    running.add(proc);
    proc.once('exit', () => running.delete(proc));
    if (process.env.MESHD_LOG_DIR) {
      proc.stderr!.pipe(createWriteStream(join(process.env.MESHD_LOG_DIR, `${s.id}-${proc.pid}.log`)));
      proc.stdout!.pipe(createWriteStream(join(process.env.MESHD_LOG_DIR, `${s.id}-${proc.pid}.out`)));
    }
    this.stopping = false;
    proc.once('exit', (code, sig) => {
      this.logTail.push(`[process exited: ${code ?? sig}]`);
      if (!this.stopping) this.unexpectedExits.push({ code, signal: sig });
    });
    createInterface({ input: proc.stderr! }).on('line', (l) => {
      this.logTail.push(l);
      if (this.logTail.length > 200) this.logTail.shift();
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${s.id}: no ready line in ${READY_TIMEOUT_MS} ms\n${this.logs()}`)), READY_TIMEOUT_MS);
      createInterface({ input: proc.stdout! }).on('line', (l) => {
        if (!l.includes('"event":"ready"')) return;
        clearTimeout(timer);
        // Ports given as 0 were bound by meshd itself; keep the real ones so a restart reuses them.
        const ready = JSON.parse(l) as { mesh: number; grpc: number; metrics: number; caFile: string; tokenFile: string };
        Object.assign(this.spec, { meshPort: ready.mesh, grpcPort: ready.grpc, metricsPort: ready.metrics });
        this.files = { caFile: ready.caFile, tokenFile: ready.tokenFile };
        resolve();
      });
      proc.once('exit', (code, sig) => {
        clearTimeout(timer);
        reject(new Error(`${s.id}: exited (${code ?? sig}) before ready\n${this.logs()}`));
      });
    });
  }

  /** Sends a signal without waiting (e.g. SIGUSR2: restart the data-plane worker). */
  signal(sig: NodeJS.Signals): void {
    this.proc?.kill(sig);
  }

  /** Sends a signal and waits for the process to exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const p = this.proc;
    if (!p || !this.running) return;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    this.stopping = true;
    p.kill(signal);
    await exited;
  }

  /** SIGTERM (clean stop), then SIGKILL after `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    const p = this.proc;
    if (!p || !this.running) return;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    this.stopping = true;
    p.kill('SIGTERM');
    const t = setTimeout(() => p.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(t);
  }
}

/** A node spec whose ports meshd picks at its first start (port 0) and keeps across restarts. */
export function nodeSpec(id: string, dataDir: string, peers: string[] = [], logLevel?: string): LocalNodeSpec {
  return { id, dataDir, meshPort: 0, grpcPort: 0, metricsPort: 0, peers, logLevel };
}

/**
 * Starts nodes one after another (a node's peers may name nodes started before it); if one fails,
 * stops those already started and rethrows.
 */
export async function startAll(nodes: LocalNode[], beforeStart?: (n: LocalNode) => void): Promise<void> {
  const started: LocalNode[] = [];
  try {
    for (const n of nodes) {
      beforeStart?.(n);
      await n.start();
      started.push(n);
    }
  } catch (err) {
    await Promise.all(nodes.map((n) => n.stop()));
    throw err;
  }
}

/** A running line of local nodes, seeded and joined. */
export interface LineMesh {
  nodes: LocalNode[];
  clients: MeshClient[];
  key: string;
  /** The mesh fingerprint SeedMesh returned (JoinMesh needs it). */
  fingerprint: string;
  /** Closes the clients and stops every node. */
  stop(): Promise<void>;
}

/** Polls GetMeshStatus until `c`'s node has a route to `dest`. @throws Error after `timeoutMs`. */
export async function waitRoute(c: MeshClient, dest: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if ((await c.status()).routes.some((r) => r.destination === dest)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no route to ${dest} after ${timeoutMs} ms`);
}

/**
 * Starts nodes `ids` under `dir` in a line (each dials the previous one), seeds the mesh on the
 * first (KEY_REQUIRED), joins each through the previous one, and waits until the ends route to
 * each other. `extraArgs` go to every node's `meshd` command line.
 */
export async function startLineMesh(dir: string, ids: string[], opts: { key?: string; logLevel?: string; workers?: number; extraArgs?: string[] } = {}): Promise<LineMesh> {
  const nodes = ids.map((id, i) => new LocalNode({ ...nodeSpec(id, join(dir, id), i > 0 ? [ids[i - 1]] : [], opts.logLevel), workers: opts.workers, extraArgs: opts.extraArgs }));
  const byId = new Map(nodes.map((n) => [n.spec.id, n]));
  await startAll(nodes, (n) => { n.spec.peers = n.spec.peers.map((p) => byId.get(p)?.meshAddress ?? p); });
  const clients = nodes.map((n) => n.client());
  const key = opts.key ?? 'line-key';
  let fingerprint = '';
  const stop = async () => {
    for (const c of clients) c.close();
    await Promise.all(nodes.map((n) => n.stop()));
  };
  try {
    fingerprint = (await clients[0].seed('line', 'KEY_REQUIRED', key)).fingerprint;
    for (let i = 1; i < nodes.length; i++) await clients[i].join(nodes[i - 1].meshAddress, key, fingerprint);
    const last = ids[ids.length - 1];
    await waitRoute(clients[0], last, 20_000);
    await waitRoute(clients[clients.length - 1], ids[0], 20_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { nodes, clients, key, fingerprint, stop };
}
