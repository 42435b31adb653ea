// Original file: proto/mesh/v1/mesh.proto


export interface EstablishFullLinksRequest {
  'timeout_ms'?: (number);
}

export interface EstablishFullLinksRequest__Output {
  'timeout_ms': (number);
}
