/**
 * The Raft core as a pure state machine: inputs are ticks, received messages, proposals,
 * configuration changes, read requests and snapshots taken by the driver; outputs come out in
 * {@link Ready} batches (snapshot, hard state and entries to persist, messages to send, committed
 * entries to apply, confirmed reads, and when to take a snapshot). No timers, sockets or disk in
 * here, so the same code runs under the mesh transport and under the deterministic simulator.
 *
 * Protocol: Ongaro and Ousterhout, "In Search of an Understandable Consensus Algorithm" (2014),
 * fig. 2 and sec. 5; Ongaro's dissertation "Consensus: Bridging Theory and Practice" (2014):
 * no-op on election (sec. 3.6.2), leadership transfer (sec. 3.10), single-server membership
 * changes and learners (sec. 4.1, 4.2.1), a removed leader stepping down (sec. 4.2.2), ignoring
 * disruptive RequestVotes within a leader lease and check-quorum (sec. 4.2.3, 6.2), snapshots and
 * InstallSnapshot (sec. 5.1), ReadIndex (sec. 6.4), pre-vote (sec. 9.6). A configuration change is
 * refused until the leader has committed an entry of its term (the fix to single-server changes
 * posted by Ongaro to raft-dev in 2015). Replication is pipelined: a leader advances a follower's
 * next index as soon as it sends, and falls back to probing on a rejection.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { applyConfChange, encodeConf, latestConf, membersOf } from './config.js';
import { RaftLog } from './log.js';
import { ReadIndexQueue } from './read-index.js';
import type { ConfChange, ConfState, Entry, HardState, MemberId, RaftMessage, RaftOptions, RaftStorageState, ReadState, Ready, Role, Snapshot } from './types.js';

type Msg<T extends RaftMessage['type']> = Extract<RaftMessage, { type: T }>;

interface Progress {
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

/** One member of a Raft group. */
export class RaftCore {
  readonly id: MemberId;
  role: Role = 'follower';
  term = 0;
  vote: MemberId | null = null;
  commit = 0;
  /** Highest index handed out for applying. */
  applied = 0;
  leader: MemberId | null = null;
  readonly log: RaftLog;
  /** The latest configuration in the log (used at once, committed or not). */
  conf: ConfState;
  /** Index of the entry that set `conf` (the snapshot's index, or 0 for the initial one). */
  confIndex = 0;
  /** The latest snapshot (taken here or installed from a leader). */
  snapshot: Snapshot | null;
  private baseConf: ConfState;
  private votes = new Map<MemberId, boolean>();
  private progress = new Map<MemberId, Progress>();
  /** Voters heard from since the last check-quorum round (leader). */
  private recentActive = new Set<MemberId>();
  private electionElapsed = 0;
  private heartbeatElapsed = 0;
  private randomizedTimeout: number;
  private ticks = 0;
  /**
   * Non-zero while this member's log ends below the index it had durably held before a restart
   * (entries it acknowledged were lost with damaged storage). Until the log reaches it again the
   * member does not campaign, grants votes only to candidates at least as up to date as its log
   * was (the election restriction needs only the last index and term, which are kept), and its
   * rejections tell the leader (`lost`) to lower its match index and send the entries again, so
   * it counts toward no quorum for entries it no longer has. The Raft dissertation (Ongaro 2014, sec. 3.8, persisted state and server restarts) says
   * a server that lost persistent state cannot safely rejoin with its prior identity; here only
   * log entries after a durable marker were lost (term and vote are intact), so the member keeps
   * its identity but takes no part in elections or quorums for what it lacks until it holds it again.
   *
   * Recovery ends when the log reaches the marker, or earlier once this member holds the commit
   * index of a leader that has committed an entry of its own term: every entry committed before
   * (including any this member acknowledged) precedes that entry in the leader's log, by leader
   * completeness (paper sec. 5.4.2), so this member then holds them too. That second rule is the
   * only way out after the loss of the whole store (marker `LOST_ALL`, written by `meshd repair`;
   * term and vote are lost too, and the member grants no vote until it has recovered).
   */
  private recoverTo = 0;
  /** The term of the entry at {@link recoverTo}: votes are judged against the log as it was. */
  private recoverTerm = 0;
  private transferee: MemberId | null = null;
  private transferElapsed = 0;
  private readQueue = new ReadIndexQueue();
  private readStates: ReadState[] = [];
  private pendingSnapshot: Snapshot | null = null;
  /** The snapshot index current when a snapshot was last asked for (asked once per snapshot). */
  private snapshotAskedAt = -1;
  private msgs: RaftMessage[] = [];
  private lastHard: HardState;
  private readonly opts: Required<RaftOptions>;

