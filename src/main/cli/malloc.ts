/**
 * glibc malloc tuning for meshd's processes (README "Running a node").
 *
 * Bulk data passes through a node as buffers of 64 KiB to a few MiB (gRPC messages, sealed
 * payloads, reassembled messages, delivery batches), most of them freshly allocated, and each new
 * page costs a fault: on this project's 2-core VM a 1 MiB `Buffer.allocUnsafe` plus copy cost 0.97
 * ms against 0.024 ms for the copy into a reused buffer (a `node` micro-measurement). With
 * `glibc.malloc.hugetlb=1` (glibc manual, "Memory Allocation Tunables") malloc asks for transparent
 * huge pages where the kernel offers them on request (`madvise` mode), so a fresh megabyte takes one
 * fault instead of 256: 0.36 ms in the same measurement. One-hop bulk, 256 MiB: 0.42-0.47 Gbit/s
 * with it against 0.33-0.46 without (README "Running a node"). Two more tunables tried with it (a
 * 32 MiB mmap threshold and a 64 MiB trim threshold, about 10 % less CPU) kept memory: a node
 * under 500 unauthenticated connections peaked at 319-351 MB against 236-255 MB without them
 * (test/integration/security.test.ts holds it under 300 MB), so they are not set.
 *
 * glibc reads `GLIBC_TUNABLES` once, at process start, so a process cannot apply it to itself:
 * the processes meshd starts (the local meshes of `npm start`, the tests and the benchmarks) get
 * it in their environment, and an operator sets the variable where meshd runs (a systemd unit's
 * `Environment=`). Other C libraries ignore the variable.
 */

/** The malloc tunables meshd's processes run with (name to value). */
export const MALLOC_TUNABLES: Readonly<Record<string, string>> = {
  'glibc.malloc.hugetlb': '1',
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
