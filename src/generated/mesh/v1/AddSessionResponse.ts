// Original file: proto/mesh/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface AddSessionResponse {
  'link_id'?: (number | string | Long);
}

export interface AddSessionResponse__Output {
  'link_id': (number);
}
