/**
 * Where the data plane's events go in the control plane: link lifecycle to the handshaker, the
 * links and fast reroute; measurements to link-state; control frames by type (handshake, ack, bye,
 * consensus, SWIM, LSA) to their subsystem (an ack with its SACK blocks decoded, wire/sack.ts);
 * client-data messages to the target streams. A frame a subsystem refuses is counted and logged
 * here, never thrown back into the data plane.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';
import { ByeSchema, FrameType, decodeBody, decodeSack, type Frame, type SackBlock } from '../../shared/wire/index.js';
import type { DataPlaneEvent, LinkId, LostMessage } from '../../workers/dataplane/index.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { SourceStreams, TargetStreams } from '../streams/index.js';
import type { LinkState } from '../topology/index.js';
import type { NodeControl } from './control.js';
import type { Handshaker } from './handshake.js';
import type { NodeLinks } from './links.js';
import { IDLE_LANE_REASON, type LaneManager } from './lane-manager.js';
import type { NodeMembership } from './node-membership.js';
import type { FastReroute } from './reroute.js';

/**
 * When a lane that closed at `nowMs` (ms since epoch) after `silentMs` without a received frame
 * was cut: a lane silent for over two heartbeats (`heartbeatMs`) was cut when it went silent
 * (either end may have closed it since, e.g. the peer declared it dead); otherwise at `nowMs`.
 */
export function laneCutAtMs(nowMs: number, silentMs: number, heartbeatMs: number): number {
  return silentMs > 2 * heartbeatMs ? nowMs - silentMs : nowMs;
}

/** The subsystems events are dispatched to. */
export interface DispatchDeps {
  log: Logger;
  metrics: Metrics;
  heartbeatMs: number;
  active(): boolean;
  handshaker: Handshaker;
  links: NodeLinks;
  lanes: LaneManager;
  reroute: FastReroute;
  linkState: LinkState;
  source: SourceStreams;
  target: TargetStreams;
  control: NodeControl;
  membership: NodeMembership;
  /** The node id of a tag (undefined when no LSA announced it yet). */
  nodeIdOf(tag: bigint): string | undefined;
}

/** Dispatches data-plane events; see the module comment. */
export class NodeDispatch {
  /**
   * Neighbors that lost lanes this turn, with the cut (see {@link laneLost}) and the messages those
   * lanes may have lost (undefined when a lane could not say: everything in flight then counts):
   * rerouted once, after the turn.
   */
  private lost = new Map<string, { atMs: number; messages: LostMessage[] | undefined }>();

  constructor(private readonly d: DispatchDeps) {}

  /**
   * A lane of `peer` was cut at `cutAtMs`. Its frames in flight are resent once the events already
   * delivered this turn are handled: when a path is cut, all its lanes close together, and a
   * resend issued at the first would go out on the others. The lanes share their path, so the cut
   * is the latest of the lanes' estimates: a lane that received a frame later proves the path
   * carried traffic until then, however long a quiet sibling had gone without one.
   */
  private laneLost(peer: string, cutAtMs: number, messages: LostMessage[] | undefined): void {
    const first = this.lost.size === 0;
    const had = this.lost.get(peer);
    this.lost.set(peer, {
      atMs: Math.max(cutAtMs, had?.atMs ?? -Infinity),
      messages: (had && !had.messages) || !messages ? undefined : [...(had?.messages ?? []), ...messages],
    });
    if (!first) return;
    setImmediate(() => {
      const lost = this.lost;
      this.lost = new Map();
      if (this.d.active()) for (const [p, l] of lost) this.d.reroute.linkLost(p, l.atMs, l.messages);
    });
  }

