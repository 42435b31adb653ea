// Original file: proto/mesh/v1/control.proto

import type { MetricSample as _mesh_v1_MetricSample, MetricSample__Output as _mesh_v1_MetricSample__Output } from '../../mesh/v1/MetricSample.js';
import type { StreamLag as _mesh_v1_StreamLag, StreamLag__Output as _mesh_v1_StreamLag__Output } from '../../mesh/v1/StreamLag.js';

export interface GetMessageMetricsResponse {
  'counters'?: (_mesh_v1_MetricSample)[];
  'streams'?: (_mesh_v1_StreamLag)[];
}

export interface GetMessageMetricsResponse__Output {
  'counters': (_mesh_v1_MetricSample__Output)[];
  'streams': (_mesh_v1_StreamLag__Output)[];
}
