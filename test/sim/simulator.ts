/**
 * Deterministic simulation of a Raft group: the real {@link RaftCore} driven by a virtual clock
 * and a network that drops, duplicates, delays and reorders messages, partitions and heals, and
 * crashes and restarts members (a crash loses whatever the member had not persisted: the Ready
 * of the tick it crashed in). Everything random comes from one seeded {@link Rng}, so a seed
 * replays exactly.
 *
 * Checked while it runs and at the end (Raft paper fig. 3):
 * - election safety: at most one leader per term;
 * - state machine safety: every member applies the same entry at each index, in index order;
 * - leader completeness: a new leader's log holds every entry committed before;
 * - log matching: two logs with the same term at an index agree on every entry up to it;
 * - durability: after healing, every write a leader acknowledged is applied on every member.
 */
import { RaftCore, type Entry, type HardState, type RaftMessage } from '../../src/main/consensus/index.js';
import { Rng } from './rng.js';

/** Knobs of one run. */
export interface SimOptions {
  seed: number;
  members?: number;
  /** Ticks with faults, then up to `settleTicks` without. */
  ticks?: number;
  settleTicks?: number;
  /** Make rare paths common: leader crashes right after proposals, leader isolation, duplicate bursts. */
  buggify?: boolean;
}

/** Outcome of a run. */
export interface SimResult {
  seed: number;
  acknowledged: number;
  elections: number;
  crashes: number;
  partitions: number;
  trace: string[];
}

interface Member {
  id: string;
  core: RaftCore | null;
  hard: HardState;
  stored: Entry[];
  /** The state machine: entries applied, in order. */
  applied: Entry[];
  wasLeader: boolean;
}

interface InFlight {
  at: number;
  msg: RaftMessage;
}

const ELECTION_TICKS = 10;
const HEARTBEAT_TICKS = 2;

/** A failed check: carries the seed so it can be replayed with SIM_SEED. */
export class SimViolation extends Error {
  constructor(readonly seed: number, message: string, readonly trace: string[]) {
    super(`seed ${seed}: ${message}\n  replay: SIM_SEED=${seed} npm test\n  last events:\n    ${trace.slice(-25).join('\n    ')}`);
  }
}

/** Runs one seeded simulation; throws {@link SimViolation} when a check fails. */
export function simulate(o: SimOptions): SimResult {
  return new Simulation(o).run();
}

class Simulation {
  private rng: Rng;
  private members: Member[];
  private ids: string[];
  private net: InFlight[] = [];
  private now = 0;
  /** Member id -> partition side (members talk only within a side). */
  private side = new Map<string, number>();
  private leaders = new Map<number, string>();
  private committed = new Map<number, Entry>();
  private pending = new Map<number, { term: number; data: string }>();
  private acked = new Map<number, string>();
  private trace: string[] = [];
  private stats = { elections: 0, crashes: 0, partitions: 0 };
  private nextWrite = 1;
  private settling = false;

  constructor(private readonly o: SimOptions) {
    this.rng = new Rng(o.seed);
    this.ids = Array.from({ length: o.members ?? 5 }, (_, i) => `n${i + 1}`);
    this.members = this.ids.map((id) => ({ id, core: null, hard: { term: 0, vote: null, commit: 0 }, stored: [], applied: [], wasLeader: false }));
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
    return { seed: this.o.seed, acknowledged: this.acked.size, ...this.stats, trace: this.trace };
  }

  private fail(message: string): never {
    throw new SimViolation(this.o.seed, message, this.trace);
  }

  private log(event: string): void {
    this.trace.push(`t=${this.now} ${event}`);
  }

  private start(m: Member): void {
    m.core = new RaftCore(
      { id: m.id, voters: this.ids, electionTicks: ELECTION_TICKS, heartbeatTicks: HEARTBEAT_TICKS, random: () => this.rng.next() },
      { hardState: m.hard, entries: m.stored.slice() },
    );
    m.applied = [];
    m.wasLeader = false;
  }

  /** One tick: clocks, message delivery, client writes, then each member's Ready. */
  private step(): void {
    for (const m of this.members) m.core?.tick();
    const due = this.net.filter((f) => f.at <= this.now);
    this.net = this.net.filter((f) => f.at > this.now);
    for (const f of this.rng.shuffle(due)) this.memberOf(f.msg.to).core?.step(f.msg);
    this.clientWrites();
    this.checkLeaders();
    for (const m of this.members) if (m.core?.hasReady()) this.handleReady(m);
  }

