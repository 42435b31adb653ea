/**
 * The messages a source node stored in its outbox most recently, kept in memory so the sender
 * sends (and re-sends) them without reading them back from the store: a read copies and decodes
 * each payload, which at bulk rates doubles the source's copying and garbage. The store stays
 * the truth: a message not held here (never cached, or the cache was full) is read from it, and
 * entries leave once every target acknowledged them. Bounded per stream and per node; when full,
 * new messages are not cached (the oldest ones, sent next, stay).
 */
import type { StoredMessage } from '../storage/index.js';

/** Most payload bytes cached for one stream. */
export const CACHE_BYTES_PER_STREAM = 32 * 1024 * 1024;
/** Most payload bytes cached for all streams of the node. */
export const CACHE_BYTES_TOTAL = 256 * 1024 * 1024;

interface Entry {
  msgs: Map<number, StoredMessage>;
  bytes: number;
}

/** See the module comment. */
export class OutboxCache {
  private streams = new Map<string, Entry>();
  private total = 0;

  constructor(private readonly perStream = CACHE_BYTES_PER_STREAM, private readonly max = CACHE_BYTES_TOTAL) {}

  /** Payload bytes cached now. */
  get bytes(): number {
    return this.total;
  }

  /** Caches messages just made durable in `streamId`'s outbox (in seq order), as far as the bounds allow. */
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

  /** Every target acknowledged `streamId` through `seq`: those entries leave. */
  acked(streamId: string, seq: number): void {
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
