// Original file: proto/mesh/v1/mesh.proto


export interface SendNodeUpdateRequest {
  'node_id'?: (string);
  'topic'?: (string);
  'payload'?: (Buffer | Uint8Array | string);
  'request_id'?: (string);
}

export interface SendNodeUpdateRequest__Output {
  'node_id': (string);
  'topic': (string);
  'payload': (Buffer);
  'request_id': (string);
}
