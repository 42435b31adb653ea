// Original file: proto/mesh/v1/supervisor.proto


export interface KeyValue {
  'key'?: (string);
  'value'?: (number | string);
}

export interface KeyValue__Output {
  'key': (string);
  'value': (number);
}
