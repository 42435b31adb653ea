// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface TenantKeyEpoch {
  'epoch'?: (number);
  'created_by'?: (string);
  'created_at_ms'?: (number | string | Long);
  'wrapped_for'?: (string)[];
}

export interface TenantKeyEpoch__Output {
  'epoch': (number);
  'created_by': (string);
  'created_at_ms': (number);
  'wrapped_for': (string)[];
}
