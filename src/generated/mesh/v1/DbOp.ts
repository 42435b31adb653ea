// Original file: proto/mesh/v1/mesh.proto

export const DbOp = {
  DB_OP_UNSPECIFIED: 'DB_OP_UNSPECIFIED',
  PUT: 'PUT',
  DELETE: 'DELETE',
} as const;

export type DbOp =
  | 'DB_OP_UNSPECIFIED'
  | 0
  | 'PUT'
  | 1
  | 'DELETE'
  | 2

export type DbOp__Output = typeof DbOp[keyof typeof DbOp]
