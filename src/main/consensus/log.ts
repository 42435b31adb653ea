/**
 * The in-memory view of a member's log: entries after `offset` (everything up to `offset` was
 * compacted into a snapshot, dissertation sec. 5.1), the term of the entry at `offset`, and the
 * lowest index changed since the driver last persisted (`unstableFrom`).
 */
import type { Entry } from './types.js';

/** A member's log. */
export class RaftLog {
  private entries: Entry[];
  /** Index of the last compacted entry (0: nothing compacted). */
  offset: number;
  /** Term of the entry at `offset`. */
  offsetTerm: number;
  /** Entries from this index on are not yet persisted. */
  unstableFrom: number;

  constructor(stored: Entry[] = [], offset = 0, offsetTerm = 0) {
    this.entries = stored.slice();
    this.offset = offset;
    this.offsetTerm = offsetTerm;
    this.unstableFrom = this.lastIndex + 1;
  }

  /** Index of the first entry held (offset + 1). */
  get firstIndex(): number {
    return this.offset + 1;
  }

  /** Index of the last entry (the offset when nothing is held). */
  get lastIndex(): number {
    return this.offset + this.entries.length;
  }

  /** Term of the last entry. */
  get lastTerm(): number {
    return this.termAt(this.lastIndex) ?? 0;
  }

  /** Term of the entry at `index`: known for offset..lastIndex, undefined otherwise (compacted or past the end). */
  termAt(index: number): number | undefined {
    if (index === this.offset) return this.offsetTerm;
    if (index < this.offset) return undefined;
    return this.entries[index - this.offset - 1]?.term;
  }

  /** Entries [from, to] (inclusive, clipped to what is held). */
  slice(from: number, to = this.lastIndex): Entry[] {
    return this.entries.slice(Math.max(0, from - this.offset - 1), Math.max(0, to - this.offset));
  }

  /** Appends an entry at lastIndex + 1. */
  append(e: Entry): void {
    this.entries.push(e);
  }

  /**
   * Merges entries received from a leader (they start at some index <= lastIndex + 1): a
   * conflicting entry and all after it are removed, then the new ones appended (paper fig. 2,
   * AppendEntries steps 3-4). Entries already present with the same term are kept untouched.
   * @returns the index of the first entry removed by a conflict, or null when nothing was removed.
   */
  merge(incoming: Entry[]): number | null {
    let cut: number | null = null;
    for (const e of incoming) {
      if (e.index <= this.offset) continue;
      const t = this.termAt(e.index);
      if (t === e.term) continue;
      if (t !== undefined) {
        this.entries.length = e.index - this.offset - 1;
        this.unstableFrom = Math.min(this.unstableFrom, e.index);
        cut ??= e.index;
      }
      this.entries.push(e);
    }
    return cut;
  }

  /** Drops entries up to `index` (which must be held); the term at `index` is remembered. */
  compactTo(index: number): void {
    if (index <= this.offset) return;
    const term = this.termAt(index);
    if (term === undefined) return;
    this.entries = this.entries.slice(index - this.offset);
    this.offset = index;
    this.offsetTerm = term;
  }

  /** Replaces the whole log by the point a snapshot ends at (InstallSnapshot, dissertation sec. 5.1). */
  reset(index: number, term: number): void {
    this.entries = [];
    this.offset = index;
    this.offsetTerm = term;
    this.unstableFrom = index + 1;
  }

  /** Entries the driver has to persist now (from the lowest changed index). */
  unstable(): Entry[] {
    return this.slice(this.unstableFrom);
  }

  /** Marks everything up to the last index persisted. */
  stabilize(): void {
    this.unstableFrom = this.lastIndex + 1;
  }

  /** Whether a log ending at (lastIndex, lastTerm) is at least as up to date as this one (paper sec. 5.4.1). */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    return lastTerm > this.lastTerm || (lastTerm === this.lastTerm && lastIndex >= this.lastIndex);
  }
}
