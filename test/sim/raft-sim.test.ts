/**
 * Deterministic simulation of the Raft core (see simulator.ts). Runs SIM_SEEDS seeds (default
 * 2,000; every other one with buggify on); a failure names its seed, and `SIM_SEED=<n> npm test`
 * replays exactly that run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, type SimResult } from './simulator.js';

const only = process.env.SIM_SEED;
const seeds = only !== undefined ? [Number(only)] : Array.from({ length: Number(process.env.SIM_SEEDS ?? 2000) }, (_, i) => i + 1);

test(`raft simulation: ${seeds.length} seeds keep election safety, log matching, leader completeness, state machine safety, durability and linearizability`, () => {
  const results: SimResult[] = [];
  for (const seed of seeds) results.push(simulate({ seed, buggify: seed % 2 === 0 }));
  const sum = (k: keyof Omit<SimResult, 'seed' | 'trace'>) => results.reduce((n, r) => n + r[k], 0);
  const totals = {
    acknowledged: sum('acknowledged'), ops: sum('ops'), crashes: sum('crashes'), partitions: sum('partitions'), confChanges: sum('confChanges'),
    snapshotsInstalled: sum('snapshotsInstalled'), transfers: sum('transfers'), tornWrites: sum('tornWrites'), lostTails: sum('lostTails'), lostStores: sum('lostStores'), elections: sum('elections'),
  };
  // The faults and the rare paths happened, and the group still made progress.
  if (only === undefined) {
    for (const k of ['crashes', 'partitions', 'confChanges', 'snapshotsInstalled', 'transfers', 'tornWrites', 'lostTails', 'lostStores'] as const) assert.ok(totals[k] > 0, `${k} happened`);
    assert.ok(results.filter((r) => r.acknowledged > 0).length >= results.length * 0.9, 'most runs committed writes');
  }
  console.log(JSON.stringify({ sim: 'raft', seeds: seeds.length, ...totals }));
});

test('the same seed replays the same run', () => {
  const a = simulate({ seed: 424242, buggify: true });
  const b = simulate({ seed: 424242, buggify: true });
  assert.deepEqual(a.trace, b.trace);
  assert.equal(a.acknowledged, b.acknowledged);
});

test('the linearizability check catches reads served without confirming leadership', async () => {
  const { RaftCore } = await import('../../src/main/consensus/index.js');
  type Core = { role: string; commit: number; readStates: { ctx: number; index: number }[] };
  const proto = RaftCore.prototype as unknown as { readIndex: (this: Core, ctx: number) => void };
  const real = proto.readIndex;
  // A buggy ReadIndex: a member that believes it leads answers at once from its commit index.
  proto.readIndex = function (ctx) {
    this.readStates.push({ ctx, index: this.commit });
  };
  try {
    let caught: Error | undefined;
    for (let seed = 1; seed <= 400 && !caught; seed++) {
      try { simulate({ seed, buggify: true }); } catch (e) { caught = e as Error; }
    }
    assert.ok(caught, 'a violation was found');
    assert.match(caught.message, /seed \d+: linearizability/);
  } finally {
    proto.readIndex = real;
  }
});

test('the checks catch a broken core: two leaders in one term are reported with the seed', async () => {
  const { RaftCore } = await import('../../src/main/consensus/index.js');
  const proto = RaftCore.prototype as unknown as { onVote: (m: { from: string; to: string; term: number; pre: boolean }) => void };
  const real = proto.onVote;
  // A buggy vote rule: grant every real vote, even a second one in the same term.
  proto.onVote = function (this: { send(m: object): void; id: string; term: number }, m) {
    if (m.pre) return real.call(this, m);
    this.send({ type: 'vote-resp', from: this.id, to: m.from, term: this.term, granted: true, pre: false });
  };
  try {
    let caught: Error | undefined;
    for (let seed = 1; seed <= 300 && !caught; seed++) {
      try { simulate({ seed, buggify: true }); } catch (e) { caught = e as Error; }
    }
    assert.ok(caught, 'a violation was found');
    assert.match(caught.message, /seed \d+: .*(election safety|state machine safety|leader completeness|log matching|durability)/);
    assert.match(caught.message, /SIM_SEED=\d+ npm test/);
  } finally {
    proto.onVote = real;
  }
});
