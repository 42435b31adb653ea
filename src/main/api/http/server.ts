/**
 * HTTP endpoints on the metrics port: `/metrics` (Prometheus text format), `/healthz` (the
 * process is up), `/readyz` (the node is an active mesh member; 503 otherwise) and `/status`
 * (the GetMeshStatus snapshot as JSON).
 */
import { createServer, type Server } from 'node:http';
import type { MeshNode } from '../../node/index.js';

/** Starts the HTTP server; resolves to it and its bound port. */
export async function startHttpServer(node: MeshNode, host: string, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const json = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return json(405, { error: 'method not allowed' });
    if (path === '/metrics') {
      node.metrics.registry.metrics().then(
        (text) => { res.writeHead(200, { 'content-type': node.metrics.registry.contentType }); res.end(text); },
        (err: Error) => json(500, { error: err.message }),
      );
      return;
    }
    if (path === '/healthz') return json(200, { status: 'ok', node: node.selfId });
    if (path === '/readyz') return json(node.ready ? 200 : 503, { ready: node.ready });
    if (path === '/status') {
      node.status().then((s) => json(200, s), (err: Error) => json(500, { error: err.message }));
      return;
    }
    json(404, { error: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  return { server, port: typeof addr === 'object' && addr ? addr.port : port };
}
