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
import { applyConfChange, encodeConf, latestConf } from './config.js';
import { LEAVING_ELECTIONS, type Progress, type ProgressView } from './progress.js';
import { RaftElection } from './raft-election.js';
import type { ConfChange, Entry, MemberId, RaftMessage, Ready, Snapshot } from './types.js';

type Msg<T extends RaftMessage['type']> = Extract<RaftMessage, { type: T }>;

export { LEAVING_ELECTIONS, type ProgressView } from './progress.js';

/** One member of a Raft group. */
export class RaftCore extends RaftElection {
  /** The leader's view of each member's replication (empty on other members; removed ones left out). */
  progressView(): ProgressView[] {
    return this.progress.views();
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

  private assertLeader(): void {
    if (this.role !== 'leader') throw new MeshError(ErrorCode.FailedPrecondition, `not the leader (leader: ${this.leader ?? 'unknown'})`);
    if (this.transferee) throw new MeshError(ErrorCode.FailedPrecondition, `leadership is being handed to ${this.transferee}`);
  }

  private tickLeader(): void {
    if (this.transferee && ++this.transferElapsed >= this.opts.electionTicks) this.transferee = null;
    if (this.opts.checkQuorum && this.electionElapsed >= this.opts.electionTicks) {
      this.electionElapsed = 0;
      if (this.progress.recentActive.size + (this.isVoter ? 1 : 0) < this.quorum) return this.becomeFollower(this.term, null);
      this.progress.recentActive.clear();
    }
    if (++this.heartbeatElapsed >= this.opts.heartbeatTicks) {
      this.heartbeatElapsed = 0;
      this.progress.expireLeaving(this.ticks, LEAVING_ELECTIONS * this.opts.electionTicks);
      this.broadcastAppend(true);
    }
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
    if (this.conf.voters.includes(m.from)) this.progress.recentActive.add(m.from);
    if (m.read !== undefined && m.read > p.read) {
      p.read = m.read;
      this.releaseReads();
    }
    if (m.success) {
      if (!this.progress.accepted(m.from, p, m.match)) return; // it held its removal: no record left
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
  protected maybeCommit(): boolean {
    const n = this.progress.quorumIndex(this.conf.voters, this.id, this.log.lastIndex, this.quorum);
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
    const acked = (round: number) => this.progress.readAcks(this.conf.voters, this.id, round);
    this.readStates.push(...this.readQueue.release(this.commit, this.quorum, acked));
  }

  protected appendLocal(kind: Entry['kind'], data: Uint8Array): Entry {
    const e: Entry = { index: this.log.lastIndex + 1, term: this.term, kind, data };
    this.log.append(e);
    this.maybeCommit(); // a single-voter group commits at once
    return e;
  }

  /** Sends every follower what it lacks; with `heartbeat`, an empty append to those that lack nothing. */
  protected broadcastAppend(heartbeat: boolean): void {
    for (const [id, p] of this.progress.entries()) if (heartbeat || p.next <= this.log.lastIndex) this.sendAppend(id, p, heartbeat);
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
}
