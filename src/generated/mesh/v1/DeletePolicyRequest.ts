// Original file: proto/mesh/v1/control.proto


export interface DeletePolicyRequest {
  'domain'?: (string);
}

export interface DeletePolicyRequest__Output {
  'domain': (string);
}
