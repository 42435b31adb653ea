/**
 * Binary value layout of outbox and inbox records (format 2): CRC32C (Castagnoli) of the rest
 * (4 bytes, big endian), message id (16 bytes, ULID), publish time (float64 ms since epoch),
 * payload. The checksum is verified on every read; a record that fails it is never used
 * (ERR_STORAGE). Format 1 (the same without the checksum) is rewritten to format 2 when a store
 * is opened ({@link decodeMessageV1}, `migrate.ts`).
 */
import { crc32c } from '@node-rs/crc32';
import { ErrorCode, MeshError } from '../../../shared/errors.js';
import { readUlid, writeUlid, ULID_BYTES } from '../../../shared/ids.js';
import type { StoredMessage } from '../ports.js';

const CRC = 4;
const HEAD = CRC + ULID_BYTES + 8;

/** Encodes a message value (the seq lives in the key) into a new buffer. */
export function encodeMessage(m: StoredMessage): Buffer {
  return encodeMessageInto(m, Buffer.allocUnsafe(HEAD + m.payload.length));
}

/**
 * Encodes a message value into the start of `into` (at least {@link encodedMessageBytes} long) and
 * returns the view of the bytes written. For writers that copy the value at once (a put inside an
 * LMDB write transaction callback), so one scratch buffer serves every record.
 */
export function encodeMessageInto(m: StoredMessage, into: Buffer): Buffer {
  const b = into.subarray(0, HEAD + m.payload.length);
  writeUlid(m.messageId, b, CRC);
  b.writeDoubleBE(m.publishedAtMs, CRC + ULID_BYTES);
  b.set(m.payload, HEAD);
  b.writeUInt32BE(crc32c(b.subarray(CRC)), 0);
  return b;
}

/** Bytes {@link encodeMessage} writes for `m`. */
export function encodedMessageBytes(m: StoredMessage): number {
  return HEAD + m.payload.length;
}

/**
 * Decodes a value written by {@link encodeMessage}, checking its CRC32C.
 * @throws MeshError ERR_STORAGE naming `what` (store and stream) and the seq when the record is
 *   damaged.
 */
export function decodeMessage(seq: number, b: Uint8Array, what: string): StoredMessage {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (buf.length < HEAD || buf.readUInt32BE(0) !== crc32c(buf.subarray(CRC))) {
    throw new MeshError(ErrorCode.Storage, `${what} record seq ${seq} fails its CRC32C checksum: the record is damaged`);
  }
  return { seq, messageId: readUlid(buf, CRC), publishedAtMs: buf.readDoubleBE(CRC + ULID_BYTES), payload: buf.subarray(HEAD) };
}

/** Decodes a record of format 1 (no checksum), for the migration to format 2. */
export function decodeMessageV1(seq: number, b: Uint8Array): StoredMessage {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return { seq, messageId: readUlid(buf, 0), publishedAtMs: buf.readDoubleBE(ULID_BYTES), payload: buf.subarray(ULID_BYTES + 8) };
}
