// Original file: proto/mesh/v1/mesh.proto

import type { TenantKeys as _mesh_v1_TenantKeys, TenantKeys__Output as _mesh_v1_TenantKeys__Output } from '../../mesh/v1/TenantKeys.js';

export interface GetTenantKeysResponse {
  'tenants'?: (_mesh_v1_TenantKeys)[];
}

export interface GetTenantKeysResponse__Output {
  'tenants': (_mesh_v1_TenantKeys__Output)[];
}
