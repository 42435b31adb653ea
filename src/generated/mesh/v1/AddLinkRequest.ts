// Original file: proto/mesh/v1/mesh.proto


export interface AddLinkRequest {
  'address'?: (string);
  'timeout_ms'?: (number);
}

export interface AddLinkRequest__Output {
  'address': (string);
  'timeout_ms': (number);
}