  /** @throws MeshError ERR_INVALID_ARGUMENT when the tick counts are not 1 <= heartbeatTicks < electionTicks. */
  constructor(options: RaftOptions, stored?: RaftStorageState) {
    this.opts = {
      learners: [], preVote: true, checkQuorum: true, maxEntriesPerAppend: 256, snapshotEntries: 10_000, retainEntries: 1_000, random: Math.random,
      ...options,
    };
    if (options.electionTicks < 1 || options.heartbeatTicks < 1 || options.heartbeatTicks >= options.electionTicks) {
      throw new MeshError(ErrorCode.InvalidArgument, 'need 1 <= heartbeatTicks < electionTicks');
    }
    this.id = options.id;
    this.snapshot = stored?.snapshot ?? null;
    const entries = stored?.entries ?? [];
    const offset = entries.length ? entries[0].index - 1 : this.snapshot?.index ?? 0;
    const offsetTerm = offset === this.snapshot?.index ? this.snapshot.term : stored?.offsetTerm ?? 0;
    this.log = new RaftLog(entries, offset, offsetTerm);
    this.baseConf = this.snapshot?.conf ?? { voters: [...this.opts.voters], learners: [...this.opts.learners] };
    this.conf = this.baseConf;
    this.recomputeConf();
    const floor = this.snapshot?.index ?? 0;
    this.applied = floor;
    if (stored) {
      this.term = stored.hardState.term;
      this.vote = stored.hardState.vote;
      this.commit = Math.max(floor, Math.min(stored.hardState.commit, this.log.lastIndex));
      if ((stored.ackedIndex ?? 0) > this.log.lastIndex) {
        this.recoverTo = stored.ackedIndex!;
        this.recoverTerm = stored.ackedTerm ?? 0;
      }
    }
    this.lastHard = this.hardState();
    this.randomizedTimeout = this.newTimeout();
  }

  /** Votes needed to win an election or commit an entry. */
  get quorum(): number {
    return Math.floor(this.conf.voters.length / 2) + 1;
  }

  /** Whether this member votes in the latest configuration. */
  get isVoter(): boolean {
    return this.conf.voters.includes(this.id);
  }

  /** Whether this member is a learner in the latest configuration. */
  get isLearner(): boolean {
    return this.conf.learners.includes(this.id);
  }

  /** The leader's view of each member's replication (empty on other members; removed ones left out). */
  progressView(): ProgressView[] {
    return [...this.progress].filter(([, p]) => !p.leaving).map(([id, p]) => ({ id, match: p.match, next: p.next }));
  }

  /** Advances the logical clock by one tick. */
  tick(): void {
    this.ticks++;
    this.electionElapsed++;
    if (this.role === 'leader') return this.tickLeader();
    if (this.electionElapsed >= this.randomizedTimeout) this.campaign();
  }

  /** Campaigns now instead of at the election timeout (a new single-voter group elects itself at once). */
  campaignNow(): void {
    if (this.role !== 'leader') this.campaign();
  }

  /**
   * Appends `data` to the log when this member leads; the entry is committed when it comes out in
   * {@link Ready.committed}.
   * @returns the entry's index and term.
   * @throws MeshError ERR_FAILED_PRECONDITION when this member is not the leader (`leader` names the
   * one it knows of) or is handing leadership over.
   */
  propose(data: Uint8Array): { index: number; term: number } {
    this.assertLeader();
    const e = this.appendLocal('data', data);
    this.broadcastAppend(false);
    return { index: e.index, term: e.term };
  }

