/**
 * OpenTelemetry tracing of client data (off unless `tracing.endpoint` is set): each thread that
 * records spans (the main thread, each data-plane worker) has one tracer provider, exporting in
 * batches over OTLP/HTTP (JSON) to the configured collector. A publish is sampled at its source
 * with probability `tracing.sampleRatio` (TraceIdRatioBased); its messages carry the publish
 * span's W3C trace context in their data frames (FrameFlag.Trace, docs/WIRE.md), and every node
 * they cross adds a span under it: `meshd.publish` (source), `meshd.forward` (each transit hop),
 * `meshd.store` and `meshd.deliver` (target). Nothing is recorded for messages not sampled.
 * Spans name the node (`meshd.node`), the stream (`meshd.stream_id`), seq and message id.
 */
import { ROOT_CONTEXT, SpanKind, TraceFlags, trace, type Attributes, type Span, type SpanContext, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import { TRACE_CONTEXT_BYTES } from '../wire/index.js';

/** Tracing settings (config `tracing`). */
export interface TracingOptions {
  /** OTLP/HTTP traces URL, e.g. `http://127.0.0.1:4318/v1/traces`; tracing is off without it. */
  endpoint?: string;
  /** Fraction of publishes traced, 0..1. */
  sampleRatio: number;
  /** Most time spans wait in a batch before they are exported (ms). */
  exportDelayMs?: number;
}

/** A thread's tracer, with the node it speaks for. */
export interface MeshTracer {
  tracer: Tracer;
  nodeId: string;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

let current: { key: string; mesh: MeshTracer; provider: TracerProvider } | null = null;

/** This thread's tracer for `nodeId` under `opts` (made once per thread), or null when tracing is off. */
export function meshTracer(opts: TracingOptions | undefined, nodeId: string): MeshTracer | null {
  if (!opts?.endpoint) return null;
  const key = `${opts.endpoint}\0${opts.sampleRatio}\0${nodeId}`;
  if (current?.key === key) return current.mesh;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'meshd', 'service.instance.id': nodeId }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(opts.sampleRatio) }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: opts.endpoint }), scheduledDelayMillis: opts.exportDelayMs ?? 1000 })],
  });
  const mesh: MeshTracer = {
    tracer: provider.getTracer('meshd'), nodeId,
    shutdown: () => {
      if (current?.mesh === mesh) current = null;
      return provider.shutdown();
    },
  };
  current = { key, mesh, provider };
  return mesh;
}

/** Encodes a sampled span's context for a frame: trace id (16), span id (8), flags (1); undefined when not sampled. */
export function encodeTraceContext(sc: SpanContext): Uint8Array | undefined {
  if (!(sc.traceFlags & TraceFlags.SAMPLED)) return undefined;
  const b = Buffer.alloc(TRACE_CONTEXT_BYTES);
  b.write(sc.traceId, 0, 16, 'hex');
  b.write(sc.spanId, 16, 8, 'hex');
  b[24] = sc.traceFlags;
  return b;
}

/** The span context a frame's trace context names (remote), or undefined for a malformed one. */
export function decodeTraceContext(b: Uint8Array): SpanContext | undefined {
  if (b.length !== TRACE_CONTEXT_BYTES) return undefined;
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const sc: SpanContext = { traceId: buf.toString('hex', 0, 16), spanId: buf.toString('hex', 16, 24), traceFlags: buf[24], isRemote: true };
  return trace.isSpanContextValid(sc) ? sc : undefined;
}

/**
 * Records a span of `name` under the trace context `ctx` carried by a message (a transit hop, a
 * store or a delivery): started and ended now, with `attrs` and the node's id. Nothing for a
 * malformed context.
 */
export function hopSpan(t: MeshTracer, name: string, ctx: Uint8Array, attrs: Attributes, kind: SpanKind = SpanKind.INTERNAL): void {
  const sc = decodeTraceContext(ctx);
  if (!sc) return;
  t.tracer.startSpan(name, { kind, attributes: { 'meshd.node': t.nodeId, ...attrs } }, trace.setSpanContext(ROOT_CONTEXT, sc)).end();
}

/** Starts a root span (a publish at its source); end it when the publish is answered. */
export function rootSpan(t: MeshTracer, name: string, attrs: Attributes): Span {
  return t.tracer.startSpan(name, { kind: SpanKind.SERVER, attributes: { 'meshd.node': t.nodeId, ...attrs } }, ROOT_CONTEXT);
}
