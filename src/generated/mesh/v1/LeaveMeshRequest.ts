// Original file: proto/mesh/v1/mesh.proto


export interface LeaveMeshRequest {
}

export interface LeaveMeshRequest__Output {
}