  /**
   * Proposes one membership change (dissertation sec. 4.1); the new configuration is used at once.
   * @returns the config entry's index and term.
   * @throws MeshError ERR_FAILED_PRECONDITION when not the leader, while another change is not yet
   * committed, or before the leader has committed an entry of its term; ERR_INVALID_ARGUMENT when
   * the change changes nothing or would remove the last voter.
   */
  proposeConfChange(cc: ConfChange): { index: number; term: number } {
    this.assertLeader();
    if (this.confIndex > this.commit) throw new MeshError(ErrorCode.FailedPrecondition, 'a configuration change is still in progress');
    if (this.log.termAt(this.commit) !== this.term) throw new MeshError(ErrorCode.FailedPrecondition, 'the new leader has not committed an entry of its term yet');
    const next = applyConfChange(this.conf, cc);
    const e = this.appendLocal('config', encodeConf(next));
    this.setConf(next, e.index);
    this.broadcastAppend(false);
    return { index: e.index, term: e.term };
  }

  /**
   * Hands leadership to voter `to` (dissertation sec. 3.10): proposals are refused meanwhile; `to`
   * is brought up to date and told to start an election at once. Abandoned after an election timeout.
   * @throws MeshError ERR_FAILED_PRECONDITION when not the leader; ERR_INVALID_ARGUMENT when `to` is not another voter.
   */
  transferLeadership(to: MemberId): void {
    this.assertLeader();
    const p = this.progress.get(to);
    if (!p || !this.conf.voters.includes(to)) throw new MeshError(ErrorCode.InvalidArgument, `${to} is not another voter`);
    this.transferee = to;
    this.transferElapsed = 0;
    if (p.match === this.log.lastIndex) this.send({ type: 'timeout-now', from: this.id, to, term: this.term });
    else this.sendAppend(to, p, true);
  }

  /**
   * Asks for a linearizable read point (ReadIndex, dissertation sec. 6.4). The answer comes out in
   * {@link Ready.reads} with the same `ctx`: read the state machine once it has applied that index.
   * @throws MeshError ERR_FAILED_PRECONDITION when this member is not the leader.
   */
  readIndex(ctx: number): void {
    if (this.role !== 'leader') throw new MeshError(ErrorCode.FailedPrecondition, `not the leader (leader: ${this.leader ?? 'unknown'})`);
    this.readQueue.add(ctx);
    if (this.quorum === 1) this.releaseReads();
    else this.broadcastAppend(true);
  }

  /**
   * Records a snapshot the driver took of its state machine at `index` (at most the applied index)
   * and compacts the log, keeping `retainEntries` entries behind it for lagging followers.
   * @returns the snapshot and the new first log index, for the driver to persist.
   * @throws MeshError ERR_INVALID_ARGUMENT when `index` is not applied yet or not after the last snapshot.
   */
  compact(index: number, data: Uint8Array): { snapshot: Snapshot; firstIndex: number } {
    const term = this.log.termAt(index);
    if (index > this.applied || index <= (this.snapshot?.index ?? 0) || term === undefined) {
      throw new MeshError(ErrorCode.InvalidArgument, `cannot snapshot at ${index} (applied ${this.applied}, last snapshot ${this.snapshot?.index ?? 0})`);
    }
    const conf = latestConf(this.log.slice((this.snapshot?.index ?? 0) + 1, index), this.baseConf).conf;
    this.snapshot = { index, term, conf, data };
    this.baseConf = conf;
    this.log.compactTo(Math.max(this.log.offset, index - this.opts.retainEntries));
    return { snapshot: this.snapshot, firstIndex: this.log.firstIndex };
  }

  /** Handles one received message; messages for another member are ignored. */
  step(m: RaftMessage): void {
    if (m.to !== this.id) return;
    if (m.term > this.term && !this.higherTerm(m)) return;
    if (m.term < this.term) return this.lowerTerm(m);
    switch (m.type) {
      case 'vote': return this.onVote(m);
      case 'vote-resp': return this.onVoteResp(m);
      case 'append': return this.onAppend(m);
      case 'append-resp': return this.onAppendResp(m);
      case 'snapshot': return this.onSnapshot(m);
      case 'timeout-now': return this.onTimeoutNow();
    }
  }

  /** Whether {@link ready} has anything to hand out. */
  hasReady(): boolean {
    return this.msgs.length > 0 || this.pendingSnapshot !== null || this.readStates.length > 0 || this.log.unstableFrom <= this.log.lastIndex
      || this.commit > this.applied || this.hardChanged();
  }

