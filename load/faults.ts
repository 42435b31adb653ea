/**
 * `npm run faults -- [--runs N] [--seed S]`: runs the fault-injection suite (`test/faults/`) N
 * times (default 10) from seed S (default random), one JSON line per run and a summary line
 * `{"suite":"faults","runs":N,"seed":S,"violations":V,...}`. Exits 1 when any run violated an
 * invariant; each such run names its seed for replay (`--seed <n> --runs 1`).
 */
import { parseArgs } from 'node:util';
import { runFaults } from '../test/faults/fault-run.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, seed: { type: 'string' } } });
const runs = Number(values.runs);
const seed = values.seed !== undefined ? Number(values.seed) : 1 + Math.floor(Math.random() * 1_000_000);
let violations = 0;
const failed: number[] = [];
const faults: Record<string, number> = {};
let acked = 0;
let maxRss = 0;
const t0 = Date.now();
for (let i = 0; i < runs; i++) {
  const r = await runFaults(seed + i);
  violations += r.violations.length;
  if (r.violations.length) failed.push(r.seed);
  for (const f of r.faults) faults[f.replace(/\(.*$/, '')] = (faults[f.replace(/\(.*$/, '')] ?? 0) + 1;
  acked += r.acked;
  maxRss = Math.max(maxRss, r.maxRssBytes);
  process.stdout.write(JSON.stringify({ suite: 'faults', run: i + 1, seed: r.seed, violations: r.violations.length, faults: r.faults, acked: r.acked, applied: r.applied, redelivered: r.redelivered, updates: r.updates, repairs: r.repairs, refusals: r.refusals, maxRssMiB: Math.round(r.maxRssBytes / 2 ** 20), ms: r.ms }) + '\n');
  for (const v of r.violations) process.stderr.write(`seed ${r.seed}: ${v}\n`);
}
process.stdout.write(JSON.stringify({ suite: 'faults', runs, seed, violations, failedSeeds: failed, faults, acked, maxRssMiB: Math.round(maxRss / 2 ** 20), minutes: +((Date.now() - t0) / 60_000).toFixed(1) }) + '\n');
process.exitCode = violations ? 1 : 0;
