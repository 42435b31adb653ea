// Original file: proto/mesh/v1/mesh.proto


export interface RotateTenantKeyRequest {
  'tenant'?: (string);
}

export interface RotateTenantKeyRequest__Output {
  'tenant': (string);
}
