// Original file: proto/mesh/v1/control.proto


export interface GetMessageMetricsRequest {
}

export interface GetMessageMetricsRequest__Output {
}
