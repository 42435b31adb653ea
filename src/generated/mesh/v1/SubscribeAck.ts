// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface SubscribeAck {
  'offset'?: (number | string | Long);
  'credits'?: (number);
}

export interface SubscribeAck__Output {
  'offset': (number);
  'credits': (number);
}
