// Original file: proto/mesh/v1/control.proto


export interface TopologyEdge {
  'from'?: (string);
  'to'?: (string);
  'rtt_ms'?: (number | string);
  'bw_mbps'?: (number | string);
  'loss'?: (number | string);
  'util'?: (number | string);
  'weight'?: (number | string);
}

export interface TopologyEdge__Output {
  'from': (string);
  'to': (string);
  'rtt_ms': (number);
  'bw_mbps': (number);
  'loss': (number);
  'util': (number);
  'weight': (number);
}
