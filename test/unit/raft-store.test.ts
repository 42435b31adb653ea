import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LmdbRaftStore } from '../../src/main/storage/lmdb/raft-store.js';
import { encodeEntry, planCompact, planReady, recover, type Entry, type Ready, type Snapshot } from '../../src/main/consensus/index.js';

/** Consensus's record logic over the LMDB backend, as the Raft driver runs it. */
const save = (s: LmdbRaftStore, r: Pick<Ready, 'hardState' | 'entries'> & { snapshot?: Snapshot | null }) => s.write(planReady(r));
const compact = (s: LmdbRaftStore, snapshot: Snapshot, firstIndex: number) => s.write(planCompact(snapshot, firstIndex));

const entry = (index: number, term: number): Entry => ({ index, term, kind: 'data', data: Buffer.from(`e${index}`) });

async function withStore(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'raft-store-'));
  try { await fn(dir); } finally { rmSync(dir, { recursive: true, force: true }); }
}

test('entries and hard state survive a reopen; a later Ready replaces the log from its first index', () => withStore(async (dir) => {
  let s = new LmdbRaftStore(dir);
  await save(s, { hardState: { term: 2, vote: 'n1', commit: 3 }, entries: [1, 2, 3, 4, 5].map((i) => entry(i, i < 4 ? 1 : 2)) });
  await save(s, { hardState: { term: 3, vote: null, commit: 3 }, entries: [entry(4, 3)] });
  await s.close();
  s = new LmdbRaftStore(dir);
  const { state, repaired } = await recover(s);
  assert.equal(repaired, null);
  assert.deepEqual(state.hardState, { term: 3, vote: null, commit: 3 });
  assert.deepEqual(state.entries.map((e) => [e.index, e.term]), [[1, 1], [2, 1], [3, 1], [4, 3]]);
  assert.equal(Buffer.from(state.entries[3].data).toString(), 'e4');
  await s.close();
}));

test('a torn last entry is detected at open and cut; commit is capped to the good log', () => withStore(async (dir) => {
  const s = new LmdbRaftStore(dir);
  await save(s, { hardState: { term: 1, vote: 'n1', commit: 4 }, entries: [1, 2, 3, 4].map((i) => entry(i, 1)) });
  await s.putRaw(4, encodeEntry(entry(4, 1)).subarray(0, 9)); // a torn write
  const { state, repaired } = await recover(s);
  assert.deepEqual(repaired, { truncatedFrom: 4, reason: 'checksum mismatch' });
  assert.equal(state.entries.length, 3);
  assert.equal(state.hardState.commit, 3);
  assert.equal((await recover(s)).repaired, null, 'the cut is durable');
  await s.close();
}));

test('a flipped bit or a record under the wrong index cuts the log from there', () => withStore(async (dir) => {
  const s = new LmdbRaftStore(dir);
  await save(s, { hardState: { term: 1, vote: null, commit: 0 }, entries: [1, 2, 3, 4, 5].map((i) => entry(i, 1)) });
  const flipped = encodeEntry(entry(3, 1));
  flipped[flipped.length - 1] ^= 1;
  await s.putRaw(3, flipped);
  let r = await recover(s);
  assert.deepEqual(r.repaired, { truncatedFrom: 3, reason: 'checksum mismatch' });
  assert.deepEqual(r.state.entries.map((e) => e.index), [1, 2]);
  await s.putRaw(3, encodeEntry(entry(2, 1))); // valid bytes of entry 2 stored under index 3
  r = await recover(s);
  assert.equal(r.repaired?.truncatedFrom, 3);
  await s.close();
}));

const snap = (index: number, term: number) => ({ index, term, conf: { voters: ['n1', 'n2'], learners: ['n3'] }, data: Buffer.from(`state@${index}`) });

test('a compaction keeps the snapshot and the log from the offset on, across a reopen', () => withStore(async (dir) => {
  let s = new LmdbRaftStore(dir);
  await save(s, { hardState: { term: 2, vote: 'n1', commit: 10 }, entries: Array.from({ length: 10 }, (_, i) => entry(i + 1, i < 5 ? 1 : 2)) });
  await compact(s, snap(8, 2), 6); // snapshot at 8, entries 6.. kept (5 is the offset)
  await s.close();
  s = new LmdbRaftStore(dir);
  const { state, repaired } = await recover(s);
  assert.equal(repaired, null);
  assert.equal(state.snapshot?.index, 8);
  assert.deepEqual(state.snapshot?.conf, { voters: ['n1', 'n2'], learners: ['n3'] });
  assert.equal(Buffer.from(state.snapshot!.data).toString(), 'state@8');
  assert.equal(state.offsetTerm, 1, 'term of the entry at the offset (5)');
  assert.deepEqual(state.entries.map((e) => e.index), [6, 7, 8, 9, 10]);
  await s.close();
}));

test('an installed snapshot replaces the whole log; a later append continues after it', () => withStore(async (dir) => {
  const s = new LmdbRaftStore(dir);
  await save(s, { hardState: { term: 1, vote: null, commit: 2 }, entries: [1, 2, 3].map((i) => entry(i, 1)) });
  await save(s, { snapshot: snap(20, 4), hardState: { term: 4, vote: null, commit: 20 }, entries: [] });
  await save(s, { hardState: null, entries: [entry(21, 4)] });
  const { state } = await recover(s);
  assert.equal(state.snapshot?.index, 20);
  assert.deepEqual(state.entries.map((e) => [e.index, e.term]), [[21, 4]]);
  assert.equal(state.offsetTerm, 4);
  assert.equal(state.hardState.commit, 20);
  await s.close();
}));

test('a snapshot that fails its checksum is dropped with the log; the member starts empty', () => withStore(async (dir) => {
  const s = new LmdbRaftStore(dir);
  await save(s, { snapshot: snap(5, 2), hardState: { term: 2, vote: 'n2', commit: 5 }, entries: [entry(6, 2)] });
  const bytes = s.readSnapshot()!;
  bytes[bytes.length - 1] ^= 0xff;
  await s.write([{ op: 'put-snapshot', bytes }]);
  const { state, repaired } = await recover(s);
  assert.equal(repaired?.reason, 'snapshot checksum mismatch');
  assert.equal(state.snapshot, null);
  assert.deepEqual(state.entries, []);
  assert.deepEqual(state.hardState, { term: 2, vote: 'n2', commit: 0 }, 'term and vote are kept');
  assert.equal((await recover(s)).repaired, null, 'the drop is durable');
  await s.close();
}));
