/**
 * ReadIndex bookkeeping on a leader (dissertation sec. 6.4): each read gets a round number; every
 * append carries the latest round and followers echo it. A read is confirmed once a quorum of
 * voters (the leader included) has answered an append of its round or later, which proves the
 * leader still led after the read was asked. It is then released with the commit index, provided
 * the leader has committed an entry of its own term (sec. 6.4 step 1).
 */
import type { ReadState } from './types.js';

interface PendingRead {
  ctx: number;
  round: number;
}

/** Pending reads of one leader term, released in request order. */
export class ReadIndexQueue {
  /** The latest round handed out; appends carry it. */
  round = 0;
  private pending: PendingRead[] = [];

  /** Queues a read; returns its round. */
  add(ctx: number): number {
    this.pending.push({ ctx, round: ++this.round });
    return this.round;
  }

  /**
   * Releases every read confirmed by `quorum` acknowledgements. `acked(round)` counts voters
   * (leader included) that answered an append of that round or later.
   */
  release(commit: number, quorum: number, acked: (round: number) => number): ReadState[] {
    const out: ReadState[] = [];
    while (this.pending.length && acked(this.pending[0].round) >= quorum) out.push({ ctx: this.pending.shift()!.ctx, index: commit });
    return out;
  }

  /** Fails every pending read (leadership lost): each comes out with a null index. */
  drop(): ReadState[] {
    const out = this.pending.map((p) => ({ ctx: p.ctx, index: null }));
    this.pending = [];
    return out;
  }

  get size(): number {
    return this.pending.length;
  }
}
