/**
 * Link-state routing of one node: originates its LSA (adjacencies with measured RTT, bandwidth,
 * loss, utilization and administrative weight, damped as damping.ts says), floods LSAs
 * received from neighbors (RFC 2328 sec. 13.3: forward a newer LSA on every adjacency but the
 * one it came from), sends the whole LSDB to a new neighbor (database exchange), recomputes
 * shortest paths when the LSDB changes and publishes the table to the data plane, and keeps the
 * k best paths per destination and traffic class ({@link PathTable}). The last LSA of every origin
 * is persisted (debounced, {@link LSA_PERSIST_MS}) and loaded again at start, signatures checked.
 *
 * Every LSA is signed by its origin (frame flag Signed: ECDSA P-256 over the body) and flooded
 * with that signature unchanged, so no node can speak for another. An LSA whose signature does not
 * match the key the Mesh Control Group records for its origin is refused; one from an origin this
 * node has no key for yet (its join is not applied here yet) is held, at most
 * {@link MAX_HELD_LSAS}, and checked again when member keys change.
 */
import { tagOf } from '../../shared/ids.js';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { DEFAULT_TTL, FrameFlag, FrameType, LsaSchema, SIGNATURE_BYTES, decodeBody, encodeBody, encodeFrame, type Adjacency, type Lsa } from '../../shared/wire/index.js';
import type { Frame } from '../../shared/wire/index.js';
import type { DataPlanePort, LinkId } from '../../workers/dataplane/index.js';
import type { Logger } from '../observability/logger.js';
import type { MeshStore } from '../storage/index.js';
import { advertise, significant, type MeasuredLink } from './damping.js';
import { shortestPaths, type Route } from './dijkstra.js';
import { Lsdb, type LsaEntry } from './lsdb.js';
import { DEFAULT_COSTS, type CostCoefficients, type TrafficClass } from './path-cost.js';
import { PathTable } from './path-table.js';
import { loopFreeNeighbors, multipathHops, neighborTrees, type MultipathHop } from './multipath.js';

/**
 * How far ahead of this node's clock an LSA's sequence may be (ms). Sequences are origination
 * times in ms (see {@link LinkState.originate}); an LSA further ahead is refused, so a forged LSA
 * with a huge sequence (up to 2^53) can neither stick in the LSDB nor push its victim's own next
 * sequence out of range. Node clocks must agree within this bound.
 */
export const MAX_LSA_SEQ_AHEAD_MS = 60 * 60_000;

/** Interval at which a node re-originates its LSA with fresh RTTs (ms). */
export const LSA_REFRESH_MS = 5000;

/** LSAs held while their origin's key is unknown here (one per origin; the oldest is dropped). */
export const MAX_HELD_LSAS = 256;

/**
 * Least time between two originations caused by a measurement change (ms), as OSPF's
 * MinLSInterval (RFC 2328 appendix B) but shorter: a link that turned lossy is advertised within a
 * second. Adjacency changes (a link up or down) originate at once.
 */
export const LSA_MIN_INTERVAL_MS = 1000;

/** LSAs received are written to the store at most this often (ms). */
export const LSA_PERSIST_MS = 1000;

/** Path computation settings (config `routing`). */
export interface RoutingOptions {
  /** Paths kept per destination and class (Yen's k). */
  k: number;
  /** Cost margin a new primary path must beat the current one by (0.1 = 10 %). */
  hysteresis: number;
  /** Cost coefficients per traffic class. Must be the same on every node. */
  costs: Record<TrafficClass, CostCoefficients>;
  /** Administrative weight per neighbor node id (default 1). */
  weights: Record<string, number>;
  /** Multipath scheduler of bulk chunks (src/workers/dataplane/scheduler.ts). */
  scheduler: 'ecf' | 'wrr';
}

/** Routing defaults: 4 paths, a 15 % margin, {@link DEFAULT_COSTS}. */
export const DEFAULT_ROUTING: RoutingOptions = { k: 4, hysteresis: 0.15, costs: DEFAULT_COSTS, weights: {}, scheduler: 'ecf' };

