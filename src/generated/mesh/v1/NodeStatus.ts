// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface NodeStatus {
  'node_id'?: (string);
  'name'?: (string);
  'address'?: (string);
  'online'?: (boolean);
  'last_seen_ms'?: (number | string | Long);
}

export interface NodeStatus__Output {
  'node_id': (string);
  'name': (string);
  'address': (string);
  'online': (boolean);
  'last_seen_ms': (number);
}
