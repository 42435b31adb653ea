/**
 * gRPC load driver: publishes fixed-size messages at a fixed offered rate (open loop) for a
 * duration, through one node to a subscriber on another; prints one JSON line with offered and
 * achieved rates and end-to-end latency percentiles.
 *
 *   node dist/load/grpc-publish.js --source 127.0.0.1:9101 --source-dir data/hub --target-node trainer \
 *     --target-grpc 127.0.0.1:9103 --target-dir data/trainer --rate 10000 --seconds 10 --size 256
 *
 * `--source-dir` and `--target-dir` are the nodes' data dirs, for their API certificate and admin
 * token.
 */
import { Command } from 'commander';
import { cpus } from 'node:os';
import { MeshClient, credentialsFromDataDir } from '../src/main/api/grpc/client.js';
import { runFixedRate } from './fixed-rate.js';

const o = new Command('grpc-publish')
  .requiredOption('--source <addr>').requiredOption('--source-dir <dataDir>').requiredOption('--target-node <id>')
  .requiredOption('--target-grpc <addr>').requiredOption('--target-dir <dataDir>')
  .option('--tenant <id>', 'tenant', 'load').option('--rate <n>', 'messages/s offered', '10000')
  .option('--seconds <n>', 'duration', '10').option('--size <bytes>', 'message size', '256')
  .parse().opts<{ source: string; sourceDir: string; targetDir: string; targetNode: string; targetGrpc: string; tenant: string; rate: string; seconds: string; size: string }>();

const src = new MeshClient(o.source, credentialsFromDataDir(o.sourceDir));
const dst = new MeshClient(o.targetGrpc, credentialsFromDataDir(o.targetDir));
const r = await runFixedRate(src, dst, o.targetNode, { tenant: o.tenant, rate: Number(o.rate), seconds: Number(o.seconds), size: Number(o.size) });
console.log(JSON.stringify({ load: 'grpc-publish', ...r, machine: { cores: cpus().length, node: process.version } }));
src.close();
dst.close();
process.exit(0);
