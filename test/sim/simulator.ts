/**
 * Deterministic simulation of a Raft group: the real {@link RaftCore} and the real storage logic
 * (on memory backends) driven by a virtual clock and a network that drops, duplicates, delays and
 * reorders messages, partitions and heals, and crashes and restarts members (a crash loses what
 * the member had not persisted; with buggify a crash can tear the batch it was appending, which
 * recovery must cut). Leaders make membership changes (learners added, promoted, members removed),
 * hand leadership over, and take snapshots that lagging members install. Clients put and get
 * keys (gets through ReadIndex); the history is checked for linearizability. Everything random
 * comes from one seeded {@link Rng}, so a seed replays exactly.
 *
 * Checked while it runs and at the end (Raft paper fig. 3):
 * - election safety: at most one leader per term;
 * - state machine safety: every member applies the same entry at each index, in index order, and
 *   every snapshot holds the state the reference sequence had at its index;
 * - leader completeness: a new leader's log holds every entry committed before;
 * - log matching: two logs with the same term at an index agree on every entry up to it;
 * - durability: after healing, every write a client saw acknowledged is applied on every member
 *   of the final configuration;
 * - linearizability of the client history (Wing-Gong).
 */
import { applyConfChange, membersOf, type ConfChange, type Entry, type RaftMessage } from '../../src/main/consensus/index.js';
import { encodePut, encodeState, History } from './kv.js';
import { checkLinearizable } from './linearizability.js';
import { Rng } from './rng.js';
import { SimMember } from './sim-member.js';

/** Knobs of one run. */
export interface SimOptions {
  seed: number;
  /** Processes; the group starts with 3 voters, 1 learner and the rest outside. */
  members?: number;
  /** Ticks with faults, then up to `settleTicks` without. */
  ticks?: number;
  settleTicks?: number;
  /**
   * Make rare paths common: leader crashes right after proposals and membership changes, leader
   * isolation, duplicate bursts, torn appends, frequent snapshots (so lagging members install them)
   * and leadership transfers.
   */
  buggify?: boolean;
}

/** Outcome of a run. */
export interface SimResult {
  seed: number;
  acknowledged: number;
  elections: number;
  crashes: number;
  partitions: number;
  confChanges: number;
  snapshotsInstalled: number;
  transfers: number;
  tornWrites: number;
  /** Restarts of a minority member that lost the synced tail of its log. */
  lostTails: number;
  /** Restarts of a minority member that lost its whole store (repaired with the LOST_ALL marker). */
  lostStores: number;
  ops: number;
  trace: string[];
}

interface InFlight {
  at: number;
  msg: RaftMessage;
}

const ELECTION_TICKS = 10;
const HEARTBEAT_TICKS = 2;
const KEYS = ['x', 'y'];
const CLIENTS = 3;
const CLIENT_TIMEOUT_TICKS = 60;

/** A failed check: carries the seed so it can be replayed with SIM_SEED. */
export class SimViolation extends Error {
  constructor(readonly seed: number, message: string, readonly trace: string[]) {
    super(`seed ${seed}: ${message}\n  replay: SIM_SEED=${seed} npm test\n  last events:\n    ${trace.slice(-25).join('\n    ')}`);
  }
}

/** Runs one seeded simulation; throws {@link SimViolation} when a check fails. */
export function simulate(o: SimOptions): SimResult {
  const sim = new Simulation(o);
  try {
    return sim.run();
  } catch (e) {
    if (e instanceof SimViolation) throw e;
    throw new SimViolation(o.seed, `unexpected error: ${(e as Error).stack}`, []);
  }
}

class Simulation {
  private rng: Rng;
  private members: SimMember[];
  private ids: string[];
  private net: InFlight[] = [];
  private now = 0;
  /** Member id -> partition side (members talk only within a side). */
  private side = new Map<string, number>();
  private leaders = new Map<number, string>();
  private committed = new Map<number, Entry>();
  /** State after applying each index, recorded by the first member to apply it. */
  private states = new Map<number, string>([[0, '[]']]);
  private acked = new Map<number, string>();
  private history = new History();
  private idle = Array.from({ length: CLIENTS }, () => true);
  private trace: string[] = [];
  private stats = { elections: 0, crashes: 0, partitions: 0, confChanges: 0, snapshotsInstalled: 0, transfers: 0, tornWrites: 0, lostTails: 0, lostStores: 0 };
  private nextValue = 1;
  private nextCtx = 1;
  private settling = false;

