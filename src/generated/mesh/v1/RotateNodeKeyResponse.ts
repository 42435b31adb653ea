// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface RotateNodeKeyResponse {
  'key'?: (string);
  'index'?: (number | string | Long);
}

export interface RotateNodeKeyResponse__Output {
  'key': (string);
  'index': (number);
}
