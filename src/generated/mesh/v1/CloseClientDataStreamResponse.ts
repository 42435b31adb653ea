// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface CloseClientDataStreamResponse {
  'last_seq'?: (number | string | Long);
}

export interface CloseClientDataStreamResponse__Output {
  'last_seq': (number);
}
