/**
 * Raft elections (Ongaro and Ousterhout 2014, sec. 5.2 and 5.4.1; dissertation sec. 9.6 pre-vote,
 * sec. 4.2.3 disruptive servers, sec. 3.10 leadership transfer): terms learned from messages,
 * votes granted and counted, and the moves between follower, (pre-)candidate and leader. The
 * replication a new leader starts is the core's (raft.ts).
 */
import type { MemberId, RaftMessage, Role, Entry } from './types.js';
import { ProgressTracker } from './progress.js';
import { RaftState } from './raft-state.js';

type Msg<T extends RaftMessage['type']> = Extract<RaftMessage, { type: T }>;

/** Elections on top of a member's state; see the module comment. */
export abstract class RaftElection extends RaftState {
  /** Appends an entry of this leader's term to its log. */
  protected abstract appendLocal(kind: Entry['kind'], data: Uint8Array): Entry;
  /** Advances the commit index to what a quorum holds; true when it moved. */
  protected abstract maybeCommit(): boolean;
  /** Sends every follower what it lacks (with `heartbeat`, an empty append to the others). */
  protected abstract broadcastAppend(heartbeat: boolean): void;

  /** A message of a higher term: false when it is to be ignored. */
  protected higherTerm(m: RaftMessage): boolean {
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

  protected lowerTerm(m: RaftMessage): void {
    // A stale leader (or pre-candidate) learns the newer term from the reply.
    if (m.type === 'append' || m.type === 'snapshot') this.send({ type: 'append-resp', from: this.id, to: m.from, term: this.term, success: false, match: this.log.lastIndex });
    else if (m.type === 'vote' && m.pre) this.send({ type: 'vote-resp', from: this.id, to: m.from, term: this.term, granted: false, pre: true });
  }

  protected onVote(m: Msg<'vote'>): void {
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

  protected onVoteResp(m: Msg<'vote-resp'>): void {
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

  protected followLeader(from: MemberId): void {
    if (this.role !== 'follower') this.becomeFollower(this.term, from);
    this.leader = from;
    this.electionElapsed = 0;
  }

  protected campaign(): void {
    if (!this.canCampaign() || this.recovering) return; // the election timer keeps running, so the lease below lapses
    if (this.opts.preVote) this.startPreVote();
    else this.startElection(false);
  }

  protected startPreVote(): void {
    this.role = 'pre-candidate';
    this.leader = null;
    this.resetTimers();
    this.votes = this.ownVote();
    if (this.votes.size >= this.quorum) return this.startElection(false);
    this.requestVotes(this.term + 1, true, false);
  }

  protected startElection(transfer: boolean): void {
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
  protected ownVote(): Map<MemberId, boolean> {
    return new Map(this.isVoter ? [[this.id, true]] : []);
  }

  protected requestVotes(term: number, pre: boolean, transfer: boolean): void {
    for (const v of this.conf.voters) {
      if (v !== this.id) this.send({ type: 'vote', from: this.id, to: v, term, lastIndex: this.log.lastIndex, lastTerm: this.log.lastTerm, pre, transfer });
    }
  }

  protected becomeFollower(term: number, leader: MemberId | null): void {
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

  protected becomeLeader(): void {
    this.role = 'leader';
    this.leader = this.id;
    this.resetTimers();
    this.progress = new ProgressTracker();
    this.syncProgress();
    this.appendLocal('noop', new Uint8Array(0));
    this.maybeCommit();
    this.broadcastAppend(false);
  }
}
