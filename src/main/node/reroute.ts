/**
 * Fast reroute at the source (issue "fast reroute"): when a lane to a neighbor dies, the messages
 * it may have lost (its sent log: data frames sent and not reported consumed by the neighbor, and
 * those waiting for credit, src/workers/dataplane/sent-log.ts) are sent again at once, over the
 * alternate the data plane switches to by itself (precomputed loop-free alternates,
 * src/workers/dataplane/multipath.ts), instead of waiting for the retransmission timeout. What the
 * neighbor consumed it forwards on its other links, so the rest of the window is left in flight;
 * resending it all (up to 32 MiB per target) made the duplicates compete with new data on the
 * remaining path. Where a lane could not say (a shard restarted) the streams whose targets were
 * routed or striped through the neighbor send everything in flight again. When the routes move for
 * another reason (a cut further down the path, seen as an LSA), the targets whose next hop changed
 * do the same, and so do the targets whose bulk data was striped over a first hop that is no
 * longer usable (the cut seen first in an LSA, before this node's own link noticed it), except
 * where that hop is a neighbor whose lost lanes were resent that way within {@link COVERED_MS} and
 * that is still reachable (so it forwards what it consumed; a neighbor that crashed is not, and
 * its targets get everything resent). A target that dropped out of the routes (every path to it
 * cut at once, e.g. its own links declared dead while it stalled) gets everything in flight resent
 * when it is reachable again, timed from when it dropped out: its neighbors dropped what they held
 * for it, and without this only the retransmission timeout would find out. A target rerouted
 * within {@link REROUTE_HOLD_MS} is not sent its frames again for the routes that follow from the
 * same cut. A neighbor only suspected (its lanes in a shard silent for half the dead-link time,
 * src/workers/dataplane/liveness.ts) has what its lanes may have lost resent then, over the
 * alternates the shard now prefers; the dead verdict that may follow reports only the rest, and
 * only then is the suspicion's resend timed as a reroute (src/main/streams/reroute-timing.ts).
 */
import type { LostMessage } from '../../workers/dataplane/index.js';
import type { Route } from '../topology/index.js';

/** Resends for one target are at least this far apart (ms). */
export const REROUTE_HOLD_MS = 300;

/** How long a neighbor's lost lanes, resent message by message, cover route moves away from it (ms). */
export const COVERED_MS = 5000;

/** Destinations remembered as unreachable at most (the oldest are forgotten first). */
export const MAX_UNREACHABLE = 4096;

/** What fast reroute drives. */
export interface RerouteTarget {
  /** Sends everything in flight to each of `targets` (node ids) again. */
  resendInFlight(targets: ReadonlySet<string>, cutAtMs: number): void;
  /**
   * Sends the messages in `lost` again (those still unacknowledged); `suspect`: the neighbor, when
   * it is only suspected (the reroute is timed only if {@link confirmSuspect} follows).
   */
  resendLost(lost: readonly LostMessage[], cutAtMs: number, suspect?: string): void;
  /** Neighbor `peer`, suspected, was declared dead: the reroutes its suspicion started are timed. */
  confirmSuspect(peer: string): void;
  /** Neighbor `peer`, suspected, was heard again: the reroutes only its suspicion started are not timed. */
  clearSuspect(peer: string): void;
}

/** Tracks next hops and triggers resends; see the module comment. */
export class FastReroute {
  private nextHops = new Map<string, string>();
  /** Per destination, the first hops its bulk chunks may be striped over (as of the last routes). */
  private striped = new Map<string, string[]>();
  private recent = new Map<string, number>();
  /** Neighbors whose lost lanes were resent message by message, and when. */
  private covered = new Map<string, number>();
  /** Destinations that dropped out of the routes, and when (ms since epoch). */
  private unreachable = new Map<string, number>();

  /**
   * `stripedOver(peer)`: the destinations whose bulk chunks may be striped over neighbor `peer`;
   * `hopsOf(dest)`: the first hops `dest`'s chunks may be striped over now.
   */
  constructor(
    private readonly source: RerouteTarget, private readonly stripedOver: (peer: string) => Iterable<string> = () => [],
    private readonly hopsOf: (dest: string) => string[] = () => [],
  ) {}

