// Original file: proto/mesh/v1/mesh.proto


export interface RouteEntry {
  'destination'?: (string);
  'next_hop'?: (string);
  'cost'?: (number | string);
  'hops'?: (number);
}

export interface RouteEntry__Output {
  'destination': (string);
  'next_hop': (string);
  'cost': (number);
  'hops': (number);
}
