/**
 * Messages a node has just made durable, kept in memory so they leave the node without being read
 * back from the store: a read copies each payload and checks its record's CRC32C, which at bulk
 * rates doubles the node's copying and garbage. Two users:
 * - the source side caches what it appended to the outbox; the sender sends (and re-sends) from
 *   here, and entries leave once every target acknowledged them;
 * - the target side caches what it committed to the inbox; the subscription delivers from here,
 *   and entries leave once delivered (a later subscriber that starts over reads the store).
 * The store stays the truth: a message not held here (never cached, or the cache was full) is
 * read from it. Bounded per stream and per node; when full, new messages are not cached (the
 * oldest ones, sent next, stay).
 */
import type { StoredMessage } from '../storage/index.js';

/** Most payload bytes the outbox cache holds for one stream. */
export const CACHE_BYTES_PER_STREAM = 32 * 1024 * 1024;
/** Most payload bytes the outbox cache holds for all streams of the node. */
export const CACHE_BYTES_TOTAL = 256 * 1024 * 1024;
/** Most payload bytes the inbox cache holds for one stream (committed, not yet delivered). */
export const INBOX_CACHE_BYTES_PER_STREAM = 16 * 1024 * 1024;
/** Most payload bytes the inbox cache holds for all streams of the node. */
export const INBOX_CACHE_BYTES_TOTAL = 64 * 1024 * 1024;

interface Entry {
  msgs: Map<number, StoredMessage>;
  bytes: number;
}

/** See the module comment. */
export class MessageCache {
  private streams = new Map<string, Entry>();
  private total = 0;

  constructor(private readonly perStream = CACHE_BYTES_PER_STREAM, private readonly max = CACHE_BYTES_TOTAL) {}

  /** Payload bytes cached now. */
  get bytes(): number {
    return this.total;
  }

  /** Caches messages just made durable in `streamId`'s outbox or inbox (in seq order), as far as the bounds allow. */
  add(streamId: string, msgs: readonly StoredMessage[]): void {
    let e = this.streams.get(streamId);
    for (const m of msgs) {
      const n = m.payload.length;
      if ((e?.bytes ?? 0) + n > this.perStream || this.total + n > this.max) return;
      if (!e) {
        e = { msgs: new Map(), bytes: 0 };
        this.streams.set(streamId, e);
      }
      e.msgs.set(m.seq, m);
      e.bytes += n;
      this.total += n;
    }
  }

  /** Up to `n` consecutive cached messages from seq `from`; null when `from` is not cached. */
  read(streamId: string, from: number, n: number): StoredMessage[] | null {
    const e = this.streams.get(streamId);
    const first = e?.msgs.get(from);
    if (!e || !first) return null;
    const out = [first];
    for (let s = from + 1; out.length < n; s++) {
      const m = e.msgs.get(s);
      if (!m) break;
      out.push(m);
    }
    return out;
  }

  /**
   * Entries of `streamId` through `seq` leave: every target acknowledged them (outbox), or they
   * were delivered (inbox). `Number.MAX_SAFE_INTEGER` forgets the stream.
   */
  forget(streamId: string, seq: number): void {
    const e = this.streams.get(streamId);
    if (!e) return;
    for (const [s, m] of e.msgs) {
      if (s > seq) continue;
      e.msgs.delete(s);
      e.bytes -= m.payload.length;
      this.total -= m.payload.length;
    }
    if (e.msgs.size === 0) this.streams.delete(streamId);
  }
}
