// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface PublishClientDataResponse {
  'stream_id'?: (string);
  'first_seq'?: (number | string | Long);
  'count'?: (number);
  'message_ids'?: (string)[];
  'request_id'?: (number | string | Long);
  'duplicate'?: (boolean);
}

export interface PublishClientDataResponse__Output {
  'stream_id': (string);
  'first_seq': (number);
  'count': (number);
  'message_ids': (string)[];
  'request_id': (number);
  'duplicate': (boolean);
}
