// Original file: proto/mesh/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface Lane {
  'link_id'?: (number | string | Long);
  'lane'?: (number);
  'remote'?: (string);
  'rtt_ms'?: (number | string);
  'bw_mbps'?: (number | string);
  'loss'?: (number | string);
  'util'?: (number | string);
  'bytes_in'?: (number | string | Long);
  'bytes_out'?: (number | string | Long);
  'queue_bytes'?: (number | string | Long);
  'credit_bytes'?: (number | string | Long);
}

export interface Lane__Output {
  'link_id': (number);
  'lane': (number);
  'remote': (string);
  'rtt_ms': (number);
  'bw_mbps': (number);
  'loss': (number);
  'util': (number);
  'bytes_in': (number);
  'bytes_out': (number);
  'queue_bytes': (number);
  'credit_bytes': (number);
}
