// Original file: proto/mesh/v1/control.proto


export interface GetRoutingTableRequest {
}

export interface GetRoutingTableRequest__Output {
}
