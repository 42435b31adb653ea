// Original file: proto/mesh/v1/mesh.proto

import type { SubscribeStart as _mesh_v1_SubscribeStart, SubscribeStart__Output as _mesh_v1_SubscribeStart__Output } from '../../mesh/v1/SubscribeStart.js';
import type { SubscribeAck as _mesh_v1_SubscribeAck, SubscribeAck__Output as _mesh_v1_SubscribeAck__Output } from '../../mesh/v1/SubscribeAck.js';

export interface SubscribeClientDataRequest {
  'start'?: (_mesh_v1_SubscribeStart | null);
  'ack'?: (_mesh_v1_SubscribeAck | null);
  'kind'?: "start"|"ack";
}

export interface SubscribeClientDataRequest__Output {
  'start'?: (_mesh_v1_SubscribeStart__Output | null);
  'ack'?: (_mesh_v1_SubscribeAck__Output | null);
  'kind'?: "start"|"ack";
}
