/**
 * {@link DataPlanePort} over N data-plane workers ("shards", ARCHITECTURE.md "Threads"). Each shard
 * owns the links it accepted or dialed; Node cannot move a socket between threads, so a link
 * stays in its shard for life:
 * - inbound links: shard 0 listens on the mesh port and owns every inbound link (one address to
 *   configure, advertise and open in firewalls; Node 20 has no SO_REUSEPORT for worker threads);
 * - outbound links: each dial goes to the shard with the fewest open links, shard 0 last on a tie
 *   (it also takes the inbound ones).
 * A neighbor's VirtualLink lanes (lanes.ts) may so live in different shards. The pool keeps which
 * shard owns each lane of each neighbor and tells every shard (`set-peer-lanes`). Locally
 * originated frames (messages, acks) go straight to the shard owning the lane they ride (chosen as
 * the shards choose it, {@link pickLane}); a transit frame that arrives in one shard and leaves by
 * another crosses a worker-to-worker ring (shard-rings.ts) and never reaches the main thread.
 * A shard that dies is restarted on its own (its links re-dialed by the control plane).
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { createShardRings } from './shard-rings.js';
import type {
  DataPlaneCommand, DataPlaneEvent, DataPlaneOptions, DataPlanePort, DataPlaneStats, DropReason, LinkId, LinkInfo,
} from './messages.js';
import { MAX_SHARDS, WorkerDataPlane, shardOfLink } from './worker-port.js';
import { laneClassOf, laneKeyOf, pickLane, streamHash, type LaneClass } from './lanes.js';
import type { LinkPath } from './transport.js';

/** A data plane of `opts.workers` worker threads. */
export class WorkerPool implements DataPlanePort {
  onEvent: (ev: DataPlaneEvent) => void = () => {};
  /** The shards, by index. */
  readonly shards: WorkerDataPlane[];
  private routes = new Map<bigint, bigint>();
  /** Neighbor tag -> its lanes: lane index -> link (the link id names the owning shard). */
  private peerLanes = new Map<bigint, Map<number, LinkId>>();
  private linkLane = new Map<LinkId, { tag: bigint; lane: number }>();

  /** @throws MeshError ERR_INVALID_ARGUMENT when `opts.workers` is not in [1, {@link MAX_SHARDS}]. */
  constructor(opts: DataPlaneOptions) {
    const n = opts.workers ?? 1;
    if (!Number.isInteger(n) || n < 1 || n > MAX_SHARDS) throw new MeshError(ErrorCode.InvalidArgument, `workers must be 1-${MAX_SHARDS}`);
    const rings = createShardRings(n);
    this.shards = Array.from({ length: n }, (_, i) => new WorkerDataPlane(opts, i, rings));
    for (const shard of this.shards) shard.onEvent = (ev) => this.onShardEvent(ev);
  }

  /** Times any shard was restarted after dying. */
  get restarts(): number {
    return this.shards.reduce((n, l) => n + l.restarts, 0);
  }

  listen(host: string, port: number): Promise<number> {
    return this.shards[0].listen(host, port);
  }

  dial(address: string, signal?: AbortSignal, path: LinkPath = 'mesh'): Promise<LinkId> {
    let shard = this.shards[this.shards.length - 1];
    for (const l of this.shards.slice(1)) if (l.linkCount < shard.linkCount) shard = l;
    if (this.shards[0].linkCount < shard.linkCount) shard = this.shards[0];
    return shard.dial(address, signal, path);
  }

