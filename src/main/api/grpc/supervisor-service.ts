/**
 * SupervisorControl handlers (proto/mesh/v1/supervisor.proto): the node process as a supervisor
 * sees it, every call admin-only.
 * - Start and Stop: StartMesh and StopMesh; Stop with `exit` answers, then asks the process to
 *   stop as SIGTERM does (the membership stays active, so the node rejoins when started again).
 * - Health: liveness (this answer), readiness and its reasons (node/readiness.ts), health.
 * - Metrics: every sample of the Prometheus registries as `name{labels}` = value.
 * - Config: the effective configuration as JSON with secrets replaced by "[redacted]"
 *   ({@link redactConfig}).
 * - Logs: the node's log lines (observability/log-tap.ts), the last `tail` first, then live; at
 *   most {@link MAX_LOG_WATCHERS} at once, and a watcher that does not read loses lines (a
 *   `{"dropped":N}` line says how many when it catches up) rather than the node's memory.
 */
import type { handleServerStreamingCall } from '@grpc/grpc-js';
import type { SupervisorControlHandlers } from '../../../generated/mesh/v1/SupervisorControl.js';
import type { LogLine } from '../../../generated/mesh/v1/LogLine.js';
import type { SupervisorLogsRequest__Output } from '../../../generated/mesh/v1/SupervisorLogsRequest.js';
import type { Config } from '../../../shared/config/index.js';
import { ErrorCode, MeshError } from '../../../shared/errors.js';
import type { MeshNode } from '../../node/index.js';
import { MESHD_VERSION } from '../../node/version.js';
import { LOG_LEVELS, LOG_TAP_LINES, type LogTap, type TappedLine } from '../../observability/log-tap.js';
import type { Logger } from '../../observability/logger.js';
import { samples } from '../../node/operator-views.js';
import { guardServerStream } from './auth.js';
import { unary } from './mesh-service.js';
import { toServiceError } from './status.js';

/** Most SupervisorControl.Logs calls one node serves at once. */
export const MAX_LOG_WATCHERS = 16;
/** Lines a Logs watcher may have waiting before new ones are dropped. */
export const LOG_WATCH_QUEUE = 1000;
/** Configuration keys whose values are secrets (matched on the last path segment, case-insensitively). */
export const SECRET_KEY = /(^joinkey$|password|secret|token$|^url$)/i;

/** What SupervisorControl needs beside the node. */
export interface SupervisorContext {
  config: Config;
  /** The node's log tap (absent: Logs answers ERR_UNAVAILABLE). */
  tap?: LogTap;
  /** When the process started (ms since epoch). */
  startedAtMs: number;
  /** Asks the process to stop gracefully; absent when nothing can (Stop with exit answers ERR_FAILED_PRECONDITION). */
  requestExit?: () => void;
}

/** The configuration as JSON-ready data with every {@link SECRET_KEY} value replaced; `redacted` lists their paths. */
export function redactConfig(config: unknown): { value: unknown; redacted: string[] } {
  const redacted: string[] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => {
        const p = path ? `${path}.${k}` : k;
        if (SECRET_KEY.test(k) && x !== undefined && x !== null && x !== '') {
          redacted.push(p);
          return [k, '[redacted]'];
        }
        return [k, walk(x, p)];
      }));
    }
    return v;
  };
  return { value: walk(config, ''), redacted };
}

/** All SupervisorControl handlers bound to one node. */
export function supervisorHandlers(node: MeshNode, log: Logger, ctx: SupervisorContext): SupervisorControlHandlers {
  return {
    Start: unary(node, log, 'Start', async () => {
      const r = await node.startMesh();
      return { mesh_id: r.meshId, dialing: r.dialing };
    }),
    Stop: unary(node, log, 'Stop', async (r) => {
      if (!r.exit) {
        await node.stopMesh();
        return {};
      }
      const exit = ctx.requestExit;
      if (!exit) throw new MeshError(ErrorCode.FailedPrecondition, 'this process cannot be stopped through the API (it runs embedded)');
      log.warn('stop requested through SupervisorControl.Stop');
      setTimeout(exit, 50).unref(); // after the answer is sent
      return {};
    }),
    Health: unary(node, log, 'Health', async () => {
      const h = node.control.health();
      const st = node.control.status();
      const r = node.readiness();
      return {
        live: true, ready: r.ready, reasons: r.reasons, health: h.state, unreachable: h.unreachable, leader: st?.leader ?? '', term: st?.term ?? 0,
        version: MESHD_VERSION, uptime_s: (Date.now() - ctx.startedAtMs) / 1000, node_id: node.selfId,
      };
    }),
    Metrics: unary(node, log, 'Metrics', async (r) => ({
      metrics: (await samples(node.metrics, r.prefix)).map((s) => ({ key: `${s.name}${labelText(s.labels)}`, value: s.value })),
    })),
    Config: unary(node, log, 'Config', async () => {
      const r = redactConfig(ctx.config);
      return { json: JSON.stringify(r.value, null, 2), redacted: r.redacted, mesh_settings: JSON.stringify(Object.fromEntries(node.control.mcg.state.settings)) };
    }),
    Logs: guardServerStream(node, log, 'Logs', logsHandler(ctx), (p) => p.require('admin')),
  };
}

function labelText(labels: Record<string, string>): string {
  const e = Object.entries(labels);
  return e.length ? `{${e.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}` : '';
}

let watchers = 0;

function logsHandler(ctx: SupervisorContext): handleServerStreamingCall<SupervisorLogsRequest__Output, LogLine> {
  return (call) => {
    const fail = (err: MeshError): void => void call.emit('error', toServiceError(err));
    const name = call.request.level || 'info';
    const min = LOG_LEVELS[name];
    if (min === undefined) return void fail(new MeshError(ErrorCode.InvalidArgument, `level must be one of ${Object.keys(LOG_LEVELS).join(', ')}`));
    if (call.request.tail > LOG_TAP_LINES) return void fail(new MeshError(ErrorCode.InvalidArgument, `tail must be at most ${LOG_TAP_LINES}`));
    if (!ctx.tap) return void fail(new MeshError(ErrorCode.Unavailable, 'this node keeps no log tap'));
    if (watchers >= MAX_LOG_WATCHERS) return void fail(new MeshError(ErrorCode.RateLimited, `this node already serves ${MAX_LOG_WATCHERS} log watchers`));
    watchers++;
    const tap = ctx.tap;
    const levelName = (n: number) => Object.keys(LOG_LEVELS).find((k) => LOG_LEVELS[k] === n) ?? String(n);
    const toProto = (l: TappedLine): LogLine => ({ line: l.line, level: levelName(l.level), time_ms: l.timeMs });
    let blocked = false;
    let dropped = 0;
    const queue: TappedLine[] = [];
    const flush = () => {
      blocked = false;
      if (dropped) {
        blocked = !call.write({ line: JSON.stringify({ dropped }), level: 'warn', time_ms: Date.now() });
        dropped = 0;
      }
      while (queue.length && !blocked) blocked = !call.write(toProto(queue.shift()!));
      if (blocked) call.once('drain', flush);
    };
    const send = (l: TappedLine) => {
      if (l.level < min) return;
      if (queue.length >= LOG_WATCH_QUEUE) return void dropped++;
      queue.push(l);
      if (!blocked) flush();
    };
    for (const l of tap.tail(call.request.tail, min)) send(l);
    const stop = tap.watch(send);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      watchers--;
      stop();
    };
    call.on('cancelled', end);
    call.on('close', end);
    call.on('error', end);
  };
}
