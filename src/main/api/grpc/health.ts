/**
 * Standard gRPC services beside MeshService, for tools that have no meshd proto files:
 * - grpc.health.v1.Health (`grpc-health-check`; https://github.com/grpc/grpc/blob/master/doc/health-checking.md):
 *   `Check`, `Watch` and `List` for the service names `""` (the server as a whole) and
 *   `mesh.v1.MeshService`. Both are SERVING while the node is ready (src/main/node/readiness.ts:
 *   a member, not CRITICAL, with a control-group leader) and NOT_SERVING otherwise; the status is
 *   re-read every {@link HEALTH_POLL_MS}. A Kubernetes gRPC probe or `grpc_health_probe` works
 *   against it.
 * - Server reflection v1 and v1alpha (`@grpc/reflection`; https://github.com/grpc/grpc/blob/master/doc/server-reflection.md),
 *   so `grpcurl` lists and calls MeshService (and Health) without the .proto files.
 * Neither needs a bearer token: probes cannot send one, and both tell only what is public (the
 * serving status, the API schema published in proto/). Every MeshService call still does.
 */
import type { Server } from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { loadSync } from '@grpc/proto-loader';
import { HealthImplementation, protoPath as healthProtoPath, type ServingStatus } from 'grpc-health-check';
import type { MeshNode } from '../../node/index.js';
import type { Logger } from '../../observability/logger.js';
import { loadMeshPackageDefinition } from './proto.js';

/** How often the health status is re-read from the node (ms). */
export const HEALTH_POLL_MS = 1000;

/** The service names grpc.health.v1 answers for. */
export const HEALTH_SERVICES = ['', 'mesh.v1.MeshService', 'mesh.v1.MeshDataService', 'mesh.v1.MeshControl', 'mesh.v1.SupervisorControl'] as const;

/**
 * Adds grpc.health.v1 and reflection to `server`, tracking `node`'s readiness; logs each change.
 * @returns a function that stops the tracking (call it when the server stops).
 */
export function addStandardServices(server: Server, node: MeshNode, log: Logger): () => void {
  const health = new HealthImplementation(Object.fromEntries(HEALTH_SERVICES.map((s) => [s, 'NOT_SERVING' as ServingStatus])));
  health.addToServer(server);
  new ReflectionService({ ...loadMeshPackageDefinition(), ...loadSync(healthProtoPath, { keepCase: true }) }).addToServer(server);
  let last: ServingStatus = 'NOT_SERVING';
  const update = () => {
    const r = node.readiness();
    const status: ServingStatus = r.ready ? 'SERVING' : 'NOT_SERVING';
    if (status === last) return;
    last = status;
    for (const s of HEALTH_SERVICES) health.setStatus(s, status);
    log.info({ status, reasons: r.reasons }, 'gRPC health status changed');
  };
  update();
  const timer = setInterval(update, HEALTH_POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
