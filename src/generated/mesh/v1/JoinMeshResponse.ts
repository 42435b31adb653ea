// Original file: proto/mesh/v1/mesh.proto

import type { Member as _mesh_v1_Member, Member__Output as _mesh_v1_Member__Output } from '../../mesh/v1/Member.js';

export interface JoinMeshResponse {
  'mesh_id'?: (string);
  'node_id'?: (string);
  'members'?: (_mesh_v1_Member)[];
}

export interface JoinMeshResponse__Output {
  'mesh_id': (string);
  'node_id': (string);
  'members': (_mesh_v1_Member__Output)[];
}
