// Original file: proto/mesh/v1/mesh.proto


export interface SeedMeshResponse {
  'mesh_id'?: (string);
  'node_id'?: (string);
  'fingerprint'?: (string);
}

export interface SeedMeshResponse__Output {
  'mesh_id': (string);
  'node_id': (string);
  'fingerprint': (string);
}
