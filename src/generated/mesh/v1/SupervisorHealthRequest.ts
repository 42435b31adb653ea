// Original file: proto/mesh/v1/supervisor.proto


export interface SupervisorHealthRequest {
}

export interface SupervisorHealthRequest__Output {
}
