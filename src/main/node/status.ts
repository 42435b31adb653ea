/**
 * The node's status snapshot (GetMeshStatus, `meshctl status`, the status page), built from the
 * LSDB, the routing table, the data plane's links and the streams.
 */
import type { JoinPolicy } from '../../shared/wire/index.js';
import type { LinkInfo } from '../../workers/dataplane/index.js';
import type { MeshRecord, SourceStream, TargetStream } from '../storage/index.js';
import type { Lsdb, Route } from '../topology/index.js';
import type { McgStatus } from '../consensus/mcg/index.js';
import type { HealthView } from './control.js';

/** A node as seen from here. `lastSeenMs` is ms since epoch. */
export interface NodeView {
  nodeId: string;
  name: string;
  address: string;
  online: boolean;
  lastSeenMs: number;
}

/** A stream as seen from here (source or target role). */
export interface StreamView {
  streamId: string;
  role: 'source' | 'target';
  tenantId: string;
  source: string;
  targets: Array<{ nodeId: string; ackedSeq: number }>;
  lastSeq: number;
  receivedOffset: number;
  consumerOffset: number;
}

/** Everything GetMeshStatus reports. */
export interface MeshStatusView {
  meshId: string;
  meshName: string;
  joinPolicy: JoinPolicy | 'JOIN_POLICY_UNSPECIFIED';
  /** Mesh fingerprint (`sha256:<hex>` of the mesh CA's public key): what JoinMesh needs. */
  fingerprint: string;
  active: boolean;
  self: NodeView;
  nodes: NodeView[];
  links: LinkInfo[];
  routes: Route[];
  streams: StreamView[];
  /** The Mesh Control Group as this node sees it (null before it is in a mesh). */
  consensus: McgStatus | null;
  health: HealthView;
}

/** Inputs of {@link buildStatus}. */
export interface StatusInputs {
  selfId: string;
  selfName: string;
  address: string;
  mesh: MeshRecord | undefined;
  /** The join policy the control group records (this node's applied state). */
  policy: JoinPolicy | undefined;
  /** The mesh fingerprint (SPKI fingerprint of the mesh CA), once seeded or joined. */
  fingerprint: string;
  active: boolean;
  lsdb: Lsdb;
  routes: Map<string, Route>;
  lastSeen(nodeId: string): number;
  links: LinkInfo[];
  sources: Array<{ meta: SourceStream; acked: Record<string, number>; lastSeq: number }>;
  targets: TargetStream[];
  consensus: McgStatus | null;
  health: HealthView;
}

/** Builds the status snapshot. */
export function buildStatus(i: StatusInputs): MeshStatusView {
  const nodes: NodeView[] = i.lsdb.entriesList()
    .filter((e) => e.lsa.origin !== i.selfId)
    .map((e) => ({ nodeId: e.lsa.origin, name: e.lsa.name, address: e.lsa.address, online: i.routes.has(e.lsa.origin), lastSeenMs: i.lastSeen(e.lsa.origin) }))
    .sort((a, b) => a.nodeId.localeCompare(b.nodeId));
  const streams: StreamView[] = i.sources.map((s) => ({
    streamId: s.meta.streamId, role: 'source', tenantId: s.meta.tenantId, source: s.meta.source,
    targets: Object.entries(s.acked).map(([nodeId, ackedSeq]) => ({ nodeId, ackedSeq })), lastSeq: s.lastSeq, receivedOffset: 0, consumerOffset: 0,
  }));
  for (const t of i.targets) {
    streams.push({ streamId: t.streamId, role: 'target', tenantId: '', source: t.source, targets: [], lastSeq: 0, receivedOffset: t.receivedOffset, consumerOffset: t.consumerOffset });
  }
  return {
    meshId: i.mesh?.meshId ?? '', meshName: i.mesh?.name ?? '', joinPolicy: i.policy ?? 'JOIN_POLICY_UNSPECIFIED', fingerprint: i.fingerprint, active: i.active,
    self: { nodeId: i.selfId, name: i.selfName, address: i.address, online: i.active, lastSeenMs: Date.now() },
    nodes, links: i.links.filter((l) => l.up), routes: [...i.routes.values()].sort((a, b) => a.destination.localeCompare(b.destination)), streams,
    consensus: i.consensus, health: i.health,
  };
}
