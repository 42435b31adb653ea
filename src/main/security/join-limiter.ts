/**
 * Limits join attempts per source address (issue: join keys guessed at ~700/s). Each failed
 * attempt from an address blocks further attempts from it for a delay that doubles with every
 * consecutive failure, from {@link JOIN_BASE_DELAY_MS} up to {@link JOIN_MAX_DELAY_MS}; while
 * blocked, or while one attempt from it is in progress, new attempts are refused at once with
 * ERR_RATE_LIMITED (RESOURCE_EXHAUSTED over gRPC), before any key check. A success clears the
 * address; an address quiet for {@link JOIN_FORGET_MS} is forgotten. So the right key still joins
 * at most {@link JOIN_MAX_DELAY_MS} after the last wrong one, and a guesser gets at most one try
 * per {@link JOIN_MAX_DELAY_MS} once blocked.
 */
import { ErrorCode, MeshError } from '../../shared/errors.js';

/** Delay after the first failure (ms). */
export const JOIN_BASE_DELAY_MS = 250;
/** Largest delay between attempts from one address (ms). */
export const JOIN_MAX_DELAY_MS = 5_000;
/** An address with no attempt for this long is forgotten (ms). */
export const JOIN_FORGET_MS = 10 * 60_000;
/** Addresses tracked at most (oldest forgotten first). */
export const MAX_TRACKED_ADDRESSES = 10_000;

interface Entry {
  failures: number;
  blockedUntil: number;
  inFlight: boolean;
  lastMs: number;
}

/** The host part of `host:port` (IPv6 addresses keep their colons). */
export function hostOf(remote: string): string {
  const i = remote.lastIndexOf(':');
  return i > 0 ? remote.slice(0, i) : remote;
}

/** See the module comment. `now` is injectable for tests. */
export class JoinLimiter {
  private entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Starts an attempt from `address`.
   * @throws MeshError ERR_RATE_LIMITED when the address is blocked or has an attempt in progress.
   */
  begin(address: string): void {
    const t = this.now();
    const e = this.entries.get(address);
    if (e && t - e.lastMs > JOIN_FORGET_MS) this.entries.delete(address);
    const cur = this.entries.get(address);
    if (cur?.inFlight) throw new MeshError(ErrorCode.RateLimited, 'a join attempt from this address is in progress');
    if (cur && t < cur.blockedUntil) {
      throw new MeshError(ErrorCode.RateLimited, `too many failed joins from this address: retry in ${cur.blockedUntil - t} ms`);
    }
    const next = cur ?? { failures: 0, blockedUntil: 0, inFlight: false, lastMs: t };
    next.inFlight = true;
    next.lastMs = t;
    this.entries.delete(address);
    this.entries.set(address, next);
    if (this.entries.size > MAX_TRACKED_ADDRESSES) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Ends the attempt begun by {@link begin}: `ok` clears the address, a failure blocks it. */
  end(address: string, ok: boolean): void {
    const e = this.entries.get(address);
    if (!e) return;
    e.inFlight = false;
    if (ok) {
      this.entries.delete(address);
      return;
    }
    e.failures++;
    e.blockedUntil = this.now() + this.delayMs(e.failures);
  }

  /** Ends an attempt begun by {@link begin} that was refused for another reason than its key. */
  release(address: string): void {
    const e = this.entries.get(address);
    if (e) e.inFlight = false;
  }

  /** The block after `failures` consecutive failures (ms). */
  delayMs(failures: number): number {
    return Math.min(JOIN_MAX_DELAY_MS, JOIN_BASE_DELAY_MS * 2 ** Math.min(30, failures - 1));
  }
}
