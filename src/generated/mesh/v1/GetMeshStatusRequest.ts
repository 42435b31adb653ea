// Original file: proto/mesh/v1/mesh.proto


export interface GetMeshStatusRequest {
}

export interface GetMeshStatusRequest__Output {
}