  execute(cmd: DataPlaneCommand): void {
    switch (cmd.type) {
      case 'set-local':
      case 'set-peer-lanes':
      case 'set-identity':
      case 'set-trust':
      case 'set-frame-keys':
      case 'set-multipath':
      case 'set-limits':
        return this.broadcast(cmd);
      case 'set-routes':
        this.routes = new Map(cmd.routes);
        return this.broadcast(cmd);
      case 'bind-link': {
        this.linkLane.set(cmd.linkId, { tag: cmd.peerTag, lane: cmd.lane });
        const lanes = this.peerLanes.get(cmd.peerTag) ?? new Map<number, LinkId>();
        lanes.set(cmd.lane, cmd.linkId);
        this.peerLanes.set(cmd.peerTag, lanes);
        this.owner(cmd.linkId).execute(cmd);
        return this.publishPeerLanes();
      }
      case 'close-link':
      case 'send-link':
        return this.owner(cmd.linkId).execute(cmd);
      case 'send-routed':
        return this.shardFor(cmd.dst, laneClassOf(cmd.frame), laneKeyOf(cmd.frame)).execute(cmd);
      case 'send-message':
        return this.shardFor(cmd.msg.dst, 'bulk', streamHash(cmd.msg.streamId)).execute(cmd);
    }
  }

  async stats(): Promise<DataPlaneStats> {
    const all = await Promise.all(this.shards.map((l) => l.stats()));
    const sum = all[0];
    for (const s of all.slice(1)) {
      sum.framesIn += s.framesIn;
      sum.framesOut += s.framesOut;
      sum.bytesIn += s.bytesIn;
      sum.bytesOut += s.bytesOut;
      sum.forwarded += s.forwarded;
      sum.shardHandoffs += s.shardHandoffs;
      sum.rerouted += s.rerouted;
      sum.suspected += s.suspected;
      sum.suspicionsCleared += s.suspicionsCleared;
      sum.ackCopies += s.ackCopies;
      sum.sacks += s.sacks;
      sum.uturns += s.uturns;
      sum.striped += s.striped;
      for (const k of Object.keys(s.dropped) as DropReason[]) sum.dropped[k] += s.dropped[k];
    }
    return sum;
  }

  async links(): Promise<LinkInfo[]> {
    return (await Promise.all(this.shards.map((l) => l.links()))).flat();
  }

  async stop(): Promise<void> {
    await Promise.all(this.shards.map((l) => l.stop()));
  }

  /** Restarts one shard (default: every shard) as if it had died (operators: SIGUSR2 to meshd). */
  async restart(shard?: number): Promise<void> {
    await Promise.all(this.shards.filter((l) => shard === undefined || l.shard === shard).map((l) => l.restart()));
  }

  private onShardEvent(ev: DataPlaneEvent): void {
    if (ev.type === 'link-closed') {
      const at = this.linkLane.get(ev.linkId);
      this.linkLane.delete(ev.linkId);
      const lanes = at && this.peerLanes.get(at.tag);
      if (at && lanes?.get(at.lane) === ev.linkId) {
        lanes.delete(at.lane);
        if (lanes.size === 0) this.peerLanes.delete(at.tag);
        this.publishPeerLanes();
      }
    }
    this.onEvent(ev);
  }

  private owner(linkId: LinkId): WorkerDataPlane {
    return this.shards[shardOfLink(linkId)] ?? this.shards[0];
  }

  /**
   * The shard owning the lane a frame of class `cls` and lane key `key` rides to `dst`'s next hop
   * (chosen as the shards choose it); shard 0 when there is none (it counts the drop).
   */
  private shardFor(dst: bigint, cls: LaneClass, key: number): WorkerDataPlane {
    const lanes = this.peerLanes.get(this.routes.get(dst) ?? dst);
    if (!lanes) return this.shards[0];
    const lane = pickLane([...lanes.keys()].sort((a, b) => a - b), cls, key);
    return this.owner(lanes.get(lane!)!);
  }

  private publishPeerLanes(): void {
    if (this.shards.length === 1) return;
    const peers: Array<[bigint, Array<[number, number]>]> = [...this.peerLanes].map(([tag, lanes]) => [tag, [...lanes].map(([lane, link]) => [lane, shardOfLink(link)])]);
    this.broadcast({ type: 'set-peer-lanes', peers });
  }

  private broadcast(cmd: DataPlaneCommand): void {
    for (const l of this.shards) l.execute(cmd);
  }
}