  /** Takes the pending outputs; the driver handles them as {@link Ready} says, then calls {@link advance}. */
  ready(): Ready {
    const committed = this.log.slice(this.applied + 1, this.commit);
    const appliedAfter = committed.at(-1)?.index ?? this.applied;
    const snapIndex = this.snapshot?.index ?? 0;
    const snapshotDue = appliedAfter - snapIndex >= this.opts.snapshotEntries && this.snapshotAskedAt !== snapIndex;
    if (snapshotDue) this.snapshotAskedAt = snapIndex;
    const r: Ready = {
      snapshot: this.pendingSnapshot,
      hardState: this.hardChanged() ? this.hardState() : null,
      entries: this.log.unstable(),
      messages: this.msgs,
      committed,
      reads: this.readStates,
      snapshotDue,
      recovering: this.recovering,
    };
    this.msgs = [];
    this.readStates = [];
    this.pendingSnapshot = null;
    return r;
  }

  /** Records that `r` was persisted, sent and applied. The driver steps nothing between ready() and advance(). */
  advance(r: Ready): void {
    if (r.hardState) this.lastHard = r.hardState;
    if (r.entries.length || r.snapshot) this.log.stabilize();
    if (r.committed.length) this.applied = Math.max(this.applied, r.committed[r.committed.length - 1].index);
  }

  /** The current term, vote and commit index. */
  hardState(): HardState {
    return { term: this.term, vote: this.vote, commit: this.commit };
  }

  private assertLeader(): void {
    if (this.role !== 'leader') throw new MeshError(ErrorCode.FailedPrecondition, `not the leader (leader: ${this.leader ?? 'unknown'})`);
    if (this.transferee) throw new MeshError(ErrorCode.FailedPrecondition, `leadership is being handed to ${this.transferee}`);
  }

  private hardChanged(): boolean {
    const h = this.lastHard;
    return h.term !== this.term || h.vote !== this.vote || h.commit !== this.commit;
  }

  private tickLeader(): void {
    if (this.transferee && ++this.transferElapsed >= this.opts.electionTicks) this.transferee = null;
    if (this.opts.checkQuorum && this.electionElapsed >= this.opts.electionTicks) {
      this.electionElapsed = 0;
      if (this.recentActive.size + (this.isVoter ? 1 : 0) < this.quorum) return this.becomeFollower(this.term, null);
      this.recentActive.clear();
    }
    if (++this.heartbeatElapsed >= this.opts.heartbeatTicks) {
      this.heartbeatElapsed = 0;
      for (const [id, p] of this.progress) {
        if (p.leaving && this.ticks - p.leaving.since > LEAVING_ELECTIONS * this.opts.electionTicks) this.progress.delete(id);
      }
      this.broadcastAppend(true);
    }
  }

  /** A message of a higher term: false when it is to be ignored. */
  private higherTerm(m: RaftMessage): boolean {
    if (m.type === 'vote') {
      // Within a leader lease a vote request is disruptive: ignore it (dissertation sec. 4.2.3),
      // unless the leader itself asked for the election (sec. 3.10).
      const inLease = this.opts.checkQuorum && this.leader !== null && this.electionElapsed < this.opts.electionTicks;
      if (inLease && !m.transfer) return false;
      if (m.pre) return true; // a pre-vote changes no term
    }
    if (m.type === 'vote-resp' && m.pre && m.granted) return true; // granted at the term we would use
    const fromLeader = m.type === 'append' || m.type === 'snapshot' || m.type === 'timeout-now';
    this.becomeFollower(m.term, fromLeader ? m.from : null);
    return true;
  }

  private lowerTerm(m: RaftMessage): void {
    // A stale leader (or pre-candidate) learns the newer term from the reply.
    if (m.type === 'append' || m.type === 'snapshot') this.send({ type: 'append-resp', from: this.id, to: m.from, term: this.term, success: false, match: this.log.lastIndex });
    else if (m.type === 'vote' && m.pre) this.send({ type: 'vote-resp', from: this.id, to: m.from, term: this.term, granted: false, pre: true });
  }

