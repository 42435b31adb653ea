// Original file: proto/mesh/v1/mesh.proto

export const JoinPolicy = {
  JOIN_POLICY_UNSPECIFIED: 'JOIN_POLICY_UNSPECIFIED',
  OPEN: 'OPEN',
  KEY_REQUIRED: 'KEY_REQUIRED',
  CLOSED: 'CLOSED',
} as const;

export type JoinPolicy =
  | 'JOIN_POLICY_UNSPECIFIED'
  | 0
  | 'OPEN'
  | 1
  | 'KEY_REQUIRED'
  | 2
  | 'CLOSED'
  | 3

export type JoinPolicy__Output = typeof JoinPolicy[keyof typeof JoinPolicy]
