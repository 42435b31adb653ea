// Original file: proto/mesh/v1/control.proto


export interface AddSessionRequest {
  'peer'?: (string);
  'lane'?: (number);
  'timeout_ms'?: (number);
}

export interface AddSessionRequest__Output {
  'peer': (string);
  'lane': (number);
  'timeout_ms': (number);
}
