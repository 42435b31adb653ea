// Original file: proto/mesh/v1/mesh.proto

import type { AclEntry as _mesh_v1_AclEntry, AclEntry__Output as _mesh_v1_AclEntry__Output } from '../../mesh/v1/AclEntry.js';

export interface ListAclsResponse {
  'entries'?: (_mesh_v1_AclEntry)[];
}

export interface ListAclsResponse__Output {
  'entries': (_mesh_v1_AclEntry__Output)[];
}
