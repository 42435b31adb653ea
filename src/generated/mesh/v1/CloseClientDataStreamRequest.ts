// Original file: proto/mesh/v1/mesh.proto


export interface CloseClientDataStreamRequest {
  'stream_id'?: (string);
  'timeout_ms'?: (number);
}

export interface CloseClientDataStreamRequest__Output {
  'stream_id': (string);
  'timeout_ms': (number);
}
