/**
 * The SWIM failure detector with the Lifeguard refinements as a pure state machine (see types.ts
 * for the papers, the messages and the options). Inputs: {@link Swim.tick} with the time, and
 * {@link Swim.receive} with an authenticated message; outputs: {@link Swim.drain} gives messages
 * to send and membership events. No timers or sockets, so the deterministic simulator
 * (test/sim/swim-sim.ts) drives it the same way the node does (./driver.ts).
 *
 * Who is a member comes from the Mesh Control Group ({@link Swim.setMembers}); SWIM only decides
 * who is alive. Gossip about a node that is not a member is ignored.
 *
 * Precedence of gossip (SWIM sec. 4.2): `alive(i)` overrides `suspect(j)` and `alive(j)` when
 * i > j; `suspect(i)` overrides `suspect(j)` when i > j and `alive(j)` when i >= j; `dead(i)`
 * overrides both when i >= j; a dead member comes back only with a higher incarnation. A member
 * refutes suspect or dead gossip about itself by raising its incarnation.
 *
 * Stalls of this node: a tick that comes later than due by more than {@link lagThresholdMs} means
 * this node's own event loop stalled. Its pending deadlines (probe, indirect probes, suspicions)
 * move by the stall, since no answer could be read during it, and its LHM rises (Lifeguard).
 */
import { Broadcasts } from './broadcasts.js';
import {
  lagThresholdMs, retransmitLimit, suspicionMinMs, suspicionTimeoutMs, type Gossip, type MemberEvent, type MemberStatus, type MemberView,
  type NodeMeta, type SwimMessage, type SwimOptions, type SwimOutput,
} from './types.js';

export type { MemberEvent, MemberView, SwimOutput } from './types.js';

/** Every dead member is told it was declared dead this often (ms), so a live one refutes. */
export const DEAD_RECHECK_MS = 5_000;

/** Dead members still get gossip for this long (ms), to hear that they were declared dead. */
export const GOSSIP_TO_THE_DEAD_MS = 30_000;

interface Member extends MemberView {
  /** When this node last told the member it is suspected or dead (ms). */
  toldAtMs?: number;
  /**
   * `accusers`: the members that reported the suspicion (the first included); `confirmations`
   * counts the independent ones after the first (Lifeguard), up to `k`.
   */
  suspicion?: { startMs: number; accusers: Set<string>; confirmations: number; k: number; minMs: number; maxMs: number; deadlineMs: number };
}

interface Probe {
  target: string;
  seq: number;
  indirectAtMs: number;
  endMs: number;
  indirectSent: boolean;
  acked: boolean;
  nacksExpected: number;
  nacks: number;
}

/** The failure detector of one node; see the module comment. */
export class Swim {
  private members = new Map<string, Member>();
  /** Member ids, for O(1) random picks. */
  private ids: string[] = [];
  private suspects = new Set<string>();
  private deadCount = 0;
  private inc = 0;
  private meta: NodeMeta | undefined;
  private lhm = 0;
  private seq = 0;
  private order: string[] = [];
  private orderAt = 0;
  private probe: Probe | null = null;
  private nextProbeMs = 0;
  private nextGossipMs = 0;
  private nextDeadCheckMs = 0;
  private lastTickMs: number | null = null;
  private relays = new Map<number, { origin: string; originSeq: number; deadlineMs: number }>();
  private bc = new Broadcasts();
  private sends: SwimOutput['sends'] = [];
  private events: MemberEvent[] = [];

  /** `rng` returns uniform numbers in [0, 1) (seeded in the simulator). */
  constructor(readonly selfId: string, private readonly o: SwimOptions, private readonly rng: () => number = Math.random) {}

  /** This node's incarnation number. */
  get incarnation(): number {
    return this.inc;
  }

  /** Local health multiplier (Lifeguard), 0..awarenessMaxMultiplier. */
  get localHealth(): number {
    return this.lhm;
  }

  /** Every member but this node. */
  view(): MemberView[] {
    return [...this.members.values()].map(({ node, status, inc, meta, sinceMs }) => ({ node, status, inc, meta, sinceMs }));
  }

  /** One member's status (undefined for a non-member or this node). */
  status(node: string): MemberStatus | undefined {
    return this.members.get(node)?.status;
  }

  /** Sets this node's metadata and spreads it (a new incarnation, as memberlist's UpdateNode). */
  setMeta(meta: NodeMeta): void {
    this.meta = meta;
    this.inc++;
    this.bc.push({ t: 'alive', node: this.selfId, inc: this.inc, meta });
  }

