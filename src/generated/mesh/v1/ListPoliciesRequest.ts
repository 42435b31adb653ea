// Original file: proto/mesh/v1/control.proto


export interface ListPoliciesRequest {
}

export interface ListPoliciesRequest__Output {
}
