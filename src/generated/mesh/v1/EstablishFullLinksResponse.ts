// Original file: proto/mesh/v1/mesh.proto

import type { LinkResult as _mesh_v1_LinkResult, LinkResult__Output as _mesh_v1_LinkResult__Output } from '../../mesh/v1/LinkResult.js';

export interface EstablishFullLinksResponse {
  'results'?: (_mesh_v1_LinkResult)[];
}

export interface EstablishFullLinksResponse__Output {
  'results': (_mesh_v1_LinkResult__Output)[];
}
