// Original file: proto/mesh/v1/mesh.proto


export interface Member {
  'node_id'?: (string);
  'name'?: (string);
  'address'?: (string);
}

export interface Member__Output {
  'node_id': (string);
  'name': (string);
  'address': (string);
}
