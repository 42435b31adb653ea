/**
 * The Mesh Control Group (ARCHITECTURE.md "Consensus"): one Raft group for the whole mesh. Its
 * voters are the first members up to `voters` (default 5); every other member is a learner that
 * still receives and applies every entry. Membership (join, leave, evict), the join policy and key,
 * and mesh, node and internal-DB updates go through its log, so they reach every node durably and
 * in one order. The leader keeps the Raft configuration in step with the members the log records:
 * one change at a time, new members added as learners and promoted once caught up.
 */
import { ErrorCode, MeshError } from '../../../shared/errors.js';
import type { Logger } from '../../observability/logger.js';
import type { RaftBackend } from '../../storage/index.js';
import { membersOf, type Entry, type RaftBody, type RaftNodeOptions } from '../index.js';
import { RaftNode } from '../raft-node.js';
import { encodeCommand, type McgCommand, type UpdateKind } from './commands.js';
import { McgState } from './state.js';
import { logDigest, logFromOf, stateDigest, type CheckDigests } from './digest.js';
import { SubscriptionHub, type UpdateSink, type UpdateSubscription } from './subscriptions.js';

/** Raft group id of the MCG in consensus frames. */
export const MCG_GROUP = 'mcg';

/** A learner is promoted once it is at most this many entries behind the leader. */
export const PROMOTE_LAG_ENTRIES = 64;

/** Check entries whose digests a member remembers (for its check-result). */
export const MAX_CHECK_DIGESTS = 16;

/** Tuning of the MCG. */
export interface McgOptions extends RaftNodeOptions {
  /** Voters wanted (the first members up to this many). */
  voters: number;
  /** Largest update payload or internal-DB value (bytes). */
  maxUpdateBytes: number;
}

/** What the MCG needs from its node. */
export interface McgDeps {
  selfId: string;
  backend: RaftBackend;
  log: Logger;
  options: McgOptions;
  send(to: string, body: RaftBody): void;
  /** Called for every applied command, in log order. */
  /** `replay`: the entry was applied before this node restarted (its stored commit index covers it). */
  onCommand(cmd: McgCommand, index: number, replay: boolean): void;
  /** The state was replaced by a snapshot (InstallSnapshot or start-up): members may have changed. */
  onRestored?(): void;
}

/** One member as GetMeshStatus shows it. */
export interface McgMemberView {
  nodeId: string;
  role: 'voter' | 'learner' | 'none';
  /** Leader only: highest index known replicated there. */
  matchIndex: number;
}

/** The group's state as GetMeshStatus shows it. */
export interface McgStatus {
  term: number;
  leader: string;
  role: string;
  commitIndex: number;
  appliedIndex: number;
  firstIndex: number;
  snapshotIndex: number;
  members: McgMemberView[];
  /** True while this member catches up on entries it lost (it neither votes nor counts toward a quorum). */
  recovering: boolean;
}

/** The MCG on one node. */
export class MeshControlGroup {
  readonly state = new McgState();
  private raft: RaftNode | null = null;
  private hub: SubscriptionHub;
  private reconcileTimer: NodeJS.Timeout | null = null;
  private reconciling = false;
  /** Commands applied in the current batch, by index (reported after the batch). */
  private lastCommands = new Map<number, McgCommand>();
  /** This member's digests at the last few check entries, by index. */
  private checkDigests = new Map<number, CheckDigests>();

  constructor(private readonly d: McgDeps) {
    this.hub = new SubscriptionHub({
      entries: (from, to) => this.raft?.core?.log.slice(from, to) ?? [],
      firstIndex: () => this.raft?.core?.log.firstIndex ?? 1,
      applied: () => this.state.applied,
      isDuplicate: (i) => this.state.duplicates.has(i),
      loadAck: (k) => d.backend.readMeta(k),
      storeAck: async (k, v) => { await d.backend.write([{ op: 'put-meta', key: k, value: v }]); },
    }, d.selfId);
  }

  /** Whether the group runs on this node. */
  get running(): boolean {
    return this.raft !== null;
  }