  /** Handles one data-plane event. */
  event(ev: DataPlaneEvent): void {
    switch (ev.type) {
      case 'link-open': this.d.handshaker.opened(ev.linkId, ev.outbound, ev.remote, ev.path, ev.peerCerts, ev.binding); break;
      case 'link-refused':
        this.d.metrics.handshakeFailures.inc({ code: ErrorCode.Unauthenticated });
        this.d.log.warn({ remote: ev.remote, reason: ev.reason }, 'link refused before upgrade');
        break;
      case 'link-closed':
        if (this.d.active() && ev.peerId && ev.reason !== IDLE_LANE_REASON && this.d.links.isLane(ev.peerId, ev.linkId)) {
          // Frames in flight on any lane of the peer are re-sent at once (on its other lanes when
          // it has some).
          this.laneLost(ev.peerId, laneCutAtMs(Math.min(ev.atMs ?? Infinity, Date.now()), ev.silentMs ?? 0, this.d.heartbeatMs), ev.lost);
        }
        this.d.links.closed(ev.linkId, ev.reason, this.d.active());
        break;
      case 'link-suspect':
        this.d.log.info({ peer: ev.peerId, silentMs: ev.silentMs, lost: ev.lost.length }, 'neighbor suspected: its lanes are silent; rerouting around it');
        if (this.d.active()) this.d.reroute.linkSuspect(ev.peerId, laneCutAtMs(Math.min(ev.atMs, Date.now()), ev.silentMs, this.d.heartbeatMs), ev.lost);
        break;
      case 'link-trusted':
        this.d.log.info({ peer: ev.peerId }, 'suspected neighbor heard again: the suspicion was false');
        if (this.d.active()) this.d.reroute.linkTrusted(ev.peerId);
        break;
      case 'link-metrics':
        this.d.links.measured(ev.peerId, ev.linkId, ev);
        this.d.lanes.measured(ev.peerId, ev.lane, ev);
        this.d.linkState.measured();
        break;
      case 'control': this.onControl(ev.linkId, ev.frame, ev.atMs); break;
      case 'messages': this.d.target.receive(ev.messages); break;
      case 'frame-error': this.d.log.warn({ linkId: ev.linkId, code: ev.code, message: ev.message }, 'bad frame'); break;
    }
  }

  private onControl(linkId: LinkId, f: Frame, atMs?: number): void {
    if (f.type === FrameType.Handshake) {
      void this.d.handshaker.receive(linkId, f);
    } else if (f.type === FrameType.Ack) {
      this.onAck(linkId, f, atMs);
    } else if (f.type === FrameType.Bye) {
      try {
        this.d.log.info({ peer: this.d.links.peerOf(linkId), reason: decodeBody(ByeSchema, f.payload).reason }, 'peer stopping');
      } catch (err) {
        this.d.log.warn({ linkId, err: (err as Error).message }, 'bad bye dropped');
      }
    } else if (f.type === FrameType.Raft) {
      this.onRaftFrame(linkId, f);
    } else if (f.type === FrameType.Swim) {
      this.d.membership.receive(this.d.nodeIdOf(f.src), f.payload);
    } else if (f.type === FrameType.Lsa) {
      if (!this.d.active()) return;
      try {
        this.d.linkState.receive(linkId, f);
      } catch (err) {
        this.d.metrics.lsaDrops.inc({ code: err instanceof MeshError ? err.code : ErrorCode.Internal });
        this.d.log.warn({ linkId, err: (err as Error).message }, 'bad LSA dropped');
      }
    }
  }

  /**
   * A stream ack, its SACK blocks decoded (a malformed body drops the frame: counted, logged);
   * `atMs`: when the data plane read it (see the `control` event).
   */
  private onAck(linkId: LinkId, f: Frame, atMs?: number): void {
    let sack: SackBlock[];
    try {
      sack = decodeSack(f.payload, f.ack);
    } catch (err) {
      const code = err instanceof MeshError ? err.code : ErrorCode.Internal;
      this.d.metrics.ackDrops.inc({ code });
      this.d.log.warn({ linkId, from: this.d.nodeIdOf(f.src), stream_id: f.streamId, code, err: (err as Error).message }, 'bad stream ack dropped');
      return;
    }
    this.d.source.onAck(f.streamId, f.src, f.ack, f.seq, sack, atMs);
  }

  private onRaftFrame(linkId: LinkId, f: Frame): void {
    const from = this.d.nodeIdOf(f.src);
    if (from === undefined) return; // from a node no LSA announced yet: Raft re-sends
    try {
      this.d.control.receiveFrame(from, f.src, f.payload);
    } catch (err) {
      const code = err instanceof MeshError ? err.code : ErrorCode.Internal;
      this.d.metrics.consensusDrops.inc({ code });
      this.d.log.warn({ linkId, from, code, err: (err as Error).message }, 'bad consensus frame dropped');
    }
  }
}
