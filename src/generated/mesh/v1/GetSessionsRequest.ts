// Original file: proto/mesh/v1/control.proto


export interface GetSessionsRequest {
}

export interface GetSessionsRequest__Output {
}
