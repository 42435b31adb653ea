/**
 * The scenario that makes a lost store dangerous, played step by step on real cores and the real
 * storage logic: an entry is committed by a bare majority {a, b} while c lags; b loses its whole
 * store; a is cut off; c campaigns. b must not vote for c until it has caught up, or c leads
 * without the committed entry (leader completeness, Raft paper sec. 5.4). With the `LOST_ALL`
 * marker that `meshd repair` writes, b refuses and, once a reaches it again, recovers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RaftMessage, RaftOptions } from '../../src/main/consensus/index.js';
import { SimMember } from './sim-member.js';

const ids = ['a', 'b', 'c'];
const options = (id: string): RaftOptions => ({ id, voters: ids, electionTicks: 10, heartbeatTicks: 2, random: () => 0.5 });

class Group {
  readonly m = new Map(ids.map((id) => [id, new SimMember(id)]));
  cut = new Set<string>();

  constructor() {
    for (const [id, m] of this.m) m.start(options(id));
  }

  member(id: string): SimMember {
    return this.m.get(id)!;
  }

  /** Runs ready/deliver rounds until nothing moves; messages to or from a cut member are lost. */
  settle(): void {
    for (let round = 0; round < 200; round++) {
      const out: RaftMessage[] = [];
      for (const m of this.m.values()) {
        if (!m.core?.hasReady()) continue;
        const r = m.core.ready();
        m.backend.write(m.persistOps(r));
        out.push(...r.messages);
        m.core.advance(r);
      }
      if (!out.length) return;
      for (const msg of out) {
        if (this.cut.has(msg.from) || this.cut.has(msg.to)) continue;
        this.member(msg.to).core?.step(msg);
      }
    }
  }

  tick(ids: string[], n: number): void {
    for (let i = 0; i < n; i++) {
      for (const id of ids) this.member(id).core?.tick();
      this.settle();
    }
  }
}

function play(marker: boolean): { g: Group; index: number; term: number; leader: string | undefined; cHasEntry: boolean; bRecovering: boolean } {
  const g = new Group();
  g.member('a').core!.campaignNow();
  g.settle();
  assert.equal(g.member('a').core!.role, 'leader');
  g.cut.add('c');
  const { index, term } = g.member('a').core!.propose(new TextEncoder().encode('x'));
  g.settle();
  assert.ok(g.member('a').core!.commit >= index, 'committed by a and b');
  // b loses everything and comes back (with or without the marker); a is cut off, c returns.
  const b = g.member('b');
  b.crash();
  if (marker) b.loseAll();
  else b.backend.write([{ op: 'delete-from', index: 0 }, { op: 'delete-snapshot' }, { op: 'put-hard', hard: { term: 0, vote: null, commit: 0 } }, { op: 'put-meta', key: 'raft/acked', value: 0 }, { op: 'put-meta', key: 'raft/acked-term', value: 0 }]);
  b.start(options('b'));
  g.cut = new Set(['a']);
  g.tick(['b', 'c'], 100);
  const leader = ids.find((id) => g.member(id).core?.role === 'leader' && id !== 'a');
  const c = g.member('c').core!;
  return { g, index, term, leader, cHasEntry: c.log.termAt(index) === term, bRecovering: b.core!.recovering };
}

test('without the marker a wiped member elects a leader that lacks a committed entry', () => {
  const r = play(false);
  assert.equal(r.leader, 'c');
  assert.equal(r.cHasEntry, false);
});

test('with the LOST_ALL marker the wiped member does not vote until it has recovered, and then recovers', () => {
  const r = play(true);
  assert.equal(r.leader, undefined, 'no leader without the entry');
  assert.equal(r.bRecovering, true);
  // a comes back: the group elects a leader holding the entry, b catches up and leaves recovery.
  const { g, index, term } = r;
  g.cut = new Set();
  g.tick(ids, 100);
  const leaders = ids.filter((id) => g.member(id).core!.role === 'leader');
  assert.equal(leaders.length, 1);
  for (const id of ids) {
    const core = g.member(id).core!;
    assert.equal(core.log.termAt(index), term, `${id} holds the committed entry`);
  }
  assert.equal(g.member('b').core!.recovering, false);
});
