// Original file: proto/mesh/v1/mesh.proto

import type { DbOp as _mesh_v1_DbOp, DbOp__Output as _mesh_v1_DbOp__Output } from '../../mesh/v1/DbOp.js';
import type { Long } from '@grpc/proto-loader';

export interface Update {
  'index'?: (number | string | Long);
  'origin'?: (string);
  'at_ms'?: (number | string);
  'request_id'?: (string);
  'topic'?: (string);
  'payload'?: (Buffer | Uint8Array | string);
  'node_id'?: (string);
  'table'?: (string);
  'key'?: (string);
  'op'?: (_mesh_v1_DbOp);
  'value'?: (Buffer | Uint8Array | string);
}

export interface Update__Output {
  'index': (number);
  'origin': (string);
  'at_ms': (number);
  'request_id': (string);
  'topic': (string);
  'payload': (Buffer);
  'node_id': (string);
  'table': (string);
  'key': (string);
  'op': (_mesh_v1_DbOp__Output);
  'value': (Buffer);
}
