/**
 * The links of one node to its neighbors: dialing one and running the handshake, binding an
 * authenticated link to its peer as a lane of that peer's VirtualLink (src/workers/dataplane/lanes.ts),
 * and forgetting it when it closes.
 * - One VirtualLink per peer, all its lanes dialed by the same end: with two, both ends keep the
 *   one dialed by the node with the smaller id. Two links for the same lane from the same dialer
 *   keep the newer one.
 * - The neighbor is up while any lane is. Its control link ({@link Neighbor.linkId}) is lane 0, or
 *   while lane 0 is down the lowest lane up (a data lane promoted at once).
 * Link-state reads the bound neighbors ({@link NodeLinks.neighbors}); the dialer waits on
 * {@link NodeLinks.waitClosed}; the lane manager (lane-manager.ts) dials the other lanes.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { tagOf } from '../../shared/ids.js';
import { FrameType, encodeBody, encodeFrame } from '../../shared/wire/index.js';
import { CloseCode, type DataPlanePort, type LinkId, type LinkMetrics } from '../../workers/dataplane/index.js';
import type { Logger } from '../observability/logger.js';
import type { Storage } from '../storage/index.js';
import type { Handshaker, PeerHello } from './handshake.js';

/** A bound neighbor. Its metrics: RTT and loss of its control link, summed bandwidth and the largest utilization of its lanes. */
export interface Neighbor extends LinkMetrics {
  /** The control link: lane 0, or the lowest lane up while lane 0 is down. */
  linkId: LinkId;
  /** True when this node dialed the VirtualLink (it keeps its lanes). */
  outbound: boolean;
  /** The address this node dials it at (outbound only). */
  address: string;
  /** Lane index -> link. */
  lanes: Map<number, LinkId>;
  /** The last measurements of each lane. */
  laneMetrics: Map<number, LinkMetrics>;
}

/** Closed-before-bound link ids remembered (oldest forgotten first). */
const MAX_CLOSED_UNBOUND = 4096;

/** What the links need from the node. */
export interface NodeLinksDeps {
  selfId: string;
  dp: DataPlanePort;
  store: Storage;
  log: Logger;
  handshaker(): Handshaker;
  /** A neighbor was bound or lost: link-state re-originates (`synced` names a new link to sync). */
  onNeighborsChanged(synced?: LinkId): void;
  /** A peer's node id became known by its tag. */
  onPeer(tag: bigint, nodeId: string): void;
  /** A lane change of neighbor `peer` (for `meshd_lane_events_total` and the mesh events): up, down (with why), promoted. */
  onLaneEvent?(event: 'up' | 'down' | 'promoted', peer: string, lane: number, reason?: string): void;
  /** True when an operator unlinked `nodeId` (DropLink): no lane to it is dialed or bound until AddLink. */
  isDropped?(nodeId: string): boolean;
}

/** The node's links and the peers bound to them. */
export class NodeLinks {
  /** Bound neighbors by node id. */
  readonly neighbors = new Map<string, Neighbor>();
  private linkLanes = new Map<LinkId, { peer: string; lane: number }>();
  private closeWaiters = new Map<LinkId, Array<() => void>>();
  /** Links that closed before their handshake finished: never bound later. */
  private closedUnbound = new Set<LinkId>();
  private addressPeer = new Map<string, string>();

  constructor(private readonly d: NodeLinksDeps) {}

  /** The peer bound to a link, if any. */
  peerOf(linkId: LinkId): string | undefined {
    return this.linkLanes.get(linkId)?.peer;
  }

  /** True when `linkId` is a lane of `peer`'s VirtualLink now. */
  isLane(peer: string, linkId: LinkId): boolean {
    const at = this.linkLanes.get(linkId);
    return at !== undefined && at.peer === peer && this.neighbors.get(peer)?.lanes.get(at.lane) === linkId;
  }

