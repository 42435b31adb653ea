/**
 * MeshService handlers: authentication and a rule per method (`./auth.ts`), argument checks at
 * the edge, domain calls on {@link MeshNode}, errors mapped to gRPC status with the meshd code in
 * metadata, counted and logged. Rules: admin for mesh membership, updates, tokens and ACLs;
 * publisher (of the tenant, or the stream) for opening and publishing; subscriber for
 * subscribing (and so acknowledging); any valid token for GetMeshStatus, which shows an admin every
 * stream and others only the source streams of tenants they hold a role on.
 */
import type { handleUnaryCall, sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { MeshServiceHandlers } from '../../../generated/mesh/v1/MeshService.js';
import type { MeshStatus } from '../../../generated/mesh/v1/MeshStatus.js';
import { ErrorCode, MeshError } from '../../../shared/errors.js';
import { JoinPolicySchema, type JoinPolicy } from '../../../shared/wire/index.js';
import type { MeshNode, MeshStatusView } from '../../node/index.js';
import type { Logger } from '../../observability/logger.js';
import { producerOf, publishStreamHandler, subscribeHandler } from './data-streams.js';
import { subscribeUpdatesHandler } from './updates.js';
import { toServiceError } from './status.js';
import { guardServerStream, guardStream, guardUnary, noteRefusal, principalOf, requirePublish } from './auth.js';
import { watchEventsHandler } from './events.js';
import type { Principal } from '../../node/index.js';

/** Reports a refused call: counter by code, one log line, the gRPC error to the caller. */
export function refuse<T>(node: MeshNode, log: Logger, method: string, err: unknown, cb: sendUnaryData<T>): void {
  noteRefusal(node, log, method, err);
  cb(toServiceError(err), null);
}

/** A guarded unary handler (any service): `fn` runs with the caller's principal; admin-only unless `open`. */
export function unary<Req, Res>(node: MeshNode, log: Logger, method: string, fn: (req: Req, p: Principal) => Promise<Res>, open = false): handleUnaryCall<Req, Res> {
  return guardUnary<Req, Res>(node, log, method, (call: ServerUnaryCall<Req, Res>, cb) => {
    const p = principalOf(call);
    Promise.resolve().then(() => {
      if (!open) p.require('admin');
      return fn(call.request, p);
    }).then((res) => cb(null, res), (err: unknown) => refuse(node, log, method, err, cb));
  });
}

/** Status as `p` may see it: every stream for an admin, else the source streams of its tenants. */
function visibleStatus(s: MeshStatusView, p: Principal): MeshStatusView {
  if (p.admin) return s;
  return { ...s, streams: s.streams.filter((x) => x.role === 'source' && (p.may('publisher', x.tenantId, x.streamId) || p.may('subscriber', x.tenantId, x.streamId))) };
}

/** Maps the node's status view to the proto message. */
export function statusToProto(s: MeshStatusView): MeshStatus {
  return {
    mesh_id: s.meshId, mesh_name: s.meshName, join_policy: s.joinPolicy, fingerprint: s.fingerprint, active: s.active,
    self: { node_id: s.self.nodeId, name: s.self.name, address: s.self.address, online: s.self.online, last_seen_ms: s.self.lastSeenMs },
    nodes: s.nodes.map((n) => ({ node_id: n.nodeId, name: n.name, address: n.address, online: n.online, last_seen_ms: n.lastSeenMs })),
    links: s.links.map((l) => ({
      peer: l.peerId ?? '', rtt_ms: l.rttMs, up: l.up, outbound: l.outbound, remote: l.remote, bytes_in: l.bytesIn, bytes_out: l.bytesOut,
      frames_in: l.framesIn, frames_out: l.framesOut, lane: l.lane, queue_bytes: l.queueBytes, credit_bytes: l.creditBytes,
    })),
    routes: s.routes.map((r) => ({ destination: r.destination, next_hop: r.nextHop, cost: r.cost, hops: r.hops })),
    health: s.health.state, unreachable: s.health.unreachable,
    consensus: s.consensus ? {
      term: s.consensus.term, leader: s.consensus.leader, role: s.consensus.role, commit_index: s.consensus.commitIndex, applied_index: s.consensus.appliedIndex,
      first_index: s.consensus.firstIndex, snapshot_index: s.consensus.snapshotIndex, recovering: s.consensus.recovering,
      members: s.consensus.members.map((m) => ({ node_id: m.nodeId, role: m.role, match_index: m.matchIndex, reachable: !s.health.unreachable.includes(m.nodeId) })),
    } : null,
    streams: s.streams.map((x) => ({
      stream_id: x.streamId, role: x.role, tenant_id: x.tenantId, source: x.source, last_seq: x.lastSeq,
      targets: x.targets.map((t) => ({ node_id: t.nodeId, acked_seq: t.ackedSeq })), received_offset: x.receivedOffset, consumer_offset: x.consumerOffset,
    })),
  };
}

/**
 * The `join_policy` field of a request. protobufjs hands an enum value the proto does not define
 * over as its number, so it is checked here.
 * @throws MeshError ERR_INVALID_ARGUMENT naming the field for an undefined value, or for
 *   JOIN_POLICY_UNSPECIFIED when `required`.
 */
export function joinPolicyField(v: unknown, required: boolean): JoinPolicy | 'JOIN_POLICY_UNSPECIFIED' {
  if (v === 'JOIN_POLICY_UNSPECIFIED' || v === undefined) {
    if (required) throw new MeshError(ErrorCode.InvalidArgument, 'join_policy is required: OPEN, KEY_REQUIRED or CLOSED');
    return 'JOIN_POLICY_UNSPECIFIED';
  }
  const r = JoinPolicySchema.safeParse(v);
  if (!r.success) throw new MeshError(ErrorCode.InvalidArgument, `join_policy ${String(v)} is not OPEN, KEY_REQUIRED or CLOSED`);
  return r.data;
}

/** All MeshService handlers bound to one node. */
export function meshServiceHandlers(node: MeshNode, log: Logger): MeshServiceHandlers {
  return {
    SeedMesh: unary(node, log, 'SeedMesh', async (r) => {
      const m = await node.seed(r.name, joinPolicyField(r.join_policy, false), r.join_key);
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
    AddLink: unary(node, log, 'AddLink', async (r) => {
      const res = await node.linkAdmin.addLink(r.address, r.timeout_ms);
      return { peer: res.peer, link_id: res.linkId };
    }),
    DropLink: unary(node, log, 'DropLink', async (r) => ({ lanes_closed: await node.linkAdmin.dropLink(r.peer) })),
    EstablishFullLinks: unary(node, log, 'EstablishFullLinks', async (r) => ({ results: await node.linkAdmin.establishFullLinks(r.timeout_ms) })),
    GetMeshStatus: unary(node, log, 'GetMeshStatus', async (_r, p) => statusToProto(visibleStatus(await node.status(), p)), true),
    OpenClientDataStream: unary(node, log, 'OpenClientDataStream', async (r, p) => {
      p.require('publisher', r.tenant_id);
      const qos = r.qos === 'QOS_UNSPECIFIED' ? 'EXACTLY_ONCE' : r.qos;
      return { stream_id: await node.openStream(r.tenant_id, r.targets, qos, r.priority) };
    }, true),
    PublishClientData: guardUnary(node, log, 'PublishClientData', (call, cb) => {
      const ac = new AbortController();
      call.on('cancelled', () => ac.abort());
      const r = call.request;
      try {
        requirePublish(node, principalOf(call), r.stream_id);
      } catch (err) {
        return refuse(node, log, 'PublishClientData', err, cb);
      }
      node.publish(r.stream_id, r.payloads, r.ack_level === 'TARGETS_STORED' ? 'TARGETS_STORED' : 'SOURCE_DURABLE', ac.signal, principalOf(call).claims.sub, producerOf(r)).then(
        (res) => cb(null, { stream_id: res.streamId, first_seq: res.firstSeq, count: res.messageIds.length, message_ids: res.messageIds, request_id: r.request_id, duplicate: !!res.duplicate }),
        (err: unknown) => refuse(node, log, 'PublishClientData', err, cb),
      );
    }),
    CloseClientDataStream: unary(node, log, 'CloseClientDataStream', async (r, p) => {
      requirePublish(node, p, r.stream_id);
      if (r.timeout_ms > 600_000) throw new MeshError(ErrorCode.InvalidArgument, 'timeout_ms must be at most 600000');
      return { last_seq: (await node.closeStream(r.stream_id, r.timeout_ms || 30_000)).lastSeq };
    }, true),
    PublishClientDataStream: guardStream(node, log, 'PublishClientDataStream', publishStreamHandler(node, log)),
    SubscribeClientData: guardStream(node, log, 'SubscribeClientData', subscribeHandler(node, log)),
    SendMeshUpdate: unary(node, log, 'SendMeshUpdate', async (r) => {
      const res = await node.updates.sendMeshUpdate(r.topic, r.payload, r.request_id);
      return { index: res.index, duplicate: res.duplicate };
    }),
    SendNodeUpdate: unary(node, log, 'SendNodeUpdate', async (r) => {
      const res = await node.updates.sendNodeUpdate(r.node_id, r.topic, r.payload, r.request_id);
      return { index: res.index, duplicate: res.duplicate };
    }),
    SendInternalDBUpdate: unary(node, log, 'SendInternalDBUpdate', async (r) => {
      const res = await node.updates.sendDbUpdate(r.table, r.key, r.op === 'DELETE' ? 'delete' : 'put', r.value, r.request_id);
      return { index: res.index, duplicate: res.duplicate };
    }),
    WatchMeshEvents: guardServerStream(node, log, 'WatchMeshEvents', watchEventsHandler(node, log), (p) => p.require('admin')),
    SubscribeMeshUpdates: guardStream(node, log, 'SubscribeMeshUpdates', subscribeUpdatesHandler(node, log, 'mesh'), (p) => p.require('admin')),
    SubscribeNodeUpdates: guardStream(node, log, 'SubscribeNodeUpdates', subscribeUpdatesHandler(node, log, 'node'), (p) => p.require('admin')),
    SubscribeInternalDBUpdates: guardStream(node, log, 'SubscribeInternalDBUpdates', subscribeUpdatesHandler(node, log, 'db'), (p) => p.require('admin')),
    SetJoinPolicy: unary(node, log, 'SetJoinPolicy', async (r) => {
      return { index: await node.control.setJoinPolicy(joinPolicyField(r.join_policy, true) as JoinPolicy, r.join_key) };
    }),
    LeaveMesh: unary(node, log, 'LeaveMesh', async () => {
      await node.leaveMesh();
      return {};
    }),
    EvictNode: unary(node, log, 'EvictNode', async (r) => ({ index: await node.control.evict(r.node_id, r.reason) })),
    RotateNodeKey: unary(node, log, 'RotateNodeKey', async () => node.keyRotation.rotate()),
    ...accessHandlers(node, log),
  };
}

function accessHandlers(node: MeshNode, log: Logger): Pick<MeshServiceHandlers, 'CreateToken' | 'RevokeToken' | 'ListTokens' | 'GrantAcl' | 'RevokeAcl' | 'ListAcls' | 'RotateTenantKey' | 'GetTenantKeys'> {
  return {
    RotateTenantKey: unary(node, log, 'RotateTenantKey', async (r) => ({ epoch: await node.tenantCrypto.rotate(r.tenant) })),
    GetTenantKeys: unary(node, log, 'GetTenantKeys', async (r) => ({
      tenants: node.tenantCrypto.status(r.tenant).map((t) => ({
        tenant: t.tenant, current: t.current,
        epochs: t.epochs.map((e) => ({ epoch: e.epoch, created_by: e.by, created_at_ms: e.createdAtMs, wrapped_for: e.wrappedFor })),
      })),
    })),
    CreateToken: unary(node, log, 'CreateToken', async (r) => {
      const { token, claims } = await node.access.createToken({
        subject: r.subject, role: r.role, tenant: r.tenant || undefined, streams: r.streams, audience: r.audience, ttlMs: r.ttl_ms,
      });
      return { token, jti: claims.jti, expires_at_ms: claims.exp * 1000 };
    }),
    RevokeToken: unary(node, log, 'RevokeToken', async (r) => ({ index: await node.access.revokeToken(r.jti) })),
    ListTokens: unary(node, log, 'ListTokens', async () => ({
      tokens: node.access.tokens().map((t) => ({
        jti: t.jti, subject: t.sub, role: t.role, tenant: t.tenant ?? '', streams: t.streams, audience: t.aud, issuer: t.iss, expires_at_ms: t.exp * 1000, revoked: t.revoked,
      })),
    })),
    GrantAcl: unary(node, log, 'GrantAcl', async (r) => ({ index: await node.access.changeAcl(true, { ...r, stream: r.stream || undefined }) })),
    RevokeAcl: unary(node, log, 'RevokeAcl', async (r) => ({ index: await node.access.changeAcl(false, { ...r, stream: r.stream || undefined }) })),
    ListAcls: unary(node, log, 'ListAcls', async () => ({ entries: node.access.acls().map((a) => ({ subject: a.subject, tenant: a.tenant, role: a.role, stream: a.stream ?? '' })) })),
  };
}
