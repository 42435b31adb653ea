// Original file: proto/mesh/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface StreamLag {
  'stream_id'?: (string);
  'role'?: (string);
  'lag'?: (number | string | Long);
}

export interface StreamLag__Output {
  'stream_id': (string);
  'role': (string);
  'lag': (number);
}
