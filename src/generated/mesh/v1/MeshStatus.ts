// Original file: proto/mesh/v1/mesh.proto

import type { NodeStatus as _mesh_v1_NodeStatus, NodeStatus__Output as _mesh_v1_NodeStatus__Output } from '../../mesh/v1/NodeStatus.js';
import type { LinkStatus as _mesh_v1_LinkStatus, LinkStatus__Output as _mesh_v1_LinkStatus__Output } from '../../mesh/v1/LinkStatus.js';
import type { RouteEntry as _mesh_v1_RouteEntry, RouteEntry__Output as _mesh_v1_RouteEntry__Output } from '../../mesh/v1/RouteEntry.js';
import type { StreamStatus as _mesh_v1_StreamStatus, StreamStatus__Output as _mesh_v1_StreamStatus__Output } from '../../mesh/v1/StreamStatus.js';
import type { JoinPolicy as _mesh_v1_JoinPolicy, JoinPolicy__Output as _mesh_v1_JoinPolicy__Output } from '../../mesh/v1/JoinPolicy.js';
import type { ConsensusStatus as _mesh_v1_ConsensusStatus, ConsensusStatus__Output as _mesh_v1_ConsensusStatus__Output } from '../../mesh/v1/ConsensusStatus.js';
import type { Health as _mesh_v1_Health, Health__Output as _mesh_v1_Health__Output } from '../../mesh/v1/Health.js';

export interface MeshStatus {
  'mesh_id'?: (string);
  'mesh_name'?: (string);
  'self'?: (_mesh_v1_NodeStatus | null);
  'nodes'?: (_mesh_v1_NodeStatus)[];
  'links'?: (_mesh_v1_LinkStatus)[];
  'routes'?: (_mesh_v1_RouteEntry)[];
  'streams'?: (_mesh_v1_StreamStatus)[];
  'join_policy'?: (_mesh_v1_JoinPolicy);
  'active'?: (boolean);
  'consensus'?: (_mesh_v1_ConsensusStatus | null);
  'health'?: (_mesh_v1_Health);
  'unreachable'?: (string)[];
  'fingerprint'?: (string);
}

export interface MeshStatus__Output {
  'mesh_id': (string);
  'mesh_name': (string);
  'self': (_mesh_v1_NodeStatus__Output | null);
  'nodes': (_mesh_v1_NodeStatus__Output)[];
  'links': (_mesh_v1_LinkStatus__Output)[];
  'routes': (_mesh_v1_RouteEntry__Output)[];
  'streams': (_mesh_v1_StreamStatus__Output)[];
  'join_policy': (_mesh_v1_JoinPolicy__Output);
  'active': (boolean);
  'consensus': (_mesh_v1_ConsensusStatus__Output | null);
  'health': (_mesh_v1_Health__Output);
  'unreachable': (string)[];
  'fingerprint': (string);
}
