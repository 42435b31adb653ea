/**
 * A TCP relay for tests and benchmarks: listens on 127.0.0.1:0 and forwards every connection to
 * `target`. It can cut the path two ways (close: every connection is reset and new ones are
 * refused; blackhole: connections stay open but nothing passes either way) and limit its rate
 * (a token bucket per direction, bytes per second) or delay what it passes (a one-way delay in ms,
 * order kept), to stand in for a slow, distant or failing network link between two meshd nodes,
 * or between a client and a node, when no network namespaces are available. One connection (one
 * lane) can be cut alone, named by the local port of its connection to the target ({@link cut}).
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** Relay state; see the module comment. */
export class Relay {
  private server: Server;
  private pairs = new Set<[Socket, Socket]>();
  private mode: 'pass' | 'closed' | 'blackhole' = 'pass';
  private holed = new Set<Socket>();
  /** Bytes relayed client -> target and back. */
  bytes = 0;
  port = 0;

  /**
   * `rateBytesPerSec` (0: unlimited) limits each direction of each connection; `delayMs` (0: none)
   * holds every chunk that long in each direction, so the round trip grows by twice that.
   */
  constructor(private readonly target: number, private readonly rateBytesPerSec = 0, private readonly delayMs = 0) {
    this.server = createServer((c) => this.accept(c));
  }

  /** Starts listening; resolves to `127.0.0.1:<port>`. */
  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as { port: number }).port;
    return `127.0.0.1:${this.port}`;
  }

  /** Cuts the path by closing: resets every connection, refuses new ones. */
  close(): void {
    this.mode = 'closed';
    for (const [a, b] of this.pairs) {
      a.resetAndDestroy();
      b.resetAndDestroy();
    }
    this.pairs.clear();
  }

  /** Cuts the path silently: nothing passes any more, nothing is closed. */
  blackhole(): void {
    this.mode = 'blackhole';
  }

  /** Lets traffic pass again (new connections; cut ones stay cut). */
  restore(): void {
    this.mode = 'pass';
  }

  /**
   * Cuts one connection: the one whose socket to the target has local port `port` (what the target
   * reports as that link's remote address). False when there is none.
   */
  cut(port: number, how: 'close' | 'blackhole'): boolean {
    for (const [a, b] of this.pairs) {
      if (b.localPort !== port) continue;
      if (how === 'blackhole') {
        this.holed.add(a).add(b);
      } else {
        a.resetAndDestroy();
        b.resetAndDestroy();
      }
      return true;
    }
    return false;
  }

  /** Stops the relay. */
  async stop(): Promise<void> {
    this.close();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private accept(c: Socket): void {
    if (this.mode === 'closed') return void c.resetAndDestroy();
    const t = createConnection({ host: '127.0.0.1', port: this.target });
    const pair: [Socket, Socket] = [c, t];
    this.pairs.add(pair);
    const end = () => {
      this.pairs.delete(pair);
      c.destroy();
      t.destroy();
    };
    c.on('error', end).on('close', end);
    t.on('error', end).on('close', end);
    this.pipe(c, t);
    this.pipe(t, c);
  }

  private pipe(from: Socket, to: Socket): void {
    let tokens = this.rateBytesPerSec;
    let at = Date.now();
    let draining = false; // one 'drain' listener at a time, however many delayed chunks hit a full socket
    from.on('data', (chunk: Buffer) => {
      if (this.mode !== 'pass' || this.holed.has(from)) return; // blackholed: dropped
      this.bytes += chunk.length;
      if (this.rateBytesPerSec > 0) {
        const now = Date.now();
        tokens = Math.min(this.rateBytesPerSec, tokens + ((now - at) * this.rateBytesPerSec) / 1000);
        at = now;
        tokens -= chunk.length;
        if (tokens < 0) {
          from.pause();
          setTimeout(() => from.resume(), Math.ceil((-tokens * 1000) / this.rateBytesPerSec));
        }
      }
      const forward = () => {
        if (to.destroyed || to.write(chunk) || draining) return;
        draining = true;
        from.pause();
        to.once('drain', () => { draining = false; from.resume(); });
      };
      // Timers of one duration fire in the order they were set, so the delay keeps the order.
      if (this.delayMs > 0) setTimeout(forward, this.delayMs);
      else forward();
    });
  }
}