  /**
   * The members the Mesh Control Group records (this node may be among them). New ones start
   * alive at incarnation 0; ones no longer listed are forgotten.
   */
  setMembers(ids: Iterable<string>, nowMs: number): void {
    const want = new Set(ids);
    want.delete(this.selfId);
    for (const id of [...this.members.keys()]) if (!want.has(id)) {
      if (this.members.get(id)!.status === 'dead') this.deadCount--;
      this.members.delete(id);
      this.suspects.delete(id);
      this.bc.forget(id);
    }
    for (const id of want) if (!this.members.has(id)) this.members.set(id, { node: id, status: 'alive', inc: 0, sinceMs: nowMs });
    this.ids = [...this.members.keys()];
  }

  /** Messages to send and events since the last drain. */
  drain(): SwimOutput {
    const out = { sends: this.sends, events: this.events };
    this.sends = [];
    this.events = [];
    return out;
  }

  /** Advances time: suspicion and probe deadlines, the next probe, the next gossip round. */
  tick(now: number): void {
    this.noticeStall(now);
    for (const id of this.suspects) {
      const m = this.members.get(id)!;
      if (m.suspicion && now >= m.suspicion.deadlineMs) this.applyDead({ t: 'dead', node: m.node, inc: m.inc, from: this.selfId }, now);
    }
    for (const [seq, r] of this.relays) if (now >= r.deadlineMs) {
      this.relays.delete(seq);
      this.send(r.origin, { k: 'nack', seq: r.originSeq, from: this.selfId, gossip: [] });
    }
    const p = this.probe;
    if (p && !p.acked && !p.indirectSent && now >= p.indirectAtMs) this.indirect(p, now);
    if (p && now >= p.endMs) this.finishProbe(p, now);
    if (!this.probe && now >= this.nextProbeMs) this.startProbe(now);
    if (now >= this.nextDeadCheckMs) {
      // Dead members are told so now and then: one that is alive after all (restarted, or cut off
      // for a while) refutes, even when no gossip about it is left.
      this.nextDeadCheckMs = now + DEAD_RECHECK_MS;
      for (const m of this.members.values()) if (m.status === 'dead') this.tellVerdict(m, now);
    }
    if (now >= this.nextGossipMs) {
      this.nextGossipMs = now + this.o.gossipIntervalMs;
      if (this.bc.size > 0) for (const to of this.pick(this.o.gossipNodes, new Set(), now)) this.send(to, { k: 'gossip', from: this.selfId, gossip: [] });
    }
  }

  /** Handles a message whose sender the transport authenticated as `msg.from`. */
  receive(msg: SwimMessage, now: number): void {
    const sender = this.members.get(msg.from);
    if (!sender) {
      // Not a member here (yet: this node's membership may still be catching up). A ping is
      // answered all the same and a verdict about this node refuted, so a node that is rebuilding
      // its state does not stay dead; the rest is ignored.
      if (msg.k === 'ping') this.sends.push({ to: msg.from, msg: { k: 'ack', seq: msg.seq, from: this.selfId, gossip: [] } });
      for (const g of msg.gossip) if (g.node === this.selfId && g.t !== 'alive') this.refute(g.inc, msg.from);
      return;
    }
    for (const g of msg.gossip) {
      if (g.node === this.selfId && g.t !== 'alive') this.refute(g.inc, msg.from);
      else this.apply(g, now);
    }
    if (sender.status !== 'alive') this.tellVerdict(sender, now);
    switch (msg.k) {
      case 'ping':
        this.send(msg.from, { k: 'ack', seq: msg.seq, from: this.selfId, gossip: [] });
        break;
      case 'ping-req': {
        const seq = ++this.seq;
        this.relays.set(seq, { origin: msg.from, originSeq: msg.seq, deadlineMs: now + this.scaled(this.o.probeTimeoutMs) });
        this.send(msg.target, { k: 'ping', seq, from: this.selfId, gossip: [] });
        break;
      }
      case 'ack': {
        if (this.probe && this.probe.seq === msg.seq) {
          this.probe.acked = true;
          break;
        }
        const r = this.relays.get(msg.seq);
        if (r) {
          this.relays.delete(msg.seq);
          this.send(r.origin, { k: 'ack', seq: r.originSeq, from: this.selfId, gossip: [] });
        }
        break;
      }
      case 'nack':
        if (this.probe && this.probe.seq === msg.seq) this.probe.nacks++;
        break;
      case 'gossip':
        break;
    }
  }

