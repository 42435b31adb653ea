// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface AddLinkResponse {
  'peer'?: (string);
  'link_id'?: (number | string | Long);
}

export interface AddLinkResponse__Output {
  'peer': (string);
  'link_id': (number);
}
