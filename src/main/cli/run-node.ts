/**
 * Assembles and runs one node from a configuration: store, data plane, control plane, gRPC and
 * HTTP servers. Used by `meshd`.
 */
import type { Server as GrpcServer } from '@grpc/grpc-js';
import type { Server as HttpServer } from 'node:http';
import type { Config } from '../../shared/config/index.js';
import { InThreadDataPlane, WorkerPool, type DataPlanePort } from '../../workers/dataplane/index.js';
import { startGrpcServer, stopGrpcServer } from '../api/grpc/server.js';
import { startHttpServer } from '../api/http/server.js';
import { MeshNode } from '../node/index.js';
import { MEMBERSHIP_FILE } from '../node/membership-backup.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { LogTap } from '../observability/log-tap.js';
import { NodeIdentity, loadOperatorIdentity } from '../security/index.js';
import { LmdbRaftStore, LmdbStorage, checkLmdbFile, deepCheck, type DeepCheckTarget } from '../storage/index.js';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { join } from 'node:path';
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';

/**
 * Name of the admin token file in the data dir: a fresh admin token (audience: this node, 30
 * days) is written there, mode 0600, at every start.
 */
export const ADMIN_TOKEN_FILE = 'admin.token';

/** A running node and its bound ports. */
export interface RunningNode {
  node: MeshNode;
  log: Logger;
  /** The data plane (a {@link WorkerPool} of that many shards when `dataPlane.workers` > 0). */
  dp: DataPlanePort;
  ports: { mesh: number; grpc: number; metrics: number };
  /** The files a client needs: the API certificate to pin and the admin token (both regenerated if missing). */
  files: { apiCert: string; adminToken: string };
  /** Stops the servers and the node (StopMesh is not implied: the membership stays active). */
  shutdown(): Promise<void>;
  /** Set by the process that runs the node (meshd) to stop it gracefully; SupervisorControl.Stop with `exit` calls it. */
  onExitRequested?: () => void;
}

/**
 * Makes the data dir 0700 and every file below it 0600 (directories 0700), whatever they were:
 * stores, the Raft log and keys are for this node's user alone.
 */
export function restrictDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const walk = (d: string): void => {
    chmodSync(d, 0o700);
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) chmodSync(p, 0o600);
    }
  };
  walk(dir);
}

/**
 * What an operator does about a damaged or lost store: `meshd repair` (`./repair.ts`).
 * @param dataDir the node's data directory.
 */
export function repairRemedy(dataDir: string): string {
  return `Remedy: with the node stopped, run \`meshd repair --data-dir ${dataDir}\` (with the node's other options or --config): it moves the damaged store aside, keeps every sound record and rebuilds the rest from the node's peers; or restore ${dataDir} from a backup taken with the node stopped.`;
}

/**
 * Refuses to open a damaged store: a truncated or foreign file (meta pages, `preflight.ts`),
 * which LMDB would answer with SIGBUS, and damaged pages inside (every record read in a child
 * process, `deep-check.ts`), which LMDB would answer with SIGSEGV or wrong reads.
 * @throws MeshError ERR_STORAGE (meshd exits 3) naming the file and the remedy.
 */
function preflight(dataDir: string, log: Logger): void {
  const startedAt = Date.now();
  const streams = join(dataDir, 'meshd.lmdb');
  const mcg = join(dataDir, 'mcg');
  const remedy = repairRemedy(dataDir);
  const targets: Array<DeepCheckTarget & { file: string; missing: number }> = [];
  for (const [path, file, subdir] of [[streams, streams, false], [mcg, join(mcg, 'data.mdb'), true]] as const) {
    if (!existsSync(file)) continue;
    const meta = checkLmdbFile(file, remedy);
    targets.push({ path, subdir, file, missing: meta.missingPages ?? 0 });
  }
  deepCheck(targets).forEach((r, i) => {
    if (r.ok) return;
    const t = targets[i];
    const short = t.missing ? `truncated (the file ends ${t.missing} pages before the last page its newest transaction names) and ` : '';
    throw new MeshError(ErrorCode.Storage, `${t.file}: ${short}damaged inside (${r.reason}). ${remedy}`);
  });
  // Every record is read before the node starts: on a large store this is the slow part of a start.
  if (targets.length) log.info({ files: targets.map((t) => t.file), ms: Date.now() - startedAt }, 'stores checked');
}

