/**
 * Selective acknowledgement (SACK) blocks in the body of a stream ack frame
 * ({@link FrameType.Ack}), after TCP's SACK option (RFC 2018): each block names a run of seqs
 * `[start, end]` (inclusive) the target holds above its cumulative ack (`ack` in the header).
 *
 * Body: 0 to {@link MAX_SACK_BLOCKS} blocks of 16 bytes, each `start` then `end`, unsigned
 * 64-bit big endian (below 2^53), in increasing order, not overlapping or touching, all above the
 * cumulative ack. An empty body is a plain cumulative ack.
 *
 * SACK is advisory, as in RFC 2018 sec. 8: a selectively acknowledged message has reached the
 * target but is not yet durable there (it is on its way to the stream's inbox), so a source keeps
 * it in its outbox and its window until the cumulative ack covers it, and a target that restarts
 * may have lost it (it "reneges"; the source's retransmission timeout resends what the
 * cumulative ack does not cover). meshd's targets send blocks only for messages that arrived as
 * resends ({@link FrameFlag.Resend}), from the data plane as soon as one is whole, in an ack
 * frame of their own whose `ack` and `seq` (credit limit) are 0
 * (src/workers/dataplane/inbound.ts): the source learns that a fast reroute's resend reached the
 * target even while older messages, still in flight on the other path or queued toward the
 * target's control plane, hold the cumulative ack back (src/main/streams/reroute-timing.ts).
 */
import { ErrorCode, MeshError } from '../errors.js';
import type { FrameFlag, FrameType } from './constants.js';
import { readU53, writeU53 } from './frame.js';

/** One SACK block: the seqs `start..end` (inclusive). */
export interface SackBlock {
  start: number;
  end: number;
}

/** Most blocks one ack carries (RFC 2018 fits 3-4 in TCP's option space; bytes here are cheap, the limit bounds the work). A target's data plane sends one. */
export const MAX_SACK_BLOCKS = 4;

/** Bytes of one encoded block. */
export const SACK_BLOCK_BYTES = 16;

/** The ack body for `blocks` (in increasing order, not touching, above the cumulative ack). */
export function encodeSack(blocks: readonly SackBlock[]): Uint8Array {
  if (blocks.length > MAX_SACK_BLOCKS) throw new MeshError(ErrorCode.InvalidArgument, `at most ${MAX_SACK_BLOCKS} SACK blocks`);
  const b = Buffer.alloc(blocks.length * SACK_BLOCK_BYTES);
  blocks.forEach((x, i) => {
    writeU53(b, i * SACK_BLOCK_BYTES, x.start);
    writeU53(b, i * SACK_BLOCK_BYTES + 8, x.end);
  });
  return b;
}

/**
 * The blocks of an ack body whose cumulative ack is `ack`.
 * @throws MeshError `ERR_BODY_MALFORMED` when the body is not whole blocks, has more than
 *   {@link MAX_SACK_BLOCKS}, or a block is empty, not above `ack`, out of order, overlapping
 *   or touching the one before, or reaches 2^53.
 */
export function decodeSack(body: Uint8Array, ack: number): SackBlock[] {
  if (body.length === 0) return [];
  if (body.length % SACK_BLOCK_BYTES !== 0 || body.length > MAX_SACK_BLOCKS * SACK_BLOCK_BYTES) {
    throw new MeshError(ErrorCode.BodyMalformed, `SACK body of ${body.length} bytes: whole blocks of ${SACK_BLOCK_BYTES}, at most ${MAX_SACK_BLOCKS}`);
  }
  const b = Buffer.from(body.buffer, body.byteOffset, body.length);
  const blocks: SackBlock[] = [];
  let floor = ack + 1; // the next block starts at or above this
  for (let off = 0; off < b.length; off += SACK_BLOCK_BYTES) {
    const start = seqAt(b, off);
    const end = seqAt(b, off + 8);
    if (start < floor || end < start) throw new MeshError(ErrorCode.BodyMalformed, `SACK block ${start}-${end} out of order, empty or not above ${floor - 1}`);
    blocks.push({ start, end });
    floor = end + 2;
  }
  return blocks;
}

function seqAt(b: Buffer, off: number): number {
  try {
    return readU53(b, off);
  } catch {
    throw new MeshError(ErrorCode.BodyMalformed, 'SACK seq beyond 2^53');
  }
}
