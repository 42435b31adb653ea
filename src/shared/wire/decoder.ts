/**
 * Streaming frame decoder: a synchronous state machine in the style of grpc-node's
 * stream-decoder. `write(chunk)` returns every frame completed by the chunk; a partial header or
 * payload is the "need more bytes" state. Sizes are checked from the header before any payload is
 * buffered, so a peer cannot make the decoder allocate more than {@link MAX_FRAME_PAYLOAD}.
 */
import { ErrorCode, MeshError } from '../errors.js';
import { HEADER_BYTES } from './constants.js';
import { checkHeader, parseFrame, type Frame } from './frame.js';

/** Decodes a byte stream of concatenated frames. After a thrown error the decoder is unusable. */
export class FrameDecoder {
  private header = Buffer.alloc(HEADER_BYTES);
  private headerFill = 0;
  private body: Buffer | null = null;
  private bodyFill = 0;
  private failed: MeshError | null = null;

  /**
   * Feeds bytes; returns the frames they complete, in order.
   * @throws MeshError ERR_FRAME_BAD_VERSION, ERR_FRAME_BAD_TYPE, ERR_FRAME_TOO_LARGE,
   *   ERR_FRAME_BAD_CRC, ERR_FRAME_BAD_HEADER; the same error again on any later call.
   */
  write(chunk: Uint8Array): Frame[] {
    if (this.failed) throw this.failed;
    try {
      return this.consume(chunk);
    } catch (err) {
      this.failed = err instanceof MeshError ? err : new MeshError(ErrorCode.FrameBadHeader, String(err), { cause: err });
      throw this.failed;
    }
  }

  /** True when no partial frame is buffered (a batch ended on a frame boundary). */
  get idle(): boolean {
    return this.headerFill === 0 && this.body === null;
  }

  /**
   * Declares the end of a batch: a partial frame left over is an error.
   * @throws MeshError ERR_FRAME_TRUNCATED
   */
  end(): void {
    if (!this.idle) {
      this.failed = new MeshError(ErrorCode.FrameTruncated, 'batch ended inside a frame');
      throw this.failed;
    }
  }

  private consume(chunk: Uint8Array): Frame[] {
    const out: Frame[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      if (this.body === null) {
        // Fast path: a whole frame lies inside the chunk; parse it in place, without copying.
        if (this.headerFill === 0 && chunk.length - pos >= HEADER_BYTES) {
          const len = checkHeader(chunk.subarray(pos, pos + HEADER_BYTES));
          if (chunk.length - pos >= HEADER_BYTES + len) {
            out.push(parseFrame(chunk.subarray(pos, pos + HEADER_BYTES + len)));
            pos += HEADER_BYTES + len;
            continue;
          }
        }
        const n = Math.min(HEADER_BYTES - this.headerFill, chunk.length - pos);
        this.header.set(chunk.subarray(pos, pos + n), this.headerFill);
        this.headerFill += n;
        pos += n;
        if (this.headerFill < HEADER_BYTES) break;
        const len = checkHeader(this.header);
        this.body = Buffer.allocUnsafe(HEADER_BYTES + len);
        this.header.copy(this.body, 0);
        this.bodyFill = HEADER_BYTES;
      }
      const need = this.body.length - this.bodyFill;
      const n = Math.min(need, chunk.length - pos);
      this.body.set(chunk.subarray(pos, pos + n), this.bodyFill);
      this.bodyFill += n;
      pos += n;
      if (this.bodyFill === this.body.length) {
        out.push(parseFrame(this.body));
        this.body = null;
        this.headerFill = 0;
      }
    }
    return out;
  }
}

/**
 * Decodes one WebSocket message holding a whole batch of frames.
 * @throws MeshError any decoder code, or ERR_FRAME_TRUNCATED when the batch ends inside a frame.
 */
export function decodeBatch(batch: Uint8Array): Frame[] {
  const d = new FrameDecoder();
  const frames = d.write(batch);
  d.end();
  return frames;
}
