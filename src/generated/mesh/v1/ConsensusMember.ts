// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface ConsensusMember {
  'node_id'?: (string);
  'role'?: (string);
  'match_index'?: (number | string | Long);
  'reachable'?: (boolean);
}

export interface ConsensusMember__Output {
  'node_id': (string);
  'role': (string);
  'match_index': (number);
  'reachable': (boolean);
}
