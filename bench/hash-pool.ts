/**
 * Inline BLAKE3 against the piscina hashing pool, by input size, to place the inline limit
 * (HASH_INLINE_MAX_BYTES). Per size it reports, in microseconds per input:
 * - inlineUs: hashing on the calling thread (the caller is busy all that time);
 * - poolCallerUs: the caller's own time to hand one input to the pool (copy into shared memory
 *   and submit), i.e. what the data-plane thread still pays;
 * - sharedCallerUs: the same for an input already in a SharedArrayBuffer (no copy; reassembly
 *   builds large messages there);
 * - poolLatencyUs: one input submitted and awaited, round trip;
 * - poolThroughputUs: wall time per input with 8 in flight.
 * The pool pays off where poolCallerUs is well below inlineUs. `node dist/bench/hash-pool.js`.
 */
import { performance } from 'node:perf_hooks';
import { blake3 } from '@napi-rs/blake-hash';
import { HASH_INLINE_MAX_BYTES, HashPool } from '../src/workers/pool/index.js';
import { machine, runIfMain } from './common.js';

const SIZES = [64 * 1024, 256 * 1024, 512 * 1024, 1024 * 1024, 4 * 1024 * 1024, 16 * 1024 * 1024];
const round = (x: number) => Math.round(x * 10) / 10;

async function measure(pool: HashPool, size: number): Promise<object> {
  const data = Buffer.alloc(size, 7);
  const n = Math.max(8, Math.min(400, Math.floor((64 * 1024 * 1024) / size)));
  let t = performance.now();
  for (let i = 0; i < n; i++) blake3(data);
  const inlineUs = ((performance.now() - t) * 1000) / n;
  let caller = 0;
  t = performance.now();
  for (let i = 0; i < n; i++) {
    const c0 = performance.now();
    const p = pool.offload(data);
    caller += performance.now() - c0;
    await p;
  }
  const poolLatencyUs = ((performance.now() - t) * 1000) / n;
  const shared = new Uint8Array(new SharedArrayBuffer(size)).fill(7);
  let sharedCaller = 0;
  for (let i = 0; i < n; i++) {
    const c0 = performance.now();
    const p = pool.offload(shared);
    sharedCaller += performance.now() - c0;
    await p;
  }
  t = performance.now();
  for (let i = 0; i < n; i += 8) await Promise.all(Array.from({ length: 8 }, () => pool.offload(data)));
  const poolThroughputUs = ((performance.now() - t) * 1000) / n;
  return { bytes: size, inlineUs: round(inlineUs), poolCallerUs: round((caller * 1000) / n), sharedCallerUs: round((sharedCaller * 1000) / n), poolLatencyUs: round(poolLatencyUs), poolThroughputUs: round(poolThroughputUs) };
}

/** Runs the comparison; resolves to one record per size, the inline limit in use and the machine. */
export async function run(): Promise<object> {
  const pool = new HashPool();
  await pool.offload(Buffer.alloc(1)); // start a pool thread before measuring
  const sizes = [];
  for (const s of SIZES) sizes.push(await measure(pool, s));
  await pool.close();
  return { bench: 'hash-pool', inlineMaxBytes: HASH_INLINE_MAX_BYTES, sizes, machine: machine() };
}

runIfMain(import.meta.url, run);
