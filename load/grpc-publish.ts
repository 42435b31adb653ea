/**
 * gRPC load driver: opens a stream on one node to a target and publishes fixed-size messages at a
 * fixed offered rate (open loop) for a duration, with a subscriber on the target node; prints one
 * JSON line with offered and achieved rates and end-to-end latency percentiles.
 *
 *   node dist/load/grpc-publish.js --source 127.0.0.1:9101 --target-node trainer \
 *     --target-grpc 127.0.0.1:9103 --rate 10000 --seconds 10 --size 256
 */
import { Command } from 'commander';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { MeshClient } from '../src/main/api/grpc/client.js';

const o = new Command('grpc-publish')
  .requiredOption('--source <addr>').requiredOption('--target-node <id>').requiredOption('--target-grpc <addr>')
  .option('--tenant <id>', 'tenant', 'load').option('--rate <n>', 'messages/s offered', '10000')
  .option('--seconds <n>', 'duration', '10').option('--size <bytes>', 'message size', '256')
  .parse().opts<{ source: string; targetNode: string; targetGrpc: string; tenant: string; rate: string; seconds: string; size: string }>();

const rate = Number(o.rate);
const total = Math.floor(rate * Number(o.seconds));
const size = Math.max(16, Number(o.size));
const src = new MeshClient(o.source);
const dst = new MeshClient(o.targetGrpc);
const streamId = await src.openStream(o.tenant, [o.targetNode]);
const lat: number[] = [];
const now = () => performance.timeOrigin + performance.now();
const done = new Promise<void>((resolve, reject) => {
  const sub = dst.subscribe({
    streamId, tenantId: o.tenant, credits: 8192,
    onMessages: (msgs) => {
      const t = now();
      for (const m of msgs) lat.push(t - m.payload.readDoubleBE(0));
      if (lat.length >= total) { sub.close(); resolve(); }
    },
  });
  sub.done.catch(reject);
});
const pub = src.publisher(streamId);
const tickMs = 10;
const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
const t0 = now();
let sent = 0;
while (sent < total) {
  const due = Math.min(total, Math.floor(((now() - t0) / 1000) * rate) + perTick);
  if (due > sent) {
    const batch = Array.from({ length: due - sent }, () => { const b = Buffer.alloc(size); b.writeDoubleBE(now(), 0); return b; });
    void pub.publish(batch);
    sent = due;
  }
  await new Promise((r) => setTimeout(r, tickMs));
}
await done;
const seconds = (now() - t0) / 1000;
lat.sort((a, b) => a - b);
const pct = (p: number) => Math.round(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] * 100) / 100;
console.log(JSON.stringify({ load: 'grpc-publish', offeredPerSec: rate, achievedPerSec: Math.round(lat.length / seconds), messages: lat.length, size,
  p50Ms: pct(0.5), p99Ms: pct(0.99), p999Ms: pct(0.999), machine: { cores: cpus().length, node: process.version } }));
await pub.end();
src.close();
dst.close();
process.exit(0);
