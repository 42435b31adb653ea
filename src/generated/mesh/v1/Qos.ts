// Original file: proto/mesh/v1/mesh.proto

export const Qos = {
  QOS_UNSPECIFIED: 'QOS_UNSPECIFIED',
  EXACTLY_ONCE: 'EXACTLY_ONCE',
} as const;

export type Qos =
  | 'QOS_UNSPECIFIED'
  | 0
  | 'EXACTLY_ONCE'
  | 1

export type Qos__Output = typeof Qos[keyof typeof Qos]
