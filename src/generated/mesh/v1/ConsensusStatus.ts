// Original file: proto/mesh/v1/mesh.proto

import type { ConsensusMember as _mesh_v1_ConsensusMember, ConsensusMember__Output as _mesh_v1_ConsensusMember__Output } from '../../mesh/v1/ConsensusMember.js';
import type { Long } from '@grpc/proto-loader';

export interface ConsensusStatus {
  'term'?: (number | string | Long);
  'leader'?: (string);
  'role'?: (string);
  'commit_index'?: (number | string | Long);
  'applied_index'?: (number | string | Long);
  'first_index'?: (number | string | Long);
  'snapshot_index'?: (number | string | Long);
  'members'?: (_mesh_v1_ConsensusMember)[];
  'recovering'?: (boolean);
}

export interface ConsensusStatus__Output {
  'term': (number);
  'leader': (string);
  'role': (string);
  'commit_index': (number);
  'applied_index': (number);
  'first_index': (number);
  'snapshot_index': (number);
  'members': (_mesh_v1_ConsensusMember__Output)[];
  'recovering': (boolean);
}
