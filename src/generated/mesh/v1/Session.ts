// Original file: proto/mesh/v1/control.proto

import type { Lane as _mesh_v1_Lane, Lane__Output as _mesh_v1_Lane__Output } from '../../mesh/v1/Lane.js';

export interface Session {
  'peer'?: (string);
  'outbound'?: (boolean);
  'address'?: (string);
  'lanes'?: (_mesh_v1_Lane)[];
  'dialed'?: (boolean);
}

export interface Session__Output {
  'peer': (string);
  'outbound': (boolean);
  'address': (string);
  'lanes': (_mesh_v1_Lane__Output)[];
  'dialed': (boolean);
}
