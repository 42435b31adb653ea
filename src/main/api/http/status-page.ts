/**
 * The live status page on the metrics port: `/ui` serves the page (web/status.html: static, no
 * data in it), which asks for an admin token (a form, or `/ui#token=...`; kept in the tab's
 * sessionStorage, never in a URL the server sees) and then reads, with `Authorization: Bearer`:
 * - `/ui/data`: the node's status (GetMeshStatus), topology (GetTopology), routing table
 *   (GetRoutingTable) as JSON, the gRPC messages' snake_case names;
 * - `/ui/events`: the node's mesh events (WatchMeshEvents) as `text/event-stream`, one JSON
 *   event per `data:` line; the page re-reads `/ui/data` on each, so a cut link shows at once.
 * Both answer 401 without a valid token and 403 for a token that is not an admin's (counted in
 * `meshd_api_errors_total`). At most {@link MAX_UI_WATCHERS} event streams at once (429 beyond).
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, MeshError } from '../../../shared/errors.js';
import type { MeshNode } from '../../node/index.js';
import { statusToProto } from '../grpc/mesh-service.js';
import { eventToProto } from '../grpc/events.js';

/** Most `/ui/events` streams one node serves at once. */
export const MAX_UI_WATCHERS = 16;
/** A comment line keeps idle event streams open through proxies this often (ms). */
export const UI_KEEPALIVE_MS = 15_000;

let page: string | undefined;
let watchers = 0;

/** The page's HTML (web/status.html, found by walking up from this file to the package root). */
export function statusPageHtml(): string {
  if (page) return page;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const p = join(dir, 'web', 'status.html');
    if (existsSync(p)) return (page = readFileSync(p, 'utf8'));
    dir = resolve(dir, '..');
  }
  throw new MeshError(ErrorCode.Internal, 'web/status.html not found');
}

/** The JSON of `/ui/data`. */
export async function uiData(node: MeshNode): Promise<unknown> {
  const t = node.views.topology();
  const r = node.views.routingTable();
  return {
    status: statusToProto(await node.status()),
    topology: {
      nodes: t.nodes.map((n) => ({ node_id: n.nodeId, name: n.name, address: n.address, reachable: n.reachable, gone: n.gone, self: n.self })),
      edges: t.edges.map((e) => ({ from: e.from, to: e.to, rtt_ms: e.rttMs, bw_mbps: e.bwMbps, loss: e.loss, util: e.util })),
    },
    routing: {
      scheduler: r.scheduler,
      routes: r.routes.map((x) => ({ destination: x.destination, next_hop: x.nextHop, cost: x.cost, multipath: x.multipath.map((m) => ({ nodes: m.nodes, weight: m.weight, rtt_ms: m.rttMs, bw_mbps: m.bwMbps })) })),
    },
  };
}

/**
 * Serves `path` if it is one of the page's; resolves false otherwise. `admin` resolves true for
 * an admin token, false without one, and rejects ERR_UNAUTHENTICATED for a bad token.
 */
export async function serveStatusPage(node: MeshNode, path: string, req: IncomingMessage, res: ServerResponse, admin: () => Promise<boolean | null>): Promise<boolean> {
  if (path === '/ui' || path === '/ui/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'" });
    res.end(statusPageHtml());
    return true;
  }
  if (path !== '/ui/data' && path !== '/ui/events') return false;
  const who = await admin();
  if (who !== true) {
    const code = who === null ? ErrorCode.Unauthenticated : ErrorCode.PermissionDenied;
    node.metrics.apiErrors.inc({ code });
    res.writeHead(who === null ? 401 : 403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code, error: who === null ? 'an admin bearer token is required' : 'an admin token is required' }));
    return true;
  }
  if (path === '/ui/data') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(await uiData(node)));
    return true;
  }
  if (watchers >= MAX_UI_WATCHERS) {
    node.metrics.apiErrors.inc({ code: ErrorCode.RateLimited });
    res.writeHead(429, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: ErrorCode.RateLimited, error: `this node already serves ${MAX_UI_WATCHERS} event streams` }));
    return true;
  }
  watchers++;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': meshd events\n\n');
  const sub = node.events.subscribe([], { write: (e) => res.write(`data: ${JSON.stringify(eventToProto(e))}\n\n`), onDrain: (cb) => res.once('drain', cb) });
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), UI_KEEPALIVE_MS);
  keepalive.unref();
  const end = () => {
    clearInterval(keepalive);
    node.events.unsubscribe(sub);
    watchers--;
  };
  req.once('close', end);
  return true;
}
