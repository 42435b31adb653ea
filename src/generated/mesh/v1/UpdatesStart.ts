// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface UpdatesStart {
  'from_index'?: (number | string | Long);
  'subscriber_id'?: (string);
  'window'?: (number);
}

export interface UpdatesStart__Output {
  'from_index': (number);
  'subscriber_id': (string);
  'window': (number);
}
