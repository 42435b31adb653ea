// Original file: proto/mesh/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface Policy {
  'domain'?: (string);
  'priority_weight'?: (number);
  'max_pending'?: (number | string | Long);
  'max_in_flight'?: (number);
  'breaker_failures'?: (number);
  'breaker_open_ms'?: (number);
  'index'?: (number | string | Long);
}

export interface Policy__Output {
  'domain': (string);
  'priority_weight': (number);
  'max_pending': (number);
  'max_in_flight': (number);
  'breaker_failures': (number);
  'breaker_open_ms': (number);
  'index': (number);
}
