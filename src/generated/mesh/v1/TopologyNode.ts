// Original file: proto/mesh/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface TopologyNode {
  'node_id'?: (string);
  'name'?: (string);
  'address'?: (string);
  'lsa_seq'?: (number | string | Long);
  'lsa_age_ms'?: (number | string);
  'reachable'?: (boolean);
  'gone'?: (boolean);
  'self'?: (boolean);
}

export interface TopologyNode__Output {
  'node_id': (string);
  'name': (string);
  'address': (string);
  'lsa_seq': (number);
  'lsa_age_ms': (number);
  'reachable': (boolean);
  'gone': (boolean);
  'self': (boolean);
}
