// Original file: proto/mesh/v1/mesh.proto

import type { MeshEventKind as _mesh_v1_MeshEventKind, MeshEventKind__Output as _mesh_v1_MeshEventKind__Output } from '../../mesh/v1/MeshEventKind.js';

export interface WatchMeshEventsRequest {
  'kinds'?: (_mesh_v1_MeshEventKind)[];
}

export interface WatchMeshEventsRequest__Output {
  'kinds': (_mesh_v1_MeshEventKind__Output)[];
}