  private onVote(m: Msg<'vote'>): void {
    // One vote per term; a pre-vote for a later term is granted on the log check alone.
    const canVote = this.vote === m.from || (this.vote === null && this.leader === null) || (m.pre && m.term > this.term);
    const upToDate = this.recovering
      ? m.lastTerm > this.recoverTerm || (m.lastTerm === this.recoverTerm && m.lastIndex >= this.recoverTo)
      : this.log.isUpToDate(m.lastIndex, m.lastTerm);
    const granted = canVote && upToDate;
    if (granted && !m.pre) {
      this.vote = m.from;
      this.electionElapsed = 0;
    }
    this.send({ type: 'vote-resp', from: this.id, to: m.from, term: m.pre && granted ? m.term : this.term, granted, pre: m.pre });
  }

  private onVoteResp(m: Msg<'vote-resp'>): void {
    const want: Role = m.pre ? 'pre-candidate' : 'candidate';
    if (this.role !== want || !this.conf.voters.includes(m.from)) return;
    this.votes.set(m.from, m.granted);
    let yes = 0;
    let no = 0;
    for (const g of this.votes.values()) g ? yes++ : no++;
    if (yes >= this.quorum) {
      if (m.pre) this.startElection(false);
      else this.becomeLeader();
    } else if (no >= this.quorum) this.becomeFollower(this.term, null);
  }

  private followLeader(from: MemberId): void {
    if (this.role !== 'follower') this.becomeFollower(this.term, from);
    this.leader = from;
    this.electionElapsed = 0;
  }

  private onAppend(m: Msg<'append'>): void {
    this.followLeader(m.from);
    const reply = (success: boolean, match: number) => this.send({
      type: 'append-resp', from: this.id, to: m.from, term: this.term, success, match, read: m.read, ...(!success && this.recovering ? { lost: true } : {}),
    });
    // Everything up to the commit index is already settled here (log matching): acknowledge it.
    if (m.prevIndex < this.commit) return reply(true, this.commit);
    const t = this.log.termAt(m.prevIndex);
    if (t === undefined) return reply(false, this.log.lastIndex);
    if (t !== m.prevTerm) return reply(false, m.prevIndex - 1);
    const cut = this.log.merge(m.entries);
    if (cut !== null || m.entries.some((e) => e.kind === 'config')) this.recomputeConf();
    const last = m.prevIndex + m.entries.length;
    if (m.commit > this.commit) this.commit = Math.min(m.commit, last);
    if (this.recoverTo && this.commit > 0 && this.log.termAt(this.commit) === m.term) this.recoverTo = 0;
    reply(true, last);
  }

  private onSnapshot(m: Msg<'snapshot'>): void {
    this.followLeader(m.from);
    const s = m.snapshot;
    const reply = (match: number) => this.send({ type: 'append-resp', from: this.id, to: m.from, term: this.term, success: true, match });
    if (s.index <= this.commit) return reply(this.commit);
    if (this.log.termAt(s.index) === s.term) {
      // The log already holds the snapshot's last entry: commit up to it instead of restoring.
      this.commit = s.index;
      return reply(s.index);
    }
    this.log.reset(s.index, s.term);
    this.snapshot = s;
    this.pendingSnapshot = s;
    this.baseConf = s.conf;
    this.recomputeConf();
    this.commit = s.index;
    this.applied = s.index;
    reply(s.index);
  }

  private onTimeoutNow(): void {
    if (this.role !== 'leader' && this.isVoter && !this.recovering) this.startElection(true);
  }

  private onAppendResp(m: Msg<'append-resp'>): void {
    if (this.role !== 'leader') return;
    const p = this.progress.get(m.from);
    if (!p) return;
    if (this.conf.voters.includes(m.from)) this.recentActive.add(m.from);
    if (m.read !== undefined && m.read > p.read) {
      p.read = m.read;
      this.releaseReads();
    }
    if (m.success) {
      if (m.match > p.match) p.match = m.match;
      if (p.next <= p.match) p.next = p.match + 1;
      if (p.leaving && p.match >= p.leaving.index) {
        this.progress.delete(m.from); // it holds its removal now
        return;
      }
      if (p.snapshot && p.match >= p.snapshot.index) p.snapshot = null;
      if (m.from === this.transferee && p.match === this.log.lastIndex) this.send({ type: 'timeout-now', from: this.id, to: m.from, term: this.term });
      // A new commit index goes out at once (empty appends to those that lack nothing), so
      // followers apply without waiting for the next heartbeat.
      if (this.maybeCommit()) this.broadcastAppend(true);
      else if (p.next <= this.log.lastIndex) this.sendAppend(m.from, p, false);
      return;
    }
    // Rejected by a member that lost entries it had acknowledged: it no longer holds what its
    // match index says, so the match index goes down to what it holds and the rest is sent again.
    if (m.lost && m.match < p.match) {
      p.match = m.match;
      p.next = m.match + 1;
      p.snapshot = null;
      this.sendAppend(m.from, p, true);
      return;
    }
    // Rejected: probe from the follower's hint (its last index, or below the conflict).
    const next = Math.max(p.match + 1, Math.min(p.next - 1, m.match + 1));
    if (next < p.next) {
      p.next = next;
      this.sendAppend(m.from, p, true);
    }
  }

