// Original file: proto/mesh/v1/mesh.proto

import type { MeshEventKind as _mesh_v1_MeshEventKind, MeshEventKind__Output as _mesh_v1_MeshEventKind__Output } from '../../mesh/v1/MeshEventKind.js';
import type { Health as _mesh_v1_Health, Health__Output as _mesh_v1_Health__Output } from '../../mesh/v1/Health.js';
import type { Long } from '@grpc/proto-loader';

export interface MeshEvent {
  'kind'?: (_mesh_v1_MeshEventKind);
  'at_ms'?: (number | string);
  'node_id'?: (string);
  'lane'?: (number);
  'reason'?: (string);
  'leader'?: (string);
  'term'?: (number | string | Long);
  'health'?: (_mesh_v1_Health);
  'routes'?: (number);
  'stream_id'?: (string);
  'targets'?: (string)[];
  'dropped'?: (number | string | Long);
  'lag'?: (number | string | Long);
}

export interface MeshEvent__Output {
  'kind': (_mesh_v1_MeshEventKind__Output);
  'at_ms': (number);
  'node_id': (string);
  'lane': (number);
  'reason': (string);
  'leader': (string);
  'term': (number);
  'health': (_mesh_v1_Health__Output);
  'routes': (number);
  'stream_id': (string);
  'targets': (string)[];
  'dropped': (number);
  'lag': (number);
}
