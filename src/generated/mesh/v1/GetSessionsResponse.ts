// Original file: proto/mesh/v1/control.proto

import type { Session as _mesh_v1_Session, Session__Output as _mesh_v1_Session__Output } from '../../mesh/v1/Session.js';

export interface GetSessionsResponse {
  'sessions'?: (_mesh_v1_Session)[];
}

export interface GetSessionsResponse__Output {
  'sessions': (_mesh_v1_Session__Output)[];
}