  /**
   * Dials `address` for lane `lane`, runs the link handshake and binds the link; resolves to the
   * link kept for that lane of the peer.
   * @throws MeshError from the dial or the handshake (ERR_RATE_LIMITED: the lane is over the
   *   peer's cap); ERR_UNAVAILABLE when the link closed at once.
   */
  async connect(address: string, signal: AbortSignal, lane = 0): Promise<LinkId> {
    const linkId = await this.d.dp.dial(address, signal, 'mesh');
    let r;
    try {
      r = await this.d.handshaker().begin(linkId, 'link', '', '', lane);
    } catch (err) {
      this.d.dp.execute({ type: 'close-link', linkId, code: CloseCode.Rejected, reason: 'handshake failed' });
      throw err;
    }
    this.addressPeer.set(address, r.peer.nodeId);
    if (this.d.isDropped?.(r.peer.nodeId)) {
      this.d.dp.execute({ type: 'close-link', linkId, code: CloseCode.Normal, reason: 'unlinked by operator (DropLink)' });
      throw new MeshError(ErrorCode.FailedPrecondition, `${r.peer.nodeId} was unlinked here (DropLink): AddLink reconnects it`);
    }
    this.bind(linkId, { ...r.peer, lane }, true, address);
    const kept = this.neighbors.get(r.peer.nodeId)?.lanes.get(lane);
    if (kept === undefined) throw new MeshError(ErrorCode.Unavailable, 'link closed right after handshake');
    return kept;
  }

  /** The lane and peer of a bound link. */
  laneOf(linkId: LinkId): { peer: string; lane: number } | undefined {
    return this.linkLanes.get(linkId);
  }

  /** The node last reached by dialing `address`, if any. */
  peerAt(address: string): string | undefined {
    return this.addressPeer.get(address);
  }

  /** The link to the peer last reached at `address`, if it is up. */
  linkFor(address: string): LinkId | undefined {
    const id = this.addressPeer.get(address);
    return id === undefined ? undefined : this.neighbors.get(id)?.linkId;
  }

