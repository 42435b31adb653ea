/**
 * Tenant sealing off the main thread for large payloads: payloads over {@link SEAL_INLINE_MAX_BYTES}
 * are sealed (at the source) and opened (at the subscriber's node) by AES-256-GCM on a piscina
 * worker pool (`gcm-task.ts`), smaller ones inline (`sealing.ts` {@link PayloadCipher}).
 *
 * Where the line sits comes from `npm run bench:seal` (bench/seal-pool.ts): the caller's own time to hand a payload to the pool (one
 * copy into a transferable buffer and the submit) against sealing it inline, checked against
 * e2e-bulk; the figures are in the constant's comment and docs/BENCHMARKS.md.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { ErrorCode, MeshError } from '../../shared/errors.js';
import type { OpenTask, SealTask } from './gcm-task.js';
import { SEAL_LABEL_BYTES, SEALED_VERSION, sealedEpoch } from './sealing.js';

/**
 * Payloads up to this size are sealed and opened inline (bytes): 1 MiB. Two measurements on the
 * 2-core machine place it. bench/seal-pool.ts (`npm run bench:seal`): handing a payload to the
 * pool costs the caller 68-76 us up to 128 KiB (inline sealing: 44-113 us), the same as sealing
 * inline at 256 KiB (147 us both), and less above (1 MiB: 223 us against 465 us; 4 MiB: 1.1 ms
 * against 4.8 ms). But e2e-bulk (1 MiB messages, three nodes sharing the two cores) moved
 * 0.23-0.25 Gbit/s over one hop with the line at 256 KiB and 0.31-0.33 with 1 MiB messages
 * sealed inline: the pool's copies and thread hand-offs cost more CPU than they free when there
 * is no idle core. So payloads up to 1 MiB stay inline, and larger ones, which would block the
 * main thread for milliseconds each, go to the pool.
 */
export const SEAL_INLINE_MAX_BYTES = 1024 * 1024;

const TASK_URL = new URL('./gcm-task.js', import.meta.url).href;

/** Options of a {@link SealPool}. */
export interface SealPoolOptions {
  /** Largest payload handled inline (bytes); default {@link SEAL_INLINE_MAX_BYTES}. */
  inlineMaxBytes?: number;
  /** Pool threads; default half the cores, at least 1. */
  threads?: number;
  /** An idle pool thread exits after this long (ms). */
  idleTimeoutMs?: number;
}

/** AES-256-GCM sealing and opening of large payloads on worker threads. */
export class SealPool {
  readonly inlineMaxBytes: number;
  private pool: Piscina | null = null;

  constructor(private readonly opts: SealPoolOptions = {}) {
    this.inlineMaxBytes = opts.inlineMaxBytes ?? SEAL_INLINE_MAX_BYTES;
  }

  /** Whether a payload of `bytes` goes to the pool. */
  offloads(bytes: number): boolean {
    return bytes > this.inlineMaxBytes;
  }

  /** Seals `plaintext` like {@link PayloadCipher.seal} with additional data `aad`, on the pool. */
  seal(key: Uint8Array, epoch: number, publisher: bigint, aad: Uint8Array, plaintext: Uint8Array): Promise<Buffer> {
    const label = Buffer.alloc(SEAL_LABEL_BYTES);
    label[0] = SEALED_VERSION;
    label.writeUInt32BE(epoch, 1);
    label.writeBigUInt64BE(publisher, 5);
    const data = copy(plaintext);
    const task: SealTask = { op: 'seal', key, label, aad, data };
    return this.run(task, data).then((b) => Buffer.from(b));
  }

  /**
   * Opens a sealed payload like {@link PayloadCipher.open}, on the pool.
   * @throws MeshError ERR_DECRYPT (rejection) when it does not open.
   */
  async open(key: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Promise<Buffer> {
    sealedEpoch(sealed);
    const data = copy(sealed);
    const task: OpenTask = { op: 'open', key, aad, data };
    try {
      return Buffer.from(await this.run(task, data));
    } catch (err) {
      throw new MeshError(ErrorCode.Decrypt, 'sealed payload does not open (altered, or sealed under another key)', { cause: err });
    }
  }

  /** Stops the pool's threads. */
  async close(): Promise<void> {
    const p = this.pool;
    this.pool = null;
    await p?.destroy();
  }

  private run(task: SealTask | OpenTask, moved: ArrayBuffer): Promise<ArrayBuffer> {
    this.pool ??= new Piscina({
      filename: TASK_URL,
      minThreads: 0,
      maxThreads: this.opts.threads ?? Math.max(1, Math.floor(availableParallelism() / 2)),
      idleTimeout: this.opts.idleTimeoutMs ?? 30_000,
    });
    return this.pool.run(task, { transferList: [moved] }) as Promise<ArrayBuffer>;
  }
}

/** `b` in a fresh ArrayBuffer that can be moved to a pool thread. */
function copy(b: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(b.byteLength);
  new Uint8Array(out).set(b);
  return out;
}
