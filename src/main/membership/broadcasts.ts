/**
 * The queue of gossip to piggyback (SWIM sec. 4.1, memberlist's TransmitLimitedQueue): the newest
 * piece per member, sent least-sent first, dropped after {@link retransmitLimit} sends.
 */
import type { Gossip } from './types.js';

interface Item {
  g: Gossip;
  sent: number;
  order: number;
}

/** Gossip waiting to be piggybacked; see the module comment. */
export class Broadcasts {
  private items = new Map<string, Item>();
  private order = 0;

  /** Queues `g`, replacing any older piece about the same member. */
  push(g: Gossip): void {
    this.items.set(g.node, { g, sent: 0, order: this.order++ });
  }

  /** Pieces queued. */
  get size(): number {
    return this.items.size;
  }

  /** Up to `max` pieces, least-sent (then newest) first; each counts one send, and goes at `limit`. */
  take(max: number, limit: number): Gossip[] {
    if (this.items.size === 0 || max <= 0) return [];
    const picked = [...this.items.values()].sort((a, b) => a.sent - b.sent || b.order - a.order).slice(0, max);
    for (const it of picked) {
      it.sent++;
      if (it.sent >= limit) this.items.delete(it.g.node);
    }
    return picked.map((it) => it.g);
  }

  /** Forgets the gossip about `node` (it left the membership). */
  forget(node: string): void {
    this.items.delete(node);
  }
}
