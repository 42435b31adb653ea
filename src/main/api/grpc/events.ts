/**
 * WatchMeshEvents: a server stream of the node's mesh events (src/main/node/events.ts), admin
 * only. At most {@link MAX_EVENT_WATCHERS} at a node (ERR_RATE_LIMITED beyond); a watcher that does
 * not read loses its oldest events (`dropped` on the next one), never the node's memory.
 */
import type { handleServerStreamingCall } from '@grpc/grpc-js';
import { ErrorCode, MeshError } from '../../../shared/errors.js';
import type { MeshNode } from '../../node/index.js';
import type { MeshEvent as NodeEvent, MeshEventKind } from '../../node/events.js';
import type { Logger } from '../../observability/logger.js';
import type { MeshEvent } from '../../../generated/mesh/v1/MeshEvent.js';
import type { WatchMeshEventsRequest__Output } from '../../../generated/mesh/v1/WatchMeshEventsRequest.js';
import { toServiceError } from './status.js';

/** Most WatchMeshEvents calls one node serves at once. */
export const MAX_EVENT_WATCHERS = 64;

const KINDS: ReadonlySet<string> = new Set<MeshEventKind>([
  'MEMBER_JOINED', 'MEMBER_LEFT', 'MEMBER_EVICTED', 'MEMBER_SUSPECT', 'MEMBER_DEAD', 'MEMBER_ALIVE',
  'LINK_UP', 'LINK_DOWN', 'ROUTES_CHANGED', 'LEADER_CHANGED', 'HEALTH_CHANGED', 'STREAM_OPENED', 'STREAM_CLOSED', 'STREAM_LAGGING',
]);

/** The proto message of an event. */
export function eventToProto(e: NodeEvent): MeshEvent {
  return {
    kind: e.kind, at_ms: e.atMs, node_id: e.nodeId ?? '', lane: e.lane ?? 0, reason: e.reason ?? '', leader: e.leader ?? '', term: e.term ?? 0,
    health: (e.health as MeshEvent['health']) ?? 'HEALTH_UNSPECIFIED', routes: e.routes ?? 0, stream_id: e.streamId ?? '', targets: e.targets ?? [], dropped: e.dropped ?? 0, lag: e.lag ?? 0,
  };
}

/** Handler of WatchMeshEvents (guarded: admin). */
export function watchEventsHandler(node: MeshNode, log: Logger): handleServerStreamingCall<WatchMeshEventsRequest__Output, MeshEvent> {
  return (call) => {
    const kinds = call.request.kinds.filter((k) => k !== 'MESH_EVENT_KIND_UNSPECIFIED');
    const bad = kinds.find((k) => !KINDS.has(k));
    if (bad) {
      call.emit('error', toServiceError(new MeshError(ErrorCode.InvalidArgument, `unknown event kind ${bad}`)));
      return;
    }
    if (node.events.size >= MAX_EVENT_WATCHERS) {
      call.emit('error', toServiceError(new MeshError(ErrorCode.RateLimited, `this node already serves ${MAX_EVENT_WATCHERS} event watchers`)));
      return;
    }
    const sub = node.events.subscribe(kinds as MeshEventKind[], {
      write: (e) => call.write(eventToProto(e)),
      onDrain: (cb) => call.once('drain', cb),
    });
    log.debug({ kinds }, 'event watcher attached');
    const end = () => node.events.unsubscribe(sub);
    call.on('cancelled', end);
    call.on('close', end);
    call.on('error', end);
  };
}
