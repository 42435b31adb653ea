// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface TokenInfo {
  'jti'?: (string);
  'subject'?: (string);
  'role'?: (string);
  'tenant'?: (string);
  'streams'?: (string)[];
  'audience'?: (string)[];
  'issuer'?: (string);
  'expires_at_ms'?: (number | string | Long);
  'revoked'?: (boolean);
}

export interface TokenInfo__Output {
  'jti': (string);
  'subject': (string);
  'role': (string);
  'tenant': (string);
  'streams': (string)[];
  'audience': (string)[];
  'issuer': (string);
  'expires_at_ms': (number);
  'revoked': (boolean);
}
