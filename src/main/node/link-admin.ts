/**
 * Operator control of links and lanes (MeshService.AddLink, DropLink, EstablishFullLinks;
 * MeshControl.GetSessions, AddSession, DropSession). A link is a neighbor's VirtualLink, kept by
 * this node's dialer; a session is one lane of it (one WebSocket connection).
 * - AddLink dials an address now and keeps it dialed (the peer record is stored with `dial`, so
 *   the link comes back after a restart). If no link is up within the timeout, the dialing stops
 *   and the last dial error is returned, so a mistyped address does not leave a loop behind.
 * - DropLink stops dialing the peer, stores `dial: false`, closes every lane and refuses the
 *   peer's links (handshake.ts) until AddLink reaches it again; the refusal is not stored, so a
 *   restart forgets it (a configured peer is dialed again then).
 * - EstablishFullLinks runs AddLink toward every origin of the LSDB this node has no link to.
 * - AddSession opens one more lane to a neighbor this node dialed (only the dialing end opens
 *   lanes: a node behind NAT keeps its connections outbound); DropSession closes one lane, which
 *   the lane manager dials again when it wants it (a reset).
 */
import { ErrorCode, MeshError, toRecord } from '../../shared/errors.js';
import { AddressSchema } from '../../shared/config/index.js';
import type { DataPlanePort, LinkId, LinkInfo } from '../../workers/dataplane/index.js';
import type { Logger } from '../observability/logger.js';
import type { MeshStore } from '../storage/index.js';
import type { Lsa } from '../../shared/wire/index.js';
import type { PeerDialer } from './dialer.js';
import type { NodeLinks } from './links.js';

/** Wait for a link or lane when the request gives none (ms). */
export const DEFAULT_LINK_TIMEOUT_MS = 10_000;
/** Longest wait a request may ask for (ms). */
export const MAX_LINK_TIMEOUT_MS = 120_000;
/** How often a pending AddLink looks for its link (ms). */
const POLL_MS = 25;

/** What link administration needs from the node. */
export interface LinkAdminDeps {
  selfId: string;
  address(): string;
  dp: DataPlanePort;
  links: NodeLinks;
  dialer: PeerDialer;
  store: MeshStore;
  log: Logger;
  /** Every LSA this node holds. */
  lsas(): Lsa[];
  /** Lanes per peer this node allows (`lanes.max`). */
  maxLanes: number;
  /** @throws MeshError ERR_FAILED_PRECONDITION unless the node is an active member. */
  requireActive(): void;
}

/** One neighbor's VirtualLink with its lanes. */
export interface SessionView {
  peer: string;
  outbound: boolean;
  address: string;
  dialed: boolean;
  lanes: LinkInfo[];
}

/** The outcome of linking to one node (EstablishFullLinks). */
export interface LinkResult {
  peer: string;
  address: string;
  ok: boolean;
  existed: boolean;
  /** `ERR_*: message` when not ok. */
  error: string;
}

/** See the module comment. */
export class LinkAdmin {
  /** Peers unlinked by DropLink: their links are refused until AddLink. */
  private readonly dropped = new Set<string>();

  constructor(private readonly d: LinkAdminDeps) {}

  /** True when DropLink unlinked `nodeId` (its links are refused). */
  isDropped(nodeId: string): boolean {
    return this.dropped.has(nodeId);
  }

