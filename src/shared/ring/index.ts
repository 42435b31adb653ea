/** Public face of the SharedArrayBuffer rings. */
export { createRingBuffer, RingProducer, RingConsumer, MIN_RING_BYTES } from './ring.js';
