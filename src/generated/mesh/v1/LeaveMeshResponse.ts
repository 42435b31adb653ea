// Original file: proto/mesh/v1/mesh.proto


export interface LeaveMeshResponse {
}

export interface LeaveMeshResponse__Output {
}
