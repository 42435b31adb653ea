/**
 * The data plane in the current thread: owns the WebSocket listener and links (each bound as a
 * lane of its peer's VirtualLink) and their liveness (liveness.ts); what arrives on them is
 * decoded and handled in inbound.ts (heartbeats, window updates, forwarding, authentication,
 * reassembly), what goes out in outbound.ts (routes, alternates, striping, chunking). It talks to
 * the control plane only through {@link DataPlaneCommand} and {@link DataPlaneEvent} records.
 *
 * Routed frames (ack, consensus, data) are authenticated end to end here: every one this node
 * originates is sealed with the pair key of (this node, destination), and every one addressed to
 * this node is checked with the pair key of (source, this node) before anything else reads it
 * (`src/shared/wire/auth.ts`). A frame that fails is dropped and counted (`bad_tag`,
 * `unknown_peer`), never delivered. Transit frames are forwarded unchecked: a transit node holds
 * neither key.
 */
import { meshTracer, type MeshTracer } from '../../shared/tracing/index.js';
import type { WebSocket } from 'ws';
import { performance } from 'node:perf_hooks';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { FrameType, Off, type Frame } from '../../shared/wire/index.js';
import {
  DEFAULT_CONTROL_WINDOW_BYTES, DEFAULT_DATA_WINDOW_BYTES, DEFAULT_HIGH_WATER_BYTES, DEFAULT_LOW_WATER_BYTES,
} from '../../shared/config/defaults.js';
import { CloseCode } from './constants.js';
import { MeshListener, dialTls, type LinkPath, type PeerTls, type TlsIdentity } from './transport.js';
import { Link } from './link.js';
import type {
  DataPlaneCommand, DataPlaneEvent, DataPlaneOptions, DataPlanePort, DataPlaneStats, DropReason, InboundMessage, LaneLimits, LinkId,
  LinkInfo, OutboundMessage,
} from './messages.js';
import { DropReason as DR } from './messages.js';
import { Reassembler } from './reassembly.js';
import { PairKeys } from './pair-keys.js';
import { SUSPECT_RESEND_BYTES, Liveness } from './liveness.js';
import type { CrossShard } from './virtual-link.js';
import { Outbound } from './outbound.js';
import { Inbound } from './inbound.js';
import { CONTROL_LANE } from './lanes.js';


/** Lane limits when the options give none. */
const DEFAULT_LANE_LIMITS: LaneLimits = {
  controlWindowBytes: DEFAULT_CONTROL_WINDOW_BYTES, dataWindowBytes: DEFAULT_DATA_WINDOW_BYTES,
  highWaterBytes: DEFAULT_HIGH_WATER_BYTES, lowWaterBytes: DEFAULT_LOW_WATER_BYTES,
};


/** {@link DataPlanePort} running in the calling thread. */
export class InThreadDataPlane implements DataPlanePort {
  onEvent: (ev: DataPlaneEvent) => void = () => {};
  /**
   * Hands an encoded frame to another shard; false when that shard's ring is congested (set by a
   * shard worker when the node runs several, see {@link DataPlaneCommand} `set-peer-lanes`).
   */
  crossShard: CrossShard | null = null;
  /**
   * This data plane's shard index and the node's shard count (set by a shard worker). Chunks of a
   * message for this node are reassembled in the shard a hash of its stream id names, wherever
   * they arrive, so a message striped over lanes or paths in several shards still completes.
   */
  shardIndex = 0;
  shardCount = 1;
  /**
   * When set (by a shard worker), single-chunk data frames for this node are handed over encoded,
   * in arrival order with `messages` events, instead of as {@link InboundMessage} objects.
   */
  deliverRaw: ((frame: Uint8Array) => void) | null = null;
  private readonly limits: LaneLimits;
  private server: MeshListener | null = null;
  private identity: TlsIdentity | null = null;
  private trust = new Set<string>();
  private pairKeys: PairKeys;
  private conns = new Map<LinkId, Link>();
  private localTag = 0n;
  private nextId = 1;
  private reassembler = new Reassembler();
  private liveness: Liveness;
  private counters: DataPlaneStats = {
    framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0, forwarded: 0, shardHandoffs: 0, rerouted: 0, striped: 0, suspected: 0, suspicionsCleared: 0, ackCopies: 0, sacks: 0, uturns: 0,
    dropped: Object.fromEntries(Object.values(DR).map((r) => [r, 0])) as Record<DropReason, number>,
  };
  private out = new Outbound(this.counters, () => this.crossShard, () => this.shardIndex, (hop) => this.liveness.isSuspected(hop));
  private inbound: Inbound;

  /** `firstLinkId` separates the link ids of successive workers, so a stale id never names a new link. */
  /** OpenTelemetry spans of sampled messages crossing this node (null: tracing off). */
  private readonly tracer: MeshTracer | null;

