/**
 * MeshService unary handlers: argument checks at the edge, domain calls on {@link MeshNode},
 * errors mapped to gRPC status with the meshd code in metadata, counted and logged.
 */
import type { handleUnaryCall, sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { MeshServiceHandlers } from '../../../generated/mesh/v1/MeshService.js';
import type { MeshStatus } from '../../../generated/mesh/v1/MeshStatus.js';
import { ErrorCode, MeshError, toRecord } from '../../../shared/errors.js';
import type { MeshNode, MeshStatusView } from '../../node/index.js';
import type { Logger } from '../../observability/logger.js';
import { publishStreamHandler, subscribeHandler } from './data-streams.js';
import { subscribeUpdatesHandler } from './updates.js';
import { toServiceError } from './status.js';

/** Reports a refused call: counter by code, one log line, the gRPC error to the caller. */
export function refuse<T>(node: MeshNode, log: Logger, method: string, err: unknown, cb: sendUnaryData<T>): void {
  const rec = toRecord(err);
  node.metrics.apiErrors.inc({ code: rec.code });
  log.info({ method, code: rec.code, message: rec.message }, 'API call refused');
  cb(toServiceError(err), null);
}

function unary<Req, Res>(node: MeshNode, log: Logger, method: string, fn: (req: Req) => Promise<Res>): handleUnaryCall<Req, Res> {
  return (call: ServerUnaryCall<Req, Res>, cb: sendUnaryData<Res>) => {
    fn(call.request).then((res) => cb(null, res), (err: unknown) => refuse(node, log, method, err, cb));
  };
}

/** Maps the node's status view to the proto message. */
export function statusToProto(s: MeshStatusView): MeshStatus {
  return {
    mesh_id: s.meshId, mesh_name: s.meshName, join_policy: s.joinPolicy, fingerprint: s.fingerprint, active: s.active,
    self: { node_id: s.self.nodeId, name: s.self.name, address: s.self.address, online: s.self.online, last_seen_ms: s.self.lastSeenMs },
    nodes: s.nodes.map((n) => ({ node_id: n.nodeId, name: n.name, address: n.address, online: n.online, last_seen_ms: n.lastSeenMs })),
    links: s.links.map((l) => ({
      peer: l.peerId ?? '', rtt_ms: l.rttMs, up: l.up, outbound: l.outbound, remote: l.remote, bytes_in: l.bytesIn, bytes_out: l.bytesOut,
      frames_in: l.framesIn, frames_out: l.framesOut,
    })),
    routes: s.routes.map((r) => ({ destination: r.destination, next_hop: r.nextHop, cost: r.cost, hops: r.hops })),
    health: s.health.state, unreachable: s.health.unreachable,
    consensus: s.consensus ? {
      term: s.consensus.term, leader: s.consensus.leader, role: s.consensus.role, commit_index: s.consensus.commitIndex, applied_index: s.consensus.appliedIndex,
      first_index: s.consensus.firstIndex, snapshot_index: s.consensus.snapshotIndex,
      members: s.consensus.members.map((m) => ({ node_id: m.nodeId, role: m.role, match_index: m.matchIndex, reachable: !s.health.unreachable.includes(m.nodeId) })),
    } : null,
    streams: s.streams.map((x) => ({
      stream_id: x.streamId, role: x.role, tenant_id: x.tenantId, source: x.source, last_seq: x.lastSeq,
      targets: x.targets.map((t) => ({ node_id: t.nodeId, acked_seq: t.ackedSeq })), received_offset: x.receivedOffset, consumer_offset: x.consumerOffset,
    })),
  };
}

/** All MeshService handlers bound to one node. */
export function meshServiceHandlers(node: MeshNode, log: Logger): MeshServiceHandlers {
  return {
    SeedMesh: unary(node, log, 'SeedMesh', async (r) => {
      const m = await node.seed(r.name, r.join_policy, r.join_key);
      return { mesh_id: m.meshId, node_id: node.selfId, fingerprint: m.fingerprint };
    }),
    JoinMesh: unary(node, log, 'JoinMesh', async (r) => {
      const { mesh, members } = await node.join(r.address, r.join_key, r.fingerprint);
      return { mesh_id: mesh.meshId, node_id: node.selfId, members: members.map((m) => ({ node_id: m.nodeId, name: m.name, address: m.address })) };
    }),
    StartMesh: unary(node, log, 'StartMesh', async () => {
      const r = await node.startMesh();
      return { mesh_id: r.meshId, dialing: r.dialing };
    }),
    StopMesh: unary(node, log, 'StopMesh', async () => {
      await node.stopMesh();
      return {};
    }),
    GetMeshStatus: unary(node, log, 'GetMeshStatus', async () => statusToProto(await node.status())),
    OpenClientDataStream: unary(node, log, 'OpenClientDataStream', async (r) => {
      const qos = r.qos === 'QOS_UNSPECIFIED' ? 'EXACTLY_ONCE' : r.qos;
      return { stream_id: await node.openStream(r.tenant_id, r.targets, qos, r.priority) };
    }),
    PublishClientData: (call, cb) => {
      const ac = new AbortController();
      call.on('cancelled', () => ac.abort());
      const r = call.request;
      node.publish(r.stream_id, r.payloads, r.ack_level === 'TARGETS_STORED' ? 'TARGETS_STORED' : 'SOURCE_DURABLE', ac.signal).then(
        (res) => cb(null, { stream_id: res.streamId, first_seq: res.firstSeq, count: res.messageIds.length, message_ids: res.messageIds, request_id: r.request_id }),
        (err: unknown) => refuse(node, log, 'PublishClientData', err, cb),
      );
    },
    PublishClientDataStream: publishStreamHandler(node, log),
    SubscribeClientData: subscribeHandler(node, log),
    SendMeshUpdate: unary(node, log, 'SendMeshUpdate', async (r) => {
      const res = await node.control.sendMeshUpdate(r.topic, r.payload, r.request_id);
      return { index: res.index, duplicate: res.duplicate };
    }),
    SendNodeUpdate: unary(node, log, 'SendNodeUpdate', async (r) => {
      const res = await node.control.sendNodeUpdate(r.node_id, r.topic, r.payload, r.request_id);
      return { index: res.index, duplicate: res.duplicate };
    }),
    SendInternalDBUpdate: unary(node, log, 'SendInternalDBUpdate', async (r) => {
      const res = await node.control.sendDbUpdate(r.table, r.key, r.op === 'DELETE' ? 'delete' : 'put', r.value, r.request_id);
      return { index: res.index, duplicate: res.duplicate };
    }),
    SubscribeMeshUpdates: subscribeUpdatesHandler(node, log, 'mesh'),
    SubscribeNodeUpdates: subscribeUpdatesHandler(node, log, 'node'),
    SubscribeInternalDBUpdates: subscribeUpdatesHandler(node, log, 'db'),
    SetJoinPolicy: unary(node, log, 'SetJoinPolicy', async (r) => {
      if (r.join_policy === 'JOIN_POLICY_UNSPECIFIED') throw new MeshError(ErrorCode.InvalidArgument, 'join_policy is required');
      return { index: await node.control.setJoinPolicy(r.join_policy, r.join_key) };
    }),
    LeaveMesh: unary(node, log, 'LeaveMesh', async () => {
      await node.leaveMesh();
      return {};
    }),
    EvictNode: unary(node, log, 'EvictNode', async (r) => ({ index: await node.control.evict(r.node_id, r.reason) })),
  };
}
