// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface AclChangeResponse {
  'index'?: (number | string | Long);
}

export interface AclChangeResponse__Output {
  'index': (number);
}