  constructor(private readonly opts: DataPlaneOptions, firstLinkId = 1) {
    this.tracer = meshTracer(opts.tracing, opts.nodeId ?? '');
    this.nextId = firstLinkId;
    this.limits = { ...(opts.lanes ?? DEFAULT_LANE_LIMITS) };
    this.pairKeys = new PairKeys(opts.insecureDevOnly ?? false);
    this.inbound = new Inbound({
      counters: this.counters, out: this.out, pairKeys: this.pairKeys, reassembler: this.reassembler, tracer: this.tracer,
      liveness: () => this.liveness, localTag: () => this.localTag, emit: (ev) => this.onEvent(ev), deliverRaw: () => this.deliverRaw,
      crossShard: () => this.crossShard, shardIndex: () => this.shardIndex, shardCount: () => this.shardCount,
    });
    this.liveness = new Liveness({
      heartbeatMs: opts.heartbeatMs, deadAfterMs: opts.deadAfterMs, links: () => this.conns.values(), localTag: () => this.localTag,
      onMeasured: (link) => this.onEvent({
        type: 'link-metrics', linkId: link.id, peerId: link.peerId!, lane: link.lane, backlogBytes: link.backlog,
        inFlightBytes: link.waiting + link.credit.unacked, currentRttMs: link.meter.currentRttMs(performance.now()),
        bytesIn: link.bytesIn, bytesOut: link.bytesOut, ...link.meter.snapshot(),
      }),
      onDead: (links) => {
        // Out of the lane table first, so nothing the first event triggers is sent on the others.
        for (const l of links) this.out.lanes.remove(l);
        for (const l of links) this.closed(l, 'dead: no frames received');
      },
      onRound: (now) => { this.counters.dropped[DR.ReassemblyTimeout] += this.reassembler.sweep(now); },
      onSuspect: (tag, links, silentMs) => {
        this.counters.suspected++;
        this.onEvent({ type: 'link-suspect', peerId: links[0].peerId!, atMs: Date.now(), silentMs, lost: links.flatMap((l) => l.lostOnSuspicion(this.localTag, SUSPECT_RESEND_BYTES)) });
      },
      onHeardAgain: (tag, links) => {
        this.counters.suspicionsCleared++;
        for (const l of links) l.heardAgain();
        this.onEvent({ type: 'link-trusted', peerId: links[0].peerId! });
      },
    });
  }

  listen(host: string, port: number): Promise<number> {
    const id = this.requireIdentity();
    const server = new MeshListener(id, (fp) => this.trust.has(fp), (ws, remote, path, peer) => this.adopt(ws, false, remote, path, peer), (remote, reason) => {
      this.counters.dropped[DR.Unauthenticated]++;
      this.onEvent({ type: 'link-refused', remote, reason });
    });
    return server.listen(host, port).then((p) => {
      this.server = server;
      return p;
    });
  }

  async dial(address: string, signal?: AbortSignal, path: LinkPath = 'mesh'): Promise<LinkId> {
    const { ws, peer } = await dialTls(address, path, this.requireIdentity(), signal);
    return this.adopt(ws, true, address, path, peer).id;
  }

  private requireIdentity(): TlsIdentity {
    if (!this.identity) throw new MeshError(ErrorCode.FailedPrecondition, 'the data plane has no TLS identity yet');
    return this.identity;
  }

  execute(cmd: DataPlaneCommand): void {
    switch (cmd.type) {
      case 'set-local': this.localTag = cmd.nodeTag; break;
      case 'set-identity':
        this.identity = cmd.identity;
        this.server?.setIdentity(cmd.identity);
        break;
      case 'set-trust': this.trust = new Set(cmd.fingerprints); break;
      case 'set-frame-keys': this.pairKeys.set(cmd.keys); break;
      case 'bind-link': this.bind(cmd.linkId, cmd.peerId, cmd.peerTag, cmd.lane); break;
      case 'close-link': this.conns.get(cmd.linkId)?.close(cmd.code, cmd.reason); break;
      case 'send-link': this.conns.get(cmd.linkId)?.send(cmd.frame, true); break;
      case 'send-routed': this.sendRouted(cmd.dst, cmd.frame, true); break;
      case 'send-message': this.sendMessage(cmd.msg); break;
      case 'set-routes': this.out.routes = new Map(cmd.routes); break;
      case 'set-multipath': this.out.multipath.set(cmd.policy, cmd.paths); break;
      case 'set-peer-lanes': this.out.lanes.setPeerLanes(cmd.peers); break;
      case 'set-limits': this.setLimits(cmd.batchBytes, cmd.lanes); break;
    }
  }

  /**
   * A live reload of the batch size and lane limits: new links take them, and every link now takes
   * the batch size, water marks (shared object) and largest credit window of its lane.
   */
  private setLimits(batchBytes: number, lanes: LaneLimits): void {
    this.opts.batchBytes = batchBytes;
    Object.assign(this.limits, lanes);
    for (const l of this.conns.values()) l.retune(batchBytes, l.lane === CONTROL_LANE ? lanes.controlWindowBytes : lanes.dataWindowBytes);
  }

