// Original file: proto/mesh/v1/mesh.proto


export interface DropLinkResponse {
  'lanes_closed'?: (number);
}

export interface DropLinkResponse__Output {
  'lanes_closed': (number);
}
