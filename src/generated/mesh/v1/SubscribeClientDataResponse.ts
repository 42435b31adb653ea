// Original file: proto/mesh/v1/mesh.proto

import type { Delivery as _mesh_v1_Delivery, Delivery__Output as _mesh_v1_Delivery__Output } from '../../mesh/v1/Delivery.js';

export interface SubscribeClientDataResponse {
  'stream_id'?: (string);
  'source'?: (string);
  'messages'?: (_mesh_v1_Delivery)[];
}

export interface SubscribeClientDataResponse__Output {
  'stream_id': (string);
  'source': (string);
  'messages': (_mesh_v1_Delivery__Output)[];
}
