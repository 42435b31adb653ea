// Original file: proto/mesh/v1/control.proto

import type { RoutingEntry as _mesh_v1_RoutingEntry, RoutingEntry__Output as _mesh_v1_RoutingEntry__Output } from '../../mesh/v1/RoutingEntry.js';

export interface GetRoutingTableResponse {
  'scheduler'?: (string);
  'k'?: (number);
  'routes'?: (_mesh_v1_RoutingEntry)[];
}

export interface GetRoutingTableResponse__Output {
  'scheduler': (string);
  'k': (number);
  'routes': (_mesh_v1_RoutingEntry__Output)[];
}
