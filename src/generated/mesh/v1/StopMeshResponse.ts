// Original file: proto/mesh/v1/mesh.proto


export interface StopMeshResponse {
}

export interface StopMeshResponse__Output {
}
