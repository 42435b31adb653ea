/**
 * Fast reroute at the source (issue "fast reroute"): when a neighbor's link dies, the streams whose
 * targets were routed through it send their frames in flight again at once, over the alternate the
 * data plane switches to by itself (precomputed loop-free alternates, src/workers/dataplane/
 * multipath.ts), instead of waiting for the retransmission timeout. When the routes move for
 * another reason (a cut further down the path, seen as an LSA), the targets whose next hop changed
 * do the same, and so do the targets whose bulk data was striped over a first hop that is no
 * longer usable (the cut seen first in an LSA, before this node's own link noticed it). A target
 * rerouted within {@link REROUTE_HOLD_MS} is not sent its frames again for the routes that follow
 * from the same cut.
 */
import type { Route } from '../topology/index.js';

/** Resends for one target are at least this far apart (ms). */
export const REROUTE_HOLD_MS = 300;

/** What fast reroute drives. */
export interface RerouteTarget {
  resendInFlight(targets: ReadonlySet<string>, cutAtMs: number): void;
}

/** Tracks next hops and triggers resends; see the module comment. */
export class FastReroute {
  private nextHops = new Map<string, string>();
  /** Per destination, the first hops its bulk chunks may be striped over (as of the last routes). */
  private striped = new Map<string, string[]>();
  private recent = new Map<string, number>();

  /**
   * `stripedOver(peer)`: the destinations whose bulk chunks may be striped over neighbor `peer`;
   * `hopsOf(dest)`: the first hops `dest`'s chunks may be striped over now.
   */
  constructor(
    private readonly source: RerouteTarget, private readonly stripedOver: (peer: string) => Iterable<string> = () => [],
    private readonly hopsOf: (dest: string) => string[] = () => [],
  ) {}

  /**
   * The bound link to neighbor `peer` closed; the cut happened at `cutAtMs` (ms since epoch). Its
   * destinations are those routed through it and those striped over it.
   */
  linkLost(peer: string, cutAtMs: number): void {
    const affected = new Set<string>([peer, ...this.stripedOver(peer)]);
    for (const [dest, hop] of this.nextHops) if (hop === peer) affected.add(dest);
    this.resend(affected, cutAtMs);
  }

  /**
   * The routing table changed. A target whose next hop moved has its frames resent only when the
   * old next hop can no longer carry them (`usable(dest, hop)` false: no longer a loop-free hop
   * toward it, e.g. a cut further down that path); a move for a cheaper path leaves the frames
   * already on the old one to arrive. A target whose chunks were striped over a first hop that is
   * no longer usable is resent too.
   */
  routesChanged(routes: ReadonlyMap<string, Route>, usable: (dest: string, hop: string) => boolean = () => false): void {
    const moved = new Set<string>();
    for (const [dest, r] of routes) {
      const before = this.nextHops.get(dest);
      if (before !== undefined && before !== r.nextHop && !usable(dest, before)) moved.add(dest);
      for (const hop of this.striped.get(dest) ?? []) if (hop !== r.nextHop && !usable(dest, hop)) moved.add(dest);
    }
    this.nextHops = new Map([...routes].map(([d, r]) => [d, r.nextHop]));
    this.striped = new Map([...routes.keys()].map((d) => [d, this.hopsOf(d)]));
    if (moved.size) this.resend(moved, Date.now());
  }

  private resend(targets: Set<string>, cutAtMs: number): void {
    const now = Date.now();
    for (const t of [...targets]) {
      if (now - (this.recent.get(t) ?? -Infinity) < REROUTE_HOLD_MS) targets.delete(t);
      else this.recent.set(t, now);
    }
    if (this.recent.size > 4096) for (const [t, at] of this.recent) if (now - at >= REROUTE_HOLD_MS) this.recent.delete(t);
    if (targets.size) this.source.resendInFlight(targets, cutAtMs);
  }
}
