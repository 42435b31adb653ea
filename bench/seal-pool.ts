/**
 * Inline AES-256-GCM sealing against the piscina sealing pool, by payload size, to place the
 * inline limit (SEAL_INLINE_MAX_BYTES). Per size, in microseconds per payload:
 * - inlineSealUs / inlineOpenUs: on the calling thread (the caller is busy all that time);
 * - poolCallerUs: the caller's own time to hand one payload to the pool (copy into a
 *   transferable buffer and submit), i.e. what the main thread still pays;
 * - poolLatencyUs: one payload sealed on the pool and awaited, round trip;
 * - poolThroughputUs: wall time per payload with 8 in flight.
 * The pool pays off where poolCallerUs is well below inlineSealUs. `npm run bench:seal`.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PayloadCipher, SEAL_INLINE_MAX_BYTES, SealPool, payloadAad } from '../src/main/security/index.js';
import { machine, runIfMain } from './common.js';

const SIZES = [16 * 1024, 64 * 1024, 128 * 1024, 256 * 1024, 512 * 1024, 1024 * 1024, 4 * 1024 * 1024, 16 * 1024 * 1024];
const round = (x: number) => Math.round(x * 10) / 10;
const key = randomBytes(32);
const aad = payloadAad('bench', '01BENCH0000000000000000000');

async function measure(pool: SealPool, size: number): Promise<object> {
  const data = randomBytes(size);
  const cipher = new PayloadCipher(aad);
  const n = Math.max(8, Math.min(400, Math.floor((64 * 1024 * 1024) / size)));
  let t = performance.now();
  let sealed = cipher.seal(key, 1, data, 1n);
  for (let i = 1; i < n; i++) sealed = cipher.seal(key, 1, data, 1n);
  const inlineSealUs = ((performance.now() - t) * 1000) / n;
  t = performance.now();
  for (let i = 0; i < n; i++) cipher.open(key, sealed);
  const inlineOpenUs = ((performance.now() - t) * 1000) / n;
  let caller = 0;
  t = performance.now();
  for (let i = 0; i < n; i++) {
    const c0 = performance.now();
    const p = pool.seal(key, 1, 1n, aad, data);
    caller += performance.now() - c0;
    await p;
  }
  const poolLatencyUs = ((performance.now() - t) * 1000) / n;
  t = performance.now();
  for (let i = 0; i < n; i += 8) await Promise.all(Array.from({ length: 8 }, () => pool.seal(key, 1, 1n, aad, data)));
  const poolThroughputUs = ((performance.now() - t) * 1000) / n;
  const back = await pool.open(key, aad, await pool.seal(key, 1, 1n, aad, data));
  if (!back.equals(data)) throw new Error('pool round trip differs');
  return { bytes: size, inlineSealUs: round(inlineSealUs), inlineOpenUs: round(inlineOpenUs), poolCallerUs: round((caller * 1000) / n), poolLatencyUs: round(poolLatencyUs), poolThroughputUs: round(poolThroughputUs) };
}

/** Runs the comparison; resolves to one record per size, the inline limit in use and the machine. */
export async function run(): Promise<object> {
  const pool = new SealPool();
  await pool.seal(key, 1, 1n, aad, Buffer.alloc(1)); // start a pool thread before measuring
  const sizes = [];
  for (const s of SIZES) sizes.push(await measure(pool, s));
  await pool.close();
  return { bench: 'seal-pool', inlineMaxBytes: SEAL_INLINE_MAX_BYTES, sizes, machine: machine() };
}

runIfMain(import.meta.url, run);
