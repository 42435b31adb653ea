// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface CreateTokenResponse {
  'token'?: (string);
  'jti'?: (string);
  'expires_at_ms'?: (number | string | Long);
}

export interface CreateTokenResponse__Output {
  'token': (string);
  'jti': (string);
  'expires_at_ms': (number);
}