  /** Commits the highest index held by a quorum whose entry is of the current term (paper sec. 5.4.2). */
  private maybeCommit(): boolean {
    const matches = this.conf.voters.map((v) => (v === this.id ? this.log.lastIndex : this.progress.get(v)?.match ?? 0)).sort((a, b) => b - a);
    const n = matches[this.quorum - 1];
    if (n <= this.commit || this.log.termAt(n) !== this.term) return false;
    const pending = this.confIndex > this.commit;
    this.commit = n;
    if (pending && this.commit >= this.confIndex) this.syncProgress();
    this.releaseReads();
    // A leader that removed itself steps down once the change is committed (sec. 4.2.2).
    if (!this.isVoter && this.commit >= this.confIndex) {
      this.broadcastAppend(false);
      this.becomeFollower(this.term, null);
      return false;
    }
    return true;
  }

  private releaseReads(): void {
    if (this.role !== 'leader' || !this.readQueue.size || this.log.termAt(this.commit) !== this.term) return;
    const acked = (round: number) => this.conf.voters.filter((v) => v === this.id || (this.progress.get(v)?.read ?? 0) >= round).length;
    this.readStates.push(...this.readQueue.release(this.commit, this.quorum, acked));
  }

  /**
   * Learners never campaign. A voter removed by a configuration entry that is not yet committed
   * still may: it can be the only member holding that entry, and the others need its vote (it
   * then counts only the new configuration's votes, commits the change and steps down).
   */
  private canCampaign(): boolean {
    if (this.isVoter) return true;
    if (this.isLearner) return false; // one change at a time: it was no voter at the commit index either
    const snapIndex = this.snapshot?.index ?? 0;
    return latestConf(this.log.slice(snapIndex + 1, this.commit), this.baseConf).conf.voters.includes(this.id);
  }

  /** True while this member is catching up on entries it lost (see {@link recoverTo}). */
  get recovering(): boolean {
    if (this.recoverTo && this.log.lastIndex >= this.recoverTo) this.recoverTo = 0;
    return this.recoverTo > 0;
  }

  private campaign(): void {
    if (!this.canCampaign() || this.recovering) return; // the election timer keeps running, so the lease below lapses
    if (this.opts.preVote) this.startPreVote();
    else this.startElection(false);
  }

  private startPreVote(): void {
    this.role = 'pre-candidate';
    this.leader = null;
    this.resetTimers();
    this.votes = this.ownVote();
    if (this.votes.size >= this.quorum) return this.startElection(false);
    this.requestVotes(this.term + 1, true, false);
  }

  private startElection(transfer: boolean): void {
    this.role = 'candidate';
    this.term++;
    this.vote = this.id;
    this.leader = null;
    this.resetTimers();
    this.votes = this.ownVote();
    if (this.votes.size >= this.quorum) return this.becomeLeader();
    this.requestVotes(this.term, false, transfer);
  }

  /** A candidate's own vote counts only if it is a voter of its latest configuration. */
  private ownVote(): Map<MemberId, boolean> {
    return new Map(this.isVoter ? [[this.id, true]] : []);
  }

  private requestVotes(term: number, pre: boolean, transfer: boolean): void {
    for (const v of this.conf.voters) {
      if (v !== this.id) this.send({ type: 'vote', from: this.id, to: v, term, lastIndex: this.log.lastIndex, lastTerm: this.log.lastTerm, pre, transfer });
    }
  }

