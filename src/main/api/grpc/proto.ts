/**
 * Loads `proto/mesh/v1/mesh.proto` with @grpc/proto-loader, for the server and for clients
 * (meshctl, the demo, tests). Options match the generated types in `src/generated`.
 */
import { loadPackageDefinition, type GrpcObject } from '@grpc/grpc-js';
import { loadSync, type Options, type PackageDefinition } from '@grpc/proto-loader';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProtoGrpcType } from '../../../generated/mesh.js';

/** proto-loader options; keep in sync with the `gen:proto` script. */
export const PROTO_OPTIONS: Options = { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true };

/** Absolute path of mesh.proto, found by walking up from this file to the package root. */
export function protoPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const p = join(dir, 'proto', 'mesh', 'v1', 'mesh.proto');
    if (existsSync(p)) return p;
    dir = resolve(dir, '..');
  }
  throw new Error('proto/mesh/v1/mesh.proto not found');
}

let cached: ProtoGrpcType | undefined;
let cachedDefinition: PackageDefinition | undefined;

/** The proto-loader package definition of `mesh.v1` (cached), e.g. for server reflection. */
export function loadMeshPackageDefinition(): PackageDefinition {
  cachedDefinition ??= loadSync(protoPath(), PROTO_OPTIONS);
  return cachedDefinition;
}

/** The loaded `mesh.v1` package (cached). */
export function loadMeshProto(): ProtoGrpcType {
  cached ??= loadPackageDefinition(loadMeshPackageDefinition()) as GrpcObject as unknown as ProtoGrpcType;
  return cached;
}
