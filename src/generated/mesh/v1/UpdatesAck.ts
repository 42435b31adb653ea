// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface UpdatesAck {
  'index'?: (number | string | Long);
}

export interface UpdatesAck__Output {
  'index': (number);
}