  /** Starts the group from storage (a member that seeded it names itself the first voter). */
  async start(): Promise<void> {
    if (this.raft) return;
    const seeded = this.d.backend.readMeta('seeded') === 1;
    this.raft = new RaftNode({
      group: MCG_GROUP, selfId: this.d.selfId, backend: this.d.backend, send: this.d.send, log: this.d.log,
      sm: {
        apply: (e) => { this.state.apply(e); this.noteApplied(e.index); },
        snapshot: () => this.state.snapshot(),
        restore: (data, index) => {
          this.state.restore(data, index);
          this.d.onRestored?.();
        },
      },
      options: this.d.options, onApplied: (e) => this.applied(e), forwardRetryMs: this.d.options.tickMs * this.d.options.electionTicks,
    });
    await this.raft.start(seeded ? [this.d.selfId] : []);
    this.reconcileTimer = setInterval(() => void this.reconcile(), Math.max(200, this.d.options.tickMs * 5));
    this.reconcileTimer.unref();
  }

  /** Creates the group with this node as its only voter and commits the mesh's first entry. */
  async bootstrap(seed: Extract<McgCommand, { t: 'seed' }>): Promise<number> {
    await this.d.backend.write([{ op: 'put-meta', key: 'seeded', value: 1 }]);
    await this.start();
    this.raft!.campaignNow();
    return this.raft!.propose(encodeCommand(seed));
  }

  /** Stops the group on this node; subscriptions end with ERR_UNAVAILABLE. */
  stop(): void {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    this.reconcileTimer = null;
    this.raft?.stop();
    this.raft = null;
    this.hub.closeAll(new MeshError(ErrorCode.Unavailable, 'the node left the control group'));
  }

  /**
   * Forgets this node's copy of the group (after it left or was evicted): log, snapshot and
   * commit are dropped; term and vote are kept, so a vote is never cast twice in one term.
   */
  async wipe(): Promise<void> {
    this.stop();
    const hard = this.d.backend.readHard() ?? { term: 0, vote: null, commit: 0 };
    await this.d.backend.write([
      { op: 'delete-from', index: 0 }, { op: 'delete-snapshot' }, { op: 'put-hard', hard: { ...hard, commit: 0 } }, { op: 'put-meta', key: 'seeded', value: 0 },
    ]);
    Object.assign(this.state, new McgState());
  }

  /** Handles a consensus body from node `from`. */
  receive(from: string, b: RaftBody): void {
    if (b.g === MCG_GROUP) this.raft?.receive(from, b);
  }

  /**
   * Proposes a command; resolves with its index once applied on this node.
   * @throws MeshError ERR_FAILED_PRECONDITION (not in a mesh), ERR_PAYLOAD_TOO_LARGE, and the
   * errors of {@link RaftNode.propose}.
   */
  propose(cmd: McgCommand): Promise<number> {
    if (!this.raft) return Promise.reject(new MeshError(ErrorCode.FailedPrecondition, 'not a member of a mesh'));
    const data = encodeCommand(cmd);
    if (data.length > this.d.options.maxUpdateBytes + 4096) {
      return Promise.reject(new MeshError(ErrorCode.PayloadTooLarge, `update larger than ${this.d.options.maxUpdateBytes} bytes`));
    }
    return this.raft.propose(data);
  }

  /** Resolves once this node has applied `index`. */
  waitApplied(index: number): Promise<number> {
    if (!this.raft) return Promise.reject(new MeshError(ErrorCode.FailedPrecondition, 'not a member of a mesh'));
    return this.raft.waitApplied(index);
  }

  /** Subscribes to one kind of update; see {@link SubscriptionHub.subscribe}. */
  subscribe(kind: UpdateKind, from: number, subscriberId: string, window: number, sink: UpdateSink): UpdateSubscription {
    if (!this.raft) throw new MeshError(ErrorCode.FailedPrecondition, 'not a member of a mesh');
    return this.hub.subscribe(kind, from, subscriberId, window, sink);
  }

  /** Drops a subscription whose client went away. */
  unsubscribe(sub: UpdateSubscription): void {
    this.hub.remove(sub);
  }

  /** Whether `nodeId` (default: this node) is in the latest Raft configuration (as voter or learner). */
  inConfiguration(nodeId = this.d.selfId): boolean {
    const c = this.raft?.core;
    return !!c && membersOf(c.conf).includes(nodeId);
  }

