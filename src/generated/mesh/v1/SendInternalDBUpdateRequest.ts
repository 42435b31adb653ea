// Original file: proto/mesh/v1/mesh.proto

import type { DbOp as _mesh_v1_DbOp, DbOp__Output as _mesh_v1_DbOp__Output } from '../../mesh/v1/DbOp.js';

export interface SendInternalDBUpdateRequest {
  'table'?: (string);
  'key'?: (string);
  'op'?: (_mesh_v1_DbOp);
  'value'?: (Buffer | Uint8Array | string);
  'request_id'?: (string);
}

export interface SendInternalDBUpdateRequest__Output {
  'table': (string);
  'key': (string);
  'op': (_mesh_v1_DbOp__Output);
  'value': (Buffer);
  'request_id': (string);
}
