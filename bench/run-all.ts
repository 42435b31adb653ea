/**
 * `npm run bench`: runs every scenario in turn (micro, seal-pool, e2e-messages, e2e-nats, e2e-bulk,
 * backpressure, mcg-commit against etcd, membership at 1,000 and 2,000 simulated members, reroute
 * and multipath on the diamond, uploads from a client 10 ms away against NATS JetStream), prints
 * each one's JSON line and writes them all to bench/results/latest.json.
 * `--quick` shortens the runs (fewer messages, 20 s backpressure) for a smoke check. The security
 * cost (`npm run bench:security`) runs e2e-messages and e2e-bulk again twice per round, so it is
 * left out.
 *
 * Each scenario runs in its own process (this file with `--only NAME`), so none inherits another's
 * heap, timers or garbage: the simulated membership of 2,000 members left this process's heap large
 * enough that its collections starved the reroute diamond's nodes next to it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run as micro } from './micro.js';
import { run as messages } from './e2e-messages.js';
import { run as nats } from './e2e-nats.js';
import { run as bulk } from './e2e-bulk.js';
import { run as backpressure } from './backpressure.js';
import { run as sealPool } from './seal-pool.js';
import { mcgCommitBench } from './mcg-commit.js';
import { membershipBench } from './membership.js';
import { run as reroute } from './reroute.js';
import { MIB as MULTIPATH_MIB, run as multipath } from './multipath.js';
import { run as remoteClient } from './remote-client.js';
import { machine } from './common.js';
import { withMallocTunables } from '../src/main/cli/malloc.js';

const quick = process.argv.includes('--quick');
const n = quick ? 50_000 : 200_000;
const secs = quick ? 5 : 10;
const scenarios: Array<[string, () => Promise<object>]> = [
  ['micro', () => micro()],
  ['seal-pool', () => sealPool()],
  ['e2e-messages', () => messages({ messages: n, fixedSeconds: secs, hops: [1, 2] })],
  ['e2e-nats', () => nats({ messages: n, fixedSeconds: secs })],
  ['e2e-bulk', () => bulk({ mib: quick ? 64 : 256, hops: [1, 2] })],
  ['backpressure', () => backpressure({ seconds: quick ? 20 : 60 })],
  ['mcg-commit', () => mcgCommitBench(secs)],
  ['membership-1000', async () => membershipBench(1000)],
  ['membership-2000', async () => membershipBench(2000)],
  ['reroute', () => reroute({ cuts: quick ? 3 : 10 })],
  ['multipath', () => multipath({ mib: quick ? 16 : MULTIPATH_MIB })],
  ['remote-client', () => remoteClient({ mib: quick ? 16 : 64, delayMs: 5 })],
];
const onlyAt = process.argv.indexOf('--only');
if (onlyAt > 0) {
  const scenario = scenarios.find(([name]) => name === process.argv[onlyAt + 1]);
  if (!scenario) throw new Error(`no scenario ${process.argv[onlyAt + 1]}`);
  console.log(JSON.stringify(await scenario[1]()));
  process.exit(0);
}

/** Runs one scenario in a child process; its result is the last JSON line it prints. */
function runAlone(name: string): object {
  const args = [fileURLToPath(import.meta.url), '--only', name, ...(quick ? ['--quick'] : [])];
  const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: withMallocTunables() });
  const line = child.stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (child.status !== 0 || !line) throw new Error(`scenario ${name} failed (exit ${child.status ?? child.signal})`);
  return JSON.parse(line) as object;
}

const results: object[] = [];
for (const [name] of scenarios) {
  const t0 = Date.now();
  const r = runAlone(name);
  console.log(JSON.stringify(r));
  results.push({ ...r, scenarioSeconds: Math.round((Date.now() - t0) / 1000), name });
}
const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'results', 'latest.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), machine: machine(), results }, null, 2) + '\n');
console.error(`wrote ${out}`);
process.exit(0);
