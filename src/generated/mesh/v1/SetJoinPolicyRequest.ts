// Original file: proto/mesh/v1/mesh.proto

import type { JoinPolicy as _mesh_v1_JoinPolicy, JoinPolicy__Output as _mesh_v1_JoinPolicy__Output } from '../../mesh/v1/JoinPolicy.js';

export interface SetJoinPolicyRequest {
  'join_policy'?: (_mesh_v1_JoinPolicy);
  'join_key'?: (string);
}

export interface SetJoinPolicyRequest__Output {
  'join_policy': (_mesh_v1_JoinPolicy__Output);
  'join_key': (string);
}
