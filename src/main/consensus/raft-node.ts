/**
 * Drives one {@link RaftCore} on a node: a tick timer, durable storage through a
 * {@link RaftBackend} (LMDB on a node), the mesh transport, and the application's state machine.
 *
 * Each Ready is handled in the order the core prescribes: persist (one synced transaction), send,
 * apply, advance, then take a snapshot when due. Nothing is acknowledged before it is durable.
 * Inputs (ticks, messages, proposals) that arrive while a Ready is being persisted wait and are
 * stepped together afterwards, which batches many proposals into one synced write (group commit).
 *
 * Proposals made on a follower are forwarded to the leader over the mesh and answered once the
 * entry is applied on the leader and then here, so a caller reads its own write on its node.
 */
import { ErrorCode, MeshError, fromRecord, toRecord } from '../../shared/errors.js';
import type { Logger } from '../observability/logger.js';
import { planCompact, planReady, recover, type RaftBackend } from './raft-log.js';
import { RaftCore } from './raft.js';
import { raftBody, type RaftBody } from './transport.js';
import type { ConfChange, Entry, MemberId, Ready } from './types.js';

/** The application side of a group. */
export interface StateMachine {
  /** Applies one committed entry (every kind, in index order). */
  apply(e: Entry): void;
  /** The state as of the last applied entry, for a snapshot. */
  snapshot(): Uint8Array;
  /** Replaces the state by a snapshot's (taken at `index`). */
  restore(data: Uint8Array, index: number): void;
}

/** Timing and sizes of a group (ms and entries). */
export interface RaftNodeOptions {
  tickMs: number;
  electionTicks: number;
  heartbeatTicks: number;
  snapshotEntries: number;
  retainEntries: number;
  /** A proposal not applied within this time is answered ERR_UNAVAILABLE (it may still commit). */
  proposeTimeoutMs: number;
}

/** What a {@link RaftNode} needs. */
export interface RaftNodeDeps {
  group: string;
  selfId: MemberId;
  backend: RaftBackend;
  sm: StateMachine;
  /** Sends a consensus body to another node (routed over the mesh). */
  send(to: MemberId, body: RaftBody): void;
  log: Logger;
  options: RaftNodeOptions;
  /**
   * Send an unanswered forwarded proposal again this often (ms). Set it only when the state
   * machine applies a proposal that arrives twice once (the MCG does, by request id).
   */
  forwardRetryMs?: number;
  /** Called after each batch of applied entries. */
  onApplied?(entries: Entry[]): void;
}

interface Waiter {
  resolve(index: number): void;
  reject(err: Error): void;
}

/** One member of one group, on a node. */
export class RaftNode {
  core: RaftCore | null = null;
  private queue: Array<() => void> = [];
  private pumping = false;
  private timer: NodeJS.Timeout | null = null;
  private proposals = new Map<number, { term: number } & Waiter>();
  private appliedWaiters: Array<{ index: number } & Waiter> = [];
  private forwards = new Map<number, Waiter>();
  private nextForward = 1;
  private stopped = false;
  /** The hard state last written. */
  private storedHard = { term: 0, vote: null as MemberId | null, commit: 0 };
  /**
   * The commit index stored before this start (0 before {@link start}): entries up to it were
   * applied before a restart, and applying them again now is a replay.
   */
  recoveredCommit = 0;

  constructor(private readonly d: RaftNodeDeps) {}

  /** The index of the last applied entry (0 before start). */
  get applied(): number {
    return this.core?.applied ?? 0;
  }

  /**
   * Loads the group from storage and starts ticking. `bootstrapVoters` is the initial
   * configuration of a new group (a seed names itself); a member joining an existing group passes
   * none and learns the configuration from its leader.
   */
  async start(bootstrapVoters: MemberId[] = []): Promise<void> {
    const { state, repaired } = await recover(this.d.backend);
    if (repaired) this.d.log.warn({ ...repaired }, 'raft log repaired at start: bad tail cut, the leader re-sends it');
    const o = this.d.options;
    this.core = new RaftCore({
      id: this.d.selfId, voters: bootstrapVoters, electionTicks: o.electionTicks, heartbeatTicks: o.heartbeatTicks,
      snapshotEntries: o.snapshotEntries, retainEntries: o.retainEntries,
    }, state);
    this.storedHard = { ...state.hardState };
    this.recoveredCommit = state.hardState.commit;
    if (state.snapshot) this.d.sm.restore(state.snapshot.data, state.snapshot.index);
    this.timer = setInterval(() => this.run(() => this.core!.tick()), o.tickMs);
    this.timer.unref();
    this.run(() => {});
  }

