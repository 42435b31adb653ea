// Original file: proto/mesh/v1/supervisor.proto


export interface SupervisorStopResponse {
}

export interface SupervisorStopResponse__Output {
}
