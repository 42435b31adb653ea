/**
 * The trace contexts of sampled messages (shared/tracing), kept beside a stream while they are in
 * flight: at the source from publish until every target acknowledged them (each send of one
 * carries its context), at a target from storing until delivery. Ranges of seqs share a context
 * (one publish). Bounded: at most {@link MAX_TRACE_MARKS} ranges per node, the oldest dropped
 * (a message then travels untraced; nothing else changes).
 */

/** Most seq ranges kept at once. */
export const MAX_TRACE_MARKS = 4096;

interface Mark {
  first: number;
  last: number;
  ctx: Uint8Array;
}

/** See the module comment. */
export class TraceMarks {
  private byStream = new Map<string, Mark[]>();
  private count = 0;

  /** Records that seqs `first..last` of `streamId` carry `ctx`. */
  add(streamId: string, first: number, last: number, ctx: Uint8Array): void {
    let list = this.byStream.get(streamId);
    if (!list) this.byStream.set(streamId, (list = []));
    list.push({ first, last, ctx });
    if (++this.count > MAX_TRACE_MARKS) this.dropOldest();
  }

  /** The context of `seq` of `streamId`, if it has one. */
  get(streamId: string, seq: number): Uint8Array | undefined {
    if (this.count === 0) return undefined;
    const list = this.byStream.get(streamId);
    if (!list) return undefined;
    for (const m of list) if (seq >= m.first && seq <= m.last) return m.ctx;
    return undefined;
  }

  /** Forgets the ranges of `streamId` that end at or before `through` (acknowledged, delivered). */
  forget(streamId: string, through: number): void {
    const list = this.byStream.get(streamId);
    if (!list) return;
    const keep = list.filter((m) => m.last > through);
    this.count -= list.length - keep.length;
    if (keep.length) this.byStream.set(streamId, keep);
    else this.byStream.delete(streamId);
  }

  /** Whether any range is kept (the hot path checks this first). */
  get empty(): boolean {
    return this.count === 0;
  }

  private dropOldest(): void {
    const [id, list] = this.byStream.entries().next().value as [string, Mark[]];
    list.shift();
    this.count--;
    if (!list.length) this.byStream.delete(id);
  }
}
