// Original file: proto/mesh/v1/mesh.proto

import type { Qos as _mesh_v1_Qos, Qos__Output as _mesh_v1_Qos__Output } from '../../mesh/v1/Qos.js';

export interface OpenClientDataStreamRequest {
  'tenant_id'?: (string);
  'targets'?: (string)[];
  'qos'?: (_mesh_v1_Qos);
  'priority'?: (number);
}

export interface OpenClientDataStreamRequest__Output {
  'tenant_id': (string);
  'targets': (string)[];
  'qos': (_mesh_v1_Qos__Output);
  'priority': (number);
}
