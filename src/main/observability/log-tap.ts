/**
 * A tap on the node's log lines for SupervisorControl.Logs: pino writes every line to stderr and
 * to the tap (pino.multistream), which keeps the last {@link LOG_TAP_LINES} lines and hands new
 * ones to its watchers. Lines are pino's JSON; the tap reads only their numeric `level`.
 */
import { Writable } from 'node:stream';

/** Lines the tap keeps for `tail`. */
export const LOG_TAP_LINES = 1000;

/** pino's level names and numbers. */
export const LOG_LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/** One line as the tap holds it. */
export interface TappedLine {
  line: string;
  /** pino level number (10 trace .. 60 fatal). */
  level: number;
  timeMs: number;
}

/** See the module comment. */
export class LogTap extends Writable {
  private ring: TappedLine[] = [];
  private watchers = new Set<(l: TappedLine) => void>();

  constructor() {
    super({ decodeStrings: false });
  }

  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    for (const line of String(chunk).split('\n')) {
      if (!line) continue;
      const t = parseLine(line);
      this.ring.push(t);
      if (this.ring.length > LOG_TAP_LINES) this.ring.shift();
      for (const w of this.watchers) w(t);
    }
    cb();
  }

  /** The last `n` kept lines at `minLevel` or above, oldest first. */
  tail(n: number, minLevel: number): TappedLine[] {
    if (n <= 0) return [];
    return this.ring.filter((l) => l.level >= minLevel).slice(-n);
  }

  /** Calls `fn` with each new line; returns the function that stops it. */
  watch(fn: (l: TappedLine) => void): () => void {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }
}

function parseLine(line: string): TappedLine {
  try {
    const o = JSON.parse(line) as { level?: unknown; time?: unknown };
    return { line, level: typeof o.level === 'number' ? o.level : LOG_LEVELS.info, timeMs: typeof o.time === 'number' ? o.time : Date.now() };
  } catch {
    return { line, level: LOG_LEVELS.info, timeMs: Date.now() };
  }
}
