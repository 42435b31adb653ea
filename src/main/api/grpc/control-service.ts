/**
 * MeshControl handlers (proto/mesh/v1/control.proto): the operator's view and steering of one
 * node, every call admin-only; QoS policies (SetPolicy and its kin) go through the control group. Domain calls are on {@link MeshNode.linkAdmin},
 * {@link MeshNode.views} and the control group's checks; this file maps them to the messages.
 */
import type { MeshControlHandlers } from '../../../generated/mesh/v1/MeshControl.js';
import type { MeshNode } from '../../node/index.js';
import type { Logger } from '../../observability/logger.js';
import { unary } from './mesh-service.js';
import type { Policy } from '../../../generated/mesh/v1/Policy.js';
import type { McgQosPolicy } from '../../consensus/mcg/index.js';
import { ErrorCode, MeshError } from '../../../shared/errors.js';

/** A policy as the API shows it. */
function policyToProto(p: McgQosPolicy): Policy {
  return {
    domain: p.domain, priority_weight: p.priorityWeight, max_pending: p.maxPending, max_in_flight: p.maxInFlight, breaker_failures: p.breakerFailures,
    breaker_open_ms: p.breakerOpenMs, index: p.index,
  };
}

/** All MeshControl handlers bound to one node. */
export function meshControlHandlers(node: MeshNode, log: Logger): MeshControlHandlers {
  return {
    GetSessions: unary(node, log, 'GetSessions', async () => ({
      sessions: (await node.linkAdmin.sessions()).map((s) => ({
        peer: s.peer, outbound: s.outbound, address: s.address, dialed: s.dialed,
        lanes: s.lanes.map((l) => ({
          link_id: l.linkId, lane: l.lane, remote: l.remote, rtt_ms: l.rttMs, bw_mbps: l.bwMbps, loss: l.loss, util: l.util,
          bytes_in: l.bytesIn, bytes_out: l.bytesOut, queue_bytes: l.queueBytes, credit_bytes: l.creditBytes,
        })),
      })),
    })),
    AddSession: unary(node, log, 'AddSession', async (r) => ({ link_id: await node.linkAdmin.addSession(r.peer, r.lane, r.timeout_ms) })),
    DropSession: unary(node, log, 'DropSession', async (r) => node.linkAdmin.dropSession(r.link_id)),
    GetRoutingTable: unary(node, log, 'GetRoutingTable', async () => {
      const t = node.views.routingTable();
      return {
        scheduler: t.scheduler, k: t.k,
        routes: t.routes.map((r) => ({
          destination: r.destination, next_hop: r.nextHop, cost: r.cost, hops: r.hops,
          classes: r.classes.map((c) => ({ class: c.cls, paths: c.paths.map((p) => ({ nodes: p.nodes, cost: p.cost })) })),
          multipath: r.multipath.map((h) => ({ first_hop: h.hop, nodes: h.nodes, cost: h.cost, rtt_ms: h.rttMs, bw_mbps: h.bwMbps, weight: h.weight })),
        })),
      };
    }),
    GetTopology: unary(node, log, 'GetTopology', async () => {
      const t = node.views.topology();
      return {
        nodes: t.nodes.map((n) => ({ node_id: n.nodeId, name: n.name, address: n.address, lsa_seq: n.lsaSeq, lsa_age_ms: n.lsaAgeMs, reachable: n.reachable, gone: n.gone, self: n.self })),
        edges: t.edges.map((e) => ({ from: e.from, to: e.to, rtt_ms: e.rttMs, bw_mbps: e.bwMbps, loss: e.loss, util: e.util, weight: e.weight })),
      };
    }),
    GetMessageMetrics: unary(node, log, 'GetMessageMetrics', async () => {
      const m = await node.views.messageMetrics();
      return { counters: m.counters, streams: m.streams.map((s) => ({ stream_id: s.streamId, role: s.role, lag: Math.max(0, s.lag) })) };
    }),
    GetConsensusState: unary(node, log, 'GetConsensusState', async () => {
      const s = node.views.consensusState();
      if (!s) return { term: 0, leader: '', role: 'none', members: [] };
      return {
        term: s.term, leader: s.leader, role: s.role, commit_index: s.commitIndex, applied_index: s.appliedIndex, first_index: s.firstIndex, last_index: s.lastIndex,
        snapshot_index: s.snapshotIndex, recovering: s.recovering, voters_wanted: s.votersWanted,
        members: s.progress.map((m) => ({ node_id: m.nodeId, role: m.role, match_index: m.matchIndex, lag_entries: m.lagEntries, reachable: m.reachable, address: m.address, name: m.name })),
      };
    }),
    SetPolicy: unary(node, log, 'SetPolicy', async (r) => {
      const p = r.policy;
      if (!p) throw new MeshError(ErrorCode.InvalidArgument, 'policy is required');
      return {
        index: await node.control.setPolicy({
          domain: p.domain, priorityWeight: p.priority_weight, maxPending: p.max_pending, maxInFlight: p.max_in_flight, breakerFailures: p.breaker_failures, breakerOpenMs: p.breaker_open_ms,
        }),
      };
    }),
    GetPolicy: unary(node, log, 'GetPolicy', async (r) => {
      const p = node.control.mcg.state.policies.get(r.domain);
      if (!p) throw new MeshError(ErrorCode.NotFound, `no policy for domain ${r.domain}`);
      return policyToProto(p);
    }),
    ListPolicies: unary(node, log, 'ListPolicies', async () => ({
      policies: [...node.control.mcg.state.policies.values()].sort((a, b) => a.domain.localeCompare(b.domain)).map(policyToProto),
    })),
    DeletePolicy: unary(node, log, 'DeletePolicy', async (r) => ({ index: await node.control.deletePolicy(r.domain) })),
    TriggerConsensusCheck: unary(node, log, 'TriggerConsensusCheck', async (r) => {
      const c = await node.control.checks.trigger(r.timeout_ms);
      return {
        check_id: c.checkId, index: c.index, consistent: c.consistent, complete: c.complete,
        members: c.members.map((m) => ({ node_id: m.nodeId, answered: m.answered, state_digest: m.state, log_digest: m.log, log_from: m.logFrom, agrees: m.agrees })),
      };
    }),
  };
}
