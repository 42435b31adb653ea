// Original file: proto/mesh/v1/supervisor.proto

import type { Long } from '@grpc/proto-loader';

export interface SupervisorHealthResponse {
  'live'?: (boolean);
  'ready'?: (boolean);
  'reasons'?: (string)[];
  'health'?: (string);
  'unreachable'?: (string)[];
  'leader'?: (string);
  'term'?: (number | string | Long);
  'version'?: (string);
  'uptime_s'?: (number | string);
  'node_id'?: (string);
}

export interface SupervisorHealthResponse__Output {
  'live': (boolean);
  'ready': (boolean);
  'reasons': (string)[];
  'health': (string);
  'unreachable': (string)[];
  'leader': (string);
  'term': (number);
  'version': (string);
  'uptime_s': (number);
  'node_id': (string);
}
