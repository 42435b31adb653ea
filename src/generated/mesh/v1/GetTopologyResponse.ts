// Original file: proto/mesh/v1/control.proto

import type { TopologyNode as _mesh_v1_TopologyNode, TopologyNode__Output as _mesh_v1_TopologyNode__Output } from '../../mesh/v1/TopologyNode.js';
import type { TopologyEdge as _mesh_v1_TopologyEdge, TopologyEdge__Output as _mesh_v1_TopologyEdge__Output } from '../../mesh/v1/TopologyEdge.js';

export interface GetTopologyResponse {
  'nodes'?: (_mesh_v1_TopologyNode)[];
  'edges'?: (_mesh_v1_TopologyEdge)[];
}

export interface GetTopologyResponse__Output {
  'nodes': (_mesh_v1_TopologyNode__Output)[];
  'edges': (_mesh_v1_TopologyEdge__Output)[];
}
