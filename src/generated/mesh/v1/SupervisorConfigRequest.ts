// Original file: proto/mesh/v1/supervisor.proto


export interface SupervisorConfigRequest {
}

export interface SupervisorConfigRequest__Output {
}
