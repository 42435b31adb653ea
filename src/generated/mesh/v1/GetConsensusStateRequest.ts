// Original file: proto/mesh/v1/control.proto


export interface GetConsensusStateRequest {
}

export interface GetConsensusStateRequest__Output {
}
