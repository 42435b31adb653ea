// Original file: proto/mesh/v1/mesh.proto


export interface StartMeshRequest {
}

export interface StartMeshRequest__Output {
}
