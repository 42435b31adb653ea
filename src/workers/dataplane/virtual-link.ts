/**
 * The VirtualLinks of one shard: per neighbor, the lanes (links) this shard owns, and every lane
 * of that neighbor up in any shard with its owner (from the worker pool, `set-peer-lanes`). A
 * frame for a neighbor goes on the lane {@link pickLane} chooses among all its lanes: sent here
 * when this shard owns that lane, else handed to the owning shard over the shard ring, which sends
 * it on a lane of its own (a frame crosses shards at most once). A neighbor this shard suspects
 * (liveness.ts, which keeps the one record of suspicions) stays in the table: routing prefers other
 * hops while it is suspected.
 */
import { performance } from 'node:perf_hooks';
import type { Link } from './link.js';
import { laneClassOf, laneKeyOf, pickLane } from './lanes.js';
import type { HopView } from './multipath.js';

/** What {@link LaneTable.send} did with a frame. */
export type LaneSend = 'sent' | 'handoff' | 'no-route' | 'congested';

/**
 * How a frame handed to another shard waits when that shard's ring is backed up (shard-rings.ts):
 * `control` always queues; `data` (a transit frame) is refused past a short queue, so a slow shard
 * sheds transit load the way a congested lane does; `chunk` (a chunk of a message for this node,
 * which only the stream's owning shard can reassemble) queues past that, up to a longer bound.
 */
export type HandOffClass = 'control' | 'data' | 'chunk';

/** Hands an encoded frame to another shard; false (not queued) when its ring is backed up past what `cls` allows. */
export type CrossShard = (shard: number, frame: Uint8Array, cls: HandOffClass) => boolean;

interface AllLanes {
  /** Lane indices up, ascending. */
  up: number[];
  /** Lane index -> owning shard. */
  shard: Map<number, number>;
}

function sortedKeys(m: Map<number, unknown>): number[] {
  return [...m.keys()].sort((a, b) => a - b);
}

/** The lanes of every neighbor, as one shard sees them; see the module comment. */
export class LaneTable {
  private local = new Map<bigint, Map<number, Link>>();
  private localUp = new Map<bigint, number[]>();
  private all = new Map<bigint, AllLanes>();
  /**
   * `crossShard()` is the hand-off to other shards (null with one data plane); `shard()` this
   * shard's index; `suspects(hop)` whether this shard's liveness suspects neighbor `hop` (the one
   * record of suspicions, liveness.ts `Liveness.isSuspected`; none when omitted).
   */
  constructor(private readonly crossShard: () => CrossShard | null, private readonly shard: () => number, private readonly suspects: (hop: bigint) => boolean = () => false) {}

  /** Adds a bound link as lane `link.lane` of `link.peerTag`; returns the link it replaced, if any. */
  add(link: Link): Link | undefined {
    const tag = link.peerTag!;
    const lanes = this.local.get(tag) ?? new Map<number, Link>();
    const old = lanes.get(link.lane);
    lanes.set(link.lane, link);
    this.local.set(tag, lanes);
    this.localUp.set(tag, sortedKeys(lanes));
    return old === link ? undefined : old;
  }

  /** Removes a link; true when it was a lane in the table. */
  remove(link: Link): boolean {
    if (link.peerTag === null) return false;
    const lanes = this.local.get(link.peerTag);
    if (!lanes || lanes.get(link.lane) !== link) return false;
    lanes.delete(link.lane);
    if (lanes.size === 0) {
      this.local.delete(link.peerTag);
      this.localUp.delete(link.peerTag);
    } else this.localUp.set(link.peerTag, sortedKeys(lanes));
    return true;
  }

  /** Replaces every neighbor's lanes across shards: peer tag -> [lane, owning shard] pairs. */
  setPeerLanes(peers: Array<[bigint, Array<[number, number]>]>): void {
    this.all = new Map(peers.map(([tag, lanes]) => {
      const shard = new Map(lanes);
      return [tag, { up: sortedKeys(shard), shard }];
    }));
  }

  /**
   * True when this shard suspects neighbor `hop`: its lanes here are all silent (liveness.ts). A
   * neighbor with no lane here is never suspected by this shard.
   */
  isSuspected(hop: bigint): boolean {
    return this.local.has(hop) && this.suspects(hop);
  }

  /** True when `hop` has a lane this shard owns. */
  hasLocal(hop: bigint): boolean {
    return this.local.has(hop);
  }

  /** True when a frame for `hop` can be sent: a lane here, or (unless it came from a shard) in another shard. */
  reachable(hop: bigint, fromShard: boolean): boolean {
    return this.local.has(hop) || (!fromShard && this.crossShard() !== null && this.all.has(hop));
  }

  /** True when `hop`'s lanes all live in other shards. */
  remoteOnly(hop: bigint): boolean {
    return !this.local.has(hop) && this.crossShard() !== null && this.all.has(hop);
  }

  /**
   * Sends `frame` to neighbor `hop` on the lane for its class and key. `control` frames go ahead of
   * data in their batch and are never refused for congestion. `fromShard`: the frame already
   * crossed a shard, so only this shard's lanes are used.
   */
  send(hop: bigint, frame: Uint8Array, control: boolean, fromShard: boolean): LaneSend {
    const cls = laneClassOf(frame);
    const key = cls === 'bulk' ? laneKeyOf(frame) : 0;
    const cross = fromShard ? null : this.crossShard();
    const all = cross ? this.all.get(hop) : undefined;
    let link: Link | undefined;
    if (all) {
      const lane = pickLane(all.up, cls, key)!;
      link = this.local.get(hop)?.get(lane);
      const owner = all.shard.get(lane);
      // The pool's view may still name a lane this shard just lost: then a lane of its own is used.
      if (!link && owner !== undefined && owner !== this.shard()) return cross!(owner, frame, control ? 'control' : 'data') ? 'handoff' : 'congested';
    }
    if (!link) {
      const up = this.localUp.get(hop);
      const lane = up ? pickLane(up, cls, key) : undefined;
      if (lane === undefined) return 'no-route';
      link = this.local.get(hop)!.get(lane)!;
    }
    if (!control && link.congested) return 'congested';
    link.send(frame, control);
    return 'sent';
  }

  /**
   * The path state of neighbor `hop` for the multipath scheduler (scheduler.ts): backlog summed
   * over its lanes here (waiting for credit or not yet consumed by the peer), the smallest minimum RTT, the largest queueing delay, the summed
   * capacity, the summed delivery floor (link-meter.ts `deliveredFloor`) and whether it is suspected. Undefined when this shard owns none of its lanes.
   */
  pathState(hop: bigint, now = performance.now()): ReturnType<HopView['local']> {
    const lanes = this.local.get(hop);
    if (!lanes) return undefined;
    let backlogBytes = 0;
    let rttMs = Infinity;
    let queueMs = 0;
    let bwMbps = 0;
    let floorMbps = 0;
    for (const l of lanes.values()) {
      const m = l.meter;
      backlogBytes += l.pathBacklog;
      // A rate never measured while saturated is only a lower bound (capacity 0): the scheduler
      // then assumes the unknown default, so an idle path is tried and measured instead of starved.
      rttMs = Math.min(rttMs, Number.isFinite(m.minRttMs) ? m.minRttMs : m.rttMs);
      queueMs = Math.max(queueMs, m.queueMs(now));
      bwMbps += m.schedulerCapacity(now);
      floorMbps += m.deliveredFloor(now);
    }
    return { backlogBytes, rttMs: Number.isFinite(rttMs) ? rttMs : 0, queueMs, bwMbps, floorMbps, suspected: this.isSuspected(hop) };
  }
}
