/**
 * What a lane may have lost when it is cut: the client-data frames it sent that its peer has not
 * yet reported consumed (lane-credit.ts: a `Credit` frame carries the peer's consumed total), and
 * those still waiting for credit. A frame the peer consumed was handed on by it and travels on
 * over the peer's other links, so a fast reroute needs to resend only the messages in this log,
 * not a stream's whole window (up to 32 MiB, which then competed with new data on the remaining
 * path and stalled deliveries for half a second, `npm run bench:reroute` `closeStallP50Ms`).
 * The log keeps, per frame sent, its end offset in the lane's credited byte count and the header
 * bytes from `src` to `seq`; entries are dropped as the peer's consumed total passes them.
 * When the peer is only suspected (silent for half the dead-link time, liveness.ts), the messages
 * reported then are remembered, so the dead verdict that may follow reports only the rest: each
 * lost message is resent once per cut.
 */
import { readUlid } from '../../shared/ids.js';
import { FrameType, Off } from '../../shared/wire/index.js';

/** One message a cut lane may have lost: its destination tag, stream and seq. */
export interface LostMessage {
  dst: bigint;
  streamId: string;
  seq: number;
}

/** Header bytes kept per frame: `src` (8), `dst` (8), `streamId` (16), `tenant` (8), `seq` (8). */
const KEPT = Off.seq + 8 - Off.src;

/** The unconfirmed data frames of one lane; see the module comment. */
export class SentLog {
  private heads: Buffer[] = [];
  private ends: number[] = [];
  private lens: number[] = [];
  private first = 0;
  /** Keys (`dst/streamId/seq`) already reported by {@link SentLog.lost} with `remember`. */
  private reported = new Set<string>();

  /** Frame `frame` went out; `end` is the lane's credited byte count after it. Non-data frames are not kept. */
  record(frame: Uint8Array, end: number): void {
    if (frame[Off.type] !== FrameType.Data) return;
    this.heads.push(Buffer.from(frame.subarray(Off.src, Off.src + KEPT)));
    this.ends.push(end);
    this.lens.push(frame.byteLength);
  }

  /** The peer reported `consumed` credited bytes consumed: frames ending at or before it are safe. */
  confirm(consumed: number): void {
    while (this.first < this.ends.length && this.ends[this.first] <= consumed) this.first++;
    if (this.first > 1024 && this.first * 2 > this.ends.length) {
      this.heads = this.heads.slice(this.first);
      this.ends = this.ends.slice(this.first);
      this.lens = this.lens.slice(this.first);
      this.first = 0;
    }
  }

  /** Frames sent and not confirmed. */
  get size(): number {
    return this.ends.length - this.first;
  }

  /** Forgets the messages reported with `remember` (the suspected peer was heard again). */
  forgetReported(): void {
    this.reported.clear();
  }

  /**
   * The messages from source `src` that the unconfirmed frames and the data frames in `waiting`
   * (never sent) belong to, each once, in the order they were sent, except those an earlier call
   * with `remember` reported (and not forgotten since); `remember` records these as reported.
   * `maxBytes`: no new message is taken once the frames looked at from `src` reach this many bytes
   * (the oldest come first).
   */
  lost(src: bigint, waiting: Iterable<Uint8Array>, remember = false, maxBytes = Infinity): LostMessage[] {
    const out: LostMessage[] = [];
    const seen = new Set<string>();
    let bytes = 0;
    const take = (h: Buffer, at: number, len: number) => {
      if (h.readBigUInt64BE(at) !== src || bytes >= maxBytes) return;
      bytes += len;
      const streamId = readUlid(h, at + Off.streamId - Off.src);
      const seqAt = at + Off.seq - Off.src;
      const seq = h.readUInt32BE(seqAt) * 2 ** 32 + h.readUInt32BE(seqAt + 4);
      const dst = h.readBigUInt64BE(at + Off.dst - Off.src);
      const key = `${dst}/${streamId}/${seq}`;
      if (seen.has(key) || this.reported.has(key)) return;
      seen.add(key);
      if (remember) this.reported.add(key);
      out.push({ dst, streamId, seq });
    };
    for (let i = this.first; i < this.heads.length; i++) take(this.heads[i], 0, this.lens[i]);
    for (const f of waiting) if (f[Off.type] === FrameType.Data) take(Buffer.from(f.buffer, f.byteOffset, f.byteLength), Off.src, f.byteLength);
    return out;
  }
}
