/**
 * Binary value layout of outbox and inbox records: message id (16 bytes, ULID),
 * publish time (float64 ms since epoch), payload.
 */
import { readUlid, writeUlid, ULID_BYTES } from '../../../shared/ids.js';
import type { StoredMessage } from '../ports.js';

const HEAD = ULID_BYTES + 8;

/** Encodes a message value (the seq lives in the key). */
export function encodeMessage(m: StoredMessage): Buffer {
  const b = Buffer.allocUnsafe(HEAD + m.payload.length);
  writeUlid(m.messageId, b, 0);
  b.writeDoubleBE(m.publishedAtMs, ULID_BYTES);
  b.set(m.payload, HEAD);
  return b;
}

/** Decodes a value written by {@link encodeMessage}. */
export function decodeMessage(seq: number, b: Uint8Array): StoredMessage {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return { seq, messageId: readUlid(buf, 0), publishedAtMs: buf.readDoubleBE(ULID_BYTES), payload: buf.subarray(HEAD) };
}
