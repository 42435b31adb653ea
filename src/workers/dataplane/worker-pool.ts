/**
 * {@link DataPlanePort} over N data-plane workers ("lanes", ARCHITECTURE.md "Threads"). Each lane
 * owns the links it accepted or dialed; Node cannot move a socket between threads, so a link
 * stays in its lane for life:
 * - inbound links: lane 0 listens on the mesh port and owns every inbound link (one address to
 *   configure, advertise and open in firewalls; Node 20 has no SO_REUSEPORT for worker threads);
 * - outbound links: each dial goes to the lane with the fewest open links, lane 0 last on a tie
 *   (it also takes the inbound ones).
 * The pool keeps which lane owns the link to each neighbor and tells every lane
 * (`set-peer-lanes`). Locally originated frames (messages, acks) go straight to the lane owning
 * the next hop's link; a transit frame that arrives in one lane and leaves by another crosses a
 * worker-to-worker ring (lane-rings.ts) and never reaches the main thread.
 * A lane that dies is restarted on its own (its links re-dialed by the control plane).
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { createLaneRings } from './lane-rings.js';
import type {
  DataPlaneCommand, DataPlaneEvent, DataPlaneOptions, DataPlanePort, DataPlaneStats, DropReason, LinkId, LinkInfo,
} from './messages.js';
import { MAX_LANES, WorkerDataPlane, laneOfLink } from './worker-port.js';
import type { LinkPath } from './transport.js';

/** A data plane of `opts.workers` worker threads. */
export class WorkerPool implements DataPlanePort {
  onEvent: (ev: DataPlaneEvent) => void = () => {};
  /** The lanes, by index. */
  readonly lanes: WorkerDataPlane[];
  private routes = new Map<bigint, bigint>();
  /** Neighbor tag -> the link that carries it (its id names the owning lane). */
  private peerLinks = new Map<bigint, LinkId>();
  private linkPeer = new Map<LinkId, bigint>();

  /** @throws MeshError ERR_INVALID_ARGUMENT when `opts.workers` is not in [1, {@link MAX_LANES}]. */
  constructor(opts: DataPlaneOptions) {
    const n = opts.workers ?? 1;
    if (!Number.isInteger(n) || n < 1 || n > MAX_LANES) throw new MeshError(ErrorCode.InvalidArgument, `workers must be 1-${MAX_LANES}`);
    const rings = createLaneRings(n);
    this.lanes = Array.from({ length: n }, (_, i) => new WorkerDataPlane(opts, i, rings));
    for (const lane of this.lanes) lane.onEvent = (ev) => this.onLaneEvent(ev);
  }

  /** Times any lane was restarted after dying. */
  get restarts(): number {
    return this.lanes.reduce((n, l) => n + l.restarts, 0);
  }

  listen(host: string, port: number): Promise<number> {
    return this.lanes[0].listen(host, port);
  }

  dial(address: string, signal?: AbortSignal, path: LinkPath = 'mesh'): Promise<LinkId> {
    let lane = this.lanes[this.lanes.length - 1];
    for (const l of this.lanes.slice(1)) if (l.linkCount < lane.linkCount) lane = l;
    if (this.lanes[0].linkCount < lane.linkCount) lane = this.lanes[0];
    return lane.dial(address, signal, path);
  }

  execute(cmd: DataPlaneCommand): void {
    switch (cmd.type) {
      case 'set-local':
      case 'set-peer-lanes':
      case 'set-identity':
      case 'set-trust':
      case 'set-frame-keys':
        return this.broadcast(cmd);
      case 'set-routes':
        this.routes = new Map(cmd.routes);
        return this.broadcast(cmd);
      case 'bind-link':
        this.linkPeer.set(cmd.linkId, cmd.peerTag);
        this.peerLinks.set(cmd.peerTag, cmd.linkId);
        this.owner(cmd.linkId).execute(cmd);
        return this.publishPeerLanes();
      case 'close-link':
      case 'send-link':
        return this.owner(cmd.linkId).execute(cmd);
      case 'send-routed':
        return this.laneFor(cmd.dst).execute(cmd);
      case 'send-message':
        return this.laneFor(cmd.msg.dst).execute(cmd);
    }
  }

  async stats(): Promise<DataPlaneStats> {
    const all = await Promise.all(this.lanes.map((l) => l.stats()));
    const sum = all[0];
    for (const s of all.slice(1)) {
      sum.framesIn += s.framesIn;
      sum.framesOut += s.framesOut;
      sum.bytesIn += s.bytesIn;
      sum.bytesOut += s.bytesOut;
      sum.forwarded += s.forwarded;
      sum.laneHandoffs += s.laneHandoffs;
      for (const k of Object.keys(s.dropped) as DropReason[]) sum.dropped[k] += s.dropped[k];
    }
    return sum;
  }

  async links(): Promise<LinkInfo[]> {
    return (await Promise.all(this.lanes.map((l) => l.links()))).flat();
  }

  async stop(): Promise<void> {
    await Promise.all(this.lanes.map((l) => l.stop()));
  }

  /** Restarts one lane (default: every lane) as if it had died (operators: SIGUSR2 to meshd). */
  async restart(lane?: number): Promise<void> {
    await Promise.all(this.lanes.filter((l) => lane === undefined || l.lane === lane).map((l) => l.restart()));
  }

  private onLaneEvent(ev: DataPlaneEvent): void {
    if (ev.type === 'link-closed') {
      const tag = this.linkPeer.get(ev.linkId);
      this.linkPeer.delete(ev.linkId);
      if (tag !== undefined && this.peerLinks.get(tag) === ev.linkId) {
        this.peerLinks.delete(tag);
        this.publishPeerLanes();
      }
    }
    this.onEvent(ev);
  }

  private owner(linkId: LinkId): WorkerDataPlane {
    return this.lanes[laneOfLink(linkId)] ?? this.lanes[0];
  }

  /** The lane owning the link to `dst`'s next hop (lane 0 when unknown: it counts the drop). */
  private laneFor(dst: bigint): WorkerDataPlane {
    const link = this.peerLinks.get(this.routes.get(dst) ?? dst);
    return link === undefined ? this.lanes[0] : this.owner(link);
  }

  private publishPeerLanes(): void {
    if (this.lanes.length === 1) return;
    const lanes: Array<[bigint, number]> = [...this.peerLinks].map(([tag, link]) => [tag, laneOfLink(link)]);
    this.broadcast({ type: 'set-peer-lanes', lanes });
  }

  private broadcast(cmd: DataPlaneCommand): void {
    for (const l of this.lanes) l.execute(cmd);
  }
}