  /** The group's state for GetMeshStatus. */
  status(): McgStatus | null {
    const c = this.raft?.core;
    if (!c) return null;
    const progress = new Map(c.progressView().map((p) => [p.id, p.match]));
    const ids = new Set([...membersOf(c.conf), ...this.state.members.keys()]);
    const members = [...ids].map((nodeId): McgMemberView => ({
      nodeId,
      role: c.conf.voters.includes(nodeId) ? 'voter' : c.conf.learners.includes(nodeId) ? 'learner' : 'none',
      matchIndex: nodeId === this.d.selfId ? c.log.lastIndex : progress.get(nodeId) ?? 0,
    }));
    return {
      term: c.term, leader: c.leader ?? '', role: c.isLearner ? 'learner' : c.role, commitIndex: c.commit, appliedIndex: c.applied,
      firstIndex: c.log.firstIndex, snapshotIndex: c.snapshot?.index ?? 0, members, recovering: c.recovering,
    };
  }

  private applied(entries: Entry[]): void {
    // The state machine applied them already; report the commands in order.
    for (const e of entries) {
      if (e.kind !== 'data') continue;
      const last = this.lastCommands.get(e.index);
      if (last) this.d.onCommand(last, e.index, e.index <= (this.raft?.recoveredCommit ?? 0));
    }
    this.lastCommands.clear();
    this.hub.onApplied();
    void this.reconcile();
  }

  /** This member's digests at the check entry at `index` (digest.ts), while remembered. */
  checkDigest(index: number): CheckDigests | undefined {
    return this.checkDigests.get(index);
  }

  /** Records each applied command for {@link applied}; digests state and log at a check entry. */
  private noteApplied(index: number): void {
    const l = this.state.last;
    if (l.t === 'command' && l.cmd.t === 'check') {
      const logFrom = logFromOf(index);
      this.checkDigests.set(index, { state: stateDigest(this.state.snapshot()), log: logDigest(this.raft?.core?.log.slice(logFrom + 1, index) ?? [], logFrom, index), logFrom });
      if (this.checkDigests.size > MAX_CHECK_DIGESTS) this.checkDigests.delete(this.checkDigests.keys().next().value as number);
    }
    if (l.t === 'command') this.lastCommands.set(index, l.cmd);
    else if (l.t === 'malformed') this.d.log.warn({ index, err: l.message }, 'malformed control-group entry skipped');
  }

  /**
   * Leader only: one configuration change toward the members the log records: remove members
   * that left or were evicted, add new members as learners, promote caught-up learners (in join
   * order) while there are fewer voters than wanted.
   */
  private async reconcile(): Promise<void> {
    const c = this.raft?.core;
    if (!c || c.role !== 'leader' || this.reconciling || c.confIndex > c.commit) return;
    const members = this.state.members;
    const inConf = membersOf(c.conf);
    const gone = inConf.find((id) => !members.has(id));
    const fresh = [...members.values()].filter((m) => !inConf.includes(m.nodeId)).sort((a, b) => a.since - b.since)[0];
    const progress = new Map(c.progressView().map((p) => [p.id, p.match]));
    const wanted = Math.min(this.d.options.voters, members.size);
    const ready = c.conf.voters.length < wanted
      ? c.conf.learners.map((id) => members.get(id)).filter((m) => m && (progress.get(m.nodeId) ?? 0) + PROMOTE_LAG_ENTRIES >= c.log.lastIndex)
        .sort((a, b) => a!.since - b!.since)[0]
      : undefined;
    const change = gone ? { type: 'remove' as const, id: gone } : fresh ? { type: 'add-learner' as const, id: fresh.nodeId } : ready ? { type: 'add-voter' as const, id: ready.nodeId } : null;
    if (!change) return;
    this.reconciling = true;
    try {
      await this.raft!.proposeConfChange(change);
      this.d.log.info({ change }, 'control group configuration changed');
    } catch (err) {
      this.d.log.debug({ change, err: (err as Error).message }, 'control group configuration change deferred');
    } finally {
      this.reconciling = false;
    }
  }
}
