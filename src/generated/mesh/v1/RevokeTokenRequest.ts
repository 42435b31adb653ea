// Original file: proto/mesh/v1/mesh.proto


export interface RevokeTokenRequest {
  'jti'?: (string);
}

export interface RevokeTokenRequest__Output {
  'jti': (string);
}
