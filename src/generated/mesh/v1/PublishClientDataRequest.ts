// Original file: proto/mesh/v1/mesh.proto

import type { AckLevel as _mesh_v1_AckLevel, AckLevel__Output as _mesh_v1_AckLevel__Output } from '../../mesh/v1/AckLevel.js';
import type { Long } from '@grpc/proto-loader';

export interface PublishClientDataRequest {
  'stream_id'?: (string);
  'payloads'?: (Buffer | Uint8Array | string)[];
  'ack_level'?: (_mesh_v1_AckLevel);
  'request_id'?: (number | string | Long);
  'producer_id'?: (string);
}

export interface PublishClientDataRequest__Output {
  'stream_id': (string);
  'payloads': (Buffer)[];
  'ack_level': (_mesh_v1_AckLevel__Output);
  'request_id': (number);
  'producer_id': (string);
}
