// Original file: proto/mesh/v1/control.proto

import type { MemberProgress as _mesh_v1_MemberProgress, MemberProgress__Output as _mesh_v1_MemberProgress__Output } from '../../mesh/v1/MemberProgress.js';
import type { Long } from '@grpc/proto-loader';

export interface GetConsensusStateResponse {
  'term'?: (number | string | Long);
  'leader'?: (string);
  'role'?: (string);
  'commit_index'?: (number | string | Long);
  'applied_index'?: (number | string | Long);
  'first_index'?: (number | string | Long);
  'last_index'?: (number | string | Long);
  'snapshot_index'?: (number | string | Long);
  'recovering'?: (boolean);
  'members'?: (_mesh_v1_MemberProgress)[];
  'voters_wanted'?: (number);
}

export interface GetConsensusStateResponse__Output {
  'term': (number);
  'leader': (string);
  'role': (string);
  'commit_index': (number);
  'applied_index': (number);
  'first_index': (number);
  'last_index': (number);
  'snapshot_index': (number);
  'recovering': (boolean);
  'members': (_mesh_v1_MemberProgress__Output)[];
  'voters_wanted': (number);
}
