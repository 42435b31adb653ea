// Original file: proto/mesh/v1/control.proto


export interface SchedulerPath {
  'first_hop'?: (string);
  'nodes'?: (string)[];
  'cost'?: (number | string);
  'rtt_ms'?: (number | string);
  'bw_mbps'?: (number | string);
  'weight'?: (number | string);
}

export interface SchedulerPath__Output {
  'first_hop': (string);
  'nodes': (string)[];
  'cost': (number);
  'rtt_ms': (number);
  'bw_mbps': (number);
  'weight': (number);
}
