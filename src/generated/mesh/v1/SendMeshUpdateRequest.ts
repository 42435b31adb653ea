// Original file: proto/mesh/v1/mesh.proto


export interface SendMeshUpdateRequest {
  'topic'?: (string);
  'payload'?: (Buffer | Uint8Array | string);
  'request_id'?: (string);
}

export interface SendMeshUpdateRequest__Output {
  'topic': (string);
  'payload': (Buffer);
  'request_id': (string);
}
