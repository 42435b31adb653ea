/**
 * The Raft core as a pure state machine: inputs are ticks, received messages and proposals;
 * outputs come out in {@link Ready} batches (hard state and entries to persist, messages to send,
 * committed entries to apply). No timers, sockets or disk in here, so the same code runs under the
 * mesh transport and under the deterministic simulator (test/sim).
 *
 * Protocol: Ongaro and Ousterhout, "In Search of an Understandable Consensus Algorithm" (2014),
 * fig. 2 (state, RequestVote, AppendEntries, rules for servers) and sec. 5; Ongaro's dissertation
 * "Consensus: Bridging Theory and Practice" (2014): no-op on election (sec. 3.6.2), check-quorum
 * and ignoring disruptive RequestVotes within a leader lease (sec. 4.2.3, 6.2), pre-vote (sec. 9.6).
 * Replication is pipelined: a leader advances a follower's next index as soon as it sends, and
 * falls back to probing on a rejection.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { RaftLog } from './log.js';
import type { Entry, HardState, MemberId, RaftMessage, RaftOptions, RaftStorageState, Ready, Role } from './types.js';

const DEFAULT_MAX_ENTRIES = 256;

interface Progress {
  /** Next index to send. */
  next: number;
  /** Highest index known replicated on the follower. */
  match: number;
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
  private voters: MemberId[];
  private votes = new Map<MemberId, boolean>();
  private progress = new Map<MemberId, Progress>();
  /** Followers heard from since the last check-quorum round (leader). */
  private recentActive = new Set<MemberId>();
  private electionElapsed = 0;
  private heartbeatElapsed = 0;
  private randomizedTimeout: number;
  private msgs: RaftMessage[] = [];
  private lastHard: HardState;
  private readonly opts: Required<RaftOptions>;

  /** @throws MeshError ERR_INVALID_ARGUMENT when `id` is not among `voters` or the tick counts are not positive. */
  constructor(options: RaftOptions, stored?: RaftStorageState) {
    this.opts = { preVote: true, checkQuorum: true, maxEntriesPerAppend: DEFAULT_MAX_ENTRIES, random: Math.random, ...options };
    if (!options.voters.includes(options.id)) throw new MeshError(ErrorCode.InvalidArgument, 'a member must be one of the voters');
    if (options.electionTicks < 1 || options.heartbeatTicks < 1 || options.heartbeatTicks >= options.electionTicks) {
      throw new MeshError(ErrorCode.InvalidArgument, 'need 1 <= heartbeatTicks < electionTicks');
    }
    this.id = options.id;
    this.voters = [...options.voters];
    this.log = new RaftLog(stored?.entries);
    if (stored) {
      this.term = stored.hardState.term;
      this.vote = stored.hardState.vote;
      this.commit = Math.min(stored.hardState.commit, this.log.lastIndex);
    }
    this.lastHard = this.hardState();
    this.randomizedTimeout = this.newTimeout();
  }

  /** Votes needed to win an election or commit an entry. */
  get quorum(): number {
    return Math.floor(this.voters.length / 2) + 1;
  }

  /** Advances the logical clock by one tick. */
  tick(): void {
    this.electionElapsed++;
    if (this.role === 'leader') {
      if (this.opts.checkQuorum && this.electionElapsed >= this.opts.electionTicks) {
        this.electionElapsed = 0;
        if (this.recentActive.size + 1 < this.quorum) {
          this.becomeFollower(this.term, null);
          return;
        }
        this.recentActive.clear();
      }
      if (++this.heartbeatElapsed >= this.opts.heartbeatTicks) {
        this.heartbeatElapsed = 0;
        this.broadcastAppend(true);
      }
      return;
    }
    if (this.electionElapsed >= this.randomizedTimeout) this.campaign();
  }

  /**
   * Appends `data` to the log when this member leads; resolves nothing itself: the entry is
   * committed when it comes out in {@link Ready.committed}.
   * @returns the entry's index and term.
   * @throws MeshError ERR_FAILED_PRECONDITION when this member is not the leader (`leader` names the one it knows of).
   */
  propose(data: Uint8Array): { index: number; term: number } {
    if (this.role !== 'leader') throw new MeshError(ErrorCode.FailedPrecondition, `not the leader (leader: ${this.leader ?? 'unknown'})`);
    const e = this.appendLocal('data', data);
    this.broadcastAppend(false);
    return { index: e.index, term: e.term };
  }

  /** Handles one received message. Messages for another member, or from a non-member, are ignored. */
  step(m: RaftMessage): void {
    if (m.to !== this.id || !this.voters.includes(m.from)) return;
    if (m.term > this.term && !this.higherTerm(m)) return;
    if (m.term < this.term) return this.lowerTerm(m);
    switch (m.type) {
      case 'vote': return this.onVote(m);
      case 'vote-resp': return this.onVoteResp(m);
      case 'append': return this.onAppend(m);
      case 'append-resp': return this.onAppendResp(m);
    }
  }

  /** Whether {@link ready} has anything to hand out. */
  hasReady(): boolean {
    return this.msgs.length > 0 || this.log.unstableFrom <= this.log.lastIndex || this.commit > this.applied || this.hardChanged();
  }

  /** Takes the pending outputs; the driver handles them as {@link Ready} says, then calls {@link advance}. */
  ready(): Ready {
    const r: Ready = {
      hardState: this.hardChanged() ? this.hardState() : null,
      entries: this.log.unstable(),
      messages: this.msgs,
      committed: this.log.slice(this.applied + 1, this.commit),
    };
    this.msgs = [];
    return r;
  }

  /** Records that `r` was persisted, sent and applied. */
  advance(r: Ready): void {
    if (r.hardState) this.lastHard = r.hardState;
    if (r.entries.length) this.log.stabilize();
    if (r.committed.length) this.applied = r.committed[r.committed.length - 1].index;
  }

  /** The current term, vote and commit index. */
  hardState(): HardState {
    return { term: this.term, vote: this.vote, commit: this.commit };
  }

  private hardChanged(): boolean {
    const h = this.lastHard;
    return h.term !== this.term || h.vote !== this.vote || h.commit !== this.commit;
  }

  /** A message of a higher term: false when it is to be ignored. */
  private higherTerm(m: RaftMessage): boolean {
    if (m.type === 'vote') {
      // Within a leader lease a vote request is disruptive: ignore it (dissertation sec. 4.2.3).
      if (this.opts.checkQuorum && this.leader !== null && this.electionElapsed < this.opts.electionTicks) return false;
      if (m.pre) return true; // a pre-vote changes no term
    }
    if (m.type === 'vote-resp' && m.pre && m.granted) return true; // granted at the term we would use
    this.becomeFollower(m.term, m.type === 'append' ? m.from : null);
    return true;
  }

  private lowerTerm(m: RaftMessage): void {
    // A stale leader (or pre-candidate) learns the newer term from the reply.
    if (m.type === 'append') this.send({ type: 'append-resp', from: this.id, to: m.from, term: this.term, success: false, match: this.log.lastIndex });
    else if (m.type === 'vote' && m.pre) this.send({ type: 'vote-resp', from: this.id, to: m.from, term: this.term, granted: false, pre: true });
  }

  private onVote(m: Extract<RaftMessage, { type: 'vote' }>): void {
    // One vote per term; a pre-vote for a later term is granted on the log check alone.
    const canVote = this.vote === m.from || (this.vote === null && this.leader === null) || (m.pre && m.term > this.term);
    const granted = canVote && this.log.isUpToDate(m.lastIndex, m.lastTerm);
    if (granted && !m.pre) {
      this.vote = m.from;
      this.electionElapsed = 0;
    }
    this.send({ type: 'vote-resp', from: this.id, to: m.from, term: m.pre && granted ? m.term : this.term, granted, pre: m.pre });
  }

  private onVoteResp(m: Extract<RaftMessage, { type: 'vote-resp' }>): void {
    const want: Role = m.pre ? 'pre-candidate' : 'candidate';
    if (this.role !== want) return;
    this.votes.set(m.from, m.granted);
    let yes = 0;
    let no = 0;
    for (const g of this.votes.values()) g ? yes++ : no++;
    if (yes >= this.quorum) {
      if (m.pre) this.startElection();
      else this.becomeLeader();
    } else if (no >= this.quorum) this.becomeFollower(this.term, null);
  }

  private onAppend(m: Extract<RaftMessage, { type: 'append' }>): void {
    if (this.role !== 'follower') this.becomeFollower(this.term, m.from);
    this.leader = m.from;
    this.electionElapsed = 0;
    const reply = (success: boolean, match: number) => this.send({ type: 'append-resp', from: this.id, to: m.from, term: this.term, success, match });
    // Everything up to the commit index is already settled here (log matching): acknowledge it.
    if (m.prevIndex < this.commit) return reply(true, this.commit);
    const t = this.log.termAt(m.prevIndex);
    if (t === undefined) return reply(false, this.log.lastIndex);
    if (t !== m.prevTerm) return reply(false, m.prevIndex - 1);
    this.log.merge(m.entries);
    const last = m.prevIndex + m.entries.length;
    if (m.commit > this.commit) this.commit = Math.min(m.commit, last);
    reply(true, last);
  }

  private onAppendResp(m: Extract<RaftMessage, { type: 'append-resp' }>): void {
    if (this.role !== 'leader') return;
    const p = this.progress.get(m.from);
    if (!p) return;
    this.recentActive.add(m.from);
    if (m.success) {
      if (m.match > p.match) p.match = m.match;
      if (p.next <= p.match) p.next = p.match + 1;
      if (this.maybeCommit()) this.broadcastAppend(false);
      else if (p.next <= this.log.lastIndex) this.sendAppend(m.from, p, false);
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
    const matches = this.voters.map((v) => (v === this.id ? this.log.lastIndex : this.progress.get(v)?.match ?? 0)).sort((a, b) => b - a);
    const n = matches[this.quorum - 1];
    if (n > this.commit && this.log.termAt(n) === this.term) {
      this.commit = n;
      return true;
    }
    return false;
  }

  private campaign(): void {
    if (this.opts.preVote) this.startPreVote();
    else this.startElection();
  }

  private startPreVote(): void {
    this.role = 'pre-candidate';
    this.leader = null;
    this.resetTimers();
    this.votes = new Map([[this.id, true]]);
    if (this.votes.size >= this.quorum) return this.startElection();
    this.requestVotes(this.term + 1, true);
  }

  private startElection(): void {
    this.role = 'candidate';
    this.term++;
    this.vote = this.id;
    this.leader = null;
    this.resetTimers();
    this.votes = new Map([[this.id, true]]);
    if (this.votes.size >= this.quorum) return this.becomeLeader();
    this.requestVotes(this.term, false);
  }

  private requestVotes(term: number, pre: boolean): void {
    for (const v of this.voters) {
      if (v !== this.id) this.send({ type: 'vote', from: this.id, to: v, term, lastIndex: this.log.lastIndex, lastTerm: this.log.lastTerm, pre });
    }
  }

  private becomeFollower(term: number, leader: MemberId | null): void {
    if (term > this.term) {
      this.term = term;
      this.vote = null;
    }
    this.role = 'follower';
    this.leader = leader;
    this.resetTimers();
  }

  private becomeLeader(): void {
    this.role = 'leader';
    this.leader = this.id;
    this.resetTimers();
    this.recentActive.clear();
    this.progress = new Map(this.voters.filter((v) => v !== this.id).map((v) => [v, { next: this.log.lastIndex + 1, match: 0 }]));
    this.appendLocal('noop', new Uint8Array(0));
    this.maybeCommit();
    this.broadcastAppend(false);
  }

  private appendLocal(kind: Entry['kind'], data: Uint8Array): Entry {
    const e: Entry = { index: this.log.lastIndex + 1, term: this.term, kind, data };
    this.log.append(e);
    this.maybeCommit(); // a single-member group commits at once
    return e;
  }

  /** Sends every follower what it lacks; with `heartbeat`, an empty append to those that lack nothing. */
  private broadcastAppend(heartbeat: boolean): void {
    for (const [id, p] of this.progress) if (heartbeat || p.next <= this.log.lastIndex) this.sendAppend(id, p, heartbeat);
  }

  private sendAppend(to: MemberId, p: Progress, force: boolean): void {
    const entries = this.log.slice(p.next, Math.min(this.log.lastIndex, p.next + this.opts.maxEntriesPerAppend - 1));
    if (!entries.length && !force) return;
    const prevIndex = p.next - 1;
    this.send({ type: 'append', from: this.id, to, term: this.term, prevIndex, prevTerm: this.log.termAt(prevIndex) ?? 0, entries, commit: this.commit });
    p.next += entries.length; // pipelining: a rejection moves it back
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
