/**
 * Task of the sealing pool's threads (run by piscina): AES-256-GCM sealing or opening of one
 * large tenant payload in the layout of `sealing.ts`, so the main thread is not blocked while a
 * multi-megabyte payload is encrypted. The input arrives moved (no copy back and forth); the
 * output is moved back.
 */
import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { Piscina } from 'piscina';
import { SEAL_HEAD_BYTES, SEAL_LABEL_BYTES } from './sealing.js';

/** One seal: `label` is version | epoch | publisher ({@link SEAL_LABEL_BYTES}), `data` the plaintext. */
export interface SealTask {
  op: 'seal';
  key: Uint8Array;
  label: Uint8Array;
  aad: Uint8Array;
  data: ArrayBuffer;
}

/** One open: `data` is the sealed payload. */
export interface OpenTask {
  op: 'open';
  key: Uint8Array;
  aad: Uint8Array;
  data: ArrayBuffer;
}

/**
 * Seals or opens; resolves to the output's bytes (moved).
 * @throws Error when a payload does not open (the caller turns it into ERR_DECRYPT).
 */
export default function gcm(t: SealTask | OpenTask): unknown {
  const data = new Uint8Array(t.data);
  if (t.op === 'seal') {
    const out = new Uint8Array(SEAL_HEAD_BYTES + data.length + 16);
    out.set(t.label, 0);
    randomFillSync(out, SEAL_LABEL_BYTES, 12);
    const c = createCipheriv('aes-256-gcm', t.key, out.subarray(SEAL_LABEL_BYTES, SEAL_HEAD_BYTES));
    c.setAAD(Buffer.concat([t.label, t.aad]));
    const n = c.update(data).copy(out, SEAL_HEAD_BYTES);
    c.final();
    c.getAuthTag().copy(out, SEAL_HEAD_BYTES + n);
    return Piscina.move(out.buffer);
  }
  const d = createDecipheriv('aes-256-gcm', t.key, data.subarray(SEAL_LABEL_BYTES, SEAL_HEAD_BYTES));
  d.setAAD(Buffer.concat([data.subarray(0, SEAL_LABEL_BYTES), t.aad]));
  d.setAuthTag(data.subarray(data.length - 16));
  const out = new Uint8Array(data.length - SEAL_HEAD_BYTES - 16);
  d.update(data.subarray(SEAL_HEAD_BYTES, data.length - 16)).copy(out, 0);
  d.final();
  return Piscina.move(out.buffer);
}
