// Original file: proto/mesh/v1/mesh.proto


export interface StartMeshResponse {
  'mesh_id'?: (string);
  'dialing'?: (string)[];
}

export interface StartMeshResponse__Output {
  'mesh_id': (string);
  'dialing': (string)[];
}
