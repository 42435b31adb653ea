/**
 * The links of one node to its neighbors: dialing one and running the handshake, binding an
 * authenticated link to its peer (one link per peer: with two, both ends keep the one dialed by
 * the node with the smaller id), and forgetting it when it closes. Link-state reads the bound
 * neighbors ({@link NodeLinks.neighbors}); the dialer waits on {@link NodeLinks.waitClosed}.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { tagOf } from '../../shared/ids.js';
import { FrameType, encodeBody, encodeFrame } from '../../shared/wire/index.js';
import { CloseCode, type DataPlanePort, type LinkId, type LinkMetrics } from '../../workers/dataplane/index.js';
import type { Logger } from '../observability/logger.js';
import type { Storage } from '../storage/index.js';
import type { Handshaker, PeerHello } from './handshake.js';

/** A bound neighbor. */
export interface Neighbor extends LinkMetrics {
  linkId: LinkId;
  outbound: boolean;
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
}

/** The node's links and the peers bound to them. */
export class NodeLinks {
  /** Bound neighbors by node id. */
  readonly neighbors = new Map<string, Neighbor>();
  private linkPeers = new Map<LinkId, string>();
  private closeWaiters = new Map<LinkId, Array<() => void>>();
  /** Links that closed before their handshake finished: never bound later. */
  private closedUnbound = new Set<LinkId>();
  private addressPeer = new Map<string, string>();

  constructor(private readonly d: NodeLinksDeps) {}

  /** The peer bound to a link, if any. */
  peerOf(linkId: LinkId): string | undefined {
    return this.linkPeers.get(linkId);
  }

  /**
   * Dials `address`, runs the link handshake and binds the link; resolves to the link kept for
   * that peer.
   * @throws MeshError from the dial or the handshake; ERR_UNAVAILABLE when the link closed at once.
   */
  async connect(address: string, signal: AbortSignal): Promise<LinkId> {
    const linkId = await this.d.dp.dial(address, signal, 'mesh');
    let r;
    try {
      r = await this.d.handshaker().begin(linkId, 'link');
    } catch (err) {
      this.d.dp.execute({ type: 'close-link', linkId, code: CloseCode.Rejected, reason: 'handshake failed' });
      throw err;
    }
    this.addressPeer.set(address, r.peer.nodeId);
    this.bind(linkId, r.peer, true, address);
    const kept = this.neighbors.get(r.peer.nodeId);
    if (!kept) throw new MeshError(ErrorCode.Unavailable, 'link closed right after handshake');
    return kept.linkId;
  }

  /** The link to the peer last reached at `address`, if it is up. */
  linkFor(address: string): LinkId | undefined {
    const id = this.addressPeer.get(address);
    return id === undefined ? undefined : this.neighbors.get(id)?.linkId;
  }

  /** Resolves once `linkId` has closed (at once when it is not bound). */
  waitClosed(linkId: LinkId): Promise<void> {
    if (!this.linkPeers.has(linkId)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.closeWaiters.get(linkId) ?? [];
      list.push(resolve);
      this.closeWaiters.set(linkId, list);
    });
  }

  /**
   * Binds an authenticated link to its peer. With two links to one peer, both ends keep the one
   * dialed by the node with the smaller id (or the newer one when one node dialed both).
   */
  bind(linkId: LinkId, peer: PeerHello, outbound: boolean, address: string): void {
    if (this.closedUnbound.delete(linkId)) return; // closed while its handshake finished: nothing to bind
    const existing = this.neighbors.get(peer.nodeId);
    if (existing && existing.linkId !== linkId) {
      const dialerNew = outbound ? this.d.selfId : peer.nodeId;
      const dialerOld = existing.outbound ? this.d.selfId : peer.nodeId;
      const keepNew = dialerNew === dialerOld || dialerNew < dialerOld;
      const drop = keepNew ? existing.linkId : linkId;
      if (keepNew) this.neighbors.delete(peer.nodeId);
      this.d.dp.execute({ type: 'close-link', linkId: drop, code: CloseCode.Duplicate, reason: 'duplicate link' });
      if (!keepNew) return;
    }
    const tag = tagOf(peer.nodeId);
    this.d.dp.execute({ type: 'bind-link', linkId, peerId: peer.nodeId, peerTag: tag });
    this.neighbors.set(peer.nodeId, { linkId, rttMs: 0, bwMbps: 0, loss: 0, util: 0, outbound });
    this.linkPeers.set(linkId, peer.nodeId);
    this.d.onPeer(tag, peer.nodeId);
    this.d.onNeighborsChanged(linkId);
    const prev = this.d.store.listPeers().find((p) => p.nodeId === peer.nodeId);
    void this.d.store.putPeer({ nodeId: peer.nodeId, name: peer.name, address: address || prev?.address || '', dial: outbound || !!prev?.dial, lastSeenMs: Date.now() });
    this.d.log.info({ peer: peer.nodeId, linkId, outbound }, 'link up');
  }

  /** A link closed: forgets its peer, and re-originates when it was a neighbor's link and `active`. */
  closed(linkId: LinkId, reason: string, active: boolean): void {
    this.d.handshaker().closed(linkId);
    const peer = this.linkPeers.get(linkId);
    this.linkPeers.delete(linkId);
    if (peer === undefined) {
      this.closedUnbound.add(linkId);
      if (this.closedUnbound.size > MAX_CLOSED_UNBOUND) this.closedUnbound.delete(this.closedUnbound.values().next().value as LinkId);
    }
    if (peer !== undefined && this.neighbors.get(peer)?.linkId === linkId) {
      this.neighbors.delete(peer);
      this.d.log.info({ peer, linkId, reason }, 'link down');
      if (active) this.d.onNeighborsChanged();
    }
    for (const w of this.closeWaiters.get(linkId) ?? []) w();
    this.closeWaiters.delete(linkId);
  }

  /** New measurements of a neighbor's link (see link-meter.ts). */
  measured(peerId: string, linkId: LinkId, m: LinkMetrics): void {
    const n = this.neighbors.get(peerId);
    if (!n || n.linkId !== linkId) return;
    n.rttMs = m.rttMs;
    n.bwMbps = m.bwMbps;
    n.loss = m.loss;
    n.util = m.util;
  }

  /** Closes the link to `nodeId` (evicted). */
  drop(nodeId: string): void {
    const n = this.neighbors.get(nodeId);
    if (n) this.d.dp.execute({ type: 'close-link', linkId: n.linkId, code: CloseCode.Rejected, reason: 'evicted' });
  }

  /** Says bye on every neighbor's link and closes it. */
  closeAll(reason: string): void {
    const bye = encodeFrame({ type: FrameType.Bye, ttl: 1, src: tagOf(this.d.selfId), dst: 0n, payload: encodeBody({ reason }) });
    for (const n of this.neighbors.values()) {
      this.d.dp.execute({ type: 'send-link', linkId: n.linkId, frame: bye });
      this.d.dp.execute({ type: 'close-link', linkId: n.linkId, code: CloseCode.Stopping, reason });
    }
    this.neighbors.clear();
  }
}
