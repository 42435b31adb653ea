#!/usr/bin/env node
/**
 * `meshd`: runs one mesh node from a config file (YAML or JSON), `MESH_*` environment variables
 * and flags (flags win). When every listener is bound it prints one JSON line on stdout:
 * `{"event":"ready","node":ID,"mesh":PORT,"grpc":PORT,"metrics":PORT}`; logs go to stderr.
 * SIGINT/SIGTERM stop it cleanly; SIGHUP reloads the configuration (config-reload.ts; with
 * `--watch-config`, so does a change of the config file); SIGUSR2 restarts the data-plane worker threads. Exit codes: 0
 * clean stop, 2 invalid configuration, 3 a damaged store refused (see `run-node.ts`), 1 other
 * failure. `meshd repair ...` rebuilds a stopped node's damaged stores (`repair.ts`).
 */
import { Command } from 'commander';
import { MeshError } from '../../shared/errors.js';
import { loadConfig } from '../../shared/config/index.js';
import { WorkerPool } from '../../workers/dataplane/index.js';
import { runNode } from './run-node.js';
import { repairCommand } from './repair.js';
import { reloadConfig } from './config-reload.js';
import { watchFile } from 'node:fs';
import { MESHD_VERSION } from '../node/version.js';
import { tuneHeap } from './heap.js';
import { mallocTuned } from './malloc.js';

const num = (v: string) => Number(v);
/** How often `--watch-config` checks the config file (ms). */
const CONFIG_WATCH_MS = 1000;

const program = new Command('meshd')
  .description('Run one meshd node')
  .version(MESHD_VERSION, '-V, --version', 'print meshd\'s version')
  .option('-c, --config <file>', 'config file (YAML or JSON)')
  .option('--node-id <id>', 'node id')
  .option('--node-name <name>', 'node name')
  .option('--data-dir <dir>', 'data directory (LMDB)')
  .option('--host <host>', 'interface for all listeners')
  .option('--mesh-port <port>', 'mesh (WebSocket) port', num)
  .option('--grpc-port <port>', 'gRPC API port', num)
  .option('--metrics-port <port>', 'metrics/health HTTP port', num)
  .option('--peers <list>', 'comma-separated peers to dial (host:port or service id)')
  .option('--services-file <file>', 'services file (mesh-services.json shape)')
  .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent')
  .option('--workers <n>', 'data-plane worker threads (0: in the main thread)', num)
  .option('--raft-tick-ms <ms>', 'Mesh Control Group Raft tick (ms); elections after 10-20 ticks', num)
  .option('--mcg-voters <n>', 'voters of the Mesh Control Group (the first members up to n)', num)
  .option('--heartbeat-ms <ms>', 'link heartbeat interval (ms)', num)
  .option('--dead-after-ms <ms>', 'a link silent this long is declared dead and rerouted around (ms)', num)
  .option('--scheduler <policy>', 'multipath scheduler of bulk chunks: ecf (default) or wrr')
  .option('--lanes <n>', 'most WebSocket connections per peer: control, priority, bulk (1: one connection for everything)', num)
  .option('--storage-max-bytes <bytes>', 'most live data in the stream store (0: no limit but the disk)', num)
  .option('--ca-cert <file>', 'operator CA certificate (PEM); with --cert and --key, replaces meshd\'s own CA')
  .option('--cert <file>', 'this node\'s certificate (PEM), issued by --ca-cert')
  .option('--key <file>', 'this node\'s private key (PEM, ECDSA P-256)')
  .addHelpText('after', '\nmeshd repair --help: rebuild a stopped node\'s damaged or lost stores')
  .option('--otlp-endpoint <url>', 'OpenTelemetry traces: OTLP/HTTP URL, e.g. http://127.0.0.1:4318/v1/traces (off without it)')
  .option('--trace-sample-ratio <ratio>', 'fraction of publishes traced (0..1)', num)
  .option('--watch-config', 'reload the configuration when the --config file changes (as on SIGHUP)')
  .option('--insecure-dev-only', 'benchmark baseline: no frame tags, no tenant encryption; refused unless every listener is on loopback');

