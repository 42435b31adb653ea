// Original file: proto/mesh/v1/control.proto


export interface PathView {
  'nodes'?: (string)[];
  'cost'?: (number | string);
}

export interface PathView__Output {
  'nodes': (string)[];
  'cost': (number);
}
