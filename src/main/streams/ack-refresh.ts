/**
 * Acks sent again when the route back to a source moves. A target acknowledges what it stored
 * as it stores it, over its route toward the source at that moment. When a path between them is
 * cut silently (a blackhole), the acks sent before this node's routes move are lost with the path,
 * and once the source's window is full nothing new arrives to be acknowledged: without this the
 * source's reroute waited for its retransmission timeout (a traced blackhole cut on the diamond of
 * `bench/reroute.ts`: the source resent at +135 ms, the target's route back moved at +278 ms, the
 * first ack reached the source at +620 ms). So when the next hop toward a source changes, or a source that was unreachable is
 * reachable again, its streams' current acks go out at once over the new route, and once more
 * {@link REACK_SETTLE_MS} later, when the other nodes' routes have converged too (a node further
 * on may still send the first copy back while its own routes lag: a micro-loop, RFC 5715).
 * Acks are cumulative, so a copy changes nothing at the source beyond the first.
 */
/** Delay of the second round of acks after a route change (ms). */
export const REACK_SETTLE_MS = 100;

/** Tracks the next hop toward each node and calls `reack` for sources whose route moved; see the module comment. */
export class AckRefresh {
  /** Next hop toward each node seen in a routing table; '' while it is unreachable. */
  private hops = new Map<string, string>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  /** `reack(sources)`: sends the current acks of the streams from those node ids. */
  constructor(private readonly reack: (sources: ReadonlySet<string>) => void, private readonly settleMs = REACK_SETTLE_MS) {}

  /** A new routing table: destination node id -> its route's next hop (a neighbor's node id). */
  routesChanged(routes: ReadonlyMap<string, { nextHop: string }>): void {
    const moved = new Set<string>();
    for (const [dest, r] of routes) {
      const was = this.hops.get(dest);
      if (was !== undefined && was !== r.nextHop) moved.add(dest);
      this.hops.set(dest, r.nextHop);
    }
    for (const dest of this.hops.keys()) if (!routes.has(dest)) this.hops.set(dest, '');
    if (moved.size === 0) return;
    this.reack(moved);
    for (const s of moved) this.pending.add(s);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const again = this.pending;
      this.pending = new Set();
      this.reack(again);
    }, this.settleMs);
    this.timer.unref();
  }

  /** Cancels a pending second round. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }
}