/** What link-state routing needs from the node. */
export interface LinkStateDeps {
  selfId: string;
  selfName: string;
  address: string;
  dp: DataPlanePort;
  log: Logger;
  /** Bound neighbors: node id -> link and its measurements. */
  neighbors(): Map<string, { linkId: LinkId } & MeasuredLink>;
  /** Path settings; {@link DEFAULT_ROUTING} when absent. */
  routing?: RoutingOptions;
  /** Where the last LSA versions are kept; none: not persisted. */
  store?: Pick<MeshStore, 'listLsas' | 'putLsas'>;
  /** Called after the routing table changed. */
  onRoutesChanged(routes: Map<string, Route>): void;
  /** Signs this node's LSA body (64 bytes, IEEE P1363). */
  sign(body: Uint8Array): Uint8Array;
  /** Checks an LSA body's signature against the key recorded for `origin`. */
  verify(origin: string, body: Uint8Array, sig: Uint8Array): 'ok' | 'bad' | 'unknown-origin';
}

/** LSA origination, flooding and route computation for one node. */
export class LinkState {
  readonly lsdb = new Lsdb();
  private routes = new Map<string, Route>();
  private hops = new Map<string, MultipathHop[]>();
  /** Per destination, the neighbors that deliver frames they already hold without a loop back here. */
  private carriers = new Map<string, Set<string>>();
  private seq = 0;
  private recomputeQueued = false;
  private timer: NodeJS.Timeout | null = null;
  private lastReachable = new Map<string, number>();
  private held = new Map<string, { linkId: LinkId; frame: Frame }>();
  private selfTag: bigint;
  private readonly routing: RoutingOptions;
  /** The k best paths per destination and class. */
  readonly paths: PathTable;
  private advertised = new Map<string, Adjacency>();
  private lastOriginated = 0;
  private originateTimer: NodeJS.Timeout | null = null;
  private dirty = new Set<string>();
  private persistTimer: NodeJS.Timeout | null = null;

  constructor(private readonly d: LinkStateDeps) {
    this.selfTag = tagOf(d.selfId);
    this.routing = d.routing ?? DEFAULT_ROUTING;
    this.paths = new PathTable(d.selfId, this.routing);
  }

  /** Loads the persisted LSAs (signatures checked), starts periodic re-origination and originates now. */
  start(): void {
    this.stop();
    this.restore();
    this.timer = setInterval(() => this.originate(), LSA_REFRESH_MS);
    this.timer.unref();
    this.originate();
  }

  /** Stops re-origination and floods a withdrawal (`gone`) of this node; writes what is not persisted yet. */
  stop(withdraw = false): void {
    if (this.timer) clearInterval(this.timer);
    if (this.originateTimer) clearTimeout(this.originateTimer);
    this.timer = null;
    this.originateTimer = null;
    if (withdraw) this.originate(true);
    this.persist();
  }

  /** Forgets every LSA and route, here and in the store (after StopMesh). */
  reset(): void {
    const origins = this.lsdb.all().map((l) => l.origin);
    this.lsdb.clear();
    this.held.clear();
    this.dirty.clear();
    this.advertised.clear();
    this.routes = new Map();
    this.hops = new Map();
    this.carriers = new Map();
    this.paths.update(new Map());
    this.d.dp.execute({ type: 'set-routes', routes: [] });
    this.d.dp.execute({ type: 'set-multipath', policy: this.routing.scheduler, paths: [] });
    void this.d.store?.putLsas([], origins).catch((err: Error) => this.d.log.warn({ err: err.message }, 'cannot forget stored LSAs'));
  }

  /**
   * Members SWIM declares dead: routes no longer pass through them (they stay destinations, so a
   * member declared dead by mistake can still be reached and refute). Recomputes the routes.
   */
  setDead(dead: ReadonlySet<string>): void {
    this.lsdb.setNoTransit(dead);
    this.scheduleRecompute();
  }

  /**
   * A neighbor's link was measured again: originates when a measurement changed significantly
   * (damping.ts), at most every {@link LSA_MIN_INTERVAL_MS}.
   */
  measured(): void {
    if (this.timer === null || this.originateTimer) return;
    const w = this.routing.weights;
    const changed = [...this.d.neighbors()].some(([peer, n]) => significant(this.advertised.get(peer), n, w[peer] ?? 1));
    if (!changed) return;
    const wait = this.lastOriginated + LSA_MIN_INTERVAL_MS - Date.now();
    if (wait <= 0) return this.originate();
    this.originateTimer = setTimeout(() => {
      this.originateTimer = null;
      this.originate();
    }, wait);
    this.originateTimer.unref();
  }

