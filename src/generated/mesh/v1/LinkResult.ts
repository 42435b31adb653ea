// Original file: proto/mesh/v1/mesh.proto


export interface LinkResult {
  'peer'?: (string);
  'address'?: (string);
  'ok'?: (boolean);
  'existed'?: (boolean);
  'error'?: (string);
}

export interface LinkResult__Output {
  'peer': (string);
  'address': (string);
  'ok': (boolean);
  'existed': (boolean);
  'error': (string);
}
