// Original file: proto/mesh/v1/mesh.proto


export interface SubscribeStart {
  'stream_id'?: (string);
  'tenant_id'?: (string);
  'credits'?: (number);
}

export interface SubscribeStart__Output {
  'stream_id': (string);
  'tenant_id': (string);
  'credits': (number);
}
