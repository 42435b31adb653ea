// Original file: proto/mesh/v1/mesh.proto


export interface RotateNodeKeyRequest {
}

export interface RotateNodeKeyRequest__Output {
}