  private becomeFollower(term: number, leader: MemberId | null): void {
    if (this.role === 'leader') this.readStates.push(...this.readQueue.drop());
    if (term > this.term) {
      this.term = term;
      this.vote = null;
    }
    this.role = 'follower';
    this.leader = leader;
    this.transferee = null;
    this.progress.clear();
    this.resetTimers();
  }

  private becomeLeader(): void {
    this.role = 'leader';
    this.leader = this.id;
    this.resetTimers();
    this.recentActive.clear();
    this.progress = new Map();
    this.syncProgress();
    this.appendLocal('noop', new Uint8Array(0));
    this.maybeCommit();
    this.broadcastAppend(false);
  }

  /**
   * Leader: one progress record per other member of the latest configuration. A removed member
   * keeps its record until it holds the entry that removes it (or {@link LEAVING_ELECTIONS}
   * election timeouts pass), so it learns it was removed even when the change committed without
   * it (dissertation sec. 4.2.2: the removed server must not be left believing it is a member).
   * Such records count toward no quorum: commits and reads use the configuration's voters.
   */
  private syncProgress(prune = true): void {
    if (this.role !== 'leader') return;
    const members = membersOf(this.conf).filter((id) => id !== this.id);
    if (prune) {
      for (const [id, p] of this.progress) {
        if (members.includes(id)) delete p.leaving; // added back
        else if (p.match >= this.confIndex) this.progress.delete(id);
        else p.leaving ??= { index: this.confIndex, since: this.ticks };
      }
    }
    for (const id of members) if (!this.progress.has(id)) this.progress.set(id, { next: this.log.lastIndex + 1, match: 0, read: 0, snapshot: null });
    if (this.transferee && !this.progress.has(this.transferee)) this.transferee = null;
  }

  private setConf(conf: ConfState, index: number): void {
    this.conf = conf;
    this.confIndex = index;
    this.syncProgress(index <= this.commit);
  }

  /** The latest configuration after the log changed under it (a merge or a snapshot). */
  private recomputeConf(): void {
    const floor = this.snapshot?.index ?? 0;
    const { conf, index } = latestConf(this.log.slice(floor + 1), this.baseConf);
    this.setConf(conf, index ?? floor);
  }

  private appendLocal(kind: Entry['kind'], data: Uint8Array): Entry {
    const e: Entry = { index: this.log.lastIndex + 1, term: this.term, kind, data };
    this.log.append(e);
    this.maybeCommit(); // a single-voter group commits at once
    return e;
  }

  /** Sends every follower what it lacks; with `heartbeat`, an empty append to those that lack nothing. */
  private broadcastAppend(heartbeat: boolean): void {
    for (const [id, p] of this.progress) if (heartbeat || p.next <= this.log.lastIndex) this.sendAppend(id, p, heartbeat);
  }

  private sendAppend(to: MemberId, p: Progress, force: boolean): void {
    if (p.snapshot) {
      if (this.ticks - p.snapshot.sentAt < this.opts.electionTicks) return; // wait for the snapshot's answer
      p.snapshot = null;
      p.next = Math.min(p.next, p.match + 1);
    }
    const prevIndex = p.next - 1;
    const prevTerm = this.log.termAt(prevIndex);
    if (prevTerm === undefined) return this.sendSnapshot(to, p); // compacted away
    const entries = this.log.slice(p.next, Math.min(this.log.lastIndex, p.next + this.opts.maxEntriesPerAppend - 1));
    if (!entries.length && !force) return;
    this.send({ type: 'append', from: this.id, to, term: this.term, prevIndex, prevTerm, entries, commit: this.commit, read: this.readQueue.round });
    p.next += entries.length; // pipelining: a rejection moves it back
  }

  private sendSnapshot(to: MemberId, p: Progress): void {
    const s = this.snapshot;
    if (!s) return;
    this.send({ type: 'snapshot', from: this.id, to, term: this.term, snapshot: s });
    p.snapshot = { index: s.index, sentAt: this.ticks };
    p.next = s.index + 1;
  }

  private send(m: RaftMessage): void {
    this.msgs.push(m);
  }

  private resetTimers(): void {
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.randomizedTimeout = this.newTimeout();
  }

  private newTimeout(): number {
    return this.opts.electionTicks + Math.floor(this.opts.random() * this.opts.electionTicks);
  }
}
