// Original file: proto/mesh/v1/control.proto


export interface GetPolicyRequest {
  'domain'?: (string);
}

export interface GetPolicyRequest__Output {
  'domain': (string);
}
