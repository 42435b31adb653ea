// Original file: proto/mesh/v1/mesh.proto

export const Health = {
  HEALTH_UNSPECIFIED: 'HEALTH_UNSPECIFIED',
  HEALTHY: 'HEALTHY',
  DEGRADED: 'DEGRADED',
  CRITICAL: 'CRITICAL',
} as const;

export type Health =
  | 'HEALTH_UNSPECIFIED'
  | 0
  | 'HEALTHY'
  | 1
  | 'DEGRADED'
  | 2
  | 'CRITICAL'
  | 3

export type Health__Output = typeof Health[keyof typeof Health]
