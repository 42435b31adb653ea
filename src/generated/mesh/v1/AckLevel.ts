// Original file: proto/mesh/v1/mesh.proto

export const AckLevel = {
  ACK_LEVEL_UNSPECIFIED: 'ACK_LEVEL_UNSPECIFIED',
  SOURCE_DURABLE: 'SOURCE_DURABLE',
  TARGETS_STORED: 'TARGETS_STORED',
} as const;

export type AckLevel =
  | 'ACK_LEVEL_UNSPECIFIED'
  | 0
  | 'SOURCE_DURABLE'
  | 1
  | 'TARGETS_STORED'
  | 2

export type AckLevel__Output = typeof AckLevel[keyof typeof AckLevel]
