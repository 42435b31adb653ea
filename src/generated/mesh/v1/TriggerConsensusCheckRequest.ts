// Original file: proto/mesh/v1/control.proto


export interface TriggerConsensusCheckRequest {
  'timeout_ms'?: (number);
}

export interface TriggerConsensusCheckRequest__Output {
  'timeout_ms': (number);
}
