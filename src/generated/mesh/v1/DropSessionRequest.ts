// Original file: proto/mesh/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface DropSessionRequest {
  'link_id'?: (number | string | Long);
}

export interface DropSessionRequest__Output {
  'link_id': (number);
}
