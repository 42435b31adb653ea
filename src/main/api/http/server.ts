/**
 * HTTP endpoints on the metrics port: `/metrics` (Prometheus text format), `/healthz` (the
 * process is up), `/readyz` (200 `{"ready":true,"reasons":[]}` when the node is a member, not
 * CRITICAL and knows a control-group leader; 503 with the unmet `reasons` otherwise,
 * `src/main/node/readiness.ts`) and `/status`
 * (the GetMeshStatus message as JSON, with its snake_case field names, as `meshctl --json status`),
 * and the live status page under `/ui` (./status-page.ts; admin token required for its data).
 *
 * Stream and tenant ids are shown only to a caller with an admin token (`Authorization: Bearer`,
 * the same tokens as the gRPC API): otherwise `/status` lists no streams (`streams_redacted: true`)
 * and `/metrics` leaves out the per-stream series. A token that fails verification is answered
 * 401 and counted in `meshd_api_errors_total{code="ERR_UNAUTHENTICATED"}`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { ErrorCode, MeshError } from '../../../shared/errors.js';
import type { MeshNode } from '../../node/index.js';
import { statusToProto } from '../grpc/mesh-service.js';
import { serveStatusPage } from './status-page.js';

/** Resolves true for an admin bearer token, false without a token. @throws MeshError ERR_UNAUTHENTICATED for a bad token. */
export async function isAdmin(node: MeshNode, req: IncomingMessage): Promise<boolean> {
  const h = req.headers.authorization;
  if (!h) return false;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (!m) throw new MeshError(ErrorCode.Unauthenticated, 'Authorization must be "Bearer <token>"');
  return (await node.access.authenticate(m[1])).admin;
}

/** Starts the HTTP server; resolves to it and its bound port. */
export async function startHttpServer(node: MeshNode, host: string, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const json = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return json(405, { error: 'method not allowed' });
    if (path === '/healthz') return json(200, { status: 'ok', node: node.selfId });
    if (path === '/readyz') {
      const r = node.readiness();
      return json(r.ready ? 200 : 503, r);
    }
    if (path === '/ui' || path.startsWith('/ui/')) {
      // Without a token: null (401); with a bad one: null as well, counted once by the page handler.
      const admin = () => (req.headers.authorization ? isAdmin(node, req).catch(() => null) : Promise.resolve(null));
      serveStatusPage(node, path, req, res, admin).then((served) => { if (!served) json(404, { error: 'not found' }); }, (err: unknown) => json(500, { error: (err as Error).message }));
      return;
    }
    if (path !== '/metrics' && path !== '/status') return json(404, { error: 'not found' });
    isAdmin(node, req).then(async (admin) => {
      if (path === '/metrics') {
        const text = (await node.metrics.registry.metrics()) + (admin ? await node.metrics.streamRegistry.metrics() : '');
        res.writeHead(200, { 'content-type': node.metrics.registry.contentType });
        res.end(text);
        return;
      }
      // The same fields and names (snake_case) as GetMeshStatus and `meshctl --json status`.
      const s = await node.status();
      json(200, admin ? statusToProto(s) : { ...statusToProto({ ...s, streams: [] }), streams_redacted: true });
    }).catch((err: unknown) => {
      if (err instanceof MeshError && err.code === ErrorCode.Unauthenticated) {
        node.metrics.apiErrors.inc({ code: err.code });
        return json(401, { error: err.message, code: err.code });
      }
      json(500, { error: (err as Error).message });
    });
    return;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  return { server, port: typeof addr === 'object' && addr ? addr.port : port };
}
