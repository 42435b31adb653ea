// Original file: proto/mesh/v1/mesh.proto

import type { Update as _mesh_v1_Update, Update__Output as _mesh_v1_Update__Output } from '../../mesh/v1/Update.js';

export interface SubscribeUpdatesResponse {
  'updates'?: (_mesh_v1_Update)[];
}

export interface SubscribeUpdatesResponse__Output {
  'updates': (_mesh_v1_Update__Output)[];
}