async function main(): Promise<void> {
  if (process.argv[2] === 'repair') return repairCommand(process.argv.slice(3));
  tuneHeap();
  program.parse();
  const o = program.opts<Record<string, string | number | undefined>>();
  const load = () => loadConfig({
    file: o.config as string | undefined,
    env: process.env,
    overrides: {
      'node.id': o.nodeId, 'node.name': o.nodeName, dataDir: o.dataDir,
      'mesh.host': o.host, 'grpc.host': o.host, 'metrics.host': o.host,
      'mesh.port': o.meshPort, 'grpc.port': o.grpcPort, 'metrics.port': o.metricsPort,
      peers: typeof o.peers === 'string' ? o.peers.split(',').filter(Boolean) : undefined,
      servicesFile: o.servicesFile, 'log.level': o.logLevel, 'dataPlane.workers': o.workers,
      'consensus.tickMs': o.raftTickMs, 'consensus.voters': o.mcgVoters, 'storage.maxBytes': o.storageMaxBytes,
      'dataPlane.heartbeatMs': o.heartbeatMs, 'dataPlane.deadAfterMs': o.deadAfterMs, 'routing.scheduler': o.scheduler, 'lanes.max': o.lanes,
      'tracing.endpoint': o.otlpEndpoint, 'tracing.sampleRatio': o.traceSampleRatio,
      'security.caCertFile': o.caCert, 'security.certFile': o.cert, 'security.keyFile': o.key,
      'security.insecureDevOnly': o.insecureDevOnly === undefined ? undefined : true,
    },
  });
  const config = load();
  const running = await runNode(config);
  if (!mallocTuned()) running.log.info('GLIBC_TUNABLES lacks glibc.malloc.hugetlb=1: bulk data runs slower without huge pages (README "Running a node")');
  // Safety net: a rejected promise nobody handled is a bug, but must not take the node down.
  process.on('unhandledRejection', (err: unknown) => {
    running.node.metrics.apiErrors.inc({ code: 'ERR_INTERNAL' });
    running.log.error({ err: err instanceof Error ? err.stack : String(err) }, 'unhandled rejection');
  });
  process.on('uncaughtException', (err: Error) => {
    running.log.fatal({ err: err.stack }, 'uncaught exception; exiting');
    process.exit(1);
  });
  let stopping = false;
  const stop = (sig: string) => {
    if (stopping) return;
    stopping = true;
    running.log.info({ signal: sig }, 'stopping');
    running.shutdown().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  running.onExitRequested = () => stop('SupervisorControl.Stop');
  // SIGHUP (and, with --watch-config, a change of the config file) reloads the configuration.
  // Mesh-wide settings (through the control group) win over the file's: applied again after it.
  const reload = () => {
    if (reloadConfig(config, load, running.log)) running.node.applyMeshSettings(true);
  };
  process.on('SIGHUP', reload);
  if (o.watchConfig && typeof o.config === 'string') {
    watchFile(o.config, { interval: CONFIG_WATCH_MS }, (cur, prev) => { if (cur.mtimeMs !== prev.mtimeMs) reload(); });
  }
  // SIGUSR2 restarts the data-plane workers (links are re-established; nothing acknowledged is lost).
  process.on('SIGUSR2', () => {
    if (running.dp instanceof WorkerPool) {
      running.log.warn('restarting the data-plane workers (SIGUSR2)');
      void running.dp.restart();
    }
  });
  // Ready only once every signal has its handler (a SIGHUP right after the ready line reloads).
  process.stdout.write(JSON.stringify({ event: 'ready', node: config.node.id, ...running.ports, caFile: running.files.apiCert, tokenFile: running.files.adminToken }) + '\n');
  running.log.info({ ports: running.ports, dataDir: config.dataDir }, 'meshd ready');
}

main().catch((err: unknown) => {
  const code = err instanceof MeshError ? err.code : 'ERR_INTERNAL';
  process.stderr.write(`meshd: ${code}: ${err instanceof Error ? err.message : String(err)}\n`);
  // 2: bad configuration; 3: a damaged store refused before opening (see run-node.ts preflight).
  process.exit(code === 'ERR_CONFIG_INVALID' ? 2 : code === 'ERR_STORAGE' ? 3 : 1);
});
