// Original file: proto/mesh/v1/supervisor.proto


export interface SupervisorMetricsRequest {
  'prefix'?: (string);
}

export interface SupervisorMetricsRequest__Output {
  'prefix': (string);
}
