// Original file: proto/mesh/v1/supervisor.proto


export interface SupervisorStartRequest {
}

export interface SupervisorStartRequest__Output {
}
