// Original file: proto/mesh/v1/mesh.proto


export interface RotateTenantKeyResponse {
  'epoch'?: (number);
}

export interface RotateTenantKeyResponse__Output {
  'epoch': (number);
}
