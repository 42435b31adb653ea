// Original file: proto/mesh/v1/mesh.proto

import type { UpdatesStart as _mesh_v1_UpdatesStart, UpdatesStart__Output as _mesh_v1_UpdatesStart__Output } from '../../mesh/v1/UpdatesStart.js';
import type { UpdatesAck as _mesh_v1_UpdatesAck, UpdatesAck__Output as _mesh_v1_UpdatesAck__Output } from '../../mesh/v1/UpdatesAck.js';

export interface SubscribeUpdatesRequest {
  'start'?: (_mesh_v1_UpdatesStart | null);
  'ack'?: (_mesh_v1_UpdatesAck | null);
  'kind'?: "start"|"ack";
}

export interface SubscribeUpdatesRequest__Output {
  'start'?: (_mesh_v1_UpdatesStart__Output | null);
  'ack'?: (_mesh_v1_UpdatesAck__Output | null);
  'kind'?: "start"|"ack";
}
