/**
 * The state of one Raft member (Ongaro and Ousterhout 2014, fig. 2 "State": persistent term,
 * vote and log; volatile commit index; the leader's replication progress) with the rules every
 * role shares: quorum size, the configuration in use (dissertation sec. 4.1: the latest one in the
 * log, committed or not), recovery after lost entries, timers and the outgoing message queue.
 * The election (raft-election.ts) and the core (raft.ts) build on it; see raft.ts for the protocol.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { latestConf, membersOf } from './config.js';
import { RaftLog } from './log.js';
import { ProgressTracker } from './progress.js';
import { ReadIndexQueue } from './read-index.js';
import type { ConfState, HardState, MemberId, RaftMessage, RaftOptions, RaftStorageState, ReadState, Role, Snapshot } from './types.js';

/** One member's state and shared rules; see the module comment. */
export abstract class RaftState {
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
  protected baseConf: ConfState;
  protected votes = new Map<MemberId, boolean>();
  protected progress = new ProgressTracker();
  protected electionElapsed = 0;
  protected heartbeatElapsed = 0;
  protected randomizedTimeout: number;
  protected ticks = 0;
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
  protected recoverTo = 0;
  /** The term of the entry at {@link recoverTo}: votes are judged against the log as it was. */
  protected recoverTerm = 0;
  protected transferee: MemberId | null = null;
  protected transferElapsed = 0;
  protected readQueue = new ReadIndexQueue();
  protected readStates: ReadState[] = [];
  protected pendingSnapshot: Snapshot | null = null;
  /** The snapshot index current when a snapshot was last asked for (asked once per snapshot). */
  protected snapshotAskedAt = -1;
  protected msgs: RaftMessage[] = [];
  protected lastHard: HardState;
  protected readonly opts: Required<RaftOptions>;

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

  /** True while this member is catching up on entries it lost (see {@link recoverTo}). */
  get recovering(): boolean {
    if (this.recoverTo && this.log.lastIndex >= this.recoverTo) this.recoverTo = 0;
    return this.recoverTo > 0;
  }

  /** The current term, vote and commit index. */
  hardState(): HardState {
    return { term: this.term, vote: this.vote, commit: this.commit };
  }

  protected hardChanged(): boolean {
    const h = this.lastHard;
    return h.term !== this.term || h.vote !== this.vote || h.commit !== this.commit;
  }

  /**
   * Learners never campaign. A voter removed by a configuration entry that is not yet committed
   * still may: it can be the only member holding that entry, and the others need its vote (it
   * then counts only the new configuration's votes, commits the change and steps down).
   */
  protected canCampaign(): boolean {
    if (this.isVoter) return true;
    if (this.isLearner) return false; // one change at a time: it was no voter at the commit index either
    const snapIndex = this.snapshot?.index ?? 0;
    return latestConf(this.log.slice(snapIndex + 1, this.commit), this.baseConf).conf.voters.includes(this.id);
  }

  /**
   * Leader: one progress record per other member of the latest configuration. A removed member
   * keeps its record until it holds the entry that removes it (or {@link LEAVING_ELECTIONS}
   * election timeouts pass), so it learns it was removed even when the change committed without
   * it (dissertation sec. 4.2.2: the removed server must not be left believing it is a member).
   * Such records count toward no quorum: commits and reads use the configuration's voters.
   */
  protected syncProgress(prune = true): void {
    if (this.role !== 'leader') return;
    this.progress.sync(membersOf(this.conf).filter((id) => id !== this.id), this.confIndex, this.log.lastIndex + 1, this.ticks, prune);
    if (this.transferee && !this.progress.has(this.transferee)) this.transferee = null;
  }

  protected setConf(conf: ConfState, index: number): void {
    this.conf = conf;
    this.confIndex = index;
    this.syncProgress(index <= this.commit);
  }

  /** The latest configuration after the log changed under it (a merge or a snapshot). */
  protected recomputeConf(): void {
    const floor = this.snapshot?.index ?? 0;
    const { conf, index } = latestConf(this.log.slice(floor + 1), this.baseConf);
    this.setConf(conf, index ?? floor);
  }

  protected send(m: RaftMessage): void {
    this.msgs.push(m);
  }

  protected resetTimers(): void {
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.randomizedTimeout = this.newTimeout();
  }

  protected newTimeout(): number {
    return this.opts.electionTicks + Math.floor(this.opts.random() * this.opts.electionTicks);
  }
}