  constructor(private readonly o: SimOptions) {
    this.rng = new Rng(o.seed);
    this.ids = Array.from({ length: o.members ?? 5 }, (_, i) => `n${i + 1}`);
    this.members = this.ids.map((id) => new SimMember(id));
    for (const m of this.members) this.start(m);
  }

  run(): SimResult {
    const ticks = this.o.ticks ?? 600;
    for (; this.now < ticks; this.now++) {
      this.faults();
      this.step();
    }
    this.healAll();
    this.settling = true;
    const settle = this.o.settleTicks ?? 400;
    for (let i = 0; i < settle && !this.settled(); i++, this.now++) this.step();
    this.finalChecks();
    return { seed: this.o.seed, acknowledged: this.acked.size, ops: this.history.checked().length, ...this.stats, trace: this.trace };
  }

  private fail(message: string): never {
    throw new SimViolation(this.o.seed, message, this.trace);
  }

  private log(event: string): void {
    this.trace.push(`t=${this.now} ${event}`);
  }

  private start(m: SimMember): void {
    const b = this.o.buggify;
    m.start({
      id: m.id, voters: this.ids.slice(0, 3), learners: this.ids.slice(3, 4), electionTicks: ELECTION_TICKS, heartbeatTicks: HEARTBEAT_TICKS,
      snapshotEntries: b ? 8 : 40, retainEntries: b ? this.rng.int(3) : 5, random: () => this.rng.next(),
    });
    if (m.repaired) this.log(`${m.id} recovery cut ${m.repaired}`);
  }

  /** One tick: clocks, message delivery, clients, leader actions, then each member's Ready. */
  private step(): void {
    for (const m of this.members) m.core?.tick();
    const due = this.net.filter((f) => f.at <= this.now);
    this.net = this.net.filter((f) => f.at > this.now);
    for (const f of this.rng.shuffle(due)) this.memberOf(f.msg.to).core?.step(f.msg);
    this.clients();
    if (!this.settling) this.leaderActions();
    for (const m of this.members) if (m.core?.hasReady()) this.handleReady(m);
    // A leader counts once the Ready that made it one is durable (a crash before that leaves no trace).
    this.checkLeaders();
  }

  private memberOf(id: string): SimMember {
    return this.members.find((m) => m.id === id)!;
  }

  /**
   * Whether losing `m`'s log tail hits a minority: the leader's configuration has `m` as a learner
   * or has at least three voters, and no other member is recovering lost entries or down. (A
   * majority that lost acknowledged entries cannot be repaired by any protocol.)
   */
  private minority(m: SimMember): boolean {
    const conf = this.leader()?.core?.conf;
    if (!conf) return false;
    if (this.members.some((x) => x !== m && (!x.core || x.core.recovering))) return false;
    return !conf.voters.includes(m.id) || conf.voters.length >= 3;
  }

  private leader(): SimMember | undefined {
    return this.members.find((m) => m.core?.role === 'leader');
  }

  /** Each idle client may put or get a key through a member (mostly the leader). */
  private clients(): void {
    this.expireClientOps();
    for (let c = 0; c < CLIENTS; c++) {
      if (!this.idle[c] || !this.rng.chance(0.3)) continue;
      const up = this.members.filter((m) => m.core);
      const m = this.rng.chance(0.8) ? this.leader() ?? this.rng.pick(up) : this.rng.pick(up);
      if (!m?.core || m.core.role !== 'leader') continue;
      const key = this.rng.pick(KEYS);
      if (this.rng.chance(0.5)) {
        const value = `v${this.nextValue++}`;
        let placed: { index: number; term: number };
        try {
          placed = m.core.propose(encodePut({ key, value }));
        } catch {
          continue; // handing leadership over: refused before anything happened
        }
        m.puts.set(placed.index, { op: this.history.invoke(key, 'put', value), client: c, since: this.now, ...placed });
        if (this.o.buggify && !this.settling && this.rng.chance(0.03)) this.crash(m, 'leader right after a proposal');
      } else {
        const ctx = this.nextCtx++;
        m.reads.set(ctx, { op: this.history.invoke(key, 'get', null), client: c, since: this.now });
        m.core.readIndex(ctx);
      }
      this.idle[c] = false;
    }
  }

