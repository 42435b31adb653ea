// Original file: proto/mesh/v1/mesh.proto

import type { Long } from '@grpc/proto-loader';

export interface LinkStatus {
  'peer'?: (string);
  'rtt_ms'?: (number | string);
  'up'?: (boolean);
  'outbound'?: (boolean);
  'remote'?: (string);
  'bytes_in'?: (number | string | Long);
  'bytes_out'?: (number | string | Long);
  'frames_in'?: (number | string | Long);
  'frames_out'?: (number | string | Long);
  'lane'?: (number);
  'queue_bytes'?: (number | string | Long);
  'credit_bytes'?: (number | string | Long);
}

export interface LinkStatus__Output {
  'peer': (string);
  'rtt_ms': (number);
  'up': (boolean);
  'outbound': (boolean);
  'remote': (string);
  'bytes_in': (number);
  'bytes_out': (number);
  'frames_in': (number);
  'frames_out': (number);
  'lane': (number);
  'queue_bytes': (number);
  'credit_bytes': (number);
}
