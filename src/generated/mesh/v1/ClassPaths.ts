// Original file: proto/mesh/v1/control.proto

import type { PathView as _mesh_v1_PathView, PathView__Output as _mesh_v1_PathView__Output } from '../../mesh/v1/PathView.js';

export interface ClassPaths {
  'class'?: (string);
  'paths'?: (_mesh_v1_PathView)[];
}

export interface ClassPaths__Output {
  'class': (string);
  'paths': (_mesh_v1_PathView__Output)[];
}