  /** A client gives up after a while: a write's outcome stays unknown, a read fails. */
  private expireClientOps(): void {
    for (const m of this.members) {
      for (const [i, f] of m.puts) if (this.now - f.since > CLIENT_TIMEOUT_TICKS) { m.puts.delete(i); this.idle[f.client] = true; }
      for (const [ctx, f] of m.reads) if (this.now - f.since > CLIENT_TIMEOUT_TICKS) { m.reads.delete(ctx); this.history.drop(f.op); this.idle[f.client] = true; }
    }
  }

  /** Membership changes and leadership transfers. */
  private leaderActions(): void {
    const l = this.leader();
    const b = this.o.buggify;
    if (!l?.core || !this.rng.chance(b ? 0.05 : 0.01)) return;
    const core = l.core;
    if (this.rng.chance(0.2)) {
      const to = this.rng.pick(core.conf.voters);
      if (to === l.id) return;
      try {
        core.transferLeadership(to);
      } catch {
        return; // a transfer is already under way
      }
      this.stats.transfers++;
      this.log(`${l.id} hands leadership to ${to}`);
      return;
    }
    // The operator's rule (README "Guarantees"): no membership change while a member is
    // rebuilding a lost store, which could make that member part of every quorum.
    if (this.members.some((x) => x.recoveringStore())) return;
    const id = this.rng.pick(this.ids);
    const cc: ConfChange = core.conf.voters.includes(id) ? { type: 'remove', id }
      : core.conf.learners.includes(id) ? { type: this.rng.chance(0.7) ? 'add-voter' : 'remove', id } : { type: 'add-learner', id };
    try {
      applyConfChange(core.conf, cc);
      core.proposeConfChange(cc);
    } catch {
      return; // refused: another change in flight, no entry of the term committed yet, or the last voter
    }
    this.stats.confChanges++;
    this.log(`${l.id} proposes ${cc.type} ${id}`);
    if (b && this.rng.chance(0.3)) {
      if (this.rng.chance(0.5)) this.crash(l, 'leader during a membership change');
      else this.isolate(l);
    }
  }

  private handleReady(m: SimMember): void {
    const core = m.core!;
    const r = core.ready();
    const ops = m.persistOps(r);
    if (this.o.buggify && !this.settling && this.rng.chance(0.02) && ops.some((o) => o.op === 'put-entry') && !r.snapshot && m.appendsOnly(ops)) {
      // Crash mid-append: a prefix of the new entries lands, the next one torn, hard state not at all.
      const puts = ops.filter((o) => o.op === 'put-entry');
      const k = this.rng.int(puts.length);
      const torn = puts[k];
      m.backend.write([...puts.slice(0, k), { ...torn, bytes: torn.bytes.subarray(0, this.rng.int(torn.bytes.length)) }]);
      this.stats.tornWrites++;
      return this.crash(m, `torn append at ${torn.index}`);
    }
    m.backend.write(ops);
    if (r.snapshot) {
      this.checkState(m, r.snapshot.index, new TextDecoder().decode(r.snapshot.data), 'installed snapshot');
      this.abandonBelow(m, r.snapshot.index);
      m.restore(r.snapshot);
      this.stats.snapshotsInstalled++;
      this.log(`${m.id} installs snapshot at ${r.snapshot.index}`);
    }
    for (const msg of r.messages) this.send(msg);
    for (const e of r.committed) this.apply(m, e);
    for (const rs of r.reads) {
      const f = m.reads.get(rs.ctx);
      if (!f) continue;
      if (rs.index === null) {
        m.reads.delete(rs.ctx);
        this.history.drop(f.op);
        this.idle[f.client] = true;
      } else f.index = rs.index;
    }
    this.serveReads(m);
    core.advance(r);
    if (r.snapshotDue) {
      const s = m.snapshot();
      this.checkState(m, s.index, new TextDecoder().decode(s.data), 'snapshot taken');
    }
  }

