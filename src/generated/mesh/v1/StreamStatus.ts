// Original file: proto/mesh/v1/mesh.proto

import type { TargetProgress as _mesh_v1_TargetProgress, TargetProgress__Output as _mesh_v1_TargetProgress__Output } from '../../mesh/v1/TargetProgress.js';
import type { Long } from '@grpc/proto-loader';

export interface StreamStatus {
  'stream_id'?: (string);
  'role'?: (string);
  'tenant_id'?: (string);
  'source'?: (string);
  'targets'?: (_mesh_v1_TargetProgress)[];
  'last_seq'?: (number | string | Long);
  'received_offset'?: (number | string | Long);
  'consumer_offset'?: (number | string | Long);
}

export interface StreamStatus__Output {
  'stream_id': (string);
  'role': (string);
  'tenant_id': (string);
  'source': (string);
  'targets': (_mesh_v1_TargetProgress__Output)[];
  'last_seq': (number);
  'received_offset': (number);
  'consumer_offset': (number);
}
