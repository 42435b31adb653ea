/**
 * The outbound side of one data plane: routing table and multipath table, the VirtualLink lanes of
 * every neighbor (virtual-link.ts), and how an encoded frame leaves: to the routing table's next
 * hop, else the first precomputed alternate that is up (fast reroute); a bulk message over several
 * paths chunk by chunk as the multipath scheduler says (scheduler.ts). Counts what it forwards,
 * reroutes, stripes, hands to another shard and drops.
 */
import { performance } from 'node:perf_hooks';
import { Off, sealFrame } from '../../shared/wire/index.js';
import type { DataPlaneStats, OutboundMessage } from './messages.js';
import { DropReason as DR } from './messages.js';
import { encodeMessage } from './reassembly.js';
import { MultipathTable, type HopView } from './multipath.js';
import { LaneTable, type CrossShard } from './virtual-link.js';

/** Routes and sends the frames of one data plane; see the module comment. */
export class Outbound {
  /** Destination tag -> next-hop neighbor tag. */
  routes = new Map<bigint, bigint>();
  readonly multipath = new MultipathTable();
  lanes: LaneTable;
  private readonly hopView: HopView = {
    local: (hop) => this.lanes.pathState(hop),
    remote: (hop) => this.lanes.remoteOnly(hop),
  };

  /** `counters` are the data plane's (updated in place); `crossShard()`, `shard()` and `suspects(hop)` as in {@link LaneTable}. */
  constructor(
    private readonly counters: DataPlaneStats, private readonly crossShard: () => CrossShard | null, private readonly shard: () => number,
    private readonly suspects: (hop: bigint) => boolean = () => false,
  ) {
    this.lanes = new LaneTable(crossShard, shard, suspects);
  }

  /** Forgets every lane (the data plane stopped). */
  reset(): void {
    this.lanes = new LaneTable(this.crossShard, this.shard, this.suspects);
  }

  /**
   * Sends an encoded frame toward `dst`: to the routing table's next hop, over a link of this shard
   * or (unless it came from one) through the shard that owns it; when that hop's link is gone or
   * its neighbor is suspected (liveness.ts), to the first precomputed alternate that is up and not
   * suspected (fast reroute), else to a suspected one. Counts and drops it when there is no way.
   */
  route(dst: bigint, frame: Uint8Array, control: boolean, fromShard = false): boolean {
    return this.routeVia(this.nextHop(dst, fromShard), frame, control, fromShard);
  }

  /**
   * Forwards a transit frame that arrived from neighbor `from` toward `dst`, like
   * {@link Outbound.route}, except when the next hop is `from` itself: a U-turn, which means that
   * neighbor's own path toward `dst` broke and it sent the frame back along its new route before
   * the routes here moved (the far end's LSA is still on its way). Sent back, the frame would
   * bounce between the two until its TTL ran out; it goes to the first precomputed alternate that is
   * up, not suspected and not `from` instead, as U-turn alternates do (Atlas et al.,
   * draft-atlas-ip-local-protect-uturn). With none it goes where the routes say.
   */
  forward(dst: bigint, frame: Uint8Array, control: boolean, from: bigint | null): boolean {
    const hop = this.nextHop(dst, false);
    if (from !== null && hop === from) {
      const alt = this.multipath.alternate(dst, (h) => h !== from && this.lanes.reachable(h, false) && !this.lanes.isSuspected(h));
      if (alt !== undefined && this.sendVia(alt, frame, control, false)) {
        this.counters.uturns++;
        return true;
      }
    }
    return this.routeVia(hop, frame, control, false);
  }

  /**
   * Sends an ack this node originates toward `dst` like {@link Outbound.route}, and a copy over the
   * first other hop of `dst`'s precomputed set that is up and not suspected. An ack crosses the
   * cut of either path at once instead of after the routes moved (the far end's LSA and a new
   * shortest-path run): the source's reroute waits on the first ack that covers what the cut lost.
   * Acks are cumulative, so the copy that comes second changes nothing at the source.
   */
  routeAck(dst: bigint, frame: Uint8Array): boolean {
    const hop = this.nextHop(dst, false);
    const sent = this.routeVia(hop, frame, true, false);
    const spare = this.multipath.alternate(dst, (h) => h !== hop && this.lanes.reachable(h, false) && !this.lanes.isSuspected(h));
    if (spare !== undefined && this.sendVia(spare, frame, true, false)) this.counters.ackCopies++;
    return sent;
  }

  /**
   * The neighbor a frame for `dst` goes to (see {@link Outbound.route}); undefined when there is
   * none. `fromShard`: only this shard's lanes count.
   */
  private nextHop(dst: bigint, fromShard: boolean): bigint | undefined {
    const primary = this.routes.get(dst) ?? (this.lanes.reachable(dst, false) ? dst : undefined);
    const up = (h: bigint) => this.lanes.reachable(h, fromShard);
    const sound = (h: bigint) => up(h) && !this.lanes.isSuspected(h);
    if (primary !== undefined && sound(primary)) return primary;
    const alt = this.multipath.alternate(dst, sound, primary) ?? (primary !== undefined && up(primary) ? primary : this.multipath.alternate(dst, up, primary));
    if (alt !== undefined && alt !== primary) this.counters.rerouted++;
    return alt;
  }

  private routeVia(hop: bigint | undefined, frame: Uint8Array, control: boolean, fromShard: boolean): boolean {
    if (hop !== undefined) return this.sendVia(hop, frame, control, fromShard);
    this.counters.dropped[DR.NoRoute]++;
    return false;
  }

  /** Sends on a lane to neighbor `hop` (this shard's, or another shard's through the shard ring); see virtual-link.ts. */
  sendVia(hop: bigint, frame: Uint8Array, control: boolean, fromShard: boolean): boolean {
    const r = this.lanes.send(hop, frame, control, fromShard);
    if (r === 'sent') return true;
    if (r === 'handoff') {
      this.counters.shardHandoffs++;
      return true;
    }
    this.counters.dropped[r === 'congested' ? DR.Congested : DR.NoRoute]++;
    return false;
  }

  /**
   * Chunks, seals (with `mac`, the pair key toward `m.dst`; none with `--insecure-dev-only`) and
   * sends a client-data message from `localTag`, in chunks of `chunkBytes`.
   */
  sendMessage(m: OutboundMessage, localTag: bigint, chunkBytes: number, mac: Uint8Array | undefined): void {
    if (m.payload.length <= chunkBytes || !this.multipath.striped(m.dst)) {
      for (const frame of encodeMessage(m, localTag, chunkBytes, mac)) if (!this.route(m.dst, frame, false)) return;
      return;
    }
    // A bulk message over several paths: each chunk goes where the scheduler says, marked with its
    // path before it is sealed (the pair tag covers path_id).
    const hops = this.multipath.hops(m.dst)!;
    const now = performance.now();
    for (const frame of encodeMessage(m, localTag, chunkBytes)) {
      const i = this.multipath.pick(m.dst, frame.length, this.hopView, now);
      if (i < 0) {
        this.counters.dropped[DR.NoRoute]++;
        return;
      }
      frame.writeUInt16BE(i + 1, Off.pathId);
      if (mac) sealFrame(frame, mac);
      if (i > 0) this.counters.striped++;
      if (!this.sendVia(hops[i], frame, false, false)) return;
    }
  }
}
