/**
 * SubscribeMeshUpdates, SubscribeNodeUpdates, SubscribeInternalDBUpdates: the client sends
 * `start` (from_index, subscriber_id, window), then cumulative `ack`s; the server streams the
 * committed updates of that kind in log order, at most `window` unacknowledged.
 */
import type { handleBidiStreamingCall } from '@grpc/grpc-js';
import type { SubscribeUpdatesRequest__Output } from '../../../generated/mesh/v1/SubscribeUpdatesRequest.js';
import type { SubscribeUpdatesResponse } from '../../../generated/mesh/v1/SubscribeUpdatesResponse.js';
import { ErrorCode, MeshError, toRecord } from '../../../shared/errors.js';
import type { UpdateKind, UpdateSubscription, UpdateView } from '../../consensus/mcg/index.js';
import type { MeshNode } from '../../node/index.js';
import type { Logger } from '../../observability/logger.js';
import { toServiceError } from './status.js';
import { assertDecoded } from './undecodable.js';

const METHOD: Record<UpdateKind, string> = { mesh: 'SubscribeMeshUpdates', node: 'SubscribeNodeUpdates', db: 'SubscribeInternalDBUpdates' };

function toProto(u: UpdateView) {
  return {
    index: u.index, origin: u.origin, at_ms: u.atMs, request_id: u.requestId, topic: u.topic, payload: Buffer.from(u.payload), node_id: u.nodeId,
    table: u.table, key: u.key, op: u.op === 'delete' ? 'DELETE' as const : u.op === 'put' ? 'PUT' as const : 'DB_OP_UNSPECIFIED' as const, value: Buffer.from(u.value),
  };
}

/** Handler of one Subscribe*Updates call. */
export function subscribeUpdatesHandler(node: MeshNode, log: Logger, kind: UpdateKind): handleBidiStreamingCall<SubscribeUpdatesRequest__Output, SubscribeUpdatesResponse> {
  return (call) => {
    let sub: UpdateSubscription | null = null;
    let closed = false;
    const end = (err?: Error) => {
      if (closed) return;
      closed = true;
      if (sub) node.control.unsubscribeUpdates(sub);
      if (!err) {
        call.end();
        return;
      }
      const rec = toRecord(err);
      node.metrics.apiErrors.inc({ code: rec.code });
      log.info({ method: METHOD[kind], code: rec.code, message: rec.message }, 'API call refused');
      call.emit('error', toServiceError(err));
    };
    call.on('data', (r: SubscribeUpdatesRequest__Output) => {
      if (closed) return;
      try {
        assertDecoded(r);
        if (r.start && !sub) {
          sub = node.control.subscribeUpdates(kind, r.start.from_index, r.start.subscriber_id, r.start.window, {
            push: (updates) => {
              let opened: UpdateView[];
              try {
                opened = updates.map((u) => node.updates.open(u));
              } catch (err) {
                sub?.close(err as Error);
                return true;
              }
              return call.write({ updates: opened.map(toProto) });
            },
            onDrain: (cb) => call.once('drain', cb),
            end: (err) => end(err),
          });
        } else if (r.ack && sub) {
          const s = sub;
          s.ack(r.ack.index).catch((err: unknown) => s.close(err as Error));
        } else {
          throw new MeshError(ErrorCode.InvalidArgument, sub ? 'start sent twice' : 'the first message must be start');
        }
      } catch (err) {
        if (sub) sub.close(err as Error);
        else end(err as Error);
      }
    });
    const gone = () => {
      closed = true;
      if (sub) node.control.unsubscribeUpdates(sub);
    };
    call.on('end', () => { if (!closed) end(); });
    call.on('cancelled', gone);
    call.on('error', gone);
  };
}
