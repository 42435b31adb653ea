/**
 * One simulated member: the real {@link RaftCore}, its records on a {@link MemoryRaftBackend}
 * through the real storage logic (`planReady`, `planCompact`, `planRecover`), and the key-value
 * state machine. A restart recovers from the backend exactly as a node recovers from LMDB.
 */
import { RaftCore, planCompact, planLostAll, planReady, planRecover, type Entry, type RaftOptions, type Ready, type Snapshot } from '../../src/main/consensus/index.js';
import { MemoryRaftBackend, type RaftWriteOp } from '../../src/main/storage/index.js';
import { decodePut, decodeState, encodeState, type InFlightOp } from './kv.js';

/** A member process of the simulation. */
export class SimMember {
  readonly backend = new MemoryRaftBackend();
  core: RaftCore | null = null;
  kv = new Map<string, string>();
  appliedIndex = 0;
  wasLeader = false;
  /** Client writes proposed here, by index. */
  puts = new Map<number, InFlightOp>();
  /** Client reads asked here, by ctx; then waiting for `index` to be applied. */
  reads = new Map<number, InFlightOp>();
  /** Set when the whole store was lost, until the member has recovered. */
  private lostStore = false;
  /** Set when the last recovery cut a bad tail. */
  repaired: string | null = null;

  constructor(readonly id: string) {}

  /** Starts (or restarts) the member from what its backend holds. */
  start(options: RaftOptions): void {
    const { state, repaired, repairs } = planRecover(this.backend);
    this.backend.write(repairs);
    this.repaired = repaired ? `${repaired.reason} at ${repaired.truncatedFrom}` : null;
    this.core = new RaftCore(options, state);
    this.kv = state.snapshot ? decodeState(state.snapshot.data) : new Map();
    this.appliedIndex = state.snapshot?.index ?? 0;
    this.wasLeader = false;
  }

  /**
   * Damaged storage while stopped: the last `n` stored entries are gone (never the snapshot's
   * sentinel entry); the hard state and the log-end marker stay. Returns the first index lost, or
   * 0 when there was nothing to lose.
   */
  loseTail(n: number): number {
    const keys = [...this.backend.readEntries()].map(([k]) => k);
    const keep = Math.max(this.backend.readSnapshot() ? 1 : 0, keys.length - n);
    if (keep >= keys.length) return 0;
    this.backend.write([{ op: 'delete-from', index: keys[keep] }]);
    return keys[keep];
  }

  /**
   * The whole store lost while stopped and replaced as `meshd repair` does: no entries, no
   * snapshot, no term or vote, only the {@link planLostAll} marker.
   */
  loseAll(): void {
    this.lostStore = true;
    this.backend.write([{ op: 'delete-from', index: 0 }, { op: 'delete-snapshot' }, { op: 'put-hard', hard: { term: 0, vote: null, commit: 0 } }, ...planLostAll()]);
  }

  /** True from {@link loseAll} until the member has caught up again (it may crash meanwhile). */
  recoveringStore(): boolean {
    if (this.lostStore && this.core && !this.core.recovering) this.lostStore = false;
    return this.lostStore;
  }

  /** Stops the member; what it had not persisted is gone. */
  crash(): void {
    this.core = null;
  }

  /** The writes a Ready's persist step makes. */
  persistOps(r: Ready): RaftWriteOp[] {
    return planReady(r);
  }

  /** Whether `ops` only append after the stored log (no stored entry is replaced or removed). */
  appendsOnly(ops: RaftWriteOp[]): boolean {
    let last = 0;
    for (const [k] of this.backend.readEntries()) last = k;
    return ops.every((o) => o.op === 'put-entry' || o.op === 'put-hard' || o.op === 'put-meta' || (o.op === 'delete-from' && o.index > last));
  }

  /** Restores the state machine from an installed snapshot. */
  restore(s: Snapshot): void {
    this.kv = decodeState(s.data);
    this.appliedIndex = s.index;
  }

  /** Applies one committed entry to the state machine. */
  apply(e: Entry): void {
    if (e.kind === 'data') {
      const p = decodePut(e.data);
      this.kv.set(p.key, p.value);
    }
    this.appliedIndex = e.index;
  }

  /** Takes a snapshot at the applied index, compacts the core's log and stores both. */
  snapshot(): Snapshot {
    const { snapshot, firstIndex } = this.core!.compact(this.appliedIndex, new TextEncoder().encode(encodeState(this.kv)));
    this.backend.write(planCompact(snapshot, firstIndex));
    return snapshot;
  }
}
