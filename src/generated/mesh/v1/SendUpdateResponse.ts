// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface SendUpdateResponse {
  'index'?: (number | string | Long);
  'duplicate'?: (boolean);
}

export interface SendUpdateResponse__Output {
  'index': (number);
  'duplicate': (boolean);
}
