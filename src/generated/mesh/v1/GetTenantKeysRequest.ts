// Original file: proto/mesh/v1/mesh.proto


export interface GetTenantKeysRequest {
  'tenant'?: (string);
}

export interface GetTenantKeysRequest__Output {
  'tenant': (string);
}
