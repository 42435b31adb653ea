// Original file: proto/mesh/v1/control.proto

import type { ClassPaths as _mesh_v1_ClassPaths, ClassPaths__Output as _mesh_v1_ClassPaths__Output } from '../../mesh/v1/ClassPaths.js';
import type { SchedulerPath as _mesh_v1_SchedulerPath, SchedulerPath__Output as _mesh_v1_SchedulerPath__Output } from '../../mesh/v1/SchedulerPath.js';

export interface RoutingEntry {
  'destination'?: (string);
  'next_hop'?: (string);
  'cost'?: (number | string);
  'hops'?: (number);
  'classes'?: (_mesh_v1_ClassPaths)[];
  'multipath'?: (_mesh_v1_SchedulerPath)[];
}

export interface RoutingEntry__Output {
  'destination': (string);
  'next_hop': (string);
  'cost': (number);
  'hops': (number);
  'classes': (_mesh_v1_ClassPaths__Output)[];
  'multipath': (_mesh_v1_SchedulerPath__Output)[];
}
