// Original file: proto/mesh/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface MemberProgress {
  'node_id'?: (string);
  'role'?: (string);
  'match_index'?: (number | string | Long);
  'lag_entries'?: (number | string | Long);
  'reachable'?: (boolean);
  'address'?: (string);
  'name'?: (string);
}

export interface MemberProgress__Output {
  'node_id': (string);
  'role': (string);
  'match_index': (number);
  'lag_entries': (number);
  'reachable': (boolean);
  'address': (string);
  'name': (string);
}
