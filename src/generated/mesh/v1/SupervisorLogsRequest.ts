// Original file: proto/mesh/v1/supervisor.proto


export interface SupervisorLogsRequest {
  'level'?: (string);
  'tail'?: (number);
}

export interface SupervisorLogsRequest__Output {
  'level': (string);
  'tail': (number);
}
