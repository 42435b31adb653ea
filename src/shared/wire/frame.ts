/**
 * Frame codec. A frame is a fixed 96-byte header followed by a payload:
 *
 * | offset | size | field                                   |
 * |-------:|-----:|-----------------------------------------|
 * | 0      | 1    | version ({@link WIRE_VERSION})          |
 * | 1      | 1    | type ({@link FrameType})                |
 * | 2      | 1    | flags ({@link FrameFlag})               |
 * | 3      | 1    | priority (0 highest .. 7)               |
 * | 4      | 1    | ttl (hops left; not covered by the CRC) |
 * | 5      | 1    | hop_count (not covered by the CRC)      |
 * | 6      | 2    | path_id                                 |
 * | 8      | 4    | payload length (bytes)                  |
 * | 12     | 8    | source node tag                         |
 * | 20     | 8    | destination node tag                    |
 * | 28     | 16   | stream_id (ULID, zero when none)        |
 * | 44     | 8    | tenant tag                              |
 * | 52     | 8    | seq                                     |
 * | 60     | 8    | ack                                     |
 * | 68     | 4    | chunk_seq                               |
 * | 72     | 4    | total_chunks                            |
 * | 76     | 16   | message id (ULID, zero when none)       |
 * | 92     | 4    | CRC32C (Castagnoli, RFC 3720 B.4)       |
 *
 * All integers are big endian. The CRC32C covers bytes 0-3, 6-91 and the payload, so a transit
 * node can decrement ttl and increment hop_count without recomputing it.
 *
 * The payload may end with a trailer the length counts: a pair tag ({@link FrameFlag.Auth}, every
 * routed frame) or a signature ({@link FrameFlag.Signed}, LSAs). {@link parseFrame} returns the
 * body without it, and the trailer on its own.
 */
import { crc32c } from '@node-rs/crc32';
import { ErrorCode, MeshError } from '../errors.js';
import { readUlid, writeUlid } from '../ids.js';
import { frameTag, tagsEqual } from './auth.js';
import {
  FrameFlag, HEADER_BYTES, MAX_FRAME_PAYLOAD, ROUTED_TYPES, SIGNATURE_BYTES, TAG_BYTES, TRACE_CONTEXT_BYTES, WIRE_VERSION, isFrameType, type FrameType,
} from './constants.js';

/** Offsets of header fields (bytes). */
export const Off = {
  version: 0, type: 1, flags: 2, priority: 3, ttl: 4, hopCount: 5, pathId: 6, length: 8,
  src: 12, dst: 20, streamId: 28, tenant: 44, seq: 52, ack: 60, chunkSeq: 68, totalChunks: 72,
  messageId: 76, crc: 92,
} as const;

/** Fields of a frame to encode. Omitted numeric fields are 0, omitted ids are zero bytes. */
export interface FrameInit {
  type: FrameType;
  flags?: number;
  priority?: number;
  ttl: number;
  hopCount?: number;
  pathId?: number;
  src: bigint;
  dst: bigint;
  streamId?: string;
  tenant?: bigint;
  seq?: number;
  ack?: number;
  chunkSeq?: number;
  totalChunks?: number;
  messageId?: string;
  payload?: Uint8Array;
  /**
   * Routed types only: the (source, destination) pair key that seals the frame now. Without it the
   * tag is left zero, for the data plane to seal ({@link sealFrame} in auth.ts) before it sends.
   */
  macKey?: Uint8Array;
  /** LSAs: the origin's signature of `payload`, appended as the trailer ({@link FrameFlag.Signed}). */
  signature?: Uint8Array;
  /** Data frames of a sampled message: its {@link TRACE_CONTEXT_BYTES} trace context ({@link FrameFlag.Trace}). */
  trace?: Uint8Array;
}

/**
 * A decoded frame. `payload` is the body without its trace context and trailer; `trace` the trace
 * context (empty when the frame has none); `trailer` is the pair tag or signature (empty when the
 * frame has none); `raw` is the whole encoded frame, for forwarding without re-encoding.
 */
export interface Frame extends Required<Omit<FrameInit, 'payload' | 'macKey' | 'signature' | 'trace'>> {
  payload: Uint8Array;
  trace: Uint8Array;
  trailer: Uint8Array;
  raw: Uint8Array;
}

/** Trailer bytes a frame with these flags carries. */
export function trailerBytes(flags: number): number {
  return (flags & FrameFlag.Auth ? TAG_BYTES : 0) + (flags & FrameFlag.Signed ? SIGNATURE_BYTES : 0);
}

const EMPTY = new Uint8Array(0);
const TWO32 = 2 ** 32;

