/**
 * Streaming client-data handlers. PublishClientDataStream starts each request's publish at once
 * (sequence numbers follow request order) and answers in request order, pausing the call while
 * {@link MAX_INFLIGHT_PUBLISHES} requests are unanswered. SubscribeClientData takes a `start`
 * then `ack` messages and sends delivery batches within the granted credits.
 */
import type { handleBidiStreamingCall, ServerDuplexStream } from '@grpc/grpc-js';
import type { PublishClientDataRequest__Output } from '../../../generated/mesh/v1/PublishClientDataRequest.js';
import type { PublishClientDataResponse } from '../../../generated/mesh/v1/PublishClientDataResponse.js';
import type { SubscribeClientDataRequest__Output } from '../../../generated/mesh/v1/SubscribeClientDataRequest.js';
import type { SubscribeClientDataResponse } from '../../../generated/mesh/v1/SubscribeClientDataResponse.js';
import { ErrorCode, MeshError, toRecord } from '../../../shared/errors.js';
import type { MeshNode } from '../../node/index.js';
import type { Logger } from '../../observability/logger.js';
import type { ProducerRequest, Subscription } from '../../streams/index.js';
import { toServiceError } from './status.js';
import { assertDecoded } from './undecodable.js';
import { principalOf, requirePublish } from './auth.js';

/** Unanswered requests of one streaming publish call before the server stops reading it. */
export const MAX_INFLIGHT_PUBLISHES = 64;

function fail<Req, Res>(node: MeshNode, log: Logger, method: string, call: ServerDuplexStream<Req, Res>, err: unknown): void {
  const rec = toRecord(err);
  node.metrics.apiErrors.inc({ code: rec.code });
  log.info({ method, code: rec.code, message: rec.message }, 'API call refused');
  call.emit('error', toServiceError(err));
}

/** Handler of PublishClientDataStream. */
export function publishStreamHandler(node: MeshNode, log: Logger): handleBidiStreamingCall<PublishClientDataRequest__Output, PublishClientDataResponse> {
  return (call) => {
    const ac = new AbortController();
    let chain: Promise<void> = Promise.resolve();
    let inflight = 0;
    let failed = false;
    let ended = false;
    call.on('cancelled', () => ac.abort());
    call.on('data', (r: PublishClientDataRequest__Output) => {
      if (failed) return;
      inflight++;
      if (inflight >= MAX_INFLIGHT_PUBLISHES) call.pause();
      const level = r.ack_level === 'TARGETS_STORED' ? 'TARGETS_STORED' : 'SOURCE_DURABLE';
      let p: ReturnType<MeshNode['publish']>;
      try {
        assertDecoded(r);
        requirePublish(node, principalOf(call), r.stream_id);
        p = node.publish(r.stream_id, r.payloads, level, ac.signal, principalOf(call).claims.sub, producerOf(r));
      } catch (err) {
        p = Promise.reject(err);
      }
      p.catch(() => {}); // observed in the chain below, in order
      chain = chain.then(async () => {
        if (failed) return;
        try {
          const res = await p;
          call.write({ stream_id: res.streamId, first_seq: res.firstSeq, count: res.messageIds.length, message_ids: res.messageIds, request_id: r.request_id, duplicate: !!res.duplicate });
        } catch (err) {
          failed = true;
          fail(node, log, 'PublishClientDataStream', call, err);
          return;
        }
        inflight--;
        if (inflight < MAX_INFLIGHT_PUBLISHES / 2) call.resume();
        if (ended && inflight === 0) call.end();
      });
    });
    call.on('end', () => {
      ended = true;
      void chain.then(() => { if (!failed && inflight === 0) call.end(); });
    });
  };
}

/** The idempotent producer a publish names (none without a producer_id). */
export function producerOf(r: { producer_id: string; request_id: number }): ProducerRequest | undefined {
  return r.producer_id ? { producerId: r.producer_id, requestId: Number(r.request_id) } : undefined;
}

/** Handler of SubscribeClientData. */
export function subscribeHandler(node: MeshNode, log: Logger): handleBidiStreamingCall<SubscribeClientDataRequest__Output, SubscribeClientDataResponse> {
  return (call) => {
    let sub: Subscription | null = null;
    let closed = false;
    /** The acknowledgement being stored, if any. */
    let acking: Promise<unknown> = Promise.resolve();
    const close = (err?: MeshError) => {
      if (closed) return;
      closed = true;
      if (err) fail(node, log, 'SubscribeClientData', call, err);
      else call.end();
    };
    call.on('data', (r: SubscribeClientDataRequest__Output) => {
      if (closed) return;
      try {
        assertDecoded(r);
        if (r.start && !sub) {
          principalOf(call).require('subscriber', r.start.tenant_id, r.start.stream_id);
          sub = node.subscribe(r.start.stream_id, r.start.tenant_id, r.start.credits, {
            write: (b) => call.write({
              stream_id: b.streamId, source: b.source,
              messages: b.messages.map((m) => ({ seq: m.seq, message_id: m.messageId, payload: Buffer.from(m.payload.buffer, m.payload.byteOffset, m.payload.byteLength), published_at_ms: m.publishedAtMs })),
            }),
            onDrain: (cb) => call.once('drain', cb),
            close,
          });
        } else if (r.ack && sub) {
          const s = sub;
          acking = s.ack(r.ack.offset, r.ack.credits).catch((err: unknown) => s.close(err instanceof MeshError ? err : new MeshError(ErrorCode.Internal, String(err))));
        } else {
          throw new MeshError(ErrorCode.InvalidArgument, sub ? 'start sent twice' : 'the first message must be start');
        }
      } catch (err) {
        if (sub) sub.close(err as MeshError);
        else close(err instanceof MeshError ? err : new MeshError(ErrorCode.Internal, String(err)));
      }
    });
    const gone = () => { closed = true; sub?.close(); };
    // A client that half-closes is done: its last acknowledgement is stored, then the call ends OK.
    call.on('end', () => { void acking.then(() => { sub?.close(); close(); }); });
    call.on('cancelled', gone);
    call.on('error', gone);
  };
}