  private memberOf(id: string): Member {
    return this.members.find((m) => m.id === id)!;
  }

  private clientWrites(): void {
    const leader = this.members.find((m) => m.core?.role === 'leader');
    if (!leader?.core || !this.rng.chance(0.5)) return;
    const data = `w${this.nextWrite++}`;
    const { index, term } = leader.core.propose(new TextEncoder().encode(data));
    this.pending.set(index, { term, data });
    if (this.o.buggify && !this.settling && this.rng.chance(0.05)) this.crash(leader, 'leader right after a proposal');
  }

  private handleReady(m: Member): void {
    const core = m.core!;
    const r = core.ready();
    // Persist, then send, then apply (the order Ready prescribes).
    if (r.hardState) m.hard = { ...r.hardState };
    if (r.entries.length) {
      m.stored.length = r.entries[0].index - 1;
      m.stored.push(...r.entries);
    }
    for (const msg of r.messages) this.send(msg);
    for (const e of r.committed) this.apply(m, e);
    core.advance(r);
  }

  private send(msg: RaftMessage): void {
    if (this.side.get(msg.from) !== this.side.get(msg.to)) return;
    if (this.rng.chance(0.05)) return; // dropped
    const copies = this.rng.chance(this.o.buggify ? 0.1 : 0.02) ? 2 : 1; // duplicated
    for (let i = 0; i < copies; i++) this.net.push({ at: this.now + 1 + this.rng.int(3), msg }); // delayed, reordered
  }

  private apply(m: Member, e: Entry): void {
    if (e.index !== m.applied.length + 1) this.fail(`${m.id} applied index ${e.index} after ${m.applied.length}`);
    const first = this.committed.get(e.index);
    if (!first) this.committed.set(e.index, e);
    else if (first.term !== e.term || !sameBytes(first.data, e.data)) {
      this.fail(`state machine safety: ${m.id} applied term ${e.term} at ${e.index}, another member term ${first.term}`);
    }
    m.applied.push(e);
    const p = this.pending.get(e.index);
    if (p && m.core?.role === 'leader') {
      if (p.term === e.term) this.acked.set(e.index, p.data);
      this.pending.delete(e.index);
    }
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
          if (c.log.termAt(index) !== e.term) this.fail(`leader completeness: ${m.id} (term ${c.term}) lacks committed ${index}@${e.term}`);
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
      this.start(m);
      this.log(`${m.id} restarts`);
    }
    if (up.length > Math.ceil(this.members.length / 2) && r.chance(0.01)) this.crash(r.pick(up), 'random');
    if (r.chance(0.01)) this.partition();
    if (this.side.size && r.chance(0.02)) this.heal();
  }

  private crash(m: Member, why: string): void {
    m.core = null; // what was not persisted (this tick's Ready) is lost
    this.stats.crashes++;
    this.log(`${m.id} crashes (${why})`);
  }

  private partition(): void {
    this.side.clear();
    const leader = this.members.find((m) => m.core?.role === 'leader');
    if (this.o.buggify && leader && this.rng.chance(0.5)) {
      for (const m of this.members) this.side.set(m.id, m === leader ? 1 : 0);
      this.log(`partition isolates leader ${leader.id}`);
    } else {
      for (const m of this.members) this.side.set(m.id, this.rng.int(2));
      this.log(`partition ${this.members.map((m) => `${m.id}:${this.side.get(m.id)}`).join(' ')}`);
    }
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

  /** Every member has applied every acknowledged write. */
  private settled(): boolean {
    const max = Math.max(0, ...this.acked.keys());
    return this.members.every((m) => m.applied.length >= max);
  }

  private finalChecks(): void {
    for (const [index, data] of this.acked) {
      for (const m of this.members) {
        const e = m.applied[index - 1];
        if (!e || new TextDecoder().decode(e.data) !== data) this.fail(`durability: ${m.id} lacks acknowledged write ${data} at ${index}`);
      }
    }
    for (const a of this.members) {
      for (const b of this.members) {
        if (a.id >= b.id) continue;
        const la = a.core!.log;
        const lb = b.core!.log;
        let i = Math.min(la.lastIndex, lb.lastIndex);
        while (i > 0 && la.termAt(i) !== lb.termAt(i)) i--;
        for (let j = i; j > 0; j--) {
          const ea = la.slice(j, j)[0];
          const eb = lb.slice(j, j)[0];
          if (ea.term !== eb.term || !sameBytes(ea.data, eb.data)) this.fail(`log matching: ${a.id} and ${b.id} differ at ${j} below ${i}`);
        }
      }
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
