/**
 * The leader's record of its followers' replication (the part etcd-io/raft's `tracker` package
 * plays): per member the next index to send, the highest index known replicated (match), the
 * latest ReadIndex round answered and a snapshot in flight; the voters heard from since the last
 * check-quorum round; and the quorum arithmetic over them (Ongaro and Ousterhout 2014, fig. 2,
 * "Volatile state on leaders" and the commit rule of sec. 5.4.2; ReadIndex, dissertation sec. 6.4).
 * Pure bookkeeping: the core (raft.ts) decides what to send.
 */
import type { MemberId } from './types.js';

/** Replication state of one follower. */
export interface Progress {
  /** Next index to send. */
  next: number;
  /** Highest index known replicated on the follower. */
  match: number;
  /** Latest ReadIndex round the follower answered. */
  read: number;
  /** Index of a snapshot in flight and the tick it was sent at. */
  snapshot: { index: number; sentAt: number } | null;
  /**
   * Set once a committed change removed this member: the index of that change and the tick it
   * committed at. The leader keeps sending until the member holds that entry (so it learns it was
   * removed), at most {@link LEAVING_ELECTIONS} election timeouts.
   */
  leaving?: { index: number; since: number };
}

/** Election timeouts a leader keeps replicating to a removed member that has not seen its removal. */
export const LEAVING_ELECTIONS = 10;

/** Replication state of one follower, as the leader sees it. */
export interface ProgressView {
  id: MemberId;
  match: number;
  next: number;
}

/** The leader's followers; see the module comment. */
export class ProgressTracker {
  private records = new Map<MemberId, Progress>();
  /** Voters heard from since the last check-quorum round. */
  readonly recentActive = new Set<MemberId>();

  /** The record of member `id`, if it has one. */
  get(id: MemberId): Progress | undefined {
    return this.records.get(id);
  }

  /** True when member `id` has a record. */
  has(id: MemberId): boolean {
    return this.records.has(id);
  }

  /** Every record, by member. */
  entries(): IterableIterator<[MemberId, Progress]> {
    return this.records.entries();
  }

  /** Forgets every record (a new term: a new leader starts over). */
  clear(): void {
    this.records.clear();
  }

  /** Followers that are members (not leaving), for operators. */
  views(): ProgressView[] {
    return [...this.records].filter(([, p]) => !p.leaving).map(([id, p]) => ({ id, match: p.match, next: p.next }));
  }

  /**
   * One record per member of `members` (the latest configuration but the leader), new ones sent
   * from `nextIndex`. With `prune`, a member no longer listed keeps its record, marked leaving at
   * `ticks`, until it holds the change at `confIndex` that removed it (dissertation sec. 4.2.2: a
   * removed server must not be left believing it is a member); one added back is no longer leaving.
   */
  sync(members: readonly MemberId[], confIndex: number, nextIndex: number, ticks: number, prune: boolean): void {
    if (prune) {
      for (const [id, p] of this.records) {
        if (members.includes(id)) delete p.leaving;
        else if (p.match >= confIndex) this.records.delete(id);
        else p.leaving ??= { index: confIndex, since: ticks };
      }
    }
    for (const id of members) if (!this.records.has(id)) this.records.set(id, { next: nextIndex, match: 0, read: 0, snapshot: null });
  }

  /** Drops leaving members that have not caught up `maxTicks` after their removal. */
  expireLeaving(ticks: number, maxTicks: number): void {
    for (const [id, p] of this.records) if (p.leaving && ticks - p.leaving.since > maxTicks) this.records.delete(id);
  }

  /**
   * Member `id` accepted entries through `match`. Returns false when it was leaving and now holds
   * its removal (its record is dropped: nothing more is sent to it).
   */
  accepted(id: MemberId, p: Progress, match: number): boolean {
    if (match > p.match) p.match = match;
    if (p.next <= p.match) p.next = p.match + 1;
    if (p.leaving && p.match >= p.leaving.index) {
      this.records.delete(id);
      return false;
    }
    if (p.snapshot && p.match >= p.snapshot.index) p.snapshot = null;
    return true;
  }

  /**
   * The highest index held by a quorum of `voters` (`self`, the leader, holds `lastIndex`; a
   * member without a record holds nothing).
   */
  quorumIndex(voters: readonly MemberId[], self: MemberId, lastIndex: number, quorum: number): number {
    const matches = voters.map((v) => (v === self ? lastIndex : this.records.get(v)?.match ?? 0)).sort((a, b) => b - a);
    return matches[quorum - 1];
  }

  /** How many of `voters` (`self` always) answered ReadIndex round `round` or a later one. */
  readAcks(voters: readonly MemberId[], self: MemberId, round: number): number {
    return voters.filter((v) => v === self || (this.records.get(v)?.read ?? 0) >= round).length;
  }
}
