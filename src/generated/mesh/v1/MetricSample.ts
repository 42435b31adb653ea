// Original file: proto/mesh/v1/control.proto


export interface MetricSample {
  'name'?: (string);
  'labels'?: ({[key: string]: string});
  'value'?: (number | string);
}

export interface MetricSample__Output {
  'name': (string);
  'labels': ({[key: string]: string});
  'value': (number);
}