  /** Loop-free first hops per destination for striping and fast reroute (multipath.ts). */
  multipath(): Map<string, MultipathHop[]> {
    return this.hops;
  }

  /**
   * True when neighbor `hop` forwards frames it already holds for `dest` without sending them back
   * through this node (multipath.ts `loopFreeNeighbors`): frames sent to it still arrive.
   */
  carries(dest: string, hop: string): boolean {
    return this.carriers.get(dest)?.has(hop) ?? false;
  }

  /** Current routing table: destination node id -> route. */
  table(): Map<string, Route> {
    return this.routes;
  }

  /** Last time (ms since epoch) a node was reachable; now for reachable nodes. */
  lastSeen(nodeId: string): number {
    return this.routes.has(nodeId) ? Date.now() : (this.lastReachable.get(nodeId) ?? 0);
  }

  /** Builds and floods this node's LSA (after an adjacency change, or periodically). */
  originate(gone = false): void {
    this.seq = Math.max(this.seq + 1, Date.now());
    this.lastOriginated = Date.now();
    const w = this.routing.weights;
    const next = new Map<string, Adjacency>();
    for (const [peer, n] of this.d.neighbors()) next.set(peer, advertise(peer, this.advertised.get(peer), n, w[peer] ?? 1));
    this.advertised = next;
    const adj = [...next.values()];
    const lsa: Lsa = { origin: this.d.selfId, seq: this.seq, name: this.d.selfName, address: this.d.address, gone, adj };
    const body = encodeBody(lsa);
    this.lsdb.apply(lsa, Date.now(), body, this.d.sign(body));
    this.changed(lsa.origin);
    this.flood(this.lsdb.get(lsa.origin)!, null);
    this.scheduleRecompute();
  }

  /** Sends every stored LSA to a new neighbor. */
  syncNeighbor(linkId: LinkId): void {
    for (const e of this.lsdb.entriesList()) this.d.dp.execute({ type: 'send-link', linkId, frame: this.frame(e) });
  }

  /** Member keys changed: checks the held LSAs again (each is held again, applied or refused). */
  keysChanged(): void {
    const held = [...this.held.values()];
    this.held.clear();
    for (const h of held) {
      try {
        this.receive(h.linkId, h.frame);
      } catch (err) {
        this.d.log.warn({ err: (err as Error).message }, 'held LSA refused');
      }
    }
  }

  /**
   * Handles an LSA frame from a neighbor.
   * @throws MeshError ERR_BODY_MALFORMED for a bad body, or a sequence more than
   *   {@link MAX_LSA_SEQ_AHEAD_MS} ahead of this node's clock; ERR_UNAUTHENTICATED for an LSA
   *   without its origin's valid signature (the caller counts and logs it).
   */
  receive(linkId: LinkId, f: Frame, now = Date.now()): void {
    const lsa = decodeBody(LsaSchema, f.payload);
    if (lsa.seq > now + MAX_LSA_SEQ_AHEAD_MS) {
      throw new MeshError(ErrorCode.BodyMalformed, `LSA of ${lsa.origin} has sequence ${lsa.seq}, more than ${MAX_LSA_SEQ_AHEAD_MS} ms ahead of this node's clock`);
    }
    if (!(f.flags & FrameFlag.Signed) || f.trailer.length !== SIGNATURE_BYTES) {
      throw new MeshError(ErrorCode.Unauthenticated, `LSA of ${lsa.origin} is not signed`);
    }
    if (lsa.origin !== this.d.selfId && !this.lsdb.isNewer(lsa)) return; // a copy we have: no check needed
    const check = this.d.verify(lsa.origin, f.payload, f.trailer);
    if (check === 'bad') throw new MeshError(ErrorCode.Unauthenticated, `LSA of ${lsa.origin} is not signed by its key`);
    if (check === 'unknown-origin') return this.hold(lsa.origin, linkId, f);
    if (lsa.origin === this.d.selfId) {
      // An old LSA of ours (from before a restart): jump past it and re-originate (RFC 2328 13.4).
      if (lsa.seq >= this.seq) {
        this.seq = lsa.seq;
        this.originate();
      }
      return;
    }
    if (!this.lsdb.apply(lsa, Date.now(), Uint8Array.from(f.payload), Uint8Array.from(f.trailer))) return;
    this.changed(lsa.origin);
    this.flood(this.lsdb.get(lsa.origin)!, linkId);
    this.scheduleRecompute();
  }

