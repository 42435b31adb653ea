// Original file: proto/mesh/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface DeletePolicyResponse {
  'index'?: (number | string | Long);
}

export interface DeletePolicyResponse__Output {
  'index': (number);
}