  /**
   * A member this node holds suspect or dead has just spoken: it is told the verdict directly (at
   * most once per probe interval), so it refutes even when the gossip about it has long stopped
   * spreading (memberlist relies on its periodic push-pull state exchange for the same).
   */
  private tellVerdict(m: Member, now: number): void {
    if (now - (m.toldAtMs ?? -Infinity) < this.o.probeIntervalMs) return;
    m.toldAtMs = now;
    const g: Gossip = m.status === 'dead'
      ? { t: 'dead', node: m.node, inc: m.inc, from: this.selfId }
      : { t: 'suspect', node: m.node, inc: m.inc, from: this.selfId };
    this.sends.push({ to: m.node, msg: { k: 'gossip', from: this.selfId, gossip: [g] } });
  }

  private noticeStall(now: number): void {
    const last = this.lastTickMs;
    this.lastTickMs = now;
    if (last === null) return;
    const lag = now - last - this.o.tickMs;
    if (lag <= lagThresholdMs(this.o)) return;
    this.health(1);
    if (this.probe) {
      this.probe.indirectAtMs += lag;
      this.probe.endMs += lag;
    }
    for (const r of this.relays.values()) r.deadlineMs += lag;
    for (const id of this.suspects) this.members.get(id)!.suspicion!.deadlineMs += lag;
  }

  private scaled(ms: number): number {
    return ms * (this.lhm + 1);
  }

  private health(delta: number): void {
    this.lhm = Math.max(0, Math.min(this.o.awarenessMaxMultiplier, this.lhm + delta));
  }

  /** Members not dead, this node included. */
  private live(): number {
    return this.members.size + 1 - this.deadCount;
  }

  private startProbe(now: number): void {
    const target = this.nextTarget();
    const interval = this.scaled(this.o.probeIntervalMs);
    this.nextProbeMs = now + interval;
    if (!target) return;
    const seq = ++this.seq;
    this.probe = {
      target, seq, indirectAtMs: now + this.scaled(this.o.probeTimeoutMs), endMs: now + interval,
      indirectSent: false, acked: false, nacksExpected: 0, nacks: 0,
    };
    this.send(target, { k: 'ping', seq, from: this.selfId, gossip: [] });
  }

  /** Round robin over a list shuffled each round (SWIM sec. 4.3: time-bounded completeness). */
  private nextTarget(): string | undefined {
    for (let tries = 0; tries < 2; tries++) {
      while (this.orderAt < this.order.length) {
        const id = this.order[this.orderAt++];
        const m = this.members.get(id);
        if (m && m.status !== 'dead') return id;
      }
      this.order = [...this.ids];
      for (let i = this.order.length - 1; i > 0; i--) {
        const j = Math.floor(this.rng() * (i + 1));
        [this.order[i], this.order[j]] = [this.order[j], this.order[i]];
      }
      this.orderAt = 0;
    }
    return undefined;
  }

  private indirect(p: Probe, now: number): void {
    p.indirectSent = true;
    const helpers = this.pick(this.o.indirectChecks, new Set([p.target]));
    p.nacksExpected = helpers.length;
    for (const h of helpers) this.send(h, { k: 'ping-req', seq: p.seq, from: this.selfId, target: p.target, gossip: [] });
    void now;
  }

  private finishProbe(p: Probe, now: number): void {
    this.probe = null;
    if (p.acked) return this.health(-1);
    // Lifeguard: missing nacks mean this node, not the target, is likely the slow one.
    this.health(p.nacksExpected > 0 ? Math.max(0, p.nacksExpected - p.nacks) : 1);
    // A failed probe of an already suspected member confirms the suspicion (memberlist does the same).
    const m = this.members.get(p.target);
    if (m && m.status !== 'dead') this.applySuspect({ t: 'suspect', node: p.target, inc: m.inc, from: this.selfId }, now);
  }

