// Original file: proto/mesh/v1/supervisor.proto

import type { KeyValue as _mesh_v1_KeyValue, KeyValue__Output as _mesh_v1_KeyValue__Output } from '../../mesh/v1/KeyValue.js';

export interface SupervisorMetricsResponse {
  'metrics'?: (_mesh_v1_KeyValue)[];
}

export interface SupervisorMetricsResponse__Output {
  'metrics': (_mesh_v1_KeyValue__Output)[];
}
