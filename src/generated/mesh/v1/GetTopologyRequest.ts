// Original file: proto/mesh/v1/control.proto


export interface GetTopologyRequest {
}

export interface GetTopologyRequest__Output {
}
