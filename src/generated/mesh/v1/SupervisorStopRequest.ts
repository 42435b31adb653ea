// Original file: proto/mesh/v1/supervisor.proto


export interface SupervisorStopRequest {
  'exit'?: (boolean);
}

export interface SupervisorStopRequest__Output {
  'exit': (boolean);
}
