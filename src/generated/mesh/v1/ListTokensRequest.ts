// Original file: proto/mesh/v1/mesh.proto


export interface ListTokensRequest {
}

export interface ListTokensRequest__Output {
}