  /** Stops ticking; pending calls fail with ERR_UNAVAILABLE. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const err = new MeshError(ErrorCode.Unavailable, 'consensus group stopped');
    for (const w of [...this.proposals.values(), ...this.appliedWaiters, ...this.forwards.values()]) w.reject(err);
    this.proposals.clear();
    this.appliedWaiters = [];
    this.forwards.clear();
  }

  /** Starts an election now when this member may (skips waiting for the first timeout). */
  campaignNow(): void {
    this.run(() => this.core!.campaignNow());
  }

  /**
   * Proposes `data`; resolves with its index once it is committed and applied on this node.
   * @throws MeshError ERR_UNAVAILABLE (no leader elected, or not applied within the timeout: the
   * entry may still commit), ERR_ABORTED (leadership changed and the entry was dropped), or the leader's
   * refusal (ERR_FAILED_PRECONDITION while leadership is being handed over).
   */
  propose(data: Uint8Array): Promise<number> {
    return this.withTimeout((w) => this.proposeOrForward(data, w));
  }

  /**
   * Proposes a membership change on the leader; resolves once applied here.
   * @throws MeshError ERR_FAILED_PRECONDITION (not the leader, a change in flight), ERR_INVALID_ARGUMENT.
   */
  proposeConfChange(cc: ConfChange): Promise<number> {
    return this.withTimeout((w) => {
      const { index, term } = this.core!.proposeConfChange(cc);
      this.proposals.set(index, { term, ...w });
    });
  }

  /** Hands leadership to `to` (see {@link RaftCore.transferLeadership}). */
  transferLeadership(to: MemberId): void {
    this.run(() => this.core!.transferLeadership(to));
  }

  /** Resolves once this node has applied `index`. */
  waitApplied(index: number): Promise<number> {
    if (this.applied >= index) return Promise.resolve(index);
    return this.withTimeout((w) => this.appliedWaiters.push({ index, ...w }));
  }

  /** Handles a consensus body from node `from`. */
  receive(from: MemberId, b: RaftBody): void {
    if (b.k === 'raft') {
      if (b.m.from === from) this.run(() => this.core!.step(b.m));
    } else if (b.k === 'fwd') {
      this.run(() => this.onForward(from, b.id, b.data));
    } else if (b.k === 'fwd-resp') {
      const w = this.forwards.get(b.id);
      if (!w) return;
      if (b.code === ErrorCode.Unavailable && this.d.forwardRetryMs) return; // sent again to the new leader
      this.forwards.delete(b.id);
      if (b.index === undefined) w.reject(fromRecord({ code: (b.code ?? ErrorCode.Internal) as ErrorCode, message: b.message ?? 'refused by the leader' }));
      else this.waitApplied(b.index).then(w.resolve, w.reject);
    }
  }

  private onForward(from: MemberId, id: number, data: Uint8Array): void {
    const answer = (r: { index?: number; code?: string; message?: string }) => this.d.send(from, { g: this.d.group, k: 'fwd-resp', id, ...r });
    try {
      if (this.core!.role !== 'leader') throw new MeshError(ErrorCode.Unavailable, 'leadership moved while the proposal was forwarded; retry');
      const { index, term } = this.core!.propose(data);
      this.proposals.set(index, { term, resolve: (i) => answer({ index: i }), reject: (e) => answer(toRecord(e)) });
    } catch (err) {
      answer(toRecord(err));
    }
  }

  private proposeOrForward(data: Uint8Array, w: Waiter): void {
    const c = this.core!;
    if (c.role === 'leader') {
      const { index, term } = c.propose(data);
      this.proposals.set(index, { term, ...w });
      return;
    }
    if (!c.leader) {
      // Electing: try again next tick (the caller's timeout bounds the wait).
      setTimeout(() => this.run(() => {
        try {
          this.proposeOrForward(data, w);
        } catch (err) {
          w.reject(err as Error);
        }
      }), this.d.options.tickMs);
      return;
    }
    const id = this.nextForward++;
    this.forwards.set(id, w);
    this.d.send(c.leader, { g: this.d.group, k: 'fwd', id, data });
    setTimeout(() => this.forwards.delete(id), this.d.options.proposeTimeoutMs).unref(); // the caller has timed out by then
    if (this.d.forwardRetryMs) this.retryForward(id, data, this.d.forwardRetryMs);
  }

