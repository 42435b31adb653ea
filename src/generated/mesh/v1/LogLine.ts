// Original file: proto/mesh/v1/supervisor.proto


export interface LogLine {
  'line'?: (string);
  'level'?: (string);
  'time_ms'?: (number | string);
}

export interface LogLine__Output {
  'line': (string);
  'level': (string);
  'time_ms': (number);
}
