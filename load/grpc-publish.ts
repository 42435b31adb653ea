/**
 * gRPC load driver: publishes fixed-size messages at a fixed offered rate (open loop) for a
 * duration, through one node to a subscriber on another; prints one JSON line with offered and
 * achieved rates and end-to-end latency percentiles.
 *
 *   node dist/load/grpc-publish.js --source 127.0.0.1:9101 --target-node trainer \
 *     --target-grpc 127.0.0.1:9103 --rate 10000 --seconds 10 --size 256
 */
import { Command } from 'commander';
import { cpus } from 'node:os';
import { MeshClient } from '../src/main/api/grpc/client.js';
import { runFixedRate } from './fixed-rate.js';

const o = new Command('grpc-publish')
  .requiredOption('--source <addr>').requiredOption('--target-node <id>').requiredOption('--target-grpc <addr>')
  .option('--tenant <id>', 'tenant', 'load').option('--rate <n>', 'messages/s offered', '10000')
  .option('--seconds <n>', 'duration', '10').option('--size <bytes>', 'message size', '256')
  .parse().opts<{ source: string; targetNode: string; targetGrpc: string; tenant: string; rate: string; seconds: string; size: string }>();

const src = new MeshClient(o.source);
const dst = new MeshClient(o.targetGrpc);
const r = await runFixedRate(src, dst, o.targetNode, { tenant: o.tenant, rate: Number(o.rate), seconds: Number(o.seconds), size: Number(o.size) });
console.log(JSON.stringify({ load: 'grpc-publish', ...r, machine: { cores: cpus().length, node: process.version } }));
src.close();
dst.close();
process.exit(0);
