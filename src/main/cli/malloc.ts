/**
 * glibc malloc tuning for meshd's processes (README "Running a node").
 *
 * Bulk data passes through a node as buffers of 64 KiB to a few MiB (gRPC messages, sealed
 * payloads, reassembled messages, delivery batches), most of them freshly allocated. With glibc's
 * defaults, allocations over the dynamic mmap threshold get pages of their own and a freed heap
 * top is returned to the kernel past 128 KiB, so the next buffer faults its pages in again: on this
 * project's 2-core VM a 1 MiB `Buffer.allocUnsafe` plus copy cost 0.97 ms against 0.024 ms for
 * the copy into a reused buffer (`node` micro-measurement, README "Benchmarks"). These tunables
 * (glibc manual, "Memory Allocation Tunables") keep buffers up to 32 MiB in malloc's arenas,
 * return a free heap top to the kernel only past 64 MiB, and ask for transparent huge pages where
 * the kernel offers them on request (`madvise` mode). Measured on one-hop bulk, 256 MiB: 0.45-0.46
 * Gbit/s with them against 0.33-0.42 without, and about 10 % less CPU in the nodes; the cost is
 * memory kept for reuse (`bench/backpressure.ts`, 30 s: peak RSS 591 / 383 MB against 546 / 343).
 *
 * glibc reads `GLIBC_TUNABLES` once, at process start, so a process cannot apply them to itself:
 * the processes meshd starts (the local meshes of `npm start`, the tests and the benchmarks) get
 * them in their environment, and an operator sets the variable where meshd runs (a systemd unit's
 * `Environment=`). Other C libraries ignore the variable.
 */

/** The malloc tunables meshd's processes run with (name to value). */
export const MALLOC_TUNABLES: Readonly<Record<string, string>> = {
  'glibc.malloc.hugetlb': '1',
  'glibc.malloc.mmap_threshold': String(32 * 1024 * 1024),
  'glibc.malloc.trim_threshold': String(64 * 1024 * 1024),
};

/** The names set in a `GLIBC_TUNABLES` value (`name=value` items separated by `:`). */
function names(value: string | undefined): Set<string> {
  return new Set((value ?? '').split(':').filter(Boolean).map((item) => item.split('=')[0]));
}

/**
 * `env` with {@link MALLOC_TUNABLES} added to its `GLIBC_TUNABLES`, for a child process. A
 * tunable the variable already names keeps its value (an operator's choice wins).
 */
export function withMallocTunables(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const have = names(env.GLIBC_TUNABLES);
  const add = Object.entries(MALLOC_TUNABLES).filter(([name]) => !have.has(name)).map(([name, value]) => `${name}=${value}`);
  if (!add.length) return env;
  return { ...env, GLIBC_TUNABLES: [env.GLIBC_TUNABLES, ...add].filter(Boolean).join(':') };
}

/** True when `env` (this process's, by default) names every tunable of {@link MALLOC_TUNABLES}. */
export function mallocTuned(env: NodeJS.ProcessEnv = process.env): boolean {
  const have = names(env.GLIBC_TUNABLES);
  return Object.keys(MALLOC_TUNABLES).every((name) => have.has(name));
}
