// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface EvictNodeResponse {
  'index'?: (number | string | Long);
}

export interface EvictNodeResponse__Output {
  'index': (number);
}
