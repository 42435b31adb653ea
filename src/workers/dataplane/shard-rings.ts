/**
 * Worker-to-worker rings: when a node runs several data-plane shards (workers), a transit frame
 * that arrives on a link of one shard and leaves by a link of another crosses over a
 * single-producer single-consumer SharedArrayBuffer ring from the first shard to the second, and
 * never reaches the main thread (ARCHITECTURE.md "Threads"). A record is one batch of encoded
 * frames, the same shape as a WebSocket message, so the receiving shard decodes it with the
 * frame decoder (CRC32C checked again).
 */
import { RingConsumer, RingProducer, createRingBuffer } from '../../shared/ring/index.js';
import { decodeBatch, type Frame } from '../../shared/wire/index.js';
import { RingReceiver, RingSender } from './thread-protocol.js';
import type { HandOffClass } from './virtual-link.js';

/** Capacity of each shard-to-shard ring (bytes). */
export const SHARD_RING_BYTES = 16 * 1024 * 1024;
/**
 * Records (a turn's frames each, up to about 1 MiB) waiting for ring space past which a shard
 * refuses transit data frames (control frames still queue).
 */
export const MAX_QUEUED_RECORDS = 64;
/**
 * Records waiting for ring space past which a shard refuses even chunks for the shard that
 * reassembles their stream (`chunk` hand-offs). They queue four times longer than transit frames
 * (the sources' stream windows bound what comes): a chunk refused here is dropped
 * (`meshd_frames_dropped_total{reason="congested"}`) and its message waits for the source's
 * retransmission, as it would if another shard reassembled it, where it never completes.
 */
export const MAX_QUEUED_CHUNK_RECORDS = 256;

/** Rings between shards: `rings[from][to]` (null on the diagonal). */
export type ShardRings = Array<Array<SharedArrayBuffer | null>>;

/** Allocates the rings of `shards` shards, one per ordered pair. */
export function createShardRings(shards: number): ShardRings {
  return Array.from({ length: shards }, (_, from) =>
    Array.from({ length: shards }, (_, to) => (from === to ? null : createRingBuffer(SHARD_RING_BYTES))));
}

/** Token with which shard `shard` attaches to shard rings; the same across its restarts. */
const tokenOf = (shard: number): number => 100 + shard;

/** One shard's ends of the shard rings: a sender to every other shard and a receiver from each. */
export class ShardLinks {
  private senders = new Map<number, RingSender<Uint8Array>>();
  private receivers: Array<RingReceiver<Frame>> = [];

  /** `onFrames` gets each batch another shard handed over; `onBadRecord` a record that failed to decode. */
  constructor(shard: number, rings: ShardRings, onFrame: (f: Frame) => void, onBadRecord: (err: unknown) => void) {
    const token = tokenOf(shard);
    rings[shard]?.forEach((sab, to) => {
      if (sab) this.senders.set(to, new RingSender(new RingProducer(sab, token), { encode: (parts) => parts, sizeOf: (b) => b.length }));
    });
    rings.forEach((row, from) => {
      const sab = row[shard];
      if (!sab || from === shard) return;
      const decode = (rec: Uint8Array): Frame[] => {
        try {
          return decodeBatch(rec);
        } catch (err) {
          onBadRecord(err);
          return [];
        }
      };
      this.receivers.push(new RingReceiver(new RingConsumer(sab, token), onFrame, decode));
    });
    for (const r of this.receivers) void r.run();
  }

  /**
   * Queues `frame` for shard `to`; false (not queued: the caller drops it) when that ring is
   * backed up past what `cls` allows ({@link MAX_QUEUED_RECORDS} for `data`,
   * {@link MAX_QUEUED_CHUNK_RECORDS} for `chunk`, no bound for `control`) or `to` is no shard.
   */
  send(to: number, frame: Uint8Array, cls: HandOffClass): boolean {
    const s = this.senders.get(to);
    if (!s) return false;
    if (cls !== 'control' && s.queued > (cls === 'chunk' ? MAX_QUEUED_CHUNK_RECORDS : MAX_QUEUED_RECORDS)) return false;
    s.send(frame);
    return true;
  }

  /** Stops reading and drops what waits to be written. */
  close(): void {
    for (const r of this.receivers) r.stop();
    for (const s of this.senders.values()) s.close();
  }
}


