// Original file: proto/mesh/v1/supervisor.proto


export interface SupervisorConfigResponse {
  'json'?: (string);
  'redacted'?: (string)[];
  'mesh_settings'?: (string);
}

export interface SupervisorConfigResponse__Output {
  'json': (string);
  'redacted': (string)[];
  'mesh_settings': (string);
}
