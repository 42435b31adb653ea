// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface Delivery {
  'seq'?: (number | string | Long);
  'message_id'?: (string);
  'payload'?: (Buffer | Uint8Array | string);
  'published_at_ms'?: (number | string);
}

export interface Delivery__Output {
  'seq': (number);
  'message_id': (string);
  'payload': (Buffer);
  'published_at_ms': (number);
}