  /** Resolves once `linkId` has closed (at once when it is not bound). */
  waitClosed(linkId: LinkId): Promise<void> {
    if (!this.linkLanes.has(linkId)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.closeWaiters.get(linkId) ?? [];
      list.push(resolve);
      this.closeWaiters.set(linkId, list);
    });
  }

  /**
   * Binds an authenticated link to its peer as lane `peer.lane` (0 when absent); see the module
   * comment for duplicates.
   */
  bind(linkId: LinkId, peer: PeerHello, outbound: boolean, address: string): void {
    if (this.closedUnbound.delete(linkId)) return; // closed while its handshake finished: nothing to bind
    const lane = peer.lane ?? 0;
    let n = this.neighbors.get(peer.nodeId);
    if (n && n.outbound !== outbound) {
      const keepNew = (outbound ? this.d.selfId : peer.nodeId) < (n.outbound ? this.d.selfId : peer.nodeId);
      if (!keepNew) return this.close(linkId, CloseCode.Duplicate, 'duplicate link');
      for (const l of n.lanes.values()) this.close(l, CloseCode.Duplicate, 'duplicate link');
      this.neighbors.delete(peer.nodeId);
      n = undefined;
    }
    const old = n?.lanes.get(lane);
    if (old !== undefined && old !== linkId) this.close(old, CloseCode.Duplicate, 'duplicate link');
    const tag = tagOf(peer.nodeId);
    this.d.dp.execute({ type: 'bind-link', linkId, peerId: peer.nodeId, peerTag: tag, lane });
    this.linkLanes.set(linkId, { peer: peer.nodeId, lane });
    this.d.onLaneEvent?.('up', peer.nodeId, lane);
    if (n) {
      n.lanes.set(lane, linkId);
      n.linkId = n.lanes.get(Math.min(...n.lanes.keys()))!;
      this.d.log.debug({ peer: peer.nodeId, linkId, lane }, 'lane up');
      return;
    }
    this.neighbors.set(peer.nodeId, {
      linkId, rttMs: 0, bwMbps: 0, loss: 0, util: 0, outbound, address: outbound ? address : '', lanes: new Map([[lane, linkId]]), laneMetrics: new Map(),
    });
    this.d.onPeer(tag, peer.nodeId);
    this.d.onNeighborsChanged(linkId);
    const prev = this.d.store.listPeers().find((p) => p.nodeId === peer.nodeId);
    void this.d.store.putPeer({ nodeId: peer.nodeId, name: peer.name, address: address || prev?.address || '', dial: outbound || !!prev?.dial, lastSeenMs: Date.now() });
    this.d.log.info({ peer: peer.nodeId, linkId, lane, outbound }, 'link up');
  }

  private close(linkId: LinkId, code: number, reason: string): void {
    this.d.dp.execute({ type: 'close-link', linkId, code, reason });
  }

  /**
   * A link closed: forgets its lane; the neighbor goes down (and link-state re-originates when
   * `active`) with its last lane, and loses its control link to the lowest lane left otherwise.
   */
  closed(linkId: LinkId, reason: string, active: boolean): void {
    this.d.handshaker().closed(linkId);
    const at = this.linkLanes.get(linkId);
    this.linkLanes.delete(linkId);
    if (at === undefined) {
      this.closedUnbound.add(linkId);
      if (this.closedUnbound.size > MAX_CLOSED_UNBOUND) this.closedUnbound.delete(this.closedUnbound.values().next().value as LinkId);
    }
    const n = at && this.neighbors.get(at.peer);
    if (at && n && n.lanes.get(at.lane) === linkId) {
      n.lanes.delete(at.lane);
      n.laneMetrics.delete(at.lane);
      this.d.onLaneEvent?.('down', at.peer, at.lane, reason);
      if (n.lanes.size === 0) {
        this.neighbors.delete(at.peer);
        this.d.log.info({ peer: at.peer, linkId, reason }, 'link down');
        if (active) this.d.onNeighborsChanged();
      } else if (n.linkId === linkId) {
        const lane = Math.min(...n.lanes.keys());
        n.linkId = n.lanes.get(lane)!;
        this.d.onLaneEvent?.('promoted', at.peer, lane);
        this.d.log.warn({ peer: at.peer, linkId, reason, promoted: lane }, 'control lane down; a data lane carries control now');
      } else {
        this.d.log.info({ peer: at.peer, linkId, lane: at.lane, reason }, 'lane down');
      }
    }
    for (const w of this.closeWaiters.get(linkId) ?? []) w();
    this.closeWaiters.delete(linkId);
  }

  /** New measurements of a neighbor's link (see link-meter.ts). */
  measured(peerId: string, linkId: LinkId, m: LinkMetrics): void {
    const n = this.neighbors.get(peerId);
    const at = this.linkLanes.get(linkId);
    if (!n || !at || n.lanes.get(at.lane) !== linkId) return;
    n.laneMetrics.set(at.lane, { rttMs: m.rttMs, bwMbps: m.bwMbps, loss: m.loss, util: m.util });
    if (linkId === n.linkId) {
      n.rttMs = m.rttMs;
      n.loss = m.loss;
    }
    let bw = 0;
    let util = 0;
    for (const x of n.laneMetrics.values()) {
      bw += x.bwMbps;
      util = Math.max(util, x.util);
    }
    n.bwMbps = bw;
    n.util = util;
  }

  /** Closes every lane to `nodeId` (evicted, or DropLink); resolves to the number closed. */
  drop(nodeId: string, reason = 'evicted', code: number = CloseCode.Rejected): number {
    const lanes = [...(this.neighbors.get(nodeId)?.lanes.values() ?? [])];
    for (const l of lanes) this.close(l, code, reason);
    return lanes.length;
  }

  /** Closes one lane (DropSession). */
  closeLane(linkId: LinkId, reason: string): void {
    this.close(linkId, CloseCode.Normal, reason);
  }

  /** Says bye on every neighbor's link and closes it. */
  closeAll(reason: string): void {
    const bye = encodeFrame({ type: FrameType.Bye, ttl: 1, src: tagOf(this.d.selfId), dst: 0n, payload: encodeBody({ reason }) });
    for (const n of this.neighbors.values()) {
      this.d.dp.execute({ type: 'send-link', linkId: n.linkId, frame: bye });
      for (const l of n.lanes.values()) this.close(l, CloseCode.Stopping, reason);
    }
    this.neighbors.clear();
  }
}