  private hold(origin: string, linkId: LinkId, frame: Frame): void {
    this.held.delete(origin);
    this.held.set(origin, { linkId, frame });
    if (this.held.size > MAX_HELD_LSAS) this.held.delete(this.held.keys().next().value as string);
  }

  private flood(e: LsaEntry, except: LinkId | null): void {
    const frame = this.frame(e);
    for (const n of this.d.neighbors().values()) {
      if (n.linkId !== except) this.d.dp.execute({ type: 'send-link', linkId: n.linkId, frame });
    }
  }

  private frame(e: LsaEntry): Buffer {
    return encodeFrame({ type: FrameType.Lsa, ttl: DEFAULT_TTL, src: this.selfTag, dst: 0n, payload: e.body, signature: e.sig });
  }

  private scheduleRecompute(): void {
    if (this.recomputeQueued) return;
    this.recomputeQueued = true;
    setImmediate(() => {
      this.recomputeQueued = false;
      this.recompute();
    });
  }

  private recompute(): void {
    const now = Date.now();
    for (const id of this.routes.keys()) this.lastReachable.set(id, now);
    const metrics = this.lsdb.metricGraph();
    this.paths.update(metrics);
    const control = this.paths.graph('control');
    this.routes = shortestPaths(control, this.d.selfId);
    const trees = neighborTrees(this.d.selfId, control);
    this.hops = multipathHops(this.d.selfId, metrics, control, this.routing.costs.bulk, this.routes, this.routing.k, trees);
    this.carriers = loopFreeNeighbors(this.d.selfId, this.routes, trees);
    const pairs: Array<[bigint, bigint]> = [];
    const seen = new Map<bigint, string>();
    for (const r of this.routes.values()) {
      const tag = tagOf(r.destination);
      const other = seen.get(tag);
      if (other && other !== r.destination) {
        this.d.log.error({ a: other, b: r.destination }, 'node tag collision; route skipped');
        continue;
      }
      seen.set(tag, r.destination);
      pairs.push([tag, tagOf(r.nextHop)]);
    }
    this.d.dp.execute({ type: 'set-routes', routes: pairs });
    this.d.dp.execute({
      type: 'set-multipath', policy: this.routing.scheduler,
      paths: [...this.hops].filter(([d]) => seen.get(tagOf(d)) === d).map(([d, hs]) => [tagOf(d), {
        hops: hs.map((h) => tagOf(h.hop)), costs: hs.map((h) => h.cost), rttMs: hs.map((h) => h.rttMs), bwMbps: hs.map((h) => h.bwMbps),
      }]),
    });
    this.d.onRoutesChanged(this.routes);
  }

  private changed(origin: string): void {
    if (!this.d.store) return;
    this.dirty.add(origin);
    if (this.persistTimer) return;
    this.persistTimer = setTimeout(() => this.persist(), LSA_PERSIST_MS);
    this.persistTimer.unref();
  }

  private persist(): void {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = null;
    if (!this.d.store || this.dirty.size === 0) return;
    const rows = [...this.dirty].flatMap((o) => {
      const e = this.lsdb.get(o);
      return e ? [{ origin: o, seq: e.lsa.seq, body: e.body, sig: e.sig }] : [];
    });
    this.dirty.clear();
    void this.d.store.putLsas(rows).catch((err: Error) => this.d.log.warn({ err: err.message }, 'cannot persist LSAs'));
  }

  /**
   * Loads the persisted LSAs: this node's own only raises its sequence (so its next LSA is newer
   * than any it sent before); another origin's is installed when its signature checks out.
   */
  private restore(): void {
    if (!this.d.store) return;
    let loaded = 0;
    for (const row of this.d.store.listLsas()) {
      try {
        const lsa = decodeBody(LsaSchema, row.body);
        if (lsa.origin !== row.origin) continue;
        if (lsa.origin === this.d.selfId) {
          this.seq = Math.max(this.seq, lsa.seq);
          continue;
        }
        if (this.d.verify(lsa.origin, row.body, row.sig) !== 'ok') continue;
        if (this.lsdb.apply(lsa, Date.now(), Uint8Array.from(row.body), Uint8Array.from(row.sig))) loaded++;
      } catch (err) {
        this.d.log.warn({ origin: row.origin, err: (err as Error).message }, 'stored LSA ignored');
      }
    }
    if (loaded) this.scheduleRecompute();
  }
}
