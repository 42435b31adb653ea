/** Public face of client-data streams: source (outbox), target (inbox) and subscriptions. */
export { SourceStreams } from './source.js';
export type { AckLevel, PayloadSealer, PublishResult, SourceDeps, StreamWindow } from './source-types.js';
export { TargetStreams, type TargetDeps, type TargetRuntime } from './target.js';
export { AckRefresh, REACK_SETTLE_MS } from './ack-refresh.js';
export { Subscription, MAX_DELIVERY_BATCH, MAX_DELIVERY_BATCH_BYTES, type SubscriberSink } from './subscription.js';
export * from './validate.js';
export { MAX_PRODUCER_ID, type ProducerRequest } from './producers.js';
export { WINDOW_BYTES, RTO_RESEND_BYTES, type TargetState } from './target-sender.js';
