// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface TargetProgress {
  'node_id'?: (string);
  'acked_seq'?: (number | string | Long);
}

export interface TargetProgress__Output {
  'node_id': (string);
  'acked_seq': (number);
}
