// Original file: proto/mesh/v1/supervisor.proto


export interface SupervisorStartResponse {
  'mesh_id'?: (string);
  'dialing'?: (string)[];
}

export interface SupervisorStartResponse__Output {
  'mesh_id': (string);
  'dialing': (string)[];
}
