// Original file: proto/mesh/v1/mesh.proto


export interface OpenClientDataStreamResponse {
  'stream_id'?: (string);
}

export interface OpenClientDataStreamResponse__Output {
  'stream_id': (string);
}
