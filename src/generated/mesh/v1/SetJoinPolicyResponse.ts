// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface SetJoinPolicyResponse {
  'index'?: (number | string | Long);
}

export interface SetJoinPolicyResponse__Output {
  'index': (number);
}