  /**
   * Sends a frame another shard handed over (its TTL already decremented) out of this shard's
   * links. It never crosses shards again, so a stale shard map cannot make it loop.
   */
  fromShard(f: Frame): void {
    if (f.dst === this.localTag && f.type === FrameType.Data) {
      // A chunk another shard received and authenticated, for this shard's reassembler.
      const delivered: InboundMessage[] = [];
      this.inbound.reassemble(null, f, delivered);
      if (delivered.length) this.onEvent({ type: 'messages', messages: delivered });
      return;
    }
    const hop = f.pathId > 0 && f.src === this.localTag ? this.out.multipath.hopOf(f.dst, f.pathId) : undefined;
    if (hop !== undefined && this.out.lanes.hasLocal(hop)) this.out.sendVia(hop, f.raw, false, true);
    else this.route(f.dst, f.raw, f.type !== FrameType.Data, true);
  }

  async stats(): Promise<DataPlaneStats> {
    let framesOut = 0;
    let bytesOut = 0;
    for (const l of this.conns.values()) {
      framesOut += l.framesOut;
      bytesOut += l.bytesOut;
    }
    return { ...this.counters, framesOut: this.counters.framesOut + framesOut, bytesOut: this.counters.bytesOut + bytesOut, dropped: { ...this.counters.dropped } };
  }

  async links(): Promise<LinkInfo[]> {
    return [...this.conns.values()].map((l) => l.info());
  }

  async stop(): Promise<void> {
    this.liveness.stop();
    for (const l of this.conns.values()) l.close(CloseCode.Stopping, 'node stopping');
    this.conns.clear();
    this.out.reset();
    const s = this.server;
    this.server = null;
    await s?.close();
  }

  private adopt(ws: WebSocket, outbound: boolean, remote: string, path: LinkPath, peer: PeerTls): Link {
    const link = new Link(this.nextId++, ws, outbound, remote, this.opts.batchBytes, 2 * this.opts.heartbeatMs, performance.now(), this.limits);
    this.conns.set(link.id, link);
    ws.on('message', (data, isBinary) => this.inbound.receive(link, data as Buffer, isBinary));
    ws.on('close', (_code, reason) => this.closed(link, reason.toString() || 'closed'));
    ws.on('error', () => ws.terminate());
    this.onEvent({ type: 'link-open', linkId: link.id, outbound, remote, path, peerCerts: peer.certs, binding: peer.binding });
    return link;
  }

  private closed(link: Link, reason: string): void {
    if (!this.conns.delete(link.id)) return;
    this.counters.framesOut += link.framesOut;
    this.counters.bytesOut += link.bytesOut;
    this.out.lanes.remove(link);
    const atMs = Date.now();
    this.onEvent({
      type: 'link-closed', linkId: link.id, peerId: link.peerId ?? undefined, lane: link.peerId === null ? undefined : link.lane, reason,
      atMs, silentMs: Math.max(0, atMs - link.lastRxMs), lost: link.bound ? link.lost(this.localTag) : [],
    });
  }

  private bind(linkId: LinkId, peerId: string, peerTag: bigint, lane: number): void {
    const link = this.conns.get(linkId);
    if (!link) return;
    link.peerId = peerId;
    link.peerTag = peerTag;
    link.setLane(lane, lane === CONTROL_LANE ? this.limits.controlWindowBytes : this.limits.dataWindowBytes);
    this.out.lanes.add(link);
    const early = link.early;
    const earlyCredited = link.earlyCredited;
    link.early = [];
    link.earlyCredited = 0;
    const delivered: InboundMessage[] = [];
    for (const f of early) this.inbound.dispatch(link, f, delivered);
    if (delivered.length) this.onEvent({ type: 'messages', messages: delivered });
    if (earlyCredited > 0) this.inbound.consumed(link, earlyCredited);
  }

  private sendMessage(m: OutboundMessage): void {
    const sealer = this.pairKeys.sealer(m.dst);
    if (sealer === undefined) {
      this.counters.dropped[DR.UnknownPeer]++;
      return;
    }
    this.out.sendMessage(m, this.localTag, this.opts.chunkBytes, sealer ?? undefined);
  }

  private route(dst: bigint, frame: Uint8Array, control: boolean, fromShard = false): boolean {
    return this.out.route(dst, frame, control, fromShard);
  }

  /** Seals and routes frames the control plane encoded (small client-data messages, acks; see thread-protocol.ts). */
  sendFrames(frames: Frame[]): void {
    for (const f of frames) this.sendRouted(f.dst, f.raw, f.type !== FrameType.Data);
  }

  /** Seals and routes a frame this node originates; an ack also goes over a second path (outbound.ts `routeAck`). */
  private sendRouted(dst: bigint, frame: Uint8Array, control: boolean): void {
    if (!this.seal(frame, dst)) return;
    if (frame[Off.type] === FrameType.Ack) this.out.routeAck(dst, frame);
    else this.route(dst, frame, control);
  }

  /** Seals a routed frame this node originates; false (counted) when there is no key for `dst`. */
  private seal(frame: Uint8Array, dst: bigint): boolean {
    if (this.pairKeys.seal(frame, dst)) return true;
    this.counters.dropped[DR.UnknownPeer]++;
    return false;
  }
}
