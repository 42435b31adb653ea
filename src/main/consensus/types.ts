/**
 * Records of the Raft core: log entries, hard state, messages and the Ready batch the core hands
 * to its driver. Terms follow Ongaro and Ousterhout, "In Search of an Understandable Consensus
 * Algorithm" (2014), and Ongaro's dissertation "Consensus: Bridging Theory and Practice" (2014).
 */

/** Id of a group member (a mesh node id). */
export type MemberId = string;

/** Kinds of log entries: client data, or the no-op a new leader appends (dissertation sec. 3.6.2). */
export type EntryKind = 'data' | 'noop';

/** One log entry; indexes start at 1. */
export interface Entry {
  index: number;
  term: number;
  kind: EntryKind;
  data: Uint8Array;
}

/** State that must be durable before the core's messages of the same Ready are sent (paper fig. 2). */
export interface HardState {
  term: number;
  vote: MemberId | null;
  commit: number;
}

/**
 * Messages between members. `pre` marks the pre-vote round (dissertation sec. 9.6): a pre-vote
 * request carries the term the candidate would use, and changes no one's term or vote.
 */
export type RaftMessage =
  | { type: 'vote'; from: MemberId; to: MemberId; term: number; lastIndex: number; lastTerm: number; pre: boolean }
  | { type: 'vote-resp'; from: MemberId; to: MemberId; term: number; granted: boolean; pre: boolean }
  | { type: 'append'; from: MemberId; to: MemberId; term: number; prevIndex: number; prevTerm: number; entries: Entry[]; commit: number }
  /** `match`: on success the last index the follower now holds from the leader; on reject a hint (its last index, or prevIndex - 1). */
  | { type: 'append-resp'; from: MemberId; to: MemberId; term: number; success: boolean; match: number };

/**
 * What the driver must do, in this order: persist `hardState` (if any) and `entries` (replacing
 * the stored log from `entries[0].index` on), then send `messages`, then apply `committed`, then
 * call {@link RaftCore.advance}. Messages that acknowledge (votes, append responses) are only
 * correct once the persist step is durable.
 */
export interface Ready {
  hardState: HardState | null;
  entries: Entry[];
  messages: RaftMessage[];
  committed: Entry[];
}

/** Roles of a member (dissertation chapter 3; pre-candidate: sec. 9.6). */
export type Role = 'follower' | 'pre-candidate' | 'candidate' | 'leader';

/** Tuning of the core, in ticks of the driver's clock. */
export interface RaftOptions {
  id: MemberId;
  /** Voting members, including `id`. */
  voters: MemberId[];
  /** Election timeout: a random value in [electionTicks, 2 * electionTicks) (paper sec. 5.2). */
  electionTicks: number;
  /** A leader sends appends (heartbeats) at least this often. */
  heartbeatTicks: number;
  /** Pre-vote before a real election (dissertation sec. 9.6); default true. */
  preVote?: boolean;
  /** A leader that has not heard from a quorum for an election timeout steps down (sec. 6.2); default true. */
  checkQuorum?: boolean;
  /** Most entries in one append message. */
  maxEntriesPerAppend?: number;
  /** Random source in [0, 1) for election timeouts (a seeded one in simulation). */
  random?: () => number;
}

/** What a restarted member loads from its storage. */
export interface RaftStorageState {
  hardState: HardState;
  entries: Entry[];
}
