/**
 * The bytes of a stream's outbox backlog: messages published here and not yet acknowledged by
 * every target. A source holds its publishers once the backlog passes `streams.outboxHighWater`
 * messages or `streams.outboxHighWaterBytes` bytes (source.ts). Without a byte bound, 1 MiB
 * messages could pile up to 200,000 of them (the message bound) on the source's disk whenever
 * publishers outran the network. The sizes are those of the sealed payloads, kept per seq in
 * order. Messages published before this process started are not counted: their sizes are not in
 * memory, and they leave the backlog as targets acknowledge them.
 */

/** See the module comment. */
export class BacklogBytes {
  private sizes: number[] = [];
  private head = 0;
  /** Seq of `sizes[head]`. */
  private from: number;
  /** Bytes of the messages counted and not yet acknowledged by every target. */
  bytes = 0;

  /** `nextSeq`: the seq the next publish gets. */
  constructor(nextSeq: number) {
    this.from = nextSeq;
  }

  /** Messages `firstSeq`, `firstSeq + 1`, ... of the given sizes (bytes) were numbered. */
  add(firstSeq: number, sizes: readonly number[]): void {
    const end = this.from + this.sizes.length - this.head;
    if (firstSeq > end) for (let s = end; s < firstSeq; s++) this.sizes.push(0); // not counted (never expected)
    for (let i = Math.max(0, end - firstSeq); i < sizes.length; i++) {
      this.sizes.push(sizes[i]);
      this.bytes += sizes[i];
    }
  }

  /** Every target acknowledged through `seq`: those messages leave the backlog. */
  ackedThrough(seq: number): void {
    while (this.head < this.sizes.length && this.from <= seq) {
      this.bytes -= this.sizes[this.head++];
      this.from++;
    }
    if (this.head === this.sizes.length) {
      this.sizes = [];
      this.head = 0;
      this.from = Math.max(this.from, seq + 1);
    } else if (this.head > 4096 && this.head * 2 > this.sizes.length) {
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
  }
}
