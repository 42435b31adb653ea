/**
 * BLAKE3 for the data plane: small inputs inline, large ones in shared memory on a piscina worker
 * pool, so the thread that owns links and rings is not blocked while a multi-megabyte message is
 * hashed.
 *
 * Where the line sits comes from `npm run bench:hash` (bench/hash-pool.ts, 2-core machine): the
 * native BLAKE3 runs at about 5 GB/s, so copying an input into shared memory for the pool costs
 * the caller more than hashing it (e.g. 1 MiB: 164 us inline, 540 us to copy and submit). An input
 * already in a SharedArrayBuffer costs the caller only 17-35 us to submit at any size, which beats
 * inline hashing from 256 KiB (49 us) up. So: inputs in shared memory above
 * {@link HASH_INLINE_MAX_BYTES} go to the pool (reassembly builds large messages there); every
 * other input is hashed inline.
 */
import { availableParallelism } from 'node:os';
import { blake3 } from '@napi-rs/blake-hash';
import { Piscina } from 'piscina';
import type { HashTask } from './hash-task.js';

/** Shared-memory inputs up to this size are hashed inline (bytes); see the module comment. */
export const HASH_INLINE_MAX_BYTES = 128 * 1024;

const TASK_URL = new URL('./hash-task.js', import.meta.url).href;

/** Options of a {@link HashPool}. */
export interface HashPoolOptions {
  /** Largest input hashed inline (bytes); default {@link HASH_INLINE_MAX_BYTES}. */
  inlineMaxBytes?: number;
  /** Pool threads; default half the cores, at least 1. */
  threads?: number;
  /** An idle pool thread exits after this long (ms). */
  idleTimeoutMs?: number;
}

/** BLAKE3 hashing that moves large inputs off the calling thread. */
export class HashPool {
  readonly inlineMaxBytes: number;
  private pool: Piscina | null = null;

  constructor(private readonly opts: HashPoolOptions = {}) {
    this.inlineMaxBytes = opts.inlineMaxBytes ?? HASH_INLINE_MAX_BYTES;
  }

  /**
   * The 32-byte BLAKE3 digest of `data`: a promise of the pool's answer when `data` lies in a
   * SharedArrayBuffer and is larger than {@link HashPoolOptions.inlineMaxBytes}, else computed now.
   */
  digest(data: Uint8Array): Uint8Array | Promise<Uint8Array> {
    if (data.length > this.inlineMaxBytes && data.buffer instanceof SharedArrayBuffer) return this.offload(data);
    return blake3(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }

  /** Whether {@link digest} would hand an input of `bytes` in shared memory to the pool. */
  offloads(bytes: number): boolean {
    return bytes > this.inlineMaxBytes;
  }

  /** Always hashes on the pool (for benchmarks and tests); an input not in shared memory is copied once into it. */
  offload(data: Uint8Array): Promise<Uint8Array> {
    let task: HashTask;
    if (data.buffer instanceof SharedArrayBuffer) task = { sab: data.buffer, offset: data.byteOffset, length: data.length };
    else {
      const sab = new SharedArrayBuffer(data.length);
      new Uint8Array(sab).set(data);
      task = { sab, offset: 0, length: data.length };
    }
    return this.ensure().run(task) as Promise<Uint8Array>;
  }

  /** Stops the pool's threads. */
  async close(): Promise<void> {
    const p = this.pool;
    this.pool = null;
    await p?.destroy();
  }

  private ensure(): Piscina {
    this.pool ??= new Piscina({
      filename: TASK_URL,
      minThreads: 0,
      maxThreads: this.opts.threads ?? Math.max(1, Math.floor(availableParallelism() / 2)),
      idleTimeout: this.opts.idleTimeoutMs ?? 30_000,
    });
    return this.pool;
  }
}
