// Original file: proto/mesh/v1/mesh.proto


export interface EvictNodeRequest {
  'node_id'?: (string);
  'reason'?: (string);
}

export interface EvictNodeRequest__Output {
  'node_id': (string);
  'reason': (string);
}
