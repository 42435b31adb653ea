/**
 * Keeps links to the peers this node dials (configured peers and peers it joined through):
 * dials, handshakes, waits for the link to close, and dials again with exponential backoff and
 * full jitter (the `exponential-backoff` package; AWS "Exponential Backoff and Jitter", 2015).
 * Peers that dialed this node are never dialed back, so a node behind NAT stays reachable over
 * the link it opened.
 */
import { backOff } from 'exponential-backoff';
import type { LinkId } from '../../workers/dataplane/index.js';
import type { Logger } from '../observability/logger.js';

/** First retry delay (ms). */
export const DIAL_START_DELAY_MS = 100;
/** Largest retry delay (ms). */
export const DIAL_MAX_DELAY_MS = 5000;

/** What the dialer needs from the node. */
export interface DialerDeps {
  /** Dials and handshakes; resolves to the bound link. */
  connect(address: string, signal: AbortSignal): Promise<LinkId>;
  /** The bound link to the peer at `address`, if any. */
  linkFor(address: string): LinkId | undefined;
  /** Resolves when the link closes. */
  waitClosed(linkId: LinkId): Promise<void>;
  log: Logger;
}

/** One reconnect loop per dialed address. */
export class PeerDialer {
  private loops = new Map<string, AbortController>();
  private errors = new Map<string, string>();

  constructor(private readonly d: DialerDeps) {}

  /** Addresses being dialed. */
  addresses(): string[] {
    return [...this.loops.keys()];
  }

  /** Starts a reconnect loop for `address` unless one runs. */
  ensure(address: string): void {
    if (this.loops.has(address)) return;
    const ac = new AbortController();
    this.loops.set(address, ac);
    void this.loop(address, ac.signal);
  }

  /** Stops the loop of one address (a pending dial is aborted). */
  stop(address: string): void {
    this.loops.get(address)?.abort();
    this.loops.delete(address);
    this.errors.delete(address);
  }

  /** The last dial failure of `address` while its loop runs (cleared once a link is up). */
  lastError(address: string): string | undefined {
    return this.errors.get(address);
  }

  /** Stops every loop (pending dials are aborted). */
  stopAll(): void {
    for (const ac of this.loops.values()) ac.abort();
    this.loops.clear();
  }

  private async loop(address: string, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const existing = this.d.linkFor(address);
      if (existing !== undefined) {
        await this.d.waitClosed(existing);
        continue;
      }
      let linkId: LinkId;
      try {
        linkId = await backOff(() => this.d.connect(address, signal), {
          numOfAttempts: Number.MAX_SAFE_INTEGER, startingDelay: DIAL_START_DELAY_MS, timeMultiple: 2,
          maxDelay: DIAL_MAX_DELAY_MS, jitter: 'full',
          retry: (err: Error, attempt: number) => {
            if (!signal.aborted) this.errors.set(address, err.message);
            // The first failures are often a peer still starting (debug); one that persists is an
            // operator's problem (warn, then every tenth attempt).
            if (!signal.aborted && attempt === 1) this.d.log.debug({ address, attempt, err: err.message }, 'dial failed; retrying');
            else if (!signal.aborted && (attempt === 3 || attempt % 10 === 0)) this.d.log.warn({ address, attempt, err: err.message }, 'dial failed; retrying');
            return !signal.aborted;
          },
        });
      } catch {
        return; // aborted
      }
      this.errors.delete(address);
      await this.d.waitClosed(linkId);
    }
  }
}
