/**
 * HTTP load on a node's metrics port with autocannon: /healthz, /metrics and /status in turn.
 * Prints one JSON line with requests/s and latency per endpoint.
 *   node dist/load/http-autocannon.js --url http://127.0.0.1:9201 --seconds 10 --connections 20
 */
import autocannon from 'autocannon';
import { Command } from 'commander';
import { cpus } from 'node:os';

const o = new Command('http-autocannon')
  .option('--url <url>', 'metrics base URL', 'http://127.0.0.1:9201')
  .option('--seconds <n>', 'duration per endpoint', '10').option('--connections <n>', 'connections', '20')
  .parse().opts<{ url: string; seconds: string; connections: string }>();

const out: Record<string, object> = {};
for (const path of ['/healthz', '/metrics', '/status']) {
  const r = await autocannon({ url: `${o.url}${path}`, duration: Number(o.seconds), connections: Number(o.connections) });
  out[path] = { requestsPerSec: Math.round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}
console.log(JSON.stringify({ load: 'http-autocannon', ...out, machine: { cores: cpus().length, node: process.version } }));
