// Original file: proto/mesh/v1/control.proto


export interface DropSessionResponse {
  'peer'?: (string);
  'lane'?: (number);
}

export interface DropSessionResponse__Output {
  'peer': (string);
  'lane': (number);
}