  private send(msg: RaftMessage): void {
    if (this.side.get(msg.from) !== this.side.get(msg.to)) return;
    if (this.rng.chance(0.05)) return; // dropped
    const copies = this.rng.chance(this.o.buggify ? 0.1 : 0.02) ? 2 : 1; // duplicated
    for (let i = 0; i < copies; i++) this.net.push({ at: this.now + 1 + this.rng.int(3), msg }); // delayed, reordered
  }

  private apply(m: SimMember, e: Entry): void {
    if (e.index !== m.appliedIndex + 1) this.fail(`${m.id} applied index ${e.index} after ${m.appliedIndex}`);
    const first = this.committed.get(e.index);
    if (!first) this.committed.set(e.index, e);
    else if (first.term !== e.term || !sameBytes(first.data, e.data)) {
      this.fail(`state machine safety: ${m.id} applied term ${e.term} at ${e.index}, another member term ${first.term}`);
    }
    m.apply(e);
    if (!this.states.has(e.index)) this.states.set(e.index, encodeState(m.kv));
    const f = m.puts.get(e.index);
    if (f) {
      m.puts.delete(e.index);
      this.idle[f.client] = true;
      if (f.term === e.term) {
        this.history.complete(f.op);
        this.acked.set(e.index, new TextDecoder().decode(e.data));
      } else this.history.drop(f.op); // overwritten before commit: it never took effect
    }
  }

  /** Answers reads whose index the member has applied. */
  private serveReads(m: SimMember): void {
    for (const [ctx, f] of m.reads) {
      if (f.index === undefined || m.appliedIndex < f.index) continue;
      m.reads.delete(ctx);
      this.history.complete(f.op, m.kv.get(f.op.key) ?? null);
      this.idle[f.client] = true;
    }
  }

  /** Client operations a member can no longer answer: writes become of unknown outcome, reads fail. */
  private abandonBelow(m: SimMember, index: number): void {
    for (const [i, f] of m.puts) {
      if (i > index) continue;
      m.puts.delete(i);
      this.idle[f.client] = true;
    }
  }

  private checkState(m: SimMember, index: number, state: string, what: string): void {
    const ref = this.states.get(index);
    if (ref !== undefined && ref !== state) this.fail(`state machine safety: ${m.id} ${what} at ${index} differs from the applied state`);
  }

  private checkLeaders(): void {
    for (const m of this.members) {
      const c = m.core;
      const isLeader = c?.role === 'leader';
      if (isLeader && !m.wasLeader) {
        const prev = this.leaders.get(c.term);
        if (prev && prev !== m.id) this.fail(`election safety: ${prev} and ${m.id} both lead term ${c.term}`);
        this.leaders.set(c.term, m.id);
        this.stats.elections++;
        this.log(`${m.id} leads term ${c.term}`);
        for (const [index, e] of this.committed) {
          if (index > c.log.offset && c.log.termAt(index) !== e.term) this.fail(`leader completeness: ${m.id} (term ${c.term}) lacks committed ${index}@${e.term}`);
        }
      }
      m.wasLeader = isLeader;
    }
  }

  private faults(): void {
    const r = this.rng;
    const up = this.members.filter((m) => m.core);
    const down = this.members.filter((m) => !m.core);
    if (down.length && r.chance(0.02)) {
      const m = r.pick(down);
      // Storage failure on one member at a time: the synced tail of its log is gone (entries it
      // acknowledged), its term, vote and the marker of where its log ended survive.
      if (r.chance(this.o.buggify ? 0.3 : 0.1) && this.minority(m)) {
        if (r.chance(0.25)) {
          m.loseAll();
          this.stats.lostStores++;
          this.log(`${m.id} lost its whole store`);
          // The dangerous moment: an election while it is back with nothing (its vote could elect
          // a candidate lacking entries it had acknowledged).
          const l = this.leader();
          if (this.o.buggify && l && r.chance(0.5)) this.isolate(l);
        } else {
          const lost = m.loseTail(1 + r.int(6));
          if (lost) {
            this.stats.lostTails++;
            this.log(`${m.id} lost its log from ${lost}`);
          }
        }
      }
      this.start(m);
      this.log(`${m.id} restarts`);
    }
    if (up.length > Math.ceil(this.members.length / 2) && r.chance(0.01)) this.crash(r.pick(up), 'random');
    if (r.chance(0.01)) this.partition();
    if (this.side.size && r.chance(0.02)) this.heal();
  }