  /**
   * Up to `n` random members other than `except`: alive ones only, or (gossip, `now` given) also
   * suspects and members dead for less than {@link GOSSIP_TO_THE_DEAD_MS}, so a member wrongly
   * declared dead hears it and refutes (memberlist's GossipToTheDeadTime).
   */
  private pick(n: number, except: Set<string>, now?: number): string[] {
    const out: string[] = [];
    const ok = (m: Member) => m.status === 'alive' ||
      (now !== undefined && (m.status === 'suspect' || (m.status === 'dead' && now - m.sinceMs < GOSSIP_TO_THE_DEAD_MS)));
    // Rejection sampling: O(n) per pick only when few members qualify.
    for (let tries = 0; out.length < n && tries < 4 * this.ids.length + 8; tries++) {
      const id = this.ids[Math.floor(this.rng() * this.ids.length)];
      if (id === undefined || except.has(id) || out.includes(id)) continue;
      if (ok(this.members.get(id)!)) out.push(id);
    }
    return out;
  }

  private send(to: string, msg: SwimMessage): void {
    msg.gossip = this.bc.take(this.o.maxPiggyback, retransmitLimit(this.o, this.live()));
    this.sends.push({ to, msg });
  }

  private apply(g: Gossip, now: number): void {
    if (g.t === 'alive') this.applyAlive(g, now);
    else if (g.t === 'suspect') this.applySuspect(g, now);
    else this.applyDead(g, now);
  }

  /** Refutes a suspect or dead verdict about this node; `teller` (who said it) also gets the answer directly. */
  private refute(inc: number, teller?: string): void {
    if (inc >= this.inc) {
      this.inc = inc + 1;
      this.health(1);
      this.bc.push({ t: 'alive', node: this.selfId, inc: this.inc, meta: this.meta });
    }
    if (teller !== undefined) this.sends.push({ to: teller, msg: { k: 'gossip', from: this.selfId, gossip: [{ t: 'alive', node: this.selfId, inc: this.inc, meta: this.meta }] } });
  }

  private applyAlive(g: Extract<Gossip, { t: 'alive' }>, now: number): void {
    const m = this.members.get(g.node);
    if (!m || g.inc <= m.inc) {
      if (m && g.inc === m.inc && g.meta && m.status !== 'dead' && !m.meta) m.meta = g.meta;
      return;
    }
    const changed = m.status !== 'alive';
    if (m.status === 'dead') this.deadCount--;
    this.suspects.delete(m.node);
    m.status = 'alive';
    m.inc = g.inc;
    if (g.meta) m.meta = g.meta;
    m.suspicion = undefined;
    m.sinceMs = changed ? now : m.sinceMs;
    this.bc.push(g);
    this.events.push({ node: m.node, status: 'alive', inc: m.inc, meta: m.meta });
  }

  private applySuspect(g: Extract<Gossip, { t: 'suspect' }>, now: number): void {
    if (g.node === this.selfId) return this.refute(g.inc);
    const m = this.members.get(g.node);
    if (!m || m.status === 'dead' || g.inc < m.inc) return;
    if (m.status === 'suspect' && m.suspicion) {
      if (g.inc > m.inc) m.inc = g.inc;
      const s = m.suspicion;
      if (s.accusers.has(g.from) || s.confirmations >= s.k) return;
      s.accusers.add(g.from);
      s.confirmations++;
      s.deadlineMs = s.startMs + suspicionTimeoutMs(s.minMs, s.maxMs, s.k, s.confirmations);
      this.bc.push(g);
      return;
    }
    const n = this.live();
    const minMs = suspicionMinMs(this.o, n);
    const maxMs = this.o.suspicionMaxTimeoutMult * minMs;
    const k = n - 2 < this.o.suspicionMult - 2 ? 0 : this.o.suspicionMult - 2;
    m.status = 'suspect';
    this.suspects.add(m.node);
    m.inc = g.inc;
    m.sinceMs = now;
    const start = now;
    m.suspicion = { startMs: start, accusers: new Set([g.from]), confirmations: 0, k, minMs, maxMs, deadlineMs: start + maxMs };
    if (k < 1) m.suspicion.deadlineMs = start + minMs;
    this.bc.push(g);
    this.events.push({ node: m.node, status: 'suspect', inc: m.inc, from: g.from });
  }

  private applyDead(g: Extract<Gossip, { t: 'dead' }>, now: number): void {
    if (g.node === this.selfId) return this.refute(g.inc);
    const m = this.members.get(g.node);
    if (!m || m.status === 'dead' || g.inc < m.inc) return;
    m.status = 'dead';
    this.deadCount++;
    this.suspects.delete(m.node);
    m.inc = g.inc;
    m.suspicion = undefined;
    m.sinceMs = now;
    this.bc.push(g);
    this.events.push({ node: m.node, status: 'dead', inc: m.inc, from: g.from });
  }
}
