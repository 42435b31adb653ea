/**
 * The node's OpenTelemetry spans of client data (shared/tracing): the `meshd.publish` span at the
 * source, whose context a sampled publish's messages carry, and the `meshd.store` and
 * `meshd.deliver` spans at a target. Off (no span, no cost beyond a null check) without a tracer.
 */
import { SpanStatusCode } from '@opentelemetry/api';
import { encodeTraceContext, hopSpan, rootSpan, type MeshTracer } from '../../shared/tracing/index.js';
import type { PublishResult } from '../streams/index.js';

/**
 * Runs `publish` inside a `meshd.publish` span of `streamId`; `publish` gets the span's context
 * when the publish is sampled (its messages carry it), else undefined.
 */
export async function tracedPublish(t: MeshTracer | null, streamId: string, count: number, ackLevel: string, publish: (trace?: Uint8Array) => Promise<PublishResult>): Promise<PublishResult> {
  if (!t) return publish();
  const span = rootSpan(t, 'meshd.publish', { 'meshd.stream_id': streamId, 'meshd.messages': count, 'meshd.ack_level': ackLevel });
  try {
    const r = await publish(encodeTraceContext(span.spanContext()));
    span.setAttributes({ 'meshd.first_seq': r.firstSeq, 'meshd.message_id': r.messageIds[0] ?? '', 'meshd.duplicate': !!r.duplicate });
    return r;
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    throw err;
  } finally {
    span.end();
  }
}

/** The span of a sampled message stored (`meshd.store`) or delivered (`meshd.deliver`) at a target. */
export function targetSpan(t: MeshTracer | null, stage: 'stored' | 'delivered', m: { streamId: string; seq: number; messageId: string }, ctx: Uint8Array): void {
  if (t) hopSpan(t, stage === 'stored' ? 'meshd.store' : 'meshd.deliver', ctx, { 'meshd.stream_id': m.streamId, 'meshd.seq': m.seq, 'meshd.message_id': m.messageId });
}
