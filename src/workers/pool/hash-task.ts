/**
 * Task of the hashing pool's threads (run by piscina): the BLAKE3 digest of bytes in a
 * SharedArrayBuffer, so the input crosses threads without a copy.
 */
import { blake3 } from '@napi-rs/blake-hash';

/** Input of one task: `length` bytes at `offset` of `sab`. */
export interface HashTask {
  sab: SharedArrayBuffer;
  offset: number;
  length: number;
}

/** Returns the 32-byte BLAKE3 digest of the task's bytes. */
export default function hash({ sab, offset, length }: HashTask): Uint8Array {
  return blake3(Buffer.from(sab, offset, length));
}
