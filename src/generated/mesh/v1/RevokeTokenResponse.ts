// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface RevokeTokenResponse {
  'index'?: (number | string | Long);
}

export interface RevokeTokenResponse__Output {
  'index': (number);
}
