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

/** Capacity of each shard-to-shard ring (bytes). */
export const SHARD_RING_BYTES = 16 * 1024 * 1024;
/** Records waiting for ring space past which a shard drops data frames (control frames still queue). */
const MAX_QUEUED_RECORDS = 64;

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

  /** Queues `frame` for shard `to`; false (frame dropped) when that ring is backed up and it is data. */
  send(to: number, frame: Uint8Array, control: boolean): boolean {
    const s = this.senders.get(to);
    if (!s || (!control && s.queued > MAX_QUEUED_RECORDS)) return false;
    s.send(frame);
    return true;
  }

  /** Stops reading and drops what waits to be written. */
  close(): void {
    for (const r of this.receivers) r.stop();
    for (const s of this.senders.values()) s.close();
  }
}


