/** Worker pools for CPU-heavy work (BLAKE3 of large payloads). */
export { HASH_INLINE_MAX_BYTES, HashPool, type HashPoolOptions } from './hash-pool.js';