  /**
   * Sends a forwarded proposal again, to whoever leads now, until it is answered (a lost frame or
   * a leader change would otherwise leave it unanswered until the timeout). Only used when the
   * state machine applies a repeated proposal once ({@link RaftNodeDeps.forwardRetryMs}).
   */
  private retryForward(id: number, data: Uint8Array, everyMs: number): void {
    const timer = setInterval(() => this.run(() => {
      const w = this.forwards.get(id);
      if (!w || this.stopped) return clearInterval(timer);
      const c = this.core!;
      if (c.role === 'leader') {
        clearInterval(timer);
        this.forwards.delete(id);
        const { index, term } = c.propose(data);
        this.proposals.set(index, { term, ...w });
      } else if (c.leader) this.d.send(c.leader, { g: this.d.group, k: 'fwd', id, data });
    }), everyMs);
    timer.unref();
  }

  /** Runs `start(waiter)` in the input queue; rejects with ERR_UNAVAILABLE after the timeout. */
  private withTimeout(start: (w: Waiter) => void): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      if (this.stopped || !this.core) return reject(new MeshError(ErrorCode.Unavailable, 'consensus group not running'));
      let done = false;
      const timer = setTimeout(() => finish(() => reject(new MeshError(ErrorCode.Unavailable, `not committed within ${this.d.options.proposeTimeoutMs} ms; it may still commit`))), this.d.options.proposeTimeoutMs);
      const finish = (f: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        f();
      };
      const w: Waiter = { resolve: (i) => finish(() => resolve(i)), reject: (e) => finish(() => reject(e)) };
      this.run(() => {
        try {
          start(w);
        } catch (err) {
          w.reject(err as Error);
        }
      });
    });
  }

  /** Runs an input now, or after the Ready being persisted. */
  private run(fn: () => void): void {
    if (this.stopped || !this.core) return;
    this.queue.push(fn);
    if (!this.pumping) void this.pump();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (!this.stopped) {
        for (const fn of this.queue.splice(0)) fn();
        if (!this.core!.hasReady()) break;
        await this.handle(this.core!.ready());
      }
    } catch (err) {
      this.d.log.error({ err: (err as Error).message }, 'raft storage failed: the group stops');
      this.stop();
    } finally {
      this.pumping = false;
    }
  }

  private async handle(r: Ready): Promise<void> {
    const core = this.core!;
    // The commit index is volatile state (Raft paper fig. 2): a Ready that changes only it is not
    // worth a synced write of its own; it is stored with the next write (after a restart the
    // leader tells the member again). Term, vote and entries are always written before anything
    // that depends on them is sent.
    const h = r.hardState;
    const commitOnly = h && !r.snapshot && !r.entries.length && h.term === this.storedHard.term && h.vote === this.storedHard.vote;
    const ops = planReady(commitOnly ? { ...r, hardState: null } : r);
    if (ops.length) {
      if (!h && this.core!.commit !== this.storedHard.commit) ops.push({ op: 'put-hard', hard: core.hardState() });
      await this.d.backend.write(ops);
      this.storedHard = h && !commitOnly ? h : core.hardState();
    }
    if (r.snapshot) this.installed(r.snapshot.index, r.snapshot.data);
    for (const m of r.messages) this.d.send(m.to, raftBody(this.d.group, m));
    for (const e of r.committed) this.applyOne(e);
    core.advance(r);
    if (r.committed.length) {
      this.d.onApplied?.(r.committed);
      this.releaseApplied();
    }
    if (r.snapshot) this.releaseApplied();
    if (r.snapshotDue) {
      const { snapshot, firstIndex } = core.compact(core.applied, this.d.sm.snapshot());
      await this.d.backend.write(planCompact(snapshot, firstIndex));
    }
  }

  /** A snapshot from the leader replaced the state: proposals below it have an unknown outcome. */
  private installed(index: number, data: Uint8Array): void {
    this.d.sm.restore(data, index);
    for (const [i, p] of this.proposals) {
      if (i > index) continue;
      this.proposals.delete(i);
      p.reject(new MeshError(ErrorCode.Unavailable, 'replaced by a snapshot before its outcome was known here; it may have committed'));
    }
  }

  private applyOne(e: Entry): void {
    this.d.sm.apply(e);
    const p = this.proposals.get(e.index);
    if (!p) return;
    this.proposals.delete(e.index);
    if (p.term === e.term) p.resolve(e.index);
    else p.reject(new MeshError(ErrorCode.Aborted, 'leadership changed before the entry committed; it was not applied'));
  }

  private releaseApplied(): void {
    const applied = this.applied;
    const ready = this.appliedWaiters.filter((w) => w.index <= applied);
    if (!ready.length) return;
    this.appliedWaiters = this.appliedWaiters.filter((w) => w.index > applied);
    for (const w of ready) w.resolve(w.index);
  }
}

