/**
 * The gRPC server of a node (MeshService, MeshDataService, MeshControl, SupervisorControl, plus
 * grpc.health.v1 and reflection: ./health.ts), over TLS with the node's API certificate (clients pin
 * it; see `src/main/security/identity.ts`). Every call is authenticated (`./auth.ts`). Message
 * size limits allow the largest client-data publish batch plus framing. Connections get a 16 MiB
 * HTTP/2 receive window (`./flow-window.ts`), so a distant client's publishes are not held to
 * 64 KiB per round trip.
 */
import { Server, ServerCredentials } from '@grpc/grpc-js';
import type { MeshNode } from '../../node/index.js';
import type { Logger } from '../../observability/logger.js';
import { MAX_PUBLISH_BATCH_BYTES } from '../../streams/index.js';
import { addStandardServices } from './health.js';
import { meshServiceHandlers } from './mesh-service.js';
import { meshControlHandlers } from './control-service.js';
import { supervisorHandlers, type SupervisorContext } from './supervisor-service.js';
import { loadMeshProto } from './proto.js';
import { tolerantService } from './undecodable.js';
import type { TlsIdentity } from '../../security/index.js';
import { advertiseStreamWindow, FLOW_CONTROL_WINDOW_BYTES, widenSessionWindows } from './flow-window.js';

/** Largest gRPC message the server accepts or sends (bytes). */
export const MAX_GRPC_MESSAGE_BYTES = MAX_PUBLISH_BATCH_BYTES + 1024 * 1024;

const stopHealth = new WeakMap<Server, () => void>();

/**
 * Starts the gRPC server on host:port over TLS with `tls` (every mesh.v1 service, grpc.health.v1
 * and server reflection, ./health.ts); `supervisor` is what SupervisorControl needs beside the
 * node. Resolves to the server and the bound port.
 */
export async function startGrpcServer(node: MeshNode, log: Logger, host: string, port: number, tls: TlsIdentity, supervisor: SupervisorContext): Promise<{ server: Server; port: number }> {
  const server = new Server({
    'grpc.max_receive_message_length': MAX_GRPC_MESSAGE_BYTES, 'grpc.max_send_message_length': MAX_GRPC_MESSAGE_BYTES,
    // Read by a grpc-js that supports it on servers; until then advertiseStreamWindow below.
    'grpc-node.flow_control_window': FLOW_CONTROL_WINDOW_BYTES,
  });
  const windowed = advertiseStreamWindow(server);
  const handlers = meshServiceHandlers(node, log);
  server.addService(tolerantService(loadMeshProto().mesh.v1.MeshService.service), handlers);
  // MeshDataService: the four subscriptions again, under the seed's service name (same handlers).
  const { SubscribeClientData, SubscribeMeshUpdates, SubscribeNodeUpdates, SubscribeInternalDBUpdates } = handlers;
  server.addService(tolerantService(loadMeshProto().mesh.v1.MeshDataService.service), { SubscribeClientData, SubscribeMeshUpdates, SubscribeNodeUpdates, SubscribeInternalDBUpdates });
  server.addService(tolerantService(loadMeshProto().mesh.v1.MeshControl.service), meshControlHandlers(node, log));
  server.addService(tolerantService(loadMeshProto().mesh.v1.SupervisorControl.service), supervisorHandlers(node, log, supervisor));
  stopHealth.set(server, addStandardServices(server, node, log));
  const bound = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${port}`, ServerCredentials.createSsl(null, [{ private_key: Buffer.from(tls.key), cert_chain: Buffer.from(tls.cert) }], false), (err, p) => (err ? reject(err) : resolve(p)));
  });
  if (!(windowed && widenSessionWindows(server))) log.warn({ bytes: FLOW_CONTROL_WINDOW_BYTES }, 'this grpc-js does not let the API server widen its HTTP/2 receive window: uploads run at 64 KiB per round trip');
  return { server, port: bound };
}

/** Stops the server, cancelling calls still open after `graceMs`. */
export function stopGrpcServer(server: Server, graceMs = 1000): Promise<void> {
  stopHealth.get(server)?.();
  return new Promise((resolve) => {
    const t = setTimeout(() => { server.forceShutdown(); resolve(); }, graceMs);
    server.tryShutdown(() => { clearTimeout(t); resolve(); });
  });
}