  /**
   * AddLink: see the module comment.
   * @throws MeshError ERR_INVALID_ARGUMENT (address, own address, timeout), ERR_FAILED_PRECONDITION
   *   (not an active member), ERR_UNAVAILABLE (no link within the timeout; the last dial error).
   */
  async addLink(address: string, timeoutMs: number): Promise<{ peer: string; linkId: LinkId }> {
    this.d.requireActive();
    if (!AddressSchema.safeParse(address).success) throw new MeshError(ErrorCode.InvalidArgument, 'address must be host:port');
    if (address === this.d.address()) throw new MeshError(ErrorCode.InvalidArgument, 'that is this node\'s own address');
    const wait = timeoutOf(timeoutMs);
    // The node at that address, as far as this node knows it, is no longer unlinked.
    const known = [this.d.links.peerAt(address), ...this.d.store.listPeers().filter((p) => p.address === address).map((p) => p.nodeId),
      ...this.d.lsas().filter((l) => l.address === address).map((l) => l.origin)];
    for (const id of known) if (id) this.dropped.delete(id);
    const running = this.d.dialer.addresses().includes(address);
    this.d.dialer.ensure(address);
    const deadline = Date.now() + wait;
    for (;;) {
      const linkId = this.d.links.linkFor(address);
      const peer = this.d.links.peerAt(address);
      if (linkId !== undefined && peer) {
        this.dropped.delete(peer);
        this.d.log.info({ address, peer }, 'link added by operator');
        return { peer, linkId };
      }
      if (Date.now() >= deadline) break;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const last = this.d.dialer.lastError(address);
    if (!running) this.d.dialer.stop(address);
    throw new MeshError(ErrorCode.Unavailable, `no link to ${address} within ${wait} ms${last ? `: ${last}` : ''}${running ? '' : '; dialing stopped'}`);
  }

  /**
   * DropLink: see the module comment. Resolves to the number of lanes closed.
   * @throws MeshError ERR_INVALID_ARGUMENT (this node), ERR_FAILED_PRECONDITION (not an active
   *   member), ERR_NOT_FOUND (neither a neighbor nor a peer this node dials).
   */
  async dropLink(peer: string): Promise<number> {
    this.d.requireActive();
    if (peer === this.d.selfId) throw new MeshError(ErrorCode.InvalidArgument, 'cannot unlink this node from itself');
    const record = this.d.store.listPeers().find((p) => p.nodeId === peer);
    const n = this.d.links.neighbors.get(peer);
    if (!n && !record?.dial) throw new MeshError(ErrorCode.NotFound, `no link to ${peer} and it is not dialed from here`);
    this.dropped.add(peer);
    for (const a of new Set([record?.address, n?.address].filter((x): x is string => !!x))) this.d.dialer.stop(a);
    if (record) await this.d.store.putPeer({ ...record, dial: false });
    const closed = this.d.links.drop(peer, 'unlinked by operator (DropLink)');
    this.d.log.warn({ peer, lanes: closed }, 'link dropped by operator; its links are refused until AddLink');
    return closed;
  }

  /** EstablishFullLinks: see the module comment; one result per other live origin of the LSDB. */
  async establishFullLinks(timeoutMs: number): Promise<LinkResult[]> {
    this.d.requireActive();
    const wait = timeoutOf(timeoutMs);
    const others = this.d.lsas().filter((l) => !l.gone && l.origin !== this.d.selfId).sort((a, b) => a.origin.localeCompare(b.origin));
    return Promise.all(others.map(async (l): Promise<LinkResult> => {
      if (this.d.links.neighbors.has(l.origin)) return { peer: l.origin, address: l.address, ok: true, existed: true, error: '' };
      try {
        const r = await this.addLink(l.address, wait);
        if (r.peer !== l.origin) return { peer: l.origin, address: l.address, ok: false, existed: false, error: `${ErrorCode.FailedPrecondition}: ${l.address} is node ${r.peer} now` };
        return { peer: l.origin, address: l.address, ok: true, existed: false, error: '' };
      } catch (err) {
        const r = toRecord(err);
        return { peer: l.origin, address: l.address, ok: false, existed: false, error: `${r.code}: ${r.message}` };
      }
    }));
  }

  /** GetSessions: every neighbor with its lanes (sorted by peer, then lane). */
  async sessions(): Promise<SessionView[]> {
    const lanes = (await this.d.dp.links()).filter((l) => l.up && l.peerId);
    const dialing = new Set(this.d.dialer.addresses());
    return [...this.d.links.neighbors].sort(([a], [b]) => a.localeCompare(b)).map(([peer, n]) => ({
      peer, outbound: n.outbound, address: n.address, dialed: !!n.address && dialing.has(n.address),
      lanes: lanes.filter((l) => l.peerId === peer && n.lanes.get(l.lane) === l.linkId).sort((a, b) => a.lane - b.lane),
    }));
  }

  /**
   * AddSession: opens lane `lane` to `peer`; resolves to its link id.
   * @throws MeshError ERR_INVALID_ARGUMENT (lane over `lanes.max`), ERR_NOT_FOUND (not a
   *   neighbor), ERR_FAILED_PRECONDITION (the peer dialed this node), ERR_ALREADY_EXISTS (the lane
   *   is up), ERR_RATE_LIMITED (over the peer's cap), ERR_UNAVAILABLE (not up within the timeout).
   */
  async addSession(peer: string, lane: number, timeoutMs: number): Promise<LinkId> {
    this.d.requireActive();
    if (!Number.isInteger(lane) || lane < 0 || lane >= this.d.maxLanes) throw new MeshError(ErrorCode.InvalidArgument, `lane must be 0..${this.d.maxLanes - 1} (lanes.max)`);
    const n = this.d.links.neighbors.get(peer);
    if (!n) throw new MeshError(ErrorCode.NotFound, `${peer} is not a neighbor of this node`);
    if (!n.outbound || !n.address) throw new MeshError(ErrorCode.FailedPrecondition, `${peer} dialed this node; only the dialing end opens lanes (AddSession on ${peer})`);
    if (n.lanes.has(lane)) throw new MeshError(ErrorCode.AlreadyExists, `lane ${lane} to ${peer} is up (link ${n.lanes.get(lane)})`);
    const signal = AbortSignal.timeout(timeoutOf(timeoutMs));
    try {
      return await this.d.links.connect(n.address, signal, lane);
    } catch (err) {
      if (signal.aborted) throw new MeshError(ErrorCode.Unavailable, `lane ${lane} to ${peer} not up within ${timeoutOf(timeoutMs)} ms`);
      throw err;
    }
  }

  /**
   * DropSession: closes one lane; resolves to its peer and lane.
   * @throws MeshError ERR_NOT_FOUND (no lane with that link id).
   */
  dropSession(linkId: LinkId): { peer: string; lane: number } {
    this.d.requireActive();
    const at = this.d.links.laneOf(linkId);
    if (!at || !this.d.links.isLane(at.peer, linkId)) throw new MeshError(ErrorCode.NotFound, `no lane with link id ${linkId}`);
    this.d.links.closeLane(linkId, 'closed by operator (DropSession)');
    this.d.log.info({ linkId, ...at }, 'lane closed by operator');
    return at;
  }
}

/** The request's timeout, defaulted and checked. @throws MeshError ERR_INVALID_ARGUMENT over {@link MAX_LINK_TIMEOUT_MS}. */
function timeoutOf(ms: number): number {
  if (!ms) return DEFAULT_LINK_TIMEOUT_MS;
  if (ms > MAX_LINK_TIMEOUT_MS) throw new MeshError(ErrorCode.InvalidArgument, `timeout_ms must be at most ${MAX_LINK_TIMEOUT_MS}`);
  return ms;
}
