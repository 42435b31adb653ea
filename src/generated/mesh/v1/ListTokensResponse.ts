// Original file: proto/mesh/v1/mesh.proto

import type { TokenInfo as _mesh_v1_TokenInfo, TokenInfo__Output as _mesh_v1_TokenInfo__Output } from '../../mesh/v1/TokenInfo.js';

export interface ListTokensResponse {
  'tokens'?: (_mesh_v1_TokenInfo)[];
}

export interface ListTokensResponse__Output {
  'tokens': (_mesh_v1_TokenInfo__Output)[];
}
