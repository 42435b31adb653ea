// Original file: proto/mesh/v1/control.proto

import type { MemberDigest as _mesh_v1_MemberDigest, MemberDigest__Output as _mesh_v1_MemberDigest__Output } from '../../mesh/v1/MemberDigest.js';
import type { Long } from '@grpc/proto-loader';

export interface TriggerConsensusCheckResponse {
  'check_id'?: (string);
  'index'?: (number | string | Long);
  'consistent'?: (boolean);
  'complete'?: (boolean);
  'members'?: (_mesh_v1_MemberDigest)[];
}

export interface TriggerConsensusCheckResponse__Output {
  'check_id': (string);
  'index': (number);
  'consistent': (boolean);
  'complete': (boolean);
  'members': (_mesh_v1_MemberDigest__Output)[];
}
