// Original file: proto/mesh/v1/mesh.proto


export interface DropLinkRequest {
  'peer'?: (string);
}

export interface DropLinkRequest__Output {
  'peer': (string);
}