/**
 * Opens the node's store; a damaged mesh record (without it the node cannot tell which mesh it
 * belongs to) is refused like a damaged file, and so is a missing one when the identity directory
 * says the node is a member (`identity/membership.json`): its stores were lost.
 * @throws MeshError ERR_STORAGE (meshd exits 3) naming the record and the remedy.
 */
function openStore(dataDir: string): LmdbStorage {
  const store = new LmdbStorage(dataDir);
  let mesh;
  try {
    mesh = store.getMesh();
  } catch (err) {
    void store.close();
    throw new MeshError(ErrorCode.Storage, `${join(dataDir, 'meshd.lmdb')}: ${(err as Error).message}. ${repairRemedy(dataDir)}`);
  }
  if (!mesh && existsSync(join(dataDir, 'identity', MEMBERSHIP_FILE))) {
    // A member's identity without its store: the store was lost. Starting would make it a
    // stranger to its own mesh (and its Raft log would be empty while the group counts its vote).
    void store.close();
    throw new MeshError(ErrorCode.Storage, `${join(dataDir, 'meshd.lmdb')}: missing or empty, but ${join(dataDir, 'identity', MEMBERSHIP_FILE)} says this node is a member. ${repairRemedy(dataDir)}`);
  }
  if (mesh && !existsSync(join(dataDir, 'mcg', 'data.mdb'))) {
    void store.close();
    throw new MeshError(ErrorCode.Storage, `${join(dataDir, 'mcg')}: the Raft log of a member is missing (an empty log would vote as if it held nothing). ${repairRemedy(dataDir)}`);
  }
  return store;
}

/** Starts a node; resolves once every listener is bound. */
export async function runNode(config: Config): Promise<RunningNode> {
  const startedAtMs = Date.now();
  const tap = new LogTap();
  const log = createLogger(config.log.level, config.node.id, tap);
  log.info({ pid: process.pid, dataDir: config.dataDir }, 'meshd starting');
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(config.dataDir, 0o700); // before any store creates files in it
  preflight(config.dataDir, log);
  const store = openStore(config.dataDir);
  const { controlWindowBytes, dataWindowBytes, highWaterBytes, lowWaterBytes } = config.lanes;
  const dpOpts = {
    ...config.dataPlane, insecureDevOnly: config.security.insecureDevOnly, lanes: { controlWindowBytes, dataWindowBytes, highWaterBytes, lowWaterBytes },
    nodeId: config.node.id, tracing: config.tracing,
  };
  const dp: DataPlanePort = config.dataPlane.workers > 0 ? new WorkerPool(dpOpts) : new InThreadDataPlane(dpOpts);
  if (config.security.insecureDevOnly) log.warn('INSECURE (--insecure-dev-only): frames are not authenticated and tenant payloads are not encrypted; loopback only, never for real data');
  const raftBackend = new LmdbRaftStore(join(config.dataDir, 'mcg'));
  const sec = config.security;
  const operator = sec.caCertFile && sec.certFile && sec.keyFile
    ? loadOperatorIdentity({ caCertFile: sec.caCertFile, certFile: sec.certFile, keyFile: sec.keyFile }, config.node.id)
    : undefined;
  const identity = await NodeIdentity.open(join(config.dataDir, 'identity'), config.node.id, operator);
  restrictDataDir(config.dataDir);
  const node = new MeshNode({ config, store, dp, log, raftBackend, identity });
  const mesh = await node.init();
  const files = { apiCert: identity.apiCertPath, adminToken: join(config.dataDir, ADMIN_TOKEN_FILE) };
  await node.access.writeAdminToken(files.adminToken);
  let grpc: { server: GrpcServer; port: number };
  let http: { server: HttpServer; port: number };
  const exitHook: { fn?: () => void } = {};
  try {
    grpc = await startGrpcServer(node, log, config.grpc.host, config.grpc.port, identity.apiTls, {
      config, tap, startedAtMs, requestExit: () => (exitHook.fn ? exitHook.fn() : log.warn('stop requested, but this process installed no stop handler')),
    });
    http = await startHttpServer(node, config.metrics.host, config.metrics.port);
  } catch (err) {
    await node.close();
    await raftBackend.close();
    throw err;
  }
  return {
    node, log, dp, ports: { mesh, grpc: grpc.port, metrics: http.port }, files,
    set onExitRequested(fn: (() => void) | undefined) { exitHook.fn = fn; },
    get onExitRequested() { return exitHook.fn; },
    async shutdown() {
      await stopGrpcServer(grpc.server);
      http.server.closeAllConnections();
      await new Promise<void>((r) => http.server.close(() => r()));
      await node.close();
      await raftBackend.close();
    },
  };
}
