// Original file: proto/mesh/v1/mesh.proto

import type { TenantKeyEpoch as _mesh_v1_TenantKeyEpoch, TenantKeyEpoch__Output as _mesh_v1_TenantKeyEpoch__Output } from '../../mesh/v1/TenantKeyEpoch.js';

export interface TenantKeys {
  'tenant'?: (string);
  'current'?: (number);
  'epochs'?: (_mesh_v1_TenantKeyEpoch)[];
}

export interface TenantKeys__Output {
  'tenant': (string);
  'current': (number);
  'epochs': (_mesh_v1_TenantKeyEpoch__Output)[];
}
