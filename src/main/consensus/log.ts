/**
 * The in-memory view of a member's log: every entry from index 1 (compaction comes with
 * snapshots), plus the lowest index changed since the driver last persisted (`unstableFrom`).
 */
import type { Entry } from './types.js';

/** A member's log. */
export class RaftLog {
  private entries: Entry[];
  /** Entries from this index on are not yet persisted. */
  unstableFrom: number;

  constructor(stored: Entry[] = []) {
    this.entries = stored.slice();
    this.unstableFrom = this.entries.length + 1;
  }

  /** Index of the last entry (0 when empty). */
  get lastIndex(): number {
    return this.entries.length;
  }

  /** Term of the last entry (0 when empty). */
  get lastTerm(): number {
    return this.termAt(this.lastIndex) ?? 0;
  }

  /** Term of the entry at `index`: 0 for index 0, undefined past the end. */
  termAt(index: number): number | undefined {
    if (index === 0) return 0;
    return this.entries[index - 1]?.term;
  }

  /** Entries [from, to] (inclusive, clipped to the log). */
  slice(from: number, to = this.lastIndex): Entry[] {
    return this.entries.slice(Math.max(0, from - 1), Math.max(0, to));
  }

  /** Appends an entry at lastIndex + 1. */
  append(e: Entry): void {
    this.entries.push(e);
  }

  /**
   * Merges entries received from a leader (they start at some index <= lastIndex + 1): a
   * conflicting entry and all after it are removed, then the new ones appended (paper fig. 2,
   * AppendEntries steps 3-4). Entries already present with the same term are kept untouched.
   */
  merge(incoming: Entry[]): void {
    for (const e of incoming) {
      const t = this.termAt(e.index);
      if (t === e.term) continue;
      if (t !== undefined) {
        this.entries.length = e.index - 1;
        this.unstableFrom = Math.min(this.unstableFrom, e.index);
      }
      this.entries.push(e);
    }
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
