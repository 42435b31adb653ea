/**
 * The fault-injection suite in `npm test` (bounded: FAULT_RUNS runs, default 2; each a fresh
 * three-node mesh and three faults; see fault-run.ts). Seeds are drawn at random unless FAULT_SEED
 * is set; a failure prints its seed, and `FAULT_SEED=<n> npm test` (or `npm run faults -- --seed
 * <n>`) replays its schedule. Longer runs: `npm run faults -- --runs N`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runFaults } from './fault-run.js';

const fixed = process.env.FAULT_SEED;
const runs = fixed !== undefined ? 1 : Number(process.env.FAULT_RUNS ?? 2);
const base = fixed !== undefined ? Number(fixed) : 1 + Math.floor(Math.random() * 1_000_000);

for (let i = 0; i < runs; i++) {
  const seed = base + i;
  test(`fault run, seed ${seed}: acknowledged messages and updates survive kills, damage, repair and slow subscribers`, { timeout: 175_000 }, async () => {
    const r = await runFaults(seed);
    console.log(JSON.stringify({ suite: 'faults', runs: 1, seed, violations: r.violations.length, faults: r.faults, acked: r.acked, applied: r.applied, redelivered: r.redelivered, updates: r.updates, repairs: r.repairs, refusals: r.refusals, maxRssMiB: Math.round(r.maxRssBytes / 2 ** 20), ms: r.ms }));
    assert.deepEqual(r.violations, [], `seed ${seed} (replay: FAULT_SEED=${seed} npm test):\n${r.violations.join('\n')}`);
  });
}
