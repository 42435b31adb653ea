// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface CreateTokenRequest {
  'subject'?: (string);
  'role'?: (string);
  'tenant'?: (string);
  'streams'?: (string)[];
  'audience'?: (string)[];
  'ttl_ms'?: (number | string | Long);
}

export interface CreateTokenRequest__Output {
  'subject': (string);
  'role': (string);
  'tenant': (string);
  'streams': (string)[];
  'audience': (string)[];
  'ttl_ms': (number);
}
