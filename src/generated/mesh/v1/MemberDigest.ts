// Original file: proto/mesh/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface MemberDigest {
  'node_id'?: (string);
  'answered'?: (boolean);
  'state_digest'?: (string);
  'log_digest'?: (string);
  'log_from'?: (number | string | Long);
  'agrees'?: (boolean);
}

export interface MemberDigest__Output {
  'node_id': (string);
  'answered': (boolean);
  'state_digest': (string);
  'log_digest': (string);
  'log_from': (number);
  'agrees': (boolean);
}