  /**
   * Lanes to neighbor `peer` closed; the cut happened at `cutAtMs` (ms since epoch). With `lost`
   * (what the lanes may have lost) exactly those messages are resent; without it, everything in
   * flight to the destinations routed through the neighbor or striped over it.
   */
  linkLost(peer: string, cutAtMs: number, lost?: readonly LostMessage[]): void {
    this.source.confirmSuspect(peer);
    if (lost) {
      this.covered.set(peer, Date.now());
      if (lost.length) this.source.resendLost(lost, cutAtMs);
      return;
    }
    const affected = new Set<string>([peer, ...this.stripedOver(peer)]);
    for (const [dest, hop] of this.nextHops) if (hop === peer) affected.add(dest);
    this.resend(affected, cutAtMs);
  }

  /**
   * Neighbor `peer` is suspected: its lanes (in one shard) went silent at `cutAtMs` (ms since
   * epoch) and may have lost the messages in `lost` (the oldest of them), which are resent now.
   * The peer counts as covered, as after {@link FastReroute.linkLost} with its lost messages: its
   * lanes report the rest when they are declared dead, so route moves away from it (the far end's
   * LSA often comes first) resend nothing more while it is reachable. The resend is timed as a
   * reroute only if the dead verdict follows ({@link FastReroute.linkLost}); most suspicions on a
   * loaded machine are false.
   */
  linkSuspect(peer: string, cutAtMs: number, lost: readonly LostMessage[]): void {
    this.covered.set(peer, Date.now());
    if (lost.length) this.source.resendLost(lost, cutAtMs, peer);
  }

  /** Neighbor `peer`, suspected, was heard again before being declared dead: its suspicion was false. */
  linkTrusted(peer: string): void {
    this.source.clearSuspect(peer);
  }

  /**
   * The routing table changed. A target whose next hop moved has its frames resent only when the
   * old next hop can no longer carry them (`usable(dest, hop)` false: no longer a neighbor whose
   * own route to the target avoids this node, e.g. a cut further down that path); a move for a
   * cheaper path, or back to a restored link, leaves the frames already on the old one to arrive. A target whose chunks were striped over a first hop that is
   * no longer usable is resent too.
   */
  routesChanged(routes: ReadonlyMap<string, Route>, usable: (dest: string, hop: string) => boolean = () => false): void {
    const now = Date.now();
    for (const [peer, at] of this.covered) if (now - at >= COVERED_MS) this.covered.delete(peer);
    const lost = (dest: string, hop: string) => !usable(dest, hop) && !(this.covered.has(hop) && routes.has(hop));
    for (const dest of this.nextHops.keys()) if (!routes.has(dest) && !this.unreachable.has(dest)) this.unreachable.set(dest, now);
    while (this.unreachable.size > MAX_UNREACHABLE) this.unreachable.delete(this.unreachable.keys().next().value!);
    const back = new Set<string>();
    let droppedAt = Infinity;
    const moved = new Set<string>();
    for (const [dest, r] of routes) {
      const gone = this.unreachable.get(dest);
      if (gone !== undefined) {
        this.unreachable.delete(dest);
        back.add(dest);
        droppedAt = Math.min(droppedAt, gone);
        continue;
      }
      const before = this.nextHops.get(dest);
      if (before !== undefined && before !== r.nextHop && lost(dest, before)) moved.add(dest);
      for (const hop of this.striped.get(dest) ?? []) if (hop !== r.nextHop && lost(dest, hop)) moved.add(dest);
    }
    this.nextHops = new Map([...routes].map(([d, r]) => [d, r.nextHop]));
    this.striped = new Map([...routes.keys()].map((d) => [d, this.hopsOf(d)]));
    if (moved.size) this.resend(moved, now);
    if (back.size) this.resend(back, droppedAt);
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
