/**
 * V8 heap tuning for meshd's processes (meshd, meshctl).
 *
 * Bulk data passes through a node as large Buffers whose memory lies outside the V8 heap, while the
 * heap itself stays small (about 30 MB at a node). With V8's default growing factor the old
 * generation's allocation limit sits a few tens of MB above that, and the churn of those Buffers
 * starts a full mark-compact every 100-200 ms: measured with `--trace-gc` on `npm run bench:bulk`,
 * about 120 mark-compacts per 256 MiB over one hop, and the GC threads took over a third of both
 * cores. A growing factor of 5 (`--heap-growing-percent=400`) cuts that to about 20 and raised the
 * one-hop bulk figure from 0.29 to 0.39-0.43 Gbit/s on this 2-core machine (docs/BENCHMARKS.md).
 * The heap may then grow to five times its live size before a full collection; it is still bounded
 * by `--max-old-space-size`.
 *
 * The flag is set at run time with `v8.setFlagsFromString`, which V8 reads each time it computes a
 * new limit after a collection, so it applies to the main thread and to every worker thread
 * (flags are per process). An operator's own `node --heap-growing-percent=N` wins.
 */
import { setFlagsFromString } from 'node:v8';

/** V8's old-generation growing percent meshd uses (the factor is `1 + percent / 100`). */
export const HEAP_GROWING_PERCENT = 400;

/**
 * Sets V8's heap growing percent to `percent` (default {@link HEAP_GROWING_PERCENT}) unless the
 * process was started with its own `--heap-growing-percent`. Returns the percent in effect, or
 * null when the operator's flag was kept.
 * @throws RangeError when `percent` is not an integer in 1..10000.
 */
export function tuneHeap(percent = HEAP_GROWING_PERCENT, execArgv: readonly string[] = process.execArgv): number | null {
  if (!Number.isInteger(percent) || percent < 1 || percent > 10_000) throw new RangeError(`heap growing percent must be an integer in 1..10000, got ${percent}`);
  if (execArgv.some((a) => /^--heap[-_]growing[-_]percent(=|$)/.test(a))) return null;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