/** Writes `v` (below 2^53) as an unsigned 64-bit big-endian integer at `off`. */
export function writeU53(b: Buffer, off: number, v: number): void {
  b.writeUInt32BE(Math.floor(v / TWO32), off);
  b.writeUInt32BE(v >>> 0, off + 4);
}

/**
 * Reads an unsigned 64-bit big-endian integer at `off`.
 * @throws MeshError `ERR_FRAME_BAD_HEADER` when it is 2^53 or more.
 */
export function readU53(b: Buffer, off: number): number {
  const hi = b.readUInt32BE(off);
  if (hi > 0x1fffff) throw new MeshError(ErrorCode.FrameBadHeader, 'sequence number beyond 2^53');
  return hi * TWO32 + b.readUInt32BE(off + 4);
}

/** CRC32C of a frame as defined above: header bytes 0-3 and 6-91, then the payload. */
export function frameCrc(frame: Uint8Array, payloadLength: number): number {
  let c = crc32c(frame.subarray(0, 4));
  c = crc32c(frame.subarray(6, Off.crc), c);
  if (payloadLength > 0) c = crc32c(frame.subarray(HEADER_BYTES, HEADER_BYTES + payloadLength), c);
  return c >>> 0;
}

/**
 * Encodes one frame into a new buffer of `HEADER_BYTES + payload.length` bytes plus its trailer:
 * routed types ({@link ROUTED_TYPES}) always get a {@link TAG_BYTES} pair tag (computed with
 * `macKey`, else zero until sealed), and a `signature` is appended as given.
 * @throws MeshError ERR_FRAME_TOO_LARGE when the payload and trailer exceed {@link MAX_FRAME_PAYLOAD};
 *   ERR_INVALID_ARGUMENT when an id is not a ULID or a signature has the wrong size.
 */
export function encodeFrame(f: FrameInit): Buffer {
  const payload = f.payload ?? EMPTY;
  let flags = f.flags ?? 0;
  if (ROUTED_TYPES.has(f.type)) flags |= FrameFlag.Auth;
  const trace = f.trace && f.trace.length ? f.trace : EMPTY;
  if (trace.length) {
    if (trace.length !== TRACE_CONTEXT_BYTES) throw new MeshError(ErrorCode.InvalidArgument, `trace context must be ${TRACE_CONTEXT_BYTES} bytes`);
    flags |= FrameFlag.Trace;
  }
  if (f.signature) {
    if (f.signature.length !== SIGNATURE_BYTES) throw new MeshError(ErrorCode.InvalidArgument, `signature must be ${SIGNATURE_BYTES} bytes`);
    flags |= FrameFlag.Signed;
  }
  const length = trace.length + payload.length + trailerBytes(flags);
  if (length > MAX_FRAME_PAYLOAD) {
    throw new MeshError(ErrorCode.FrameTooLarge, `frame payload ${length} > ${MAX_FRAME_PAYLOAD}`);
  }
  const b = Buffer.allocUnsafe(HEADER_BYTES + length);
  b[Off.version] = WIRE_VERSION;
  b[Off.type] = f.type;
  b[Off.flags] = flags;
  b[Off.priority] = f.priority ?? 0;
  b[Off.ttl] = f.ttl;
  b[Off.hopCount] = f.hopCount ?? 0;
  b.writeUInt16BE(f.pathId ?? 0, Off.pathId);
  b.writeUInt32BE(length, Off.length);
  b.writeBigUInt64BE(f.src, Off.src);
  b.writeBigUInt64BE(f.dst, Off.dst);
  if (f.streamId) writeUlid(f.streamId, b, Off.streamId);
  else b.fill(0, Off.streamId, Off.streamId + 16);
  b.writeBigUInt64BE(f.tenant ?? 0n, Off.tenant);
  writeU53(b, Off.seq, f.seq ?? 0);
  writeU53(b, Off.ack, f.ack ?? 0);
  b.writeUInt32BE(f.chunkSeq ?? 0, Off.chunkSeq);
  b.writeUInt32BE(f.totalChunks ?? 0, Off.totalChunks);
  if (f.messageId) writeUlid(f.messageId, b, Off.messageId);
  else b.fill(0, Off.messageId, Off.messageId + 16);
  if (trace.length) b.set(trace, HEADER_BYTES);
  b.set(payload, HEADER_BYTES + trace.length);
  let end = HEADER_BYTES + trace.length + payload.length;
  if (f.signature) {
    b.set(f.signature, end);
    end += SIGNATURE_BYTES;
  }
  if (flags & FrameFlag.Auth) {
    if (f.macKey) b.set(frameTag(f.macKey, b, end), end);
    else b.fill(0, end, end + TAG_BYTES);
  }
  b.writeUInt32BE(frameCrc(b, length), Off.crc);
  return b;
}

