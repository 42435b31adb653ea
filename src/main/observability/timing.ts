/**
 * Latency helpers for metrics: the age of a message from its ULID (the publish time the source
 * stamped into its id, https://github.com/ulid/spec), and timing of an object's async method.
 */
import { decodeTime } from 'ulid';

/** Seconds since the ULID `id` was made (0 when it is not a ULID or lies in the future). */
export function ulidAgeSeconds(id: string, nowMs = Date.now()): number {
  try {
    return Math.max(0, (nowMs - decodeTime(id)) / 1000);
  } catch {
    return 0;
  }
}

/**
 * Replaces `obj[method]` (which must return a promise) by one that reports each call's duration in
 * seconds to `observe`, success or failure; used to time the durable writes of a store at its one
 * construction site (MeshNode), so the storage code stays free of metrics.
 */
export function timeAsyncMethod<T extends object>(obj: T, method: keyof T & string, observe: (seconds: number) => void): void {
  const fn = obj[method] as unknown as (...a: unknown[]) => Promise<unknown>;
  if (typeof fn !== 'function') return;
  const timed = function (this: unknown, ...a: unknown[]): Promise<unknown> {
    const t0 = process.hrtime.bigint();
    const done = () => observe(Number(process.hrtime.bigint() - t0) / 1e9);
    const p = fn.apply(this, a);
    p.then(done, done);
    return p;
  };
  Object.defineProperty(obj, method, { value: timed, configurable: true, writable: true });
}
