// Original file: proto/mesh/v1/mesh.proto


export interface AclEntry {
  'subject'?: (string);
  'tenant'?: (string);
  'role'?: (string);
  'stream'?: (string);
}

export interface AclEntry__Output {
  'subject': (string);
  'tenant': (string);
  'role': (string);
  'stream': (string);
}