/**
 * Seals a routed frame encoded without a key: writes its pair tag under `key` and recomputes the
 * CRC32C, in place. The data plane seals every routed frame this node originates.
 * @throws MeshError ERR_INVALID_ARGUMENT when the frame has no tag space ({@link FrameFlag.Auth}).
 */
export function sealFrame(frame: Uint8Array, key: Uint8Array): void {
  const b = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  if (!(b[Off.flags] & FrameFlag.Auth) || b.length < HEADER_BYTES + TAG_BYTES) {
    throw new MeshError(ErrorCode.InvalidArgument, 'frame has no tag to seal');
  }
  const end = b.length - TAG_BYTES;
  b.set(frameTag(key, b, end), end);
  b.writeUInt32BE(frameCrc(b, b.length - HEADER_BYTES), Off.crc);
}

/**
 * True when a parsed frame carries a pair tag that `key` (the key of its claimed source and this
 * node) produced over its header (ttl and hop_count excepted) and body.
 */
export function verifyFrameTag(f: Frame, key: Uint8Array): boolean {
  if (!(f.flags & FrameFlag.Auth) || f.trailer.length < TAG_BYTES) return false;
  const raw = Buffer.from(f.raw.buffer, f.raw.byteOffset, f.raw.byteLength);
  const end = raw.length - TAG_BYTES;
  return tagsEqual(frameTag(key, raw, end), raw.subarray(end));
}

/**
 * Reads the payload length from a complete header and validates version, type and size.
 * @throws MeshError ERR_FRAME_BAD_VERSION, ERR_FRAME_BAD_TYPE, ERR_FRAME_TOO_LARGE.
 */
export function checkHeader(h: Uint8Array): number {
  if (h[Off.version] !== WIRE_VERSION) {
    throw new MeshError(ErrorCode.FrameBadVersion, `unsupported wire version ${h[Off.version]}`);
  }
  if (!isFrameType(h[Off.type])) throw new MeshError(ErrorCode.FrameBadType, `unknown frame type ${h[Off.type]}`);
  const len = ((h[8] << 24) | (h[9] << 16) | (h[10] << 8) | h[11]) >>> 0;
  if (len > MAX_FRAME_PAYLOAD) throw new MeshError(ErrorCode.FrameTooLarge, `frame payload ${len} > ${MAX_FRAME_PAYLOAD}`);
  return len;
}

/**
 * Parses one complete frame (header and payload, exactly) and checks its CRC32C.
 * The returned payload and raw views share memory with `bytes`.
 * @throws MeshError ERR_FRAME_BAD_CRC, ERR_FRAME_BAD_HEADER, and the codes of {@link checkHeader}.
 */
export function parseFrame(bytes: Uint8Array): Frame {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = checkHeader(b);
  if (b.length !== HEADER_BYTES + len) throw new MeshError(ErrorCode.FrameTruncated, 'frame length mismatch');
  const crc = b.readUInt32BE(Off.crc);
  if (crc !== frameCrc(b, len)) throw new MeshError(ErrorCode.FrameBadCrc, 'frame CRC32C mismatch');
  const flags = b[Off.flags];
  const trailer = trailerBytes(flags);
  const traced = flags & FrameFlag.Trace ? TRACE_CONTEXT_BYTES : 0;
  if (trailer + traced > len) throw new MeshError(ErrorCode.FrameBadHeader, 'frame shorter than its trace context, tag or signature');
  return {
    type: b[Off.type] as FrameType,
    flags,
    priority: b[Off.priority],
    ttl: b[Off.ttl],
    hopCount: b[Off.hopCount],
    pathId: b.readUInt16BE(Off.pathId),
    src: b.readBigUInt64BE(Off.src),
    dst: b.readBigUInt64BE(Off.dst),
    streamId: readUlid(b, Off.streamId),
    tenant: b.readBigUInt64BE(Off.tenant),
    seq: readU53(b, Off.seq),
    ack: readU53(b, Off.ack),
    chunkSeq: b.readUInt32BE(Off.chunkSeq),
    totalChunks: b.readUInt32BE(Off.totalChunks),
    messageId: readUlid(b, Off.messageId),
    payload: b.subarray(HEADER_BYTES + traced, HEADER_BYTES + len - trailer),
    trace: b.subarray(HEADER_BYTES, HEADER_BYTES + traced),
    trailer: b.subarray(HEADER_BYTES + len - trailer),
    raw: b,
  };
}
