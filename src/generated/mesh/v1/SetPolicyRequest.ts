// Original file: proto/mesh/v1/control.proto

import type { Policy as _mesh_v1_Policy, Policy__Output as _mesh_v1_Policy__Output } from '../../mesh/v1/Policy.js';

export interface SetPolicyRequest {
  'policy'?: (_mesh_v1_Policy | null);
}

export interface SetPolicyRequest__Output {
  'policy': (_mesh_v1_Policy__Output | null);
}
