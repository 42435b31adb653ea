/**
 * Loads the `mesh.v1` protos (`proto/mesh/v1/`: mesh.proto MeshService, data.proto
 * MeshDataService, control.proto MeshControl, supervisor.proto SupervisorControl) with
 * @grpc/proto-loader, for the server and for clients (meshctl, the demo, tests). Options match
 * the generated types in `src/generated`.
 */
import { loadPackageDefinition, type GrpcObject } from '@grpc/grpc-js';
import { loadSync, type Options, type PackageDefinition } from '@grpc/proto-loader';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProtoGrpcType as MeshProto } from '../../../generated/mesh.js';
import type { ProtoGrpcType as DataProto } from '../../../generated/data.js';
import type { ProtoGrpcType as ControlProto } from '../../../generated/control.js';
import type { ProtoGrpcType as SupervisorProto } from '../../../generated/supervisor.js';

/** proto-loader options; keep in sync with the `gen:proto` script. */
export const PROTO_OPTIONS: Options = { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true };

/** The proto files of `mesh.v1`, relative to {@link protoRoot}, one per service. */
export const PROTO_FILES = ['mesh/v1/mesh.proto', 'mesh/v1/data.proto', 'mesh/v1/control.proto', 'mesh/v1/supervisor.proto'] as const;

/** The loaded package: every service of `mesh.v1` and its messages. */
export type ProtoGrpcType = {
  mesh: { v1: MeshProto['mesh']['v1'] & DataProto['mesh']['v1'] & ControlProto['mesh']['v1'] & SupervisorProto['mesh']['v1'] };
};

/** Absolute path of the `proto` directory (the include root), found by walking up from this file to the package root. */
export function protoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'proto', 'mesh', 'v1', 'mesh.proto'))) return join(dir, 'proto');
    dir = resolve(dir, '..');
  }
  throw new Error('proto/mesh/v1/mesh.proto not found');
}

let cached: ProtoGrpcType | undefined;
let cachedDefinition: PackageDefinition | undefined;

/** The proto-loader package definition of `mesh.v1` (cached), e.g. for server reflection. */
export function loadMeshPackageDefinition(): PackageDefinition {
  cachedDefinition ??= loadSync([...PROTO_FILES], { ...PROTO_OPTIONS, includeDirs: [protoRoot()] });
  return cachedDefinition;
}

/** The loaded `mesh.v1` package (cached). */
export function loadMeshProto(): ProtoGrpcType {
  cached ??= loadPackageDefinition(loadMeshPackageDefinition()) as GrpcObject as unknown as ProtoGrpcType;
  return cached;
}
