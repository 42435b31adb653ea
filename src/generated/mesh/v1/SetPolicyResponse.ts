// Original file: proto/mesh/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface SetPolicyResponse {
  'index'?: (number | string | Long);
}

export interface SetPolicyResponse__Output {
  'index': (number);
}
