// Original file: proto/mesh/v1/mesh.proto


export interface StopMeshRequest {
}

export interface StopMeshRequest__Output {
}
