/**
 * Records of the Raft core: log entries, configurations, snapshots, hard state, messages and the
 * Ready batch the core hands to its driver. Terms follow Ongaro and Ousterhout, "In Search of an
 * Understandable Consensus Algorithm" (2014), and Ongaro's dissertation "Consensus: Bridging
 * Theory and Practice" (2014).
 */

/** Id of a group member (a mesh node id). */
export type MemberId = string;

/**
 * Kinds of log entries: client data; the no-op a new leader appends (dissertation sec. 3.6.2);
 * a configuration (its data is the whole new {@link ConfState}, encoded by `encodeConf`).
 */
export type EntryKind = 'data' | 'noop' | 'config';

/** One log entry; indexes start at 1. */
export interface Entry {
  index: number;
  term: number;
  kind: EntryKind;
  data: Uint8Array;
}

/**
 * A group configuration: voters elect and form quorums; learners receive and apply every entry
 * but neither vote nor count (dissertation sec. 4.2.1, "non-voting members").
 */
export interface ConfState {
  voters: MemberId[];
  learners: MemberId[];
}

/**
 * One membership change, one server at a time (dissertation sec. 4.1). `add-voter` of a learner
 * promotes it; `remove` takes out a voter or a learner.
 */
export interface ConfChange {
  type: 'add-voter' | 'add-learner' | 'remove';
  id: MemberId;
}

/**
 * A snapshot of the state machine as of `index` (whose entry had `term`), with the configuration
 * as of that index (dissertation sec. 5.1). `data` is the application's encoding.
 */
export interface Snapshot {
  index: number;
  term: number;
  conf: ConfState;
  data: Uint8Array;
}

/** State that must be durable before the core's messages of the same Ready are sent (paper fig. 2). */
export interface HardState {
  term: number;
  vote: MemberId | null;
  commit: number;
}

/**
 * Messages between members.
 * - `vote`: `pre` marks the pre-vote round (dissertation sec. 9.6), which changes no one's term or
 *   vote; `transfer` marks an election started by a leadership transfer (sec. 3.10), which voters
 *   grant even within a leader lease.
 * - `append` / `append-resp`: `read` is the leader's latest ReadIndex round, echoed back so the
 *   leader can confirm it still leads (sec. 6.4).
 * - `snapshot`: InstallSnapshot (sec. 5.1), answered by an `append-resp`.
 * - `timeout-now`: the leader asks a caught-up voter to start an election at once (sec. 3.10).
 */
export type RaftMessage =
  | { type: 'vote'; from: MemberId; to: MemberId; term: number; lastIndex: number; lastTerm: number; pre: boolean; transfer?: boolean }
  | { type: 'vote-resp'; from: MemberId; to: MemberId; term: number; granted: boolean; pre: boolean }
  | { type: 'append'; from: MemberId; to: MemberId; term: number; prevIndex: number; prevTerm: number; entries: Entry[]; commit: number; read?: number }
  /** `match`: on success the last index the follower now holds from the leader; on reject a hint (its last index, or prevIndex - 1). */
  | { type: 'append-resp'; from: MemberId; to: MemberId; term: number; success: boolean; match: number; read?: number; lost?: boolean }
  | { type: 'snapshot'; from: MemberId; to: MemberId; term: number; snapshot: Snapshot }
  | { type: 'timeout-now'; from: MemberId; to: MemberId; term: number };

/**
 * Outcome of a ReadIndex request (dissertation sec. 6.4): once the state machine has applied
 * `index`, a read made there is linearizable. `index` is null when the member lost leadership
 * before the read was confirmed; the caller retries on the new leader.
 */
export interface ReadState {
  ctx: number;
  index: number | null;
}

/**
 * What the driver must do, in this order:
 * 1. persist `snapshot` (if any: it replaces the whole stored log and the state machine), then
 *    `hardState` (if any) and `entries` (replacing the stored log from `entries[0].index` on);
 * 2. send `messages`;
 * 3. apply `committed`, in order; answer `reads` whose index has been applied;
 * 4. call {@link RaftCore.advance};
 * 5. when `snapshotDue`, take a snapshot of the state machine at the last applied index, hand it
 *    to {@link RaftCore.compact} and persist what that returns.
 * Messages that acknowledge (votes, append responses) are only correct once step 1 is durable.
 */
export interface Ready {
  snapshot: Snapshot | null;
  hardState: HardState | null;
  entries: Entry[];
  messages: RaftMessage[];
  committed: Entry[];
  reads: ReadState[];
  snapshotDue: boolean;
  /** True while the member recovers entries it lost (the durable log-end marker must stay). */
  recovering?: boolean;
}

/** Roles of a member (dissertation chapter 3; pre-candidate: sec. 9.6). A learner is a follower that cannot campaign. */
export type Role = 'follower' | 'pre-candidate' | 'candidate' | 'leader';

/** Tuning of the core, in ticks of the driver's clock. */
export interface RaftOptions {
  id: MemberId;
  /**
   * The initial configuration's voters, used until the log or a snapshot holds one. A member that
   * joins an existing group starts with none and learns the configuration from its leader.
   */
  voters: MemberId[];
  /** The initial configuration's learners. */
  learners?: MemberId[];
  /** Election timeout: a random value in [electionTicks, 2 * electionTicks) (paper sec. 5.2). */
  electionTicks: number;
  /** A leader sends appends (heartbeats) at least this often. */
  heartbeatTicks: number;
  /** Pre-vote before a real election (dissertation sec. 9.6); default true. */
  preVote?: boolean;
  /** A leader that has not heard from a quorum for an election timeout steps down (sec. 6.2); default true. */
  checkQuorum?: boolean;
  /** Most entries in one append message; default 256. */
  maxEntriesPerAppend?: number;
  /** Ask for a snapshot once this many entries were applied since the last one; default 10,000. */
  snapshotEntries?: number;
  /** Entries kept in the log behind a snapshot so a slightly lagging follower catches up without one; default 1,000. */
  retainEntries?: number;
  /** Random source in [0, 1) for election timeouts (a seeded one in simulation). */
  random?: () => number;
}

/**
 * What a restarted member loads from its storage: hard state, its latest snapshot (if any), and
 * the log after `firstIndex - 1`. `offsetTerm` is the term of the entry at `firstIndex - 1` (0 at
 * the start of the log).
 */
export interface RaftStorageState {
  hardState: HardState;
  entries: Entry[];
  snapshot?: Snapshot | null;
  firstIndex?: number;
  offsetTerm?: number;
  /**
   * The last index this member's log held after its last durable write (kept beside the log):
   * when the recovered log ends below it, acknowledged entries were lost (see `RaftCore`).
   */
  ackedIndex?: number;
  /** The term of the entry at {@link ackedIndex}. */
  ackedTerm?: number;
}