  private crash(m: SimMember, why: string): void {
    for (const f of m.puts.values()) this.idle[f.client] = true; // outcome unknown: stays in the history as such
    for (const f of m.reads.values()) {
      this.history.drop(f.op);
      this.idle[f.client] = true;
    }
    m.puts.clear();
    m.reads.clear();
    m.crash();
    this.stats.crashes++;
    this.log(`${m.id} crashes (${why})`);
  }

  private partition(): void {
    this.side.clear();
    const leader = this.leader();
    if (this.o.buggify && leader && this.rng.chance(0.5)) return this.isolate(leader);
    for (const m of this.members) this.side.set(m.id, this.rng.int(2));
    this.log(`partition ${this.members.map((m) => `${m.id}:${this.side.get(m.id)}`).join(' ')}`);
    this.stats.partitions++;
  }

  private isolate(leader: SimMember): void {
    for (const m of this.members) this.side.set(m.id, m === leader ? 1 : 0);
    this.log(`partition isolates leader ${leader.id}`);
    this.stats.partitions++;
  }

  private heal(): void {
    this.side.clear();
    this.log('heal');
  }

  private healAll(): void {
    this.heal();
    for (const m of this.members) {
      if (!m.core) {
        this.start(m);
        this.log(`${m.id} restarts for the settle phase`);
      }
    }
  }

  /** Members of the final configuration, as the current leader knows it. */
  private finalMembers(): SimMember[] | null {
    const l = this.leader();
    return l ? membersOf(l.core!.conf).map((id) => this.memberOf(id)) : null;
  }

  /** A leader exists and every final member applied every acknowledged write. */
  private settled(): boolean {
    const max = Math.max(0, ...this.acked.keys());
    const members = this.finalMembers();
    return !!members && members.every((m) => m.appliedIndex >= max);
  }

  private finalChecks(): void {
    const members = this.finalMembers();
    if (!members) this.fail(`no leader after healing: ${this.members.map((m) => describe(m)).join('; ')}`);
    for (const [index, data] of this.acked) {
      const e = this.committed.get(index);
      if (!e || new TextDecoder().decode(e.data) !== data) this.fail(`durability: acknowledged write ${data} at ${index} is not the committed entry`);
      for (const m of members) if (m.appliedIndex < index) this.fail(`durability: ${m.id} has not applied acknowledged write ${data} at ${index}`);
    }
    for (const m of members) {
      if (this.states.get(m.appliedIndex) !== encodeState(m.kv)) this.fail(`state machine safety: ${m.id}'s state at ${m.appliedIndex} differs`);
    }
    this.checkLogMatching();
    const lin = checkLinearizable(this.history.checked());
    if (!lin.ok) this.fail(`linearizability: the history of key ${lin.key} has no legal order (${lin.ops.length} ops)`);
  }

  private checkLogMatching(): void {
    for (const a of this.members) {
      for (const b of this.members) {
        if (a.id >= b.id) continue;
        const la = a.core!.log;
        const lb = b.core!.log;
        const floor = Math.max(la.offset, lb.offset);
        let i = Math.min(la.lastIndex, lb.lastIndex);
        while (i > floor && la.termAt(i) !== lb.termAt(i)) i--;
        for (let j = i; j > floor; j--) {
          const ea = la.slice(j, j)[0];
          const eb = lb.slice(j, j)[0];
          if (ea.term !== eb.term || !sameBytes(ea.data, eb.data)) this.fail(`log matching: ${a.id} and ${b.id} differ at ${j} below ${i}`);
        }
      }
    }
  }
}

function describe(m: SimMember): string {
  const c = m.core!;
  return `${m.id} ${c.role} term ${c.term} last ${c.log.lastIndex}@${c.log.lastTerm} commit ${c.commit} voters [${c.conf.voters}] learners [${c.conf.learners}]`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
