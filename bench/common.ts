/**
 * Shared pieces of the benchmarks: the machine description every JSON line carries, a temporary
 * line mesh of real meshd processes, and the rule for running a scenario file directly.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MeshClient } from '../src/main/api/grpc/client.js';
import { startLineMesh, type LocalNode } from '../src/main/cli/local-mesh.js';
import { mallocTuned, withMallocTunables } from '../src/main/cli/malloc.js';

/** The machine a figure was measured on. */
export function machine(): { cores: number; cpu: string; memGiB: number; node: string } {
  return { cores: cpus().length, cpu: cpus()[0]?.model ?? '', memGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
}

/** A line mesh with `hops` hops from its first node (source) to its last (target). */
export interface Chain {
  src: MeshClient;
  dst: MeshClient;
  target: string;
  nodes: LocalNode[];
  stop(): Promise<void>;
}

/**
 * Starts a line of `hops + 1` meshd processes in a temporary directory; with `--insecure-dev-only`
 * on the benchmark's command line, every node gets it (the security benchmark's baseline).
 */
export async function startChain(hops: number): Promise<Chain> {
  const dir = mkdtempSync(join(tmpdir(), 'meshd-bench-'));
  const ids = Array.from({ length: hops + 1 }, (_, i) => `n${i}`);
  const extraArgs = process.argv.includes('--insecure-dev-only') ? ['--insecure-dev-only'] : [];
  const mesh = await startLineMesh(dir, ids, { logLevel: 'warn', extraArgs });
  return {
    src: mesh.clients[0], dst: mesh.clients[hops], target: ids[hops], nodes: mesh.nodes,
    async stop() {
      await mesh.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A TCP port free on 127.0.0.1 right now (for a peer server the benchmark starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/**
 * Runs `main` when the calling module is the process's entry file; prints its result as one JSON
 * line. A process started without meshd's malloc tunables (src/main/cli/malloc.ts) runs itself
 * again with them, as meshd's own processes run, since the clients of a scenario live in it.
 */
export function runIfMain(url: string, main: () => Promise<object>): void {
  if (process.argv[1] && url === pathToFileURL(process.argv[1]).href) {
    if (!mallocTuned()) {
      const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: withMallocTunables() });
      process.exit(child.status ?? 1);
    }
    main().then((r) => { console.log(JSON.stringify(r)); process.exit(0); }, (err: unknown) => { console.error(err); process.exit(1); });
  }
}
