// Original file: proto/mesh/v1/mesh.proto


export interface ListAclsRequest {
}

export interface ListAclsRequest__Output {
}
