// Original file: proto/mesh/v1/mesh.proto


export interface JoinMeshRequest {
  'address'?: (string);
  'join_key'?: (string);
  'fingerprint'?: (string);
}

export interface JoinMeshRequest__Output {
  'address': (string);
  'join_key': (string);
  'fingerprint': (string);
}
